"""The store: articles in, extractions in, events and schema records out.

Each public method runs in its own short transaction, so writers (an ingest,
analysts' review) and the server's readers share one database; every write
goes through ``Store.write``, which runs it again after a transient failure
(``milcoop.store.retry``). Machine output is replaced per article as a
whole; rows that analyst review adds live in other tables and are never
touched here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import threading
from collections import OrderedDict
from concurrent.futures import Future

from sqlalchemy import Select, delete, exists, func, literal, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from milcoop.errors import NotFound, StoreBusy, StoreError
from milcoop.validate import ISO_DATE, iso_date, search  # noqa: F401 - ISO_DATE: milcoop.corrected reads it here

from . import occasions, overrides, persons
from .retry import locked, retrying
from .models import DbPerson, DbPersonName, DbRevision
from milcoop.records import (Article, ArticleExtraction, Document, Event, Exercise, Location,
                             Participant, Segment, Span)
from milcoop.store.db import WRITE, _reason, _shown
from milcoop.store.models import (MACHINE, DbArticle, DbDocument, DbEvent, DbEventArea,
                                  DbEventCountry, DbEventType, DbEvidence, DbExercise,
                                  DbExtraction, DbParticipant, DbSource, event_id, utcnow)
from milcoop.store.views import ArticleRef, EventDetail, EventRow, EvidenceSpan

EXPORT_BATCH = 200
MEMO_SIZE = 64        # derived reads kept per store (one per distinct listing query)
TITLES_SIZE = 100_000  # article titles kept: an article never changes (its id is its text's hash)
# What an event listing row (``EventRow``) reads: the event's columns and its article's head, never its
# text; selected as plain columns (no ORM objects), since the server lists every event after each write.
_LISTED = (DbEvent.id, DbEvent.article_id, DbArticle.external_id, DbEvent.ordinal, DbEvent.origin, DbEvent.types,
           DbEvent.date, DbEvent.city, DbEvent.country, DbEvent.countries, DbEvent.orgs, DbEvent.areas,
           DbArticle.title, DbArticle.url, DbEvent.occasion_id)
_EVENT_FACTS = (selectinload(DbEvent.participants), selectinload(DbEvent.documents),
                selectinload(DbEvent.exercises), selectinload(DbEvent.evidence))
# Child tables of an event, deleted before the event itself.
_EVENT_CHILDREN = (DbEvidence, DbParticipant, DbDocument, DbExercise,
                   DbEventType, DbEventCountry, DbEventArea)


T = TypeVar("T")


@dataclass(frozen=True)
class Stored:
    """What storing one ingested article did."""

    article_id: str
    created: bool   # the article was not stored before
    stored: bool    # its extraction was stored now (False: it was stored and extracted before)
    events: int     # events stored now


class Store:
    """Access to one milcoop database. Open with ``open_store``; use as a context manager."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        self._memo: OrderedDict = OrderedDict()
        self._computing: dict = {}  # (key, revision) -> Future of the one computation under way
        self._titles: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()  # the server's request threads share one store

    @property
    def url(self) -> str:
        """The database URL, password hidden: for messages."""
        return _shown(str(self.engine.url))

    def close(self) -> None:
        """Close every pooled connection; the store is unusable afterwards."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def write(self, what: str, work: Callable[[Session], T]) -> T:
        """Run ``work(session)`` in one write transaction and return its result.

        Committed on success, rolled back on any error. A transient failure
        (a lock held too long, a deadlock, a row another writer inserted
        first) runs ``work`` again in a new transaction, so ``work`` must
        only change the database. Raises ``StoreBusy`` when the database
        stayed locked, ``StoreError`` naming ``what`` on any other database
        error; milcoop's own errors raised by ``work`` pass unchanged.
        """
        try:
            for attempt in retrying():
                with attempt, self._write.begin() as session:
                    result = work(session)
                    session.execute(update(DbRevision).values(n=DbRevision.n + 1))
                    return result
        except SQLAlchemyError as exc:
            kind = StoreBusy if locked(exc) else StoreError
            raise kind(f"{what}: {_reason(exc)}", source=self.url) from exc
        raise AssertionError("unreachable: retrying() re-raises the last failure")  # pragma: no cover

    def revision(self) -> int:
        """How many write transactions the store has committed, by any process."""
        with self._read() as session:
            return session.scalar(select(DbRevision.n)) or 0

    def memo(self, key, compute: Callable[[], T]) -> T:
        """``compute()``, or its result from an earlier call with ``key`` if nothing was written since.

        For reads derived from many rows that many requests repeat (the server's
        occasion listing). The result is shared between callers: read-only.
        Concurrent callers after a write wait for one computation instead of
        each running their own (twenty readers would otherwise redo the same
        work twenty times at every write).
        """
        revision = self.revision()
        with self._lock:
            hit = self._memo.get(key)
            if hit is not None and hit[0] >= revision:
                self._memo.move_to_end(key)
                return hit[1]
            pending = self._computing.get((key, revision))
            mine = pending is None
            if mine:
                pending = self._computing[(key, revision)] = Future()
        if not mine:
            return pending.result()
        try:
            value = compute()
        except BaseException as exc:
            pending.set_exception(exc)
            raise
        finally:
            with self._lock:
                self._computing.pop((key, revision), None)
        with self._lock:
            if key not in self._memo or self._memo[key][0] <= revision:
                self._memo[key] = (revision, value)
            self._memo.move_to_end(key)
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        pending.set_result(value)
        return value

    # -- articles ---------------------------------------------------------

    def add_article(self, article: Article, source: str) -> tuple[str, bool]:
        """Store ``article`` as ingested from ``source``; return (id, created).

        An article already stored (same content hash) is left as it is; only
        a source not seen before for it is recorded.
        """
        created = self.write(f"cannot add article {article.id}",
                             lambda session: _add_article(session, article, source or article.source))
        return article.id, created

    def store_articles(self, batch: list[tuple[Article, ArticleExtraction | None]], version: str) -> list[Stored]:
        """Store a batch of ingested articles and their extractions in one transaction.

        All or nothing, so an ingest stopped at any point leaves whole
        articles only. An article already extracted (stored before, by an
        earlier item of the batch, or by another writer meanwhile) only gets
        its source recorded; ``None`` stands for an extraction not made
        because the article was found stored before.
        """
        def work(session: Session) -> list[Stored]:
            done = []
            for article, extraction in batch:
                created = _add_article(session, article, article.source)
                extracted = not created and session.get(DbExtraction, article.id) is not None
                if extraction is None and not extracted:
                    raise NotFound(f"article {article.id} is not stored: give its extraction", source=self.url)
                events = 0 if extracted else len(self._save_extraction(session, article.id, extraction, version))
                done.append(Stored(article.id, created, not extracted, events))
            return done

        return self.write(f"cannot store {len(batch)} articles", work) if batch else []

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored (cheap: no text loaded)."""
        with self._read() as session:
            return bool(session.scalar(select(exists().where(DbArticle.id == article_id))))

    def has_extraction(self, article_id: str) -> bool:
        """Whether machine extraction has run on this article (an ingest may have stopped midway)."""
        with self._read() as session:
            return bool(session.scalar(select(exists().where(DbExtraction.article_id == article_id))))

    def get_article(self, article_id: str) -> Article | None:
        """The stored article; ``source`` is the first place it was ingested from."""
        with self._read() as session:
            row = session.get(DbArticle, article_id, options=[selectinload(DbArticle.sources)])
            return None if row is None else _article(row)

    def article_ids(self) -> list[str]:
        """Ids of all stored articles, in ingestion order."""
        with self._read() as session:
            return list(session.scalars(select(DbArticle.id).order_by(DbArticle.created_at, DbArticle.id)))

    # -- extractions ------------------------------------------------------

    def save_extraction(self, article_id: str, extraction: ArticleExtraction, version: str) -> list[str]:
        """Replace the article's machine events with ``extraction``'s; return the new event ids.

        All or nothing: on any failure the previous events stay as they were.
        """
        return self.write(f"cannot save extraction of article {article_id}",
                          lambda session: self._save_extraction(session, article_id, extraction, version))

    def _save_extraction(self, session: Session, article_id: str, extraction: ArticleExtraction,
                         version: str) -> list[str]:
        if not session.scalar(select(exists().where(DbArticle.id == article_id))):
            raise NotFound(f"no article {article_id} in the store", source=self.url)
        machine = select(DbEvent.id).where(DbEvent.article_id == article_id, DbEvent.origin == MACHINE)
        old_occasions = set(session.scalars(
            select(DbEvent.occasion_id).where(DbEvent.article_id == article_id, DbEvent.occasion_id.is_not(None))))
        old_persons = set(session.scalars(
            select(DbParticipant.person_id).where(DbParticipant.event_id.in_(machine),
                                                  DbParticipant.person_id.is_not(None))))
        no_sync = {"synchronize_session": False}
        for child in _EVENT_CHILDREN:
            session.execute(delete(child).where(child.event_id.in_(machine)), execution_options=no_sync)
        session.execute(delete(DbEvent).where(DbEvent.article_id == article_id, DbEvent.origin == MACHINE),
                        execution_options=no_sync)
        session.merge(DbExtraction(article_id=article_id, relevant=extraction.relevant,
                                   lang=extraction.lang, extractor_version=version,
                                   extracted_at=utcnow()))
        rows = [_event_row(article_id, i, ev) for i, ev in enumerate(extraction.events)]
        session.add_all(rows)
        session.flush()
        published = session.scalar(select(DbArticle.published).where(DbArticle.id == article_id))
        occasions.assign(session, rows, published, _event, _EVENT_FACTS)
        old_occasions |= overrides.apply_occasions(session, rows)
        occasions.drop_empty(session, old_occasions)
        persons.link(session, rows)
        old_persons |= overrides.apply_persons(session, rows)
        persons.drop_unmentioned(session, old_persons)
        return [row.id for row in rows]

    def occasion_of(self, article_id: str) -> str | None:
        """The occasion the article's main (first) event was filed under."""
        with self._read() as session:
            return session.scalar(select(DbEvent.occasion_id).where(DbEvent.article_id == article_id)
                                  .order_by(DbEvent.ordinal).limit(1))

    # -- queries ----------------------------------------------------------

    def events(self, country: str | None = None, partner: str | None = None, type: str | None = None,
               date_from: str | None = None, date_to: str | None = None, text: str | None = None,
               limit: int | None = None) -> list[EventRow]:
        """Events matching every filter given, latest first (undated last), then by id.

        ``country``/``partner``: the event's parties include both codes.
        ``type``: one of the event's types. ``date_from``/``date_to``: ISO
        dates, possibly partial, inclusive at the coarser precision of the
        two sides (an event dated ``2012`` matches ``date_from='2012-07'``;
        one dated ``2012-07-15`` matches ``date_to='2012-07'``); undated
        events never match a date range. ``text``: case-insensitive
        substring of the article's title or text or a participant's name.
        """
        stmt = events_query(country, partner, type, date_from, date_to, text, limit)
        with self._read() as session:
            return _listed(session, session.execute(stmt).all())

    def occasions(self, limit: int | None = None, **filters) -> list[EventRow]:
        """One row per occasion among the events matching ``filters`` (see ``events``).

        The row is the occasion's first report, its ``id`` the occasion id, its
        parties and participants the union over the reports, and ``sources`` the
        number of articles that report it.
        """
        rows = self.events(**filters)
        grouped: dict[str, list[EventRow]] = {}
        for r in rows:
            grouped.setdefault(r.occasion_id or r.id, []).append(r)
        with self._read() as session:
            counts = occasions.source_counts(session, [k for k in grouped if k.startswith("oc-")])
        out = []
        for key, reports in grouped.items():
            first = reports[0].model_copy()
            first.id = key
            first.countries = list(dict.fromkeys(c for r in reports for c in r.countries))
            first.orgs = list(dict.fromkeys(o for r in reports for o in r.orgs))
            first.participants = _union_names(p for r in reports for p in r.participants)
            first.types = list(dict.fromkeys(t for r in reports for t in r.types))
            first.date = next((r.date for r in reports if r.date and len(r.date) == 10), first.date) \
                or next((r.date for r in reports if r.date), None)
            placed = next((r for r in reports if r.city), None) or next((r for r in reports if r.country), first)
            first.city, first.country = placed.city, placed.country
            first.sources = counts.get(key, len({r.article_id for r in reports}))
            out.append(first)
        return out[:limit] if limit else out

    def occasion_events(self, occasion: str) -> list[EventRow]:
        """The reports filed under one occasion, oldest first."""
        with self._read() as session:
            stmt = (select(DbEvent).where(DbEvent.occasion_id == occasion)
                    .options(selectinload(DbEvent.participants), selectinload(DbEvent.article))
                    .order_by(DbEvent.article_id, DbEvent.ordinal))
            return [_event_view(row) for row in session.scalars(stmt)]

    def documents(self, country: str | None = None, partner: str | None = None) -> list:
        """The documents register (``milcoop.resolve.documents``) over events with these parties."""
        from milcoop.resolve.documents import Mention, register

        stmt = select(DbEvent).options(selectinload(DbEvent.documents), selectinload(DbEvent.article))
        for code in (country, partner):
            if code:
                stmt = stmt.where(DbEvent.id.in_(
                    select(DbEventCountry.event_id).where(DbEventCountry.country == code.strip().upper())))
        with self._read() as session:
            mentions = [Mention(type=d.type, period=None if d.period_start is None else [d.period_start, d.period_end],
                                status=d.status, countries=list(ev.countries), date=ev.date or ev.article.published,
                                event_id=ev.id, occasion_id=ev.occasion_id, title=d.title)
                        for ev in session.scalars(stmt) for d in ev.documents]
        return register(mentions)

    def observations(self, role: str | None = None, country: str | None = None,
                     person: str | None = None) -> list:
        """Every dated sighting of a person in an office (see ``milcoop.resolve.tenures``)."""
        from milcoop.resolve.tenures import Observation

        stmt = (select(DbParticipant, DbEvent, DbArticle.published, DbPerson.name)
                .join(DbEvent, DbEvent.id == DbParticipant.event_id)
                .join(DbArticle, DbArticle.id == DbEvent.article_id)
                .join(DbPerson, DbPerson.id == DbParticipant.person_id))
        if role:
            stmt = stmt.where(DbParticipant.role == role)
        if country:
            stmt = stmt.where(DbParticipant.country == country.upper())
        if person:
            stmt = stmt.where(DbParticipant.person_id == person)
        with self._read() as session:
            return [Observation(person_id=p.person_id, name=name, role=p.role, rank=p.rank, country=p.country,
                                date=ev.date or published, event_id=ev.id)
                    for p, ev, published, name in session.execute(stmt)]

    def find_persons(self, query: str) -> list[dict]:
        """Persons any of whose spellings matches ``query`` (any script; surname enough)."""
        from milcoop.resolve.persons import NameKey, same_given, same_surname

        key = NameKey.of(query)
        with self._read() as session:
            rows = session.execute(select(DbPersonName.person_id, DbPersonName.surname_key, DbPersonName.given_key)
                                   .where(DbPersonName.surname_key.startswith(key.surname[:3]))).all()
            ids = list(dict.fromkeys(pid for pid, s, g in rows
                                     if same_surname(key.surname, s) and same_given(key.given, g)))
            return [self._dossier_head(session, pid) for pid in ids]

    def _dossier_head(self, session, pid: str) -> dict:
        person = session.get(DbPerson, pid, options=[selectinload(DbPerson.names)])
        return {"id": person.id, "name": person.name, "country": person.country,
                "spellings": sorted({n.name for n in person.names})}

    def dossier(self, person_id: str) -> dict | None:
        """A person: spellings, positions over time, occasions with partners, documents signed."""
        from milcoop.resolve.tenures import tenures

        with self._read() as session:
            if session.get(DbPerson, person_id) is None:
                return None
            head = self._dossier_head(session, person_id)
            stmt = (select(DbEvent).join(DbParticipant, DbParticipant.event_id == DbEvent.id)
                    .where(DbParticipant.person_id == person_id).options(*_EVENT_FACTS, selectinload(DbEvent.article)))
            events = list(session.scalars(stmt).unique())
        obs = self.observations(person=person_id)
        head["positions"] = sorted(({"role": o.role, "rank": o.rank, "country": o.country, "date": o.date,
                                     "event": o.event_id} for o in obs), key=lambda o: (o["date"] or "", o["event"]))
        head["tenures"] = [t.__dict__ for t in tenures(obs)]
        occasions_seen: dict[str, dict] = {}
        documents = []
        for ev in sorted(events, key=lambda e: e.date or (e.article.published or "")):
            rec = _event(ev)
            key = ev.occasion_id or ev.id
            occ = occasions_seen.setdefault(key, {"occasion": key, "date": rec.date, "types": rec.type,
                                                 "countries": rec.countries, "partners": [], "reports": 0})
            occ["reports"] += 1
            for p in ev.participants:
                if p.person_id != person_id and p.name not in occ["partners"]:
                    occ["partners"].append(p.name)
            for d in rec.documents:
                if d.status in ("signed", "ratified"):
                    documents.append({"type": d.type, "period": d.period, "status": d.status,
                                      "date": rec.date, "countries": rec.countries, "occasion": key})
        head["occasions"] = list(occasions_seen.values())
        head["documents"] = documents
        return head

    def event(self, event_id: str) -> EventDetail | None:
        """One event with its full record, its article and its quoted evidence."""
        with self._read() as session:
            row = session.get(DbEvent, event_id, options=[
                *_EVENT_FACTS, selectinload(DbEvent.article).selectinload(DbArticle.sources)])
            if row is None:
                return None
            art = row.article
            spans = [EvidenceSpan(start=e.start, end=e.end, fact_kind=e.fact_kind,
                                  fact_ordinal=e.fact_ordinal, text=art.text[e.start:e.end])
                     for e in row.evidence]
            article = ArticleRef(id=art.id, external_id=art.external_id, title=art.title, url=art.url,
                                 published=art.published, lang=art.lang, text=art.text,
                                 sources=[s.source for s in art.sources])
            return EventDetail(row=_event_view(row), event=_event(row), article=article, evidence=spans)

    def article_titles(self, article_ids: list[str]) -> dict[str, str | None]:
        """Each article's title, or for untitled ones its first line that reads like a sentence."""
        from milcoop.corrected import title_of

        wanted = list(dict.fromkeys(article_ids))
        with self._lock:
            out = {aid: self._titles[aid] for aid in wanted if aid in self._titles}
        missing = [aid for aid in wanted if aid not in out]
        found: dict[str, str | None] = {}
        with self._read() as session:
            for chunk in _chunks(missing, EXPORT_BATCH):
                for aid, title, head in session.execute(
                        select(DbArticle.id, DbArticle.title, func.substr(DbArticle.text, 1, 2000))
                        .where(DbArticle.id.in_(chunk))):
                    found[aid] = title or title_of(head)
        with self._lock:
            self._titles.update(found)
            while len(self._titles) > TITLES_SIZE:
                self._titles.popitem(last=False)
        return {**out, **found}

    def article_record(self, key: str) -> dict | None:
        """An article (by id or external id) with every stored fact's span in its text."""
        with self._read() as session:
            row = session.get(DbArticle, key) or session.scalars(
                select(DbArticle).where(DbArticle.external_id == key).order_by(DbArticle.created_at)).first()
            if row is None:
                return None
            events = list(session.scalars(select(DbEvent).where(DbEvent.article_id == row.id)
                                          .order_by(DbEvent.ordinal).options(*_EVENT_FACTS)))
            facts = []
            for ev in events:
                labels = {("event", 0): ", ".join(ev.types) or "event"}
                labels.update({("participant", p.ordinal): p.name for p in ev.participants})
                labels.update({("document", d.ordinal): d.type for d in ev.documents})
                labels.update({("exercise", x.ordinal): x.name for x in ev.exercises})
                for e in ev.evidence:
                    facts.append({"kind": e.fact_kind, "label": labels.get((e.fact_kind, e.fact_ordinal), e.fact_kind),
                                  "start": e.start, "end": e.end, "event_id": ev.id, "occasion_id": ev.occasion_id})
            facts.sort(key=lambda f: (f["start"], f["end"]))
            return {"id": row.id, "external_id": row.external_id, "title": row.title, "url": row.url,
                    "published": row.published, "lang": row.lang, "outlet": row.outlet, "text": row.text,
                    "facts": facts}

    def occasion_persons(self) -> list[tuple[str, str, str, str | None]]:
        """(occasion id, person id, person name, person country) for every linked participant."""
        with self._read() as session:
            return [tuple(r) for r in session.execute(
                select(DbEvent.occasion_id, DbPerson.id, DbPerson.name, DbPerson.country).distinct()
                .join(DbParticipant, DbParticipant.event_id == DbEvent.id)
                .join(DbPerson, DbPerson.id == DbParticipant.person_id)
                .where(DbEvent.occasion_id.is_not(None)))]

    def export_records(self) -> Iterator[dict]:
        """Schema records (``shared/design/schema.md``) of every extracted article.

        Each event also carries its ``id``, the article's ``sources`` and
        evidence spans per fact; the record carries ``article_id`` and
        ``lang``. Streams in batches, so memory stays flat on large stores.
        """
        with self._read() as session:
            ids = list(session.scalars(select(DbExtraction.article_id).join(DbExtraction.article)
                                       .order_by(DbArticle.created_at, DbArticle.id)))
            for chunk in _chunks(ids, EXPORT_BATCH):
                extractions = session.scalars(select(DbExtraction).where(DbExtraction.article_id.in_(chunk))
                                              .options(selectinload(DbExtraction.article)
                                                       .selectinload(DbArticle.sources)))
                by_id = {x.article_id: x for x in extractions}
                events: dict[str, list[DbEvent]] = {}
                for ev in session.scalars(select(DbEvent).where(DbEvent.article_id.in_(chunk))
                                          .order_by(DbEvent.article_id, DbEvent.ordinal).options(*_EVENT_FACTS)):
                    events.setdefault(ev.article_id, []).append(ev)
                for article_id in chunk:
                    x = by_id[article_id]
                    sources = [s.source for s in x.article.sources]
                    yield {
                        "id": x.article.external_id or article_id,
                        "article_id": article_id,
                        "relevant": x.relevant,
                        "lang": x.lang,
                        "events": [{"id": ev.id, "occasion": ev.occasion_id, **_event(ev).model_dump(),
                                    "sources": sources}
                                   for ev in events.get(article_id, [])],
                    }
                session.expunge_all()


def events_query(country: str | None = None, partner: str | None = None, type: str | None = None,
                 date_from: str | None = None, date_to: str | None = None, text: str | None = None,
                 limit: int | None = None) -> Select:
    """The SELECT behind ``Store.events``, kept apart so its SQL can be checked per dialect."""
    stmt = select(*_LISTED).join(DbEvent.article)
    for code in (country, partner):
        if code:
            stmt = stmt.where(DbEvent.id.in_(
                select(DbEventCountry.event_id).where(DbEventCountry.country == code.strip().upper())))
    if type:
        stmt = stmt.where(DbEvent.id.in_(select(DbEventType.event_id).where(DbEventType.type == type)))
    if date_from:
        start = iso_date(date_from, "date_from")
        # later, or a coarser date that contains the start ('2012' contains '2012-07')
        stmt = stmt.where(or_(DbEvent.date >= start, literal(start).startswith(DbEvent.date)))
    if date_to:
        end = iso_date(date_to, "date_to")
        stmt = stmt.where(or_(DbEvent.date <= end, DbEvent.date.startswith(end)))
    if text:
        needle = search(text.strip(), "text")
        named = select(DbParticipant.event_id).where(or_(
            DbParticipant.name.icontains(needle, autoescape=True),
            DbParticipant.surface.icontains(needle, autoescape=True)))
        stmt = stmt.where(or_(DbArticle.title.icontains(needle, autoescape=True),
                              DbArticle.text.icontains(needle, autoescape=True),
                              DbEvent.id.in_(named)))
    stmt = stmt.order_by(DbEvent.date.is_(None), DbEvent.date.desc(), DbEvent.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


# -- conversions between records and rows ---------------------------------

def _add_article(session: Session, article: Article, source: str) -> bool:
    """Insert the article unless stored (same content hash); record ``source`` if new. True if inserted."""
    row = session.get(DbArticle, article.id, options=[selectinload(DbArticle.sources)])
    created = row is None
    if created:
        row = _article_row(article)
        session.add(row)
    if source not in {s.source for s in row.sources}:
        row.sources.append(DbSource(source=source))
    session.flush()
    return created


def _article_row(article: Article) -> DbArticle:
    return DbArticle(id=article.id, external_id=article.external_id, url=article.url, title=article.title,
                     lang=article.lang, outlet=article.outlet, dateline_city=article.dateline_city,
                     published=article.published, text=article.text, raw_text=article.raw_text,
                     segments=[s.model_dump() for s in article.segments], format=article.format)


def _article(row: DbArticle) -> Article:
    return Article(id=row.id, external_id=row.external_id, source=row.sources[0].source if row.sources else "",
                   url=row.url, title=row.title, lang=row.lang, text=row.text, raw_text=row.raw_text,
                   segments=[Segment.model_validate(s) for s in row.segments], outlet=row.outlet,
                   dateline_city=row.dateline_city, published=row.published, format=row.format)


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _spans(kind: str, ordinal: int, spans: list[Span]) -> list[DbEvidence]:
    return [DbEvidence(fact_kind=kind, fact_ordinal=ordinal, start=s.start, end=s.end) for s in spans]


def _event_row(article_id: str, ordinal: int, ev: Event) -> DbEvent:
    row = DbEvent(id=event_id(article_id, ordinal), article_id=article_id, ordinal=ordinal, origin=MACHINE,
                  types=list(ev.type), date=ev.date, city=ev.location.city, country=ev.location.country,
                  countries=list(ev.countries), orgs=list(ev.orgs), areas=list(ev.areas),
                  preparatory=ev.preparatory)
    index_rows(row)
    row.participants = [DbParticipant(ordinal=i, name=p.name, country=p.country, role=p.role, rank=p.rank,
                                      surface=p.surface) for i, p in enumerate(ev.participants)]
    row.documents = [DbDocument(ordinal=i, type=d.type, status=d.status, title=d.title,
                                period_start=d.period[0] if d.period else None,
                                period_end=d.period[-1] if d.period else None)
                     for i, d in enumerate(ev.documents)]
    row.exercises = [DbExercise(ordinal=i, name=x.name, status=x.status) for i, x in enumerate(ev.exercises)]
    row.evidence = [*_spans("event", 0, ev.evidence),
                    *(s for i, p in enumerate(ev.participants) for s in _spans("participant", i, p.evidence)),
                    *(s for i, d in enumerate(ev.documents) for s in _spans("document", i, d.evidence)),
                    *(s for i, x in enumerate(ev.exercises) for s in _spans("exercise", i, x.evidence))]
    return row


def index_rows(row: DbEvent) -> None:
    """Fill the filters' index tables (``event_types``, ``event_countries``, ``event_areas``) from its lists."""
    row.type_rows = [DbEventType(type=t) for t in _unique(row.types)]
    row.country_rows = [DbEventCountry(country=c) for c in _unique(c and c.upper() for c in row.countries)]
    row.area_rows = [DbEventArea(area=a) for a in _unique(row.areas)]


def _event(row: DbEvent) -> Event:
    """Rebuild the schema record of an event, evidence attached to each fact."""
    spans: dict[tuple[str, int], list[Span]] = {}
    for e in row.evidence:
        spans.setdefault((e.fact_kind, e.fact_ordinal), []).append(Span(start=e.start, end=e.end))
    return Event(
        type=list(row.types), date=row.date, location=Location(city=row.city, country=row.country),
        countries=list(row.countries), orgs=list(row.orgs), areas=list(row.areas),
        participants=[Participant(name=p.name, country=p.country, role=p.role, rank=p.rank, surface=p.surface,
                                  evidence=spans.get(("participant", p.ordinal), []))
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


def _event_view(row: DbEvent) -> EventRow:
    return EventRow(id=row.id, article_id=row.article_id, external_id=row.article.external_id,
                    ordinal=row.ordinal, origin=row.origin, types=list(row.types), date=row.date,
                    city=row.city, country=row.country, countries=list(row.countries), orgs=list(row.orgs),
                    areas=list(row.areas), participants=[p.name for p in row.participants],
                    title=row.article.title, url=row.article.url, occasion_id=row.occasion_id)


def _listed(session: Session, rows) -> list[EventRow]:
    """Listing rows from ``_LISTED`` columns, with each event's participant names (in order)."""
    names: dict[str, list[str]] = {}
    for chunk in _chunks([r.id for r in rows], EXPORT_BATCH):
        for event_id, name in session.execute(select(DbParticipant.event_id, DbParticipant.name)
                                              .where(DbParticipant.event_id.in_(chunk))
                                              .order_by(DbParticipant.event_id, DbParticipant.ordinal)):
            names.setdefault(event_id, []).append(name)
    # model_construct: the values come from the database's own typed columns
    return [EventRow.model_construct(**{**r._asdict(), "types": list(r.types), "countries": list(r.countries),
                                        "orgs": list(r.orgs), "areas": list(r.areas)},
                                     participants=names.get(r.id, []), sources=1) for r in rows]


def _union_names(names) -> list[str]:
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


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
