"""Large databases for the scale benchmark, built from extraction records instead of extracting texts.

Each synthetic report copies the record of a real one (the gold records of
``shared/corpus/train`` and ``dev``: real parties, kinds, places, documents and
exercises in real proportions) and moves it to another time: a year from 2000
to 2026, dates, document periods and exercise years shifted with it, and a
publication date a day after the occasion (as archives and feeds carry one).
Its people are renamed per four-year term (a minister is someone else in
another term), so persons, like occasions, spread over time as in a real
archive. Every row a real ingest writes is written (articles, extractions,
events and their index rows, occasion facts and keys, occasions, persons and
their spellings, participants linked to them), in bulk inserts of plain
rows, so 100,000 reports take a minute or two, not a day of extraction.
Each event founds its own occasion (the filing rules are not run): the
worst case for a new report, every stored event under its keys is a
candidate occasion of its own.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import insert

from ..records import ArticleExtraction, Event
from ..resolve.occasions import facts, keys
from ..resolve.persons import NameKey
from ..store.models import (MACHINE, DbArticle, DbDocument, DbEvent, DbEventArea, DbEventCountry, DbEventType,
                            DbExercise, DbExtraction, DbOccasion, DbOccasionFacts, DbOccasionKey, DbParticipant,
                            DbPerson, DbPersonName, DbSource, event_id, occasion_id, utcnow)

FIRST_YEAR, LAST_YEAR = 2000, 2026
TERM_YEARS = 4
ROWS_PER_INSERT = 5000
VERSION = "synthetic"
_SYLLABLES = ["ka", "ra", "mu", "ta", "se", "no", "bek", "zhan", "dar", "li", "vo", "ge", "sha", "ri", "tu", "mi",
              "lan", "ser", "kul", "ba", "do", "ne", "ya", "gor"]
_ENDINGS = ["ov", "ev", "in", "uly", "enko", "ski", "yan", "ic", "er", "son"]


def templates(shared: Path) -> list[ArticleExtraction]:
    """The gold records of the train and dev corpora that report at least one event."""
    out = []
    for corpus in ("train", "dev"):
        with open(shared / "corpus" / corpus / "gold.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = ArticleExtraction.model_validate({k: v for k, v in json.loads(line).items()
                                                               if k != "note"})
                    if record.events:
                        out.append(record)
    return out


def _surname(seed: str) -> str:
    digest = hashlib.sha1(seed.encode()).digest()
    word = "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[:2 + digest[5] % 2])
    return (word + _ENDINGS[digest[6] % len(_ENDINGS)]).capitalize()


def _renamed(name: str, term: int) -> str:
    """Another person of the same first name in another term (same name within one term)."""
    words = name.split()
    return " ".join([*words[:-1], _surname(f"{words[-1]}:{term}")]) if words else name


def _shift_year(text: str, delta: int) -> str:
    """Four-digit years (2019) and two-digit exercise suffixes (Kazind-22) moved by ``delta`` years."""
    text = re.sub(r"\b(19|20)\d\d\b", lambda m: str(int(m.group()) + delta), text)
    return re.sub(r"(?<=-)\d\d\b", lambda m: f"{(int(m.group()) + delta) % 100:02d}", text)


def _moved(event: Event, year: int, term: int, rng: random.Random) -> tuple[Event, str]:
    """The event at ``year`` with its people of ``term``, and its publication date."""
    base = int(event.date[:4]) if event.date else year
    delta = year - base
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if event.date and len(event.date) >= 7:
        month = int(event.date[5:7])
    if event.date and len(event.date) == 10:
        day = int(event.date[8:10])
    date = None if not event.date else f"{year}" + (f"-{month:02d}" if len(event.date) >= 7 else "") + (
        f"-{day:02d}" if len(event.date) == 10 else "")
    moved = event.model_copy(deep=True)
    moved.date = date
    for p in moved.participants:
        p.name, p.surface, p.official_id = _renamed(p.name, term), None, None
    for x in moved.exercises:
        x.name = _shift_year(x.name, delta)
    for d in moved.documents:
        if d.period:
            d.period = [v + delta for v in d.period]
    published = f"{year}-{month:02d}-{min(day + 1, 28):02d}"
    return moved, published


def reports(records: list[ArticleExtraction], count: int, seed: int = 7) -> Iterator[tuple[str, str, list[Event]]]:
    """``count`` synthetic reports: (article id, publication date, events)."""
    rng = random.Random(seed)
    for i in range(count):
        record = records[i % len(records)]
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        term = year // TERM_YEARS
        events, published = [], None
        for event in record.events:
            moved, when = _moved(event, year, term, rng)
            events.append(moved)
            published = published or when
        yield hashlib.sha256(f"synthetic:{seed}:{i}".encode()).hexdigest()[:16], published, events


def build(engine, records: list[ArticleExtraction], count: int, seed: int = 7, on_batch=None) -> int:
    """Write ``count`` synthetic reports into the (migrated, empty) database of ``engine``; return the events."""
    now = utcnow()
    persons: dict[tuple[str, str | None], str] = {}
    tables: dict = {}
    written = 0

    def add(table, row: dict) -> None:
        tables.setdefault(table, []).append(row)

    def flush(conn) -> None:
        for table in (DbArticle, DbSource, DbExtraction, DbOccasion, DbEvent, DbEventType, DbEventCountry,
                      DbEventArea, DbParticipant, DbDocument, DbExercise, DbOccasionFacts, DbOccasionKey,
                      DbPerson, DbPersonName):
            rows = tables.pop(table, [])
            for start in range(0, len(rows), ROWS_PER_INSERT):
                conn.execute(insert(table), rows[start:start + ROWS_PER_INSERT])

    batch = 0
    conn = engine.connect()
    try:
        trans = conn.begin()
        for n, (article_id, published, events) in enumerate(reports(records, count, seed), start=1):
            text = f"Synthetic report {n} ({published})."
            add(DbArticle, {"id": article_id, "external_id": f"syn-{n}", "url": None, "title": text, "lang": "en",
                            "outlet": None, "dateline_city": None, "published": published, "text": text,
                            "raw_text": text, "segments": [], "format": "synthetic", "created_at": now})
            add(DbSource, {"article_id": article_id, "source": f"synthetic:{n}", "ingested_at": now})
            add(DbExtraction, {"article_id": article_id, "relevant": True, "lang": "en",
                               "extractor_version": VERSION, "extracted_at": now})
            for ordinal, ev in enumerate(events):
                eid = event_id(article_id, ordinal)
                found = facts(ev, published)
                add(DbOccasion, {"id": occasion_id(eid), "created_at": now})
                add(DbEvent, {"id": eid, "article_id": article_id, "ordinal": ordinal, "origin": MACHINE,
                              "types": list(ev.type), "date": ev.date, "city": ev.location.city,
                              "country": ev.location.country, "countries": list(ev.countries), "orgs": list(ev.orgs),
                              "areas": list(ev.areas), "preparatory": ev.preparatory,
                              "occasion_id": occasion_id(eid)})
                for t in dict.fromkeys(ev.type):
                    add(DbEventType, {"event_id": eid, "type": t})
                for c in dict.fromkeys(c.upper() for c in ev.countries if c):
                    add(DbEventCountry, {"event_id": eid, "country": c})
                for a in dict.fromkeys(ev.areas):
                    add(DbEventArea, {"event_id": eid, "area": a})
                for i, p in enumerate(ev.participants):
                    person = persons.get((p.name, p.country))
                    if person is None:
                        person = persons[(p.name, p.country)] = "pe-" + hashlib.sha1(
                            f"{p.name}:{p.country}".encode()).hexdigest()[:12]
                        key = NameKey.of(p.name)
                        add(DbPerson, {"id": person, "name": p.name, "country": p.country, "created_at": now})
                        add(DbPersonName, {"person_id": person, "name": p.name, "surname_key": key.surname or "-",
                                           "given_key": key.given})
                    add(DbParticipant, {"event_id": eid, "ordinal": i, "name": p.name, "country": p.country,
                                        "role": p.role, "rank": p.rank, "surface": None, "person_id": person})
                for i, d in enumerate(ev.documents):
                    add(DbDocument, {"event_id": eid, "ordinal": i, "type": d.type, "status": d.status,
                                     "title": d.title, "period_start": d.period[0] if d.period else None,
                                     "period_end": d.period[-1] if d.period else None})
                for i, x in enumerate(ev.exercises):
                    add(DbExercise, {"event_id": eid, "ordinal": i, "name": x.name, "status": x.status})
                add(DbOccasionFacts, {"event_id": eid, "facts": found.to_json()})
                for k in sorted(keys(found)[0]):
                    add(DbOccasionKey, {"key": k, "event_id": eid})
                written += 1
            batch += 1
            if batch >= 10_000:
                flush(conn)
                trans.commit()
                trans = conn.begin()
                batch = 0
                if on_batch:
                    on_batch(n)
        flush(conn)
        trans.commit()
    finally:
        conn.close()
    return written


__all__ = ["build", "reports", "templates"]
