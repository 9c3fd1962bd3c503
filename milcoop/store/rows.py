"""Conversions between milcoop's records and the store's rows, and the plain-column event listing.

Kept apart from ``Store`` so the queries read as queries: each function here
builds or reads rows of one kind the same way wherever the store needs it
(ingest, re-extraction, dumps, listings).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from milcoop.records import Article, Document, Event, Exercise, Location, Participant, Segment, Span

from .models import (MACHINE, DbArticle, DbDocument, DbEvent, DbEventArea, DbEventCountry, DbEventType,
                     DbEvidence, DbExercise, DbParticipant, DbSource, event_id)
from .views import EventRow

EXPORT_BATCH = 200  # ids per IN (...) list and rows per streamed batch

# What an event listing row (``EventRow``) reads: the event's columns and its article's head, never its
# text; selected as plain columns (no ORM objects), since the server lists every event after each write.
LISTED = (DbEvent.id, DbEvent.article_id, DbArticle.external_id, DbEvent.ordinal, DbEvent.origin, DbEvent.types,
          DbEvent.date, DbEvent.city, DbEvent.country, DbEvent.countries, DbEvent.orgs, DbEvent.areas,
          DbArticle.title, DbArticle.url, DbEvent.occasion_id)
# Everything an event's schema record (``to_event``) reads.
EVENT_FACTS = (selectinload(DbEvent.participants), selectinload(DbEvent.documents),
               selectinload(DbEvent.exercises), selectinload(DbEvent.evidence))


def add_article(session: Session, article: Article, source: str) -> bool:
    """Insert the article unless stored (same content hash); record ``source`` if new. True if inserted."""
    row = session.get(DbArticle, article.id, options=[selectinload(DbArticle.sources)])
    created = row is None
    if created:
        row = article_row(article)
        session.add(row)
    if source not in {s.source for s in row.sources}:
        row.sources.append(DbSource(source=source))
    session.flush()
    return created


def article_row(article: Article) -> DbArticle:
    """The row of a cleaned article (its sources are added apart)."""
    return DbArticle(id=article.id, external_id=article.external_id, url=article.url, title=article.title,
                     lang=article.lang, outlet=article.outlet, dateline_city=article.dateline_city,
                     published=article.published, text=article.text, raw_text=article.raw_text,
                     segments=[s.model_dump() for s in article.segments], format=article.format)


def to_article(row: DbArticle) -> Article:
    """The article back from its row; ``source`` is the first place it was ingested from."""
    return Article(id=row.id, external_id=row.external_id, source=row.sources[0].source if row.sources else "",
                   url=row.url, title=row.title, lang=row.lang, text=row.text, raw_text=row.raw_text,
                   segments=[Segment.model_validate(s) for s in row.segments], outlet=row.outlet,
                   dateline_city=row.dateline_city, published=row.published, format=row.format)


def unique(values: Iterable[str | None]) -> list[str]:
    """The values once each, in order, empty ones left out."""
    return list(dict.fromkeys(v for v in values if v))


def evidence_rows(kind: str, ordinal: int, spans: list[Span]) -> list[DbEvidence]:
    """The evidence rows of one fact."""
    return [DbEvidence(fact_kind=kind, fact_ordinal=ordinal, start=s.start, end=s.end) for s in spans]


def event_row(article_id: str, ordinal: int, ev: Event) -> DbEvent:
    """The rows of the ``ordinal``-th machine event of an article, every fact and evidence span attached."""
    row = DbEvent(id=event_id(article_id, ordinal), article_id=article_id, ordinal=ordinal, origin=MACHINE,
                  types=list(ev.type), date=ev.date, city=ev.location.city, country=ev.location.country,
                  countries=list(ev.countries), orgs=list(ev.orgs), areas=list(ev.areas),
                  preparatory=ev.preparatory)
    index_rows(row)
    row.participants = [DbParticipant(ordinal=i, name=p.name, country=p.country, role=p.role, rank=p.rank,
                                      surface=p.surface, official_id=p.official_id)
                        for i, p in enumerate(ev.participants)]
    row.documents = [DbDocument(ordinal=i, type=d.type, status=d.status, title=d.title,
                                period_start=d.period[0] if d.period else None,
                                period_end=d.period[-1] if d.period else None)
                     for i, d in enumerate(ev.documents)]
    row.exercises = [DbExercise(ordinal=i, name=x.name, status=x.status) for i, x in enumerate(ev.exercises)]
    row.evidence = [*evidence_rows("event", 0, ev.evidence),
                    *(s for i, p in enumerate(ev.participants) for s in evidence_rows("participant", i, p.evidence)),
                    *(s for i, d in enumerate(ev.documents) for s in evidence_rows("document", i, d.evidence)),
                    *(s for i, x in enumerate(ev.exercises) for s in evidence_rows("exercise", i, x.evidence))]
    return row


def index_rows(row: DbEvent) -> None:
    """Fill the filters' index tables (``event_types``, ``event_countries``, ``event_areas``) from its lists."""
    row.type_rows = [DbEventType(type=t) for t in unique(row.types)]
    row.country_rows = [DbEventCountry(country=c) for c in unique(c and c.upper() for c in row.countries)]
    row.area_rows = [DbEventArea(area=a) for a in unique(row.areas)]


def to_event(row: DbEvent) -> Event:
    """Rebuild the schema record of an event, evidence attached to each fact."""
    spans: dict[tuple[str, int], list[Span]] = {}
    for e in row.evidence:
        spans.setdefault((e.fact_kind, e.fact_ordinal), []).append(Span(start=e.start, end=e.end))
    return Event(
        type=list(row.types), date=row.date, location=Location(city=row.city, country=row.country),
        countries=list(row.countries), orgs=list(row.orgs), areas=list(row.areas),
        participants=[Participant(name=p.name, country=p.country, role=p.role, rank=p.rank, surface=p.surface,
                                  official_id=p.official_id, evidence=spans.get(("participant", p.ordinal), []))
                      for p in row.participants],
        documents=[Document(type=d.type, status=d.status, title=d.title,
                            period=None if d.period_start is None else [d.period_start, d.period_end],
                            evidence=spans.get(("document", d.ordinal), []))
                   for d in row.documents],
        exercises=[Exercise(name=x.name, status=x.status, evidence=spans.get(("exercise", x.ordinal), []))
                   for x in row.exercises],
        evidence=spans.get(("event", 0), []),
        preparatory=bool(row.preparatory),
    )


def event_view(row: DbEvent) -> EventRow:
    """The listing row of one event loaded with its participants and article."""
    return EventRow(id=row.id, article_id=row.article_id, external_id=row.article.external_id,
                    ordinal=row.ordinal, origin=row.origin, types=list(row.types), date=row.date,
                    city=row.city, country=row.country, countries=list(row.countries), orgs=list(row.orgs),
                    areas=list(row.areas), participants=[p.name for p in row.participants],
                    title=row.article.title, url=row.article.url, occasion_id=row.occasion_id)


def listed(session: Session, rows) -> list[EventRow]:
    """Listing rows from ``_LISTED`` columns, with each event's participant names (in order)."""
    names: dict[str, list[str]] = {}
    for chunk in chunks([r.id for r in rows], EXPORT_BATCH):
        for owner, name in session.execute(select(DbParticipant.event_id, DbParticipant.name)
                                           .where(DbParticipant.event_id.in_(chunk))
                                           .order_by(DbParticipant.event_id, DbParticipant.ordinal)):
            names.setdefault(owner, []).append(name)
    # model_construct: the values come from the database's own typed columns
    return [EventRow.model_construct(**{**r._asdict(), "types": list(r.types), "countries": list(r.countries),
                                        "orgs": list(r.orgs), "areas": list(r.areas)},
                                     participants=names.get(r.id, []), sources=1) for r in rows]


def union_names(names) -> list[str]:
    """Participants of several reports, each person once (by cross-script surname key)."""
    from milcoop.resolve.occasions import _surname, same_person

    out: list[str] = []
    keys: list[str] = []
    for name in names:
        key = _surname(name)
        if key and any(same_person(key, k) for k in keys):
            continue
        keys.append(key)
        out.append(name)
    return out


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """``items`` in lists of at most ``size`` (for IN lists and streamed batches)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]
