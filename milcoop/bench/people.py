"""Person resolution: canonical persons made from a corpus against its gold persons.

Ingests the articles into a fresh database, matches each stored participant
to a gold participant of the same article (by surname key), and counts the
distinct gold persons (by folded full name) against the canonical persons
they were resolved to, listing every wrong merge (one canonical person, two
gold people) and wrong split (one gold person, two canonical persons).
"""
from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from ..api import ingest
from ..resolve.persons import NameKey, same_surname
from ..store import open_store
from ..store.models import DbArticle, DbEvent, DbParticipant, DbPerson
from ..translit import name_key


def _gold(path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                seen, people = set(), []
                for ev in rec.get("events") or []:
                    for p in ev.get("participants") or []:
                        if p["name"] not in seen:
                            seen.add(p["name"])
                            people.append(p)
                out[rec["id"]] = people
    return out


def run(articles: Path, gold: Path) -> dict:
    gold_people = _gold(gold)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "people.db")
        ingest([articles], db)
        with open_store(db) as store, store.engine.connect() as conn:
            rows = conn.execute(select(DbArticle.external_id, DbParticipant.name, DbParticipant.person_id,
                                       DbPerson.name)
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
        for g in gold_people.get(ext, []):
            if same_surname(key, NameKey.of(g["name"]).surname):
                gkey = name_key(g["name"])
                persons_of_gold[gkey].add(pid)
                gold_of_person[pid].add(gkey)
                break
    gold_keys = {name_key(p["name"]) for people in gold_people.values() for p in people}
    splits = {g: sorted(person_names[p] + f" ({p})" for p in ps) for g, ps in persons_of_gold.items() if len(ps) > 1}
    merges = {f"{person_names[p]} ({p})": sorted(gs) for p, gs in gold_of_person.items() if len(gs) > 1}
    return {"gold_persons": len(gold_keys), "gold_persons_found": len(persons_of_gold),
            "canonical_persons_matched": len(gold_of_person), "canonical_persons_total": len(canonical_total),
            "wrong_merges": merges, "wrong_splits": splits}
