"""Full dumps: every stored record out as JSON Lines, and back into an empty database.

``write_dump`` streams the records of ``milcoop.store.dump_models`` in a fixed
order (articles by ingestion, then occasions, persons and the review layer),
so two databases holding the same records give byte-identical dumps.
``read_dump`` validates the whole file first (a bad line is an error naming
the file, the line and the field) and then writes it in one transaction:
an import is all or nothing, into a database with no records yet.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from milcoop.errors import MalformedRecord, MissingField, NotEmpty, UnsupportedFormat

from . import dump_models as dm
from . import occasions
from .models import (DbArticle, DbAuditEntry, DbCorrection, DbDocument, DbEvent, DbEvidence, DbExercise,
                     DbExtraction, DbOccasion, DbOccasionOverride, DbParticipant, DbPerson, DbPersonName,
                     DbPersonOverride, DbReviewState, DbSource, DbUser)
from .repository import Store
from .rows import EVENT_FACTS, EXPORT_BATCH, chunks, index_rows

# Tables holding records; an import needs them all empty (users and sessions may exist).
RECORD_TABLES = (DbArticle, DbOccasion, DbPerson, DbCorrection, DbReviewState, DbOccasionOverride,
                 DbPersonOverride, DbAuditEntry)
FLUSH_EVERY = 200  # records added before a flush, so an import's memory stays flat


def _utc(value: datetime) -> datetime:
    """Stored times are UTC; SQLite returns them naive, PostgreSQL aware."""
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def schema_revision(session: Session) -> str:
    """The Alembic revision of the database (what the dump's header records)."""
    return session.scalar(text("SELECT version_num FROM alembic_version")) or ""


def counts(store: Store) -> Counter:
    """Rows of each record table (by table name)."""
    with store._read() as session:
        return Counter({t.__tablename__: session.scalar(select(func.count()).select_from(t)) for t in RECORD_TABLES})


# -- writing ----------------------------------------------------------------

def records(store: Store) -> Iterator[dm.DumpRecord]:
    """Every record of the store as dump records, header first, in the dump's fixed order."""
    with store._read() as session:
        users = dict(session.execute(select(DbUser.id, DbUser.username)).all())
        yield dm.Header(kind="header", schema_revision=schema_revision(session))
        ids = list(session.scalars(select(DbArticle.id).order_by(DbArticle.created_at, DbArticle.id)))
        for chunk in chunks(ids, EXPORT_BATCH):
            yield from _articles(session, chunk)
            session.expunge_all()
        for o in session.scalars(select(DbOccasion).order_by(DbOccasion.id)):
            yield dm.OccasionRecord(kind="occasion", id=o.id, created_at=_utc(o.created_at))
        for p in session.scalars(select(DbPerson).order_by(DbPerson.id)):
            names = session.scalars(select(DbPersonName).where(DbPersonName.person_id == p.id)
                                    .order_by(DbPersonName.id))
            yield dm.PersonRecord(kind="person", id=p.id, name=p.name, country=p.country,
                                  official_id=p.official_id, created_at=_utc(p.created_at),
                                  names=[dm.PersonName(name=n.name, surname_key=n.surname_key, given_key=n.given_key)
                                         for n in names])
        session.expunge_all()
        for c in session.scalars(select(DbCorrection).order_by(DbCorrection.id)):
            yield dm.CorrectionRecord(kind="correction", target_kind=c.target_kind, target_id=c.target_id,
                                      field=c.field, value=c.value, user=users.get(c.user_id),
                                      created_at=_utc(c.created_at), active=c.active)
        for s in session.scalars(select(DbReviewState).order_by(DbReviewState.target_id)):
            yield dm.ReviewStateRecord(kind="review_state", target_id=s.target_id, state=s.state,
                                       user=users.get(s.user_id), updated_at=_utc(s.updated_at))
        for o in session.scalars(select(DbOccasionOverride).order_by(DbOccasionOverride.event_id)):
            yield dm.OccasionOverrideRecord(kind="occasion_override", event_id=o.event_id, occasion_id=o.occasion_id,
                                            user=users.get(o.user_id), created_at=_utc(o.created_at))
        for o in session.scalars(select(DbPersonOverride).order_by(DbPersonOverride.participant_key)):
            yield dm.PersonOverrideRecord(kind="person_override", participant_key=o.participant_key,
                                          person_id=o.person_id, user=users.get(o.user_id),
                                          created_at=_utc(o.created_at))
        for a in session.scalars(select(DbAuditEntry).order_by(DbAuditEntry.id)):
            yield dm.AuditRecord(kind="audit", user=a.user, at=_utc(a.at), action=a.action,
                                 target_kind=a.target_kind, target_id=a.target_id, before=a.before, after=a.after)


def _articles(session: Session, chunk: list[str]) -> Iterator[dm.ArticleRecord]:
    rows = {a.id: a for a in session.scalars(
        select(DbArticle).where(DbArticle.id.in_(chunk))
        .options(selectinload(DbArticle.sources), selectinload(DbArticle.extraction)))}
    events: dict[str, list[DbEvent]] = {}
    for ev in session.scalars(select(DbEvent).where(DbEvent.article_id.in_(chunk))
                              .order_by(DbEvent.article_id, DbEvent.ordinal).options(*EVENT_FACTS)):
        events.setdefault(ev.article_id, []).append(ev)
    for article_id in chunk:
        a = rows[article_id]
        x = a.extraction
        yield dm.ArticleRecord(
            kind="article", id=a.id, external_id=a.external_id, url=a.url, title=a.title, lang=a.lang,
            outlet=a.outlet, dateline_city=a.dateline_city, published=a.published, text=a.text,
            raw_text=a.raw_text, segments=a.segments, format=a.format, created_at=_utc(a.created_at),
            sources=[dm.Source(source=s.source, ingested_at=_utc(s.ingested_at)) for s in a.sources],
            extraction=None if x is None else dm.Extraction(relevant=x.relevant, lang=x.lang,
                                                            extractor_version=x.extractor_version,
                                                            extracted_at=_utc(x.extracted_at)),
            events=[_event(ev) for ev in events.get(article_id, [])])


def _event(ev: DbEvent) -> dm.Event:
    return dm.Event(
        id=ev.id, ordinal=ev.ordinal, origin=ev.origin, types=list(ev.types), date=ev.date, city=ev.city,
        country=ev.country, countries=list(ev.countries), orgs=list(ev.orgs), areas=list(ev.areas),
        preparatory=bool(ev.preparatory), occasion_id=ev.occasion_id,
        participants=[dm.Participant(ordinal=p.ordinal, name=p.name, country=p.country, role=p.role, rank=p.rank,
                                     surface=p.surface, official_id=p.official_id, person_id=p.person_id)
                      for p in ev.participants],
        documents=[dm.Document(ordinal=d.ordinal, type=d.type, period_start=d.period_start,
                               period_end=d.period_end, status=d.status, title=d.title) for d in ev.documents],
        exercises=[dm.Exercise(ordinal=x.ordinal, name=x.name, status=x.status) for x in ev.exercises],
        evidence=[dm.Evidence(fact_kind=e.fact_kind, fact_ordinal=e.fact_ordinal, start=e.start, end=e.end)
                  for e in ev.evidence])


def write_dump(store: Store, sink: TextIO) -> Counter:
    """Write every record to ``sink`` as JSON Lines; return how many of each kind."""
    written: Counter = Counter()
    for record in records(store):
        sink.write(record.model_dump_json() + "\n")
        written[record.kind] += 1
    return written


# -- reading ----------------------------------------------------------------

def parse(path: Path) -> Iterator[dm.DumpRecord]:
    """The records of a dump file, validated; the first error raised names the file, line and field."""
    seen: dict[tuple[str, str], int] = {}
    with open(path, encoding="utf-8") as fh:
        n = 0
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = dm.RECORD.validate_json(line)
            except ValidationError as exc:
                raise _invalid(exc, path, n) from None
            if n == 1 and not isinstance(record, dm.Header):
                raise MissingField("a dump starts with a header line (kind: header)", source=str(path), line=n)
            if isinstance(record, dm.Header):
                if n != 1:
                    raise MalformedRecord("a header line is allowed only first", source=str(path), line=n)
                if record.version > dm.VERSION:
                    raise UnsupportedFormat(f"dump format version {record.version} is newer than this milcoop "
                                            f"reads ({dm.VERSION})", source=str(path), line=n)
            for key in _keys(record):
                if key in seen:
                    raise MalformedRecord(f"{key[0]} {key[1]!r} appears twice (first on line {seen[key]})",
                                          source=str(path), line=n)
                seen[key] = n
            yield record
        if n == 0:
            raise MissingField("the file is empty: a dump starts with a header line", source=str(path))


def _keys(record: dm.DumpRecord) -> list[tuple[str, str]]:
    if isinstance(record, dm.ArticleRecord):
        return [("article", record.id)] + [("event", e.id) for e in record.events]
    if isinstance(record, (dm.OccasionRecord, dm.PersonRecord)):
        return [(record.kind, record.id)]
    if isinstance(record, dm.ReviewStateRecord):
        return [("review state of", record.target_id)]
    if isinstance(record, dm.OccasionOverrideRecord):
        return [("occasion override of", record.event_id)]
    if isinstance(record, dm.PersonOverrideRecord):
        return [("person override of", record.participant_key)]
    return []


def _invalid(exc: ValidationError, path: Path, line: int) -> MalformedRecord:
    first = exc.errors()[0]
    where = ".".join(str(x) for x in first["loc"]) or "record"
    if first["type"] == "json_invalid":
        return MalformedRecord(f"not JSON: {first['msg']}", source=str(path), line=line)
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return MalformedRecord(f"{where}: {first['msg']}{more}", source=str(path), line=line)


def read_dump(store: Store, path: Path) -> Counter:
    """Import the dump at ``path`` into the store, which must hold no records yet; return counts by kind.

    The file is read twice: once to validate every line (nothing is written
    if any is bad), once to write, in one transaction.
    """
    path = Path(path)
    for _ in parse(path):
        pass
    held = {table: n for table, n in counts(store).items() if n}
    if held:
        raise NotEmpty("the database already holds records (" + ", ".join(f"{n} {t}" for t, n in held.items())
                       + "): import into a new one", source=store.url)

    def work(session: Session) -> Counter:
        users = {name: uid for uid, name in session.execute(select(DbUser.id, DbUser.username))}
        done: Counter = Counter()
        for record in parse(path):
            if not isinstance(record, dm.Header):
                session.add_all(_rows(record, users))
            done[record.kind] += 1
            if sum(done.values()) % FLUSH_EVERY == 0:
                session.flush()
                session.expunge_all()
        session.flush()
        occasions.backfill(session.connection())  # derived, so not in the dump: made again here
        return done

    return store.write(f"cannot import {path}", work)


def _rows(r: dm.DumpRecord, users: dict[str, int]) -> list:
    """The database rows of one record (the header has none; the last case is the audit entry)."""
    if isinstance(r, dm.ArticleRecord):
        article = DbArticle(id=r.id, external_id=r.external_id, url=r.url, title=r.title, lang=r.lang,
                            outlet=r.outlet, dateline_city=r.dateline_city, published=r.published, text=r.text,
                            raw_text=r.raw_text, segments=[s.model_dump() for s in r.segments], format=r.format,
                            created_at=r.created_at)
        article.sources = [DbSource(source=s.source, ingested_at=s.ingested_at) for s in r.sources]
        rows: list = [article]
        if r.extraction is not None:
            rows.append(DbExtraction(article_id=r.id, **r.extraction.model_dump()))
        rows += [_event_row(r.id, e) for e in r.events]
        return rows
    if isinstance(r, dm.OccasionRecord):
        return [DbOccasion(id=r.id, created_at=r.created_at)]
    if isinstance(r, dm.PersonRecord):
        person = DbPerson(id=r.id, name=r.name, country=r.country, official_id=r.official_id,
                          created_at=r.created_at)
        person.names = [DbPersonName(**n.model_dump()) for n in r.names]
        return [person]
    user = users.get(getattr(r, "user", None) or "")
    if isinstance(r, dm.CorrectionRecord):
        return [DbCorrection(target_kind=r.target_kind, target_id=r.target_id, field=r.field, value=r.value,
                             user_id=user, created_at=r.created_at, active=r.active)]
    if isinstance(r, dm.ReviewStateRecord):
        return [DbReviewState(target_id=r.target_id, state=r.state, user_id=user, updated_at=r.updated_at)]
    if isinstance(r, dm.OccasionOverrideRecord):
        return [DbOccasionOverride(event_id=r.event_id, occasion_id=r.occasion_id, user_id=user,
                                   created_at=r.created_at)]
    if isinstance(r, dm.PersonOverrideRecord):
        return [DbPersonOverride(participant_key=r.participant_key, person_id=r.person_id, user_id=user,
                                 created_at=r.created_at)]
    return [DbAuditEntry(user=r.user, at=r.at, action=r.action, target_kind=r.target_kind, target_id=r.target_id,
                         before=r.before, after=r.after)]


def _event_row(article_id: str, e: dm.Event) -> DbEvent:
    row = DbEvent(id=e.id, article_id=article_id, ordinal=e.ordinal, origin=e.origin, types=e.types, date=e.date,
                  city=e.city, country=e.country, countries=e.countries, orgs=e.orgs, areas=e.areas,
                  preparatory=e.preparatory, occasion_id=e.occasion_id)
    index_rows(row)
    row.participants = [DbParticipant(**p.model_dump()) for p in e.participants]
    row.documents = [DbDocument(**d.model_dump()) for d in e.documents]
    row.exercises = [DbExercise(**x.model_dump()) for x in e.exercises]
    row.evidence = [DbEvidence(**v.model_dump()) for v in e.evidence]
    return row
