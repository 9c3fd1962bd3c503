"""File each stored report under an occasion (``milcoop.resolve.occasions`` decides).

Runs inside ``Store.save_extraction``'s transaction. Every event is stored with
its facts (``occasion_facts``) and its blocking keys (``occasion_keys``,
indexed); a new event looks up the occasions of the events under its keys,
reads the facts of those occasions' reports (one JSON row each) and joins the
first occasion, oldest first, that ``resolve.occasions.joins``, or founds a new
one. The work per event depends on how many reports share its parties around
its date, not on the size of the database. Occasion ids never change once made.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.orm import Session

from ..records import Document, Event, Exercise, Location, Participant
from ..resolve.occasions import RULES, Facts, Rules, facts, joins, keys
from .models import DbArticle, DbEvent, DbOccasion, DbOccasionFacts, DbOccasionKey, occasion_id
from .rows import EXPORT_BATCH, chunks


def index(session: Session, rows: list[DbEvent], found: list[Facts]) -> None:
    """Store each event's facts and blocking keys (the events are flushed)."""
    if not rows:
        return
    session.execute(insert(DbOccasionFacts), [{"event_id": r.id, "facts": f.to_json()} for r, f in zip(rows, found)])
    stored = [{"key": k, "event_id": r.id} for r, f in zip(rows, found) for k in sorted(keys(f)[0])]
    if stored:
        session.execute(insert(DbOccasionKey), stored)


def candidates(session: Session, found: Facts, article_id: str) -> list[tuple[str, list[Facts]]]:
    """The occasions a report may join, oldest first, each with the facts of its reports from other articles."""
    queried = sorted(keys(found)[1])
    if not queried:
        return []
    near = (select(DbEvent.occasion_id).join(DbOccasionKey, DbOccasionKey.event_id == DbEvent.id)
            .where(DbOccasionKey.key.in_(queried), DbEvent.article_id != article_id,
                   DbEvent.occasion_id.is_not(None)))
    members: dict[str, list[Facts]] = {}
    order: dict[str, tuple] = {}
    for occ, created, data in session.execute(
            select(DbEvent.occasion_id, DbOccasion.created_at, DbOccasionFacts.facts)
            .join(DbOccasionFacts, DbOccasionFacts.event_id == DbEvent.id)
            .outerjoin(DbOccasion, DbOccasion.id == DbEvent.occasion_id)
            .where(DbEvent.occasion_id.in_(near), DbEvent.article_id != article_id)
            .order_by(DbEvent.occasion_id, DbEvent.id)):
        members.setdefault(occ, []).append(Facts.from_json(data))
        order[occ] = (created is None, created, occ)
    return [(o, members[o]) for o in sorted(members, key=order.__getitem__)]


def choose(found: Facts, options: Iterable[tuple[str, list[Facts]]], rules: Rules = RULES) -> str | None:
    """The first occasion the report joins, or None (also the in-memory grouping of ``benchmark merge``)."""
    return next((occ for occ, members in options if joins(found, members, rules)), None)


def assign(session: Session, rows: list[DbEvent], found: list[Facts], rules: Rules = RULES) -> None:
    """Index the new event rows and set ``occasion_id`` on each (flushed, same transaction)."""
    index(session, rows, found)
    for row, f in zip(rows, found):
        chosen = choose(f, candidates(session, f, row.article_id), rules)
        if chosen is None:
            chosen = occasion_id(row.id)
            if session.get(DbOccasion, chosen) is None:
                session.add(DbOccasion(id=chosen))
        row.occasion_id = chosen
        session.flush()


def filed(session: Session) -> list[tuple[str, str, str | None, Facts]]:
    """(event id, article id, occasion id, facts) of every event, in the order they were filed."""
    stmt = (select(DbEvent.id, DbEvent.article_id, DbEvent.occasion_id, DbOccasionFacts.facts)
            .join(DbOccasionFacts, DbOccasionFacts.event_id == DbEvent.id)
            .join(DbArticle, DbArticle.id == DbEvent.article_id)
            .order_by(DbArticle.created_at, DbArticle.id, DbEvent.ordinal))
    return [(e, a, o, Facts.from_json(f)) for e, a, o, f in session.execute(stmt)]


def drop_empty(session: Session, occasion_ids: set[str]) -> None:
    """Forget occasions that no report is filed under any more."""
    if not occasion_ids:
        return
    used = set(session.scalars(select(DbEvent.occasion_id).where(DbEvent.occasion_id.in_(occasion_ids))))
    gone = occasion_ids - used
    if gone:
        session.execute(delete(DbOccasion).where(DbOccasion.id.in_(gone)))


def source_counts(session: Session, occasion_ids: list[str]) -> dict[str, int]:
    """How many articles report each occasion."""
    rows = session.execute(select(DbEvent.occasion_id, func.count(func.distinct(DbEvent.article_id)))
                           .where(DbEvent.occasion_id.in_(occasion_ids)).group_by(DbEvent.occasion_id))
    return dict(rows.all())


def event_record(types, date, city, countries, orgs, preparatory, participants, exercises, documents) -> Event:
    """An ``Event`` from stored columns, enough for ``facts`` (for events stored without their facts).

    ``participants``: (name, country, role, official id); ``exercises``: names; ``documents``:
    (type, period start, period end, status). Not validated again: the values
    were validated when first stored (or read from a validated dump).
    """
    return Event.model_construct(
        type=list(types or []), date=date, location=Location.model_construct(city=city, country=None),
        countries=list(countries or []), orgs=list(orgs or []), preparatory=bool(preparatory),
        participants=[Participant.model_construct(name=n, country=c, role=r, official_id=o)
                      for n, c, r, o in participants],
        exercises=[Exercise.model_construct(name=x) for x in exercises],
        documents=[Document.model_construct(type=t, status=st, period=None if s is None else [s, e if e is not None
                                                                                              else s])
                   for t, s, e, st in documents])


def backfill(connection: Connection) -> int:
    """Facts and keys for every stored event that has none (migration 0007); returns how many.

    Reads plain columns only (no ORM models), so it runs on the schema of
    that revision whatever later migrations add.
    """
    from sqlalchemy import JSON, Boolean, Integer, String, column, table

    events = table("events", column("id", String), column("article_id", String), column("types", JSON),
                   column("date", String), column("city", String), column("countries", JSON),
                   column("orgs", JSON), column("preparatory", Boolean))
    articles = table("articles", column("id", String), column("published", String))
    people = table("participants", column("event_id", String), column("ordinal", Integer), column("name", String),
                   column("country", String), column("role", String), column("official_id", String))
    drills = table("exercises", column("event_id", String), column("ordinal", Integer), column("name", String))
    papers = table("documents", column("event_id", String), column("ordinal", Integer), column("type", String),
                   column("period_start", Integer), column("period_end", Integer), column("status", String))
    facts_t = table("occasion_facts", column("event_id", String), column("facts", JSON))
    keys_t = table("occasion_keys", column("key", String), column("event_id", String))
    ids = list(connection.scalars(select(events.c.id).where(events.c.id.not_in(select(facts_t.c.event_id)))
                                  .order_by(events.c.id)))
    for chunk in chunks(ids, EXPORT_BATCH):
        by_event: dict[str, dict[str, list]] = {i: {"p": [], "x": [], "d": []} for i in chunk}
        for r in connection.execute(select(people).where(people.c.event_id.in_(chunk)).order_by(people.c.ordinal)):
            by_event[r.event_id]["p"].append((r.name, r.country, r.role, r.official_id))
        for r in connection.execute(select(drills).where(drills.c.event_id.in_(chunk)).order_by(drills.c.ordinal)):
            by_event[r.event_id]["x"].append(r.name)
        for r in connection.execute(select(papers).where(papers.c.event_id.in_(chunk)).order_by(papers.c.ordinal)):
            by_event[r.event_id]["d"].append((r.type, r.period_start, r.period_end, r.status))
        found = {}
        for r in connection.execute(select(events, articles.c.published).join(articles, articles.c.id
                                                                              == events.c.article_id)
                                    .where(events.c.id.in_(chunk))):
            parts = by_event[r.id]
            found[r.id] = facts(event_record(r.types, r.date, r.city, r.countries, r.orgs, r.preparatory,
                                             parts["p"], parts["x"], parts["d"]), r.published)
        if found:
            connection.execute(insert(facts_t), [{"event_id": i, "facts": f.to_json()} for i, f in found.items()])
            rows = [{"key": k, "event_id": i} for i, f in found.items() for k in sorted(keys(f)[0])]
            if rows:
                connection.execute(insert(keys_t), rows)
    return len(ids)
