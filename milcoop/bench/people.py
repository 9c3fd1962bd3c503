"""People: canonical persons, participants who are officials, and tenures, against a corpus's gold.

Each corpus is ingested into a fresh database; the extraction records stored are
recorded on the way (they are what ``milcoop extract`` writes). Three figures:

- **persons**: each stored participant is matched to a gold participant of its article
  (by surname key); gold persons (one per official of the reference, else per folded
  name) are counted against the canonical persons they were resolved to, with every
  wrong merge (one canonical person, two gold people) and wrong split (one gold
  person, two canonical persons);
- **officials**: of the gold participants who are officials of the reference, the
  share whose extracted participant has a matching name (the scorer's own
  ``name_matches``, imported from ``shared/eval/score.py`` at run time), the same
  role and the same country, and the errors that remain;
- **tenures**: for every gold participant of a dated gold event whose office the
  reference records, whether ``people --role R --country C --on DATE`` on the
  ingested database names them (the same official of the reference, or a name the
  scorer's rule matches).
"""
from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sqlalchemy import select

from ..api import default_extractor, ingest
from ..knowledge import officials
from ..records import Article, ArticleExtraction
from ..resolve import reference
from ..resolve.persons import NameKey, same_surname
from ..store import open_store
from ..store.models import DbArticle, DbEvent, DbParticipant, DbPerson
from ..translit import name_key

NAME_FIT = 0.7     # officials.match name score of a surname alone: enough with an office held that day
FULL_NAME = 0.9    # a given name and surname: enough without one
MARGIN = 0.1       # the next candidate must fit this much worse
COUNTRY = re.compile(r"[A-Z]{2}")


def scorer_module(path: Path) -> ModuleType:
    """The reference scorer as a module, so its matching rules are the ones measured by."""
    spec = importlib.util.spec_from_file_location("milcoop_reference_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class _Recorder:
    """An extractor that keeps every record it makes, by article content id."""

    records: dict[str, ArticleExtraction]

    def extract(self, article: Article) -> ArticleExtraction:
        record = default_extractor().extract(article)
        self.records[article.id] = record
        return record


def _mid(date_text: str | None):
    """The middle day of a possibly partial ISO date (None if there is none)."""
    found = reference.period(date_text)
    return None if found is None else found[0] + (found[1] - found[0]) / 2


def gold_official(name: str, country: str | None, date_text: str | None) -> officials.OfficialMatch | None:
    """The one official of the reference a gold participant is, or None (no official, or several fit)."""
    code = country.upper() if country and COUNTRY.fullmatch(country.upper()) else None
    day = _mid(date_text)
    found = [m for m in officials.match(name, on=day, country=code)
             if (m.name_score >= FULL_NAME or (m.name_score >= NAME_FIT and (day is None or m.term)))
             and (code is None or code in reference.countries(m.person))]
    if not found or (len(found) > 1 and found[0].score - found[1].score < MARGIN):
        return None
    return found[0]


def _persons(db: str, gold: dict[str, list[dict]], gold_key: dict[tuple[str, str], str]) -> dict:
    with open_store(db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(DbArticle.external_id, DbParticipant.name, DbParticipant.person_id, DbPerson.name)
                            .join(DbEvent, DbEvent.article_id == DbArticle.id)
                            .join(DbParticipant, DbParticipant.event_id == DbEvent.id)
                            .join(DbPerson, DbPerson.id == DbParticipant.person_id)).all()
        canonical_total = conn.execute(select(DbPerson.id)).all()
    persons_of_gold: dict[str, set[str]] = defaultdict(set)
    gold_of_person: dict[str, set[str]] = defaultdict(set)
    person_names: dict[str, str] = {}
    for ext, name, pid, pname in rows:
        person_names[pid] = pname
        key = NameKey.of(name).surname
        for g in gold.get(ext, []):
            if same_surname(key, NameKey.of(g["name"]).surname):
                gkey = gold_key[(ext, g["name"])]
                persons_of_gold[gkey].add(pid)
                gold_of_person[pid].add(gkey)
                break
    gold_keys = {gold_key[(ext, p["name"])] for ext, people in gold.items() for p in people}
    splits = {g: sorted(person_names[p] + f" ({p})" for p in ps) for g, ps in persons_of_gold.items() if len(ps) > 1}
    merges = {f"{person_names[p]} ({p})": sorted(gs) for p, gs in gold_of_person.items() if len(gs) > 1}
    return {"gold_persons": len(gold_keys), "gold_persons_found": len(persons_of_gold),
            "canonical_persons_matched": len(gold_of_person), "canonical_persons_total": len(canonical_total),
            "wrong_merges": merges, "wrong_splits": splits}


def _share(ok: int, n: int) -> float | None:
    return round(ok / n, 4) if n else None


def _error_kind(g: dict, p: dict | None, found: officials.OfficialMatch, pred: dict) -> str:
    """What went wrong for one gold official: 'missing', 'spelling' (extracted and linked to the official,
    but the reference's spelling fails the scorer's surname rule), or 'role' / 'country' (marked
    'as reference' when the extracted value is the reference's for that day, so the gold differs from it)."""
    if p is None:
        linked = any(q.get("official_id") == found.person.id
                     for ev in pred.get("events") or [] for q in ev.get("participants") or [])
        return "spelling" if linked else "missing"
    parts = []
    if g.get("role") != p.get("role"):
        parts.append("role as reference" if found.term and p.get("role") == found.term.role else "role")
    if (g.get("country") or "").upper() != (p.get("country") or "").upper():
        parts.append("country as reference" if p.get("country") == found.country else "country")
    return "+".join(parts)


def _officials(golds: list[dict], preds: dict[str, dict], published: dict[str, str | None],
               score: ModuleType) -> tuple[dict, dict[tuple[str, str], str]]:
    """Name, role and country of the gold participants who are officials, as extracted."""
    counts = Counter()
    errors: list[dict] = []
    kinds = Counter()
    keys: dict[tuple[str, str], str] = {}
    for gold in golds:
        pred = preds.get(gold["id"], {"events": []})
        g_people, p_people = score.people(gold), score.people(pred)
        by_gold = {id(g): p for g, p in score.match_people(g_people, p_people)}
        first_date = next((e.get("date") for e in gold.get("events") or [] if e.get("date")), None)
        for g in g_people:
            found = gold_official(g["name"], g.get("country"), first_date or published.get(gold["id"]))
            if found is None:
                counts["not_officials"] += 1
                continue
            p = by_gold.get(id(g))
            name_ok = p is not None
            role_ok = name_ok and g.get("role") == p.get("role")
            country_ok = name_ok and (g.get("country") or "").upper() == (p.get("country") or "").upper()
            counts["officials"] += 1
            counts["name"] += name_ok
            counts["role"] += role_ok
            counts["country"] += country_ok
            counts["all"] += name_ok and role_ok and country_ok
            if not (name_ok and role_ok and country_ok):
                kind = _error_kind(g, p, found, pred)
                kinds[kind] += 1
                errors.append({"id": gold["id"], "official": found.person.id, "kind": kind,
                               "gold": {k: g.get(k) for k in ("name", "role", "country")},
                               "pred": None if p is None else {k: p.get(k) for k in ("name", "role", "country")}})
    for gold in golds:
        for ev in gold.get("events") or []:
            for g in ev.get("participants") or []:
                found = gold_official(g["name"], g.get("country"), ev.get("date") or published.get(gold["id"]))
                keys[(gold["id"], g["name"])] = found.person.id if found else name_key(g["name"]).replace(" ", "")
    n = counts["officials"]
    return ({"gold_participants_officials": n, "gold_participants_not_officials": counts["not_officials"],
             "name_acc": _share(counts["name"], n), "role_acc": _share(counts["role"], n),
             "country_acc": _share(counts["country"], n), "all_acc": _share(counts["all"], n),
             "role_acc_matched": _share(counts["role"], counts["name"]),
             "country_acc_matched": _share(counts["country"], counts["name"]),
             "counts": {k: counts[k] for k in ("name", "role", "country", "all")},
             "error_kinds": dict(kinds.most_common()), "errors": errors}, keys)


def _tenures(db: str, golds: list[dict], score: ModuleType) -> dict:
    """Does ``people --on`` name each gold office holder of a dated gold event?"""
    checked, right, by_basis = 0, 0, Counter()
    wrong = []
    with open_store(db) as store:
        for gold in golds:
            for ev in gold.get("events") or []:
                day = ev.get("date")
                if not day or reference.period(day) is None:
                    continue
                for g in ev.get("participants") or []:
                    role, country = g.get("role"), (g.get("country") or "").upper()
                    if not reference.covers_office(role, country):
                        continue
                    named = store.people(role=role, country=country, on=day)["tenures"]
                    checked += 1
                    # the right holder: the same official of the reference, or a name the scorer's rule matches
                    official = gold_official(g["name"], country, day)
                    hit = next((t for t in named if (official and t["official_id"] == official.person.id)
                                or score.name_matches(g["name"], t["name"])), None)
                    basis = hit["basis"] if hit else ("reference" if any(t["basis"] == "reference" for t in named)
                                                      else "news" if named else "none")
                    by_basis[(basis, bool(hit))] += 1
                    if hit:
                        right += 1
                    else:
                        wrong.append({"id": gold["id"], "role": role, "country": country, "date": day,
                                      "gold": g["name"], "named": [f"{t['name']} ({t['basis']})" for t in named]})
    return {"checked": checked, "right": right, "share": _share(right, checked),
            "by_basis": {f"{b} {'right' if ok else 'wrong'}": n for (b, ok), n in sorted(by_basis.items())},
            "wrong": wrong}


def run_corpus(articles: Path, gold_path: Path, scorer: Path) -> dict:
    """Every figure of this module for one corpus."""
    score = scorer_module(scorer)
    golds = _load(gold_path)
    recorder = _Recorder({})
    content_of: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "people.db")
        ingest([articles], db, extractor=recorder,
               on_article=lambda a: content_of.setdefault(a.external_id or a.id, a.id))
        preds = {ext: recorder.records[aid].model_dump() for ext, aid in content_of.items() if aid in recorder.records}
        with open_store(db) as store, store.engine.connect() as conn:
            published = dict(conn.execute(select(DbArticle.external_id, DbArticle.published)).all())
        officials_figures, gold_key = _officials(golds, preds, published, score)
        gold_people = {g["id"]: [p for p in score.people(g)] for g in golds}
        result = {"articles": str(articles), "persons": _persons(db, gold_people, gold_key),
                  "officials": officials_figures, "tenures": _tenures(db, golds, score)}
    return result


def combined(results: list[dict]) -> dict:
    """The official and tenure figures over several corpora together."""
    keys = ("gold_participants_officials", "name", "role", "country", "all")
    total = Counter()
    for r in results:
        o = r["officials"]
        n = o["gold_participants_officials"]
        total["gold_participants_officials"] += n
        for k in keys[1:]:
            total[k] += o["counts"][k]
        total["checked"] += r["tenures"]["checked"]
        total["right"] += r["tenures"]["right"]
    n = total["gold_participants_officials"]
    return {"gold_participants_officials": n, **{f"{k}_acc": _share(total[k], n) for k in keys[1:]},
            "tenures_checked": total["checked"], "tenures_right": total["right"],
            "tenures_share": _share(total["right"], total["checked"])}


def run(corpora: list[tuple[Path, Path]], scorer: Path) -> dict:
    """Per corpus figures, and the official and tenure figures over all of them."""
    results = [run_corpus(a, g, scorer) for a, g in corpora]
    return {"corpora": results, "all": combined(results)}
