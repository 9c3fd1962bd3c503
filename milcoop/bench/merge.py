"""Event merging: ingest a clusters corpus into a fresh database and score the grouping, in sample and held out.

In sample: every article's main event (its first) and the occasion the store
filed it under, scored by the reference scorer ``shared/eval/merge_score.py``
(called as a program, never copied).

Held out, leave one occasion out: the rules' numbers (``resolve.occasions.Rules``)
are chosen from a small grid on every occasion but one (the best pairwise F1
over their articles), the reports are filed again with them, and the pairs
that involve the left-out occasion's articles are counted; summed over all
occasions. The filing is replayed in memory (``resolve.occasions.group``, the
store's own decision in the store's order; the replay is checked to give what
the store gave), so the grid costs no re-extraction.
"""
from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from ..api import ingest
from ..resolve.occasions import RULES, Facts, Rules, group
from ..store import open_store
from ..store.models import occasion_id

GRID = [Rules(day_tolerance=d, near_days=n, name_similarity=s)
        for d in (1, 3, 7) for n in (21, 45, 59) for s in (80, 85, 90)]

Filed = list[tuple[str, str, str | None, Facts]]


def _main_events(reports: Filed, assigned: dict[str, str], external: dict[str, str]) -> dict[str, str]:
    """{article external id: occasion of its first event}."""
    out: dict[str, str] = {}
    for event_id, article_id, _, _ in reports:
        out.setdefault(external[article_id], assigned[event_id])
    return out


def pairs(gold: dict[str, str], pred: dict[str, str], counted=lambda a, b: True) -> tuple[int, int, int]:
    """(tp, fp, fn) over article pairs, as ``merge_score.py`` counts them (an article missing from ``pred`` is alone)."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        if not counted(a, b):
            continue
        same_gold = gold[a] == gold[b]
        same_pred = pred.get(a) is not None and pred.get(a) == pred.get(b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp, fp, fn


def _scores(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _replay(reports: Filed, rules: Rules, external: dict[str, str], keep=None) -> dict[str, str]:
    chosen = [(e, a, f) for e, a, _, f in reports if keep is None or external[a] in keep]
    assigned = group(chosen, rules)
    return _main_events([r for r in reports if r[0] in assigned], assigned, external)


def held_out(reports: Filed, gold: dict[str, str], external: dict[str, str]) -> dict:
    """Leave-one-occasion-out over the gold occasions (see the module's docstring)."""
    tp = fp = fn = 0
    shipped = 0
    chosen_rules = []
    for occasion in sorted(set(gold.values())):
        left_out = {a for a, o in gold.items() if o == occasion}
        rest = {a: o for a, o in gold.items() if a not in left_out}

        fits = {rules: _scores(*pairs(rest, _replay(reports, rules, external, keep=set(rest))))["f1"]
                for rules in GRID}
        best = max(GRID, key=lambda rules: (fits[rules], rules == RULES))  # the shipped rules win a tie
        shipped += best == RULES
        chosen_rules.append(asdict(best))
        pred = _replay(reports, best, external)
        t, p, n = pairs(gold, pred, lambda a, b: a in left_out or b in left_out)
        tp, fp, fn = tp + t, fp + p, fn + n
    return {**_scores(tp, fp, fn), "folds": len(chosen_rules), "folds_choosing_shipped_rules": shipped}


def run(articles: Path, gold_path: Path, scorer: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "merge.db"
        report = ingest([articles], str(db))
        pred = Path(tmp) / "pred.jsonl"
        with open_store(str(db)) as store:
            external = {}
            ids = {}
            for article_id in store.article_ids():
                art = store.get_article(article_id)
                external[article_id] = art.external_id or article_id
                ids[external[article_id]] = store.occasion_of(article_id) or article_id
            reports = store.filed_reports()
        with open(pred, "w", encoding="utf-8") as fh:
            for ext, occ in ids.items():
                fh.write(json.dumps({"id": ext, "event": occ}) + "\n")
        res = subprocess.run([sys.executable, str(scorer), str(gold_path), str(pred)],
                             capture_output=True, text=True, check=True)
    lines = res.stdout.strip().splitlines()
    wrong = [json.loads(line) for line in lines if line.startswith("{")]
    scores = {}
    for line in lines:
        if not line.startswith("{"):
            key, _, value = line.partition(" ")
            scores[key] = json.loads(value.strip())
    with open(gold_path, encoding="utf-8") as fh:
        gold = {r["id"]: r["occasion"] for r in map(json.loads, filter(str.strip, fh))}
    stored = {e: o for e, _, o, _ in reports}
    replayed = {e: occasion_id(o) for e, o in group([(e, a, f) for e, a, _, f in reports], RULES).items()}
    return {**scores, "wrong": wrong, "occasions": len(set(ids.values())), "errors": len(report.errors),
            "held_out": held_out(reports, gold, external), "rules": asdict(RULES),
            "replay_matches_store": replayed == stored}
