"""K-fold cross-validation of the whole extractor over annotated corpora.

Folds are fixed by a seed and split by article (dealt round-robin within
each language, so every fold holds every language). For each fold the
learned decisions are fitted on the other folds and the held-out articles
are extracted with them; the reference scorer (called as a program) scores
each fold, per language too. The in-sample figure (fitted and scored on
everything) is reported beside it: the gap says how much is memorised.
"""
from __future__ import annotations

import json
import random
import tempfile
from collections import defaultdict
from pathlib import Path

from ..records import Article
from .decider import Decider
from .train import fit_models, labelled, record

FIELDS = ["relevant", "countries", "types", "areas", "orgs", "participants", "role_acc", "country_acc",
          "rank_acc", "documents", "status_acc", "exercises", "date", "location"]


def load_corpus(paths: list[Path]) -> tuple[list[Article], dict[str, dict]]:
    """Articles (cleaned as any input is) and their gold records, from corpus folders or article files."""
    from ..api import read_articles
    from ..errors import InputError

    articles, golds = [], {}
    for path in paths:
        path = Path(path)
        arts = path / "articles.jsonl" if path.is_dir() else path
        gold = arts.parent / "gold.jsonl"
        with open(gold, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    golds[rec["id"]] = rec
        for item in read_articles([arts]):
            if isinstance(item, InputError):
                raise item
            articles.append(item)
    return articles, golds


def folds(articles: list[Article], k: int, seed: int) -> list[list[str]]:
    """``k`` lists of article ids: shuffled by ``seed`` within each language, then dealt in turn."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: a.external_id or a.id):
        by_lang[a.lang or "?"].append(a.external_id or a.id)
    rng = random.Random(seed)
    out: list[list[str]] = [[] for _ in range(k)]
    turn = 0
    for lang in sorted(by_lang):
        ids = by_lang[lang]
        rng.shuffle(ids)
        for aid in ids:
            out[turn % k].append(aid)
            turn += 1
    return out


def _figure(v: dict) -> float:
    return v["f1"] if "f1" in v else v["acc"]


def _support(v: dict) -> int:
    return v["n"] if "n" in v else v["tp"] + v["fp"] + v["fn"]


def _score_groups(score_file, scorer: Path, golds: dict[str, dict], preds: dict[str, dict], langs: dict[str, str],
                  tmp: Path, tag: str) -> dict:
    """{'all': scores, lang: scores} of ``preds`` against their golds."""
    pred_path = tmp / f"{tag}.pred.jsonl"
    pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds.values()), encoding="utf-8")
    groups: dict[str, list[str]] = {"all": list(preds)}
    for aid in preds:
        groups.setdefault(langs[aid], []).append(aid)
    out = {}
    for name, ids in groups.items():
        gold_path = tmp / f"{tag}.{name}.gold.jsonl"
        gold_path.write_text("".join(json.dumps(golds[i], ensure_ascii=False) + "\n" for i in ids), encoding="utf-8")
        out[name] = score_file(scorer, gold_path, pred_path)
    return out


def _mean(results: list[dict]) -> dict:
    """Per field, the mean over folds where the field had anything to score; 'score' over all folds."""
    out = {}
    for f in FIELDS:
        vals = [_figure(r[f]) for r in results if f in r and _support(r[f])]
        out[f] = round(sum(vals) / len(vals), 4) if vals else None
    out["score"] = round(sum(r["score"] for r in results) / len(results), 4)
    out["articles"] = sum(r["articles"] for r in results)
    return out


def cross_validate(articles: list[Article], golds: dict[str, dict], scorer: Path, *, k: int = 5, seed: int = 13,
                   extractor=None, progress=None, decisions: dict | None = None) -> dict:
    """Cross-validated and in-sample scores of the extractor with its learned decisions."""
    from ..bench.accuracy import score_file
    from ..extractors import Extractor

    extractor = extractor or Extractor()
    by_id = {a.external_id or a.id: a for a in articles}
    langs = {aid: a.lang or "?" for aid, a in by_id.items()}
    rows = record(articles, golds, extractor, progress=progress)
    fold_ids = folds(articles, k, seed)
    fold_scores: list[dict] = []
    pooled: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i, held in enumerate(fold_ids):
            held_set = set(held)
            train_rows = {aid: r for aid, r in rows.items() if aid not in held_set}
            models = fit_models(labelled(train_rows, golds), decisions)
            decider = Decider(models)
            preds = {}
            for aid in held:
                preds[aid] = extractor.extract(by_id[aid], decider=decider).model_dump(mode="json")
                if progress:
                    progress()
            pooled.update(preds)
            fold_scores.append(_score_groups(score_file, scorer, golds, preds, langs, tmp, f"fold{i}"))
        models = fit_models(labelled(rows, golds), decisions)
        decider = Decider(models)
        fitted = {}
        for aid, article in by_id.items():
            fitted[aid] = extractor.extract(article, decider=decider).model_dump(mode="json")
            if progress:
                progress()
        in_sample = _score_groups(score_file, scorer, golds, fitted, langs, tmp, "insample")
        pooled_scores = _score_groups(score_file, scorer, golds, pooled, langs, tmp, "pooled")
    groups = sorted({g for fs in fold_scores for g in fs})
    cv = {g: _mean([fs[g] for fs in fold_scores if g in fs]) for g in groups}
    return {"k": k, "seed": seed, "articles": len(rows), "cv": cv,
            "pooled": {g: {**{f: _figure(v[f]) for f in FIELDS}, "score": v["score"]} for g, v in pooled_scores.items()},
            "in_sample": {g: {**{f: _figure(v[f]) for f in FIELDS}, "score": v["score"]} for g, v in in_sample.items()},
            "participants_precision": {"cv": round(sum(fs["all"]["participants"]["p"] for fs in fold_scores)
                                                   / len(fold_scores), 4),
                                       "in_sample": in_sample["all"]["participants"]["p"]},
            "folds": [{g: v["score"] for g, v in fs.items()} for fs in fold_scores],
            "predictions": pooled, "models": models}
