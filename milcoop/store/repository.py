"""The store: articles in, extractions in, events and schema records out.

Each public method runs in its own short transaction, so writers (an ingest,
analysts' review) and the server's readers share one database; every write
goes through ``Store.write``, which runs it again after a transient failure
(``milcoop.store.retry``). Machine output is replaced per article as a
whole; rows that analyst review adds live in other tables and are never
touched here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Select, delete, exists, func, literal, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from milcoop.errors import NotFound, StoreBusy, StoreError
from milcoop.records import Article, ArticleExtraction, Document, Event, Exercise, Location, Participant
from milcoop.validate import iso_date, search

from milcoop.resolve.occasions import facts as occasion_facts

from . import occasions, overrides, persons
from .db import WRITE, _reason, _shown
from .memo import Lru, Memo
from .models import (MACHINE, DbArticle, DbDocument, DbEvent, DbEventArea, DbEventCountry, DbEventType,
                     DbEvidence, DbExercise, DbExtraction, DbOccasionFacts, DbOccasionKey, DbParticipant, DbPerson,
                     DbPersonName, DbRevision, utcnow)
from .retry import locked, retrying
from .rows import (EVENT_FACTS, EXPORT_BATCH, LISTED, add_article, chunks, event_row, event_view, listed,
                   to_article, to_event, union_names)
from .views import ArticleRef, EventDetail, EventRow, EvidenceSpan

SURNAME_FIT = 0.7  # an officials match this good names the person (a surname alone scores 0.7)
MEMO_SIZE = 64        # derived reads kept per store (one per distinct listing query)
TITLES_SIZE = 100_000  # article titles kept: an article never changes (its id is its text's hash)
# Child tables of an event, deleted before the event itself.
_EVENT_CHILDREN = (DbEvidence, DbParticipant, DbDocument, DbExercise,
                   DbEventType, DbEventCountry, DbEventArea, DbOccasionFacts, DbOccasionKey)


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
        self._memo = Memo(MEMO_SIZE)
        self._titles: Lru[str, str | None] = Lru(TITLES_SIZE)

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
        occasion listing); see ``milcoop.store.memo``. The result is shared
        between callers: read-only.
        """
        return self._memo.get(key, self.revision(), compute)

    # -- articles ---------------------------------------------------------

    def add_article(self, article: Article, source: str) -> tuple[str, bool]:
        """Store ``article`` as ingested from ``source``; return (id, created).

        An article already stored (same content hash) is left as it is; only
        a source not seen before for it is recorded.
        """
        created = self.write(f"cannot add article {article.id}",
                             lambda session: add_article(session, article, source or article.source))
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
                created = add_article(session, article, article.source)
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

    def extracted(self, article_ids: list[str]) -> set[str]:
        """Which of these articles machine extraction has run on (what an ingest need not extract again)."""
        found: set[str] = set()
        with self._read() as session:
            for chunk in chunks(list(dict.fromkeys(article_ids)), EXPORT_BATCH):
                found |= set(session.scalars(select(DbExtraction.article_id)
                                             .where(DbExtraction.article_id.in_(chunk))))
        return found

    def get_article(self, article_id: str) -> Article | None:
        """The stored article; ``source`` is the first place it was ingested from."""
        with self._read() as session:
            row = session.get(DbArticle, article_id, options=[selectinload(DbArticle.sources)])
            return None if row is None else to_article(row)

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
        rows = [event_row(article_id, i, ev) for i, ev in enumerate(extraction.events)]
        session.add_all(rows)
        session.flush()
        published = session.scalar(select(DbArticle.published).where(DbArticle.id == article_id))
        occasions.assign(session, rows, [occasion_facts(ev, published) for ev in extraction.events])
        old_occasions |= overrides.apply_occasions(session, rows)
        occasions.drop_empty(session, old_occasions)
        persons.link(session, rows, published)
        old_persons |= overrides.apply_persons(session, rows)
        persons.drop_unmentioned(session, old_persons)
        return [row.id for row in rows]

    def filed_reports(self) -> list:
        """Every event in the order it was filed, with its occasion and facts (``benchmark merge`` replays them)."""
        with self._read() as session:
            return occasions.filed(session)

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
            return listed(session, session.execute(stmt).all())

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
            first.participants = union_names(p for r in reports for p in r.participants)
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
            return [event_view(row) for row in session.scalars(stmt)]

    def document_mentions(self) -> list:
        """Every document of every stored report as a ``milcoop.resolve.documents.Mention``: its name
        as reported and the sentence it was read from (its first evidence span), dated by the event or,
        failing that, the article. ``milcoop.documents`` builds the register from them."""
        from milcoop.resolve.documents import Mention

        quote = (select(func.substr(DbArticle.text, DbEvidence.start + 1, DbEvidence.end - DbEvidence.start))
                 .select_from(DbEvidence)
                 .where(DbEvidence.event_id == DbDocument.event_id, DbEvidence.fact_kind == "document",
                        DbEvidence.fact_ordinal == DbDocument.ordinal)
                 .order_by(DbEvidence.id).limit(1).scalar_subquery())
        stmt = (select(DbDocument, DbEvent.id, DbEvent.occasion_id, DbEvent.date, DbEvent.countries,
                       DbArticle.id, DbArticle.published, quote)
                .join(DbEvent, DbEvent.id == DbDocument.event_id).join(DbArticle, DbArticle.id == DbEvent.article_id)
                .order_by(DbEvent.id, DbDocument.ordinal))
        with self._read() as session:
            return [Mention(type=d.type, period=None if d.period_start is None else [d.period_start, d.period_end],
                            status=d.status, countries=list(countries or []), date=date or published,
                            event_id=event_id, occasion_id=occasion, title=d.title, quote=text and text.strip(),
                            article_id=article_id)
                    for d, event_id, occasion, date, countries, article_id, published, text in session.execute(stmt)]

    def observations(self, role: str | None = None, country: str | None = None,
                     person: str | None = None) -> list:
        """Every sighting of a person in an office, dated by its event or article (``milcoop.resolve.sightings``)."""
        from milcoop.resolve.sightings import Observation

        stmt = (select(DbParticipant, DbEvent.date, DbArticle.published, DbPerson.name, DbPerson.official_id)
                .join(DbEvent, DbEvent.id == DbParticipant.event_id)
                .join(DbArticle, DbArticle.id == DbEvent.article_id)
                .join(DbPerson, DbPerson.id == DbParticipant.person_id))
        if role:
            stmt = stmt.where(DbParticipant.role == role)
        if country:
            stmt = stmt.where(DbParticipant.country == country.upper())
        if person:
            stmt = stmt.where(DbParticipant.person_id == person)
        stmt = stmt.order_by(DbParticipant.event_id, DbParticipant.ordinal)
        with self._read() as session:
            return [Observation(person_id=p.person_id, name=name, role=p.role, rank=p.rank, country=p.country,
                                date=date or published, event_id=p.event_id, official_id=official, ordinal=p.ordinal)
                    for p, date, published, name, official in session.execute(stmt)]

    def people(self, role: str | None = None, country: str | None = None, on: str | None = None) -> dict:
        """The people register: tenures (reference or news basis) and flagged sightings; with ``on``
        (and ``role``) only who held the office that day, and the sightings of that day flagged."""
        from milcoop.resolve.reference import overlaps, period
        from milcoop.resolve.tenures import holders_on, register

        reg = register(self.observations(role=role, country=country))
        spans, flags = reg.tenures, reg.flags
        if on and role:
            day = period(on)
            persons = self.persons_of_officials()
            spans = holders_on(reg, role, country and country.upper(), on, persons)
            flags = [f for f in flags if overlaps(period(f.date), day)]
        return {"tenures": [t.as_dict() for t in spans], "flags": [f.as_dict() for f in flags]}

    def persons_of_officials(self) -> dict[str, str]:
        """The stored person of each official of the reference that any report names (the earliest made)."""
        stmt = select(DbPerson.official_id, DbPerson.id).where(DbPerson.official_id.is_not(None))
        with self._read() as session:
            return {o: pid for o, pid in session.execute(stmt.order_by(DbPerson.created_at.desc(), DbPerson.id))}

    def find_persons(self, query: str) -> list[dict]:
        """Persons any of whose spellings matches ``query`` (any script; surname enough), and the
        persons of the officials the reference finds for it (any case form: Токаева, Тоқаевтың)."""
        from milcoop.knowledge.officials import match
        from milcoop.resolve.persons import NameKey, same_given, same_surname

        key = NameKey.of(query)
        officials = [m.person.id for m in match(query) if m.name_score >= SURNAME_FIT] if query.strip() else []
        with self._read() as session:
            rows = session.execute(select(DbPersonName.person_id, DbPersonName.surname_key, DbPersonName.given_key)
                                   .where(DbPersonName.surname_key.startswith(key.surname[:3]))).all()
            ids = [pid for pid, s, g in rows if same_surname(key.surname, s) and same_given(key.given, g)]
            if officials:
                ids += session.scalars(select(DbPerson.id).where(DbPerson.official_id.in_(officials))
                                       .order_by(DbPerson.id))
            return [self._dossier_head(session, pid) for pid in dict.fromkeys(ids)]

    def _dossier_head(self, session, pid: str) -> dict:
        """A person's id, name, country, reference id and spellings (nominative forms only: the case
        forms reports used stay in the registry for matching, not in the list)."""
        from milcoop.resolve.reference import official
        from milcoop.resolve.spellings import nominative

        person = session.get(DbPerson, pid, options=[selectinload(DbPerson.names)])
        ref = official(person.official_id)
        return {"id": person.id, "name": person.name, "country": person.country, "official_id": person.official_id,
                "spellings": nominative({n.name for n in person.names}, ref.names if ref else ())}

    def dossier(self, person_id: str) -> dict | None:
        """A person: spellings, the reference's offices, positions seen (each checked against the
        reference), tenures, flagged sightings, occasions with partners, documents signed."""
        from milcoop.resolve.reference import official
        from milcoop.resolve.sightings import check
        from milcoop.resolve.tenures import register

        with self._read() as session:
            if session.get(DbPerson, person_id) is None:
                return None
            head = self._dossier_head(session, person_id)
            stmt = (select(DbEvent).join(DbParticipant, DbParticipant.event_id == DbEvent.id)
                    .where(DbParticipant.person_id == person_id).options(*EVENT_FACTS, selectinload(DbEvent.article)))
            events = list(session.scalars(stmt).unique())
        obs = self.observations(person=person_id)
        with self._read() as session:
            as_named = {(e, o): surface or name for e, o, name, surface in session.execute(
                select(DbParticipant.event_id, DbParticipant.ordinal, DbParticipant.name, DbParticipant.surface)
                .where(DbParticipant.person_id == person_id))}
        ref = official(head["official_id"])
        head["reference"] = None if ref is None else {
            "id": ref.id, "name": ref.name, "country": ref.country,
            "terms": [{"role": t.role, "country": t.country, "start": t.start, "end": t.end,
                       "in_office": t.end is None and not t.ended, "post": t.post, "source": t.source}
                      for t in ref.terms]}
        positions = []
        for o in obs:
            c = check(o)
            positions.append({"role": o.role, "rank": o.rank, "country": o.country, "date": o.date,
                              "event": o.event_id, "check": c.status, "flag": c.flag, "reason": c.reason,
                              "mention": f"{o.event_id}:{o.ordinal}", "as_named": as_named.get((o.event_id, o.ordinal))})
        head["positions"] = sorted(positions, key=lambda o: (o["date"] or "", o["event"]))
        reg = register(obs)
        head["tenures"] = [t.as_dict() for t in reg.tenures]
        head["flags"] = [f.as_dict() for f in reg.flags]
        occasions_seen: dict[str, dict] = {}
        documents = []
        for ev in sorted(events, key=lambda e: e.date or (e.article.published or "")):
            rec = to_event(ev)
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
                *EVENT_FACTS, selectinload(DbEvent.article).selectinload(DbArticle.sources)])
            if row is None:
                return None
            art = row.article
            spans = [EvidenceSpan(start=e.start, end=e.end, fact_kind=e.fact_kind,
                                  fact_ordinal=e.fact_ordinal, text=art.text[e.start:e.end])
                     for e in row.evidence]
            article = ArticleRef(id=art.id, external_id=art.external_id, title=art.title, url=art.url,
                                 published=art.published, lang=art.lang, text=art.text,
                                 sources=[s.source for s in art.sources])
            return EventDetail(row=event_view(row), event=to_event(row), article=article, evidence=spans)

    def article_titles(self, article_ids: list[str]) -> dict[str, str | None]:
        """Each article's title, or for untitled ones its first line that reads like a sentence."""
        from milcoop.corrected import title_of

        wanted = list(dict.fromkeys(article_ids))
        out = self._titles.get_many(wanted)
        missing = [aid for aid in wanted if aid not in out]
        found: dict[str, str | None] = {}
        with self._read() as session:
            for chunk in chunks(missing, EXPORT_BATCH):
                for aid, title, head in session.execute(
                        select(DbArticle.id, DbArticle.title, func.substr(DbArticle.text, 1, 2000))
                        .where(DbArticle.id.in_(chunk))):
                    found[aid] = title or title_of(head)
        self._titles.put_many(found)
        return {**out, **found}

    def article_record(self, key: str) -> dict | None:
        """An article (by id or external id) with every stored fact's span in its text."""
        with self._read() as session:
            row = session.get(DbArticle, key) or session.scalars(
                select(DbArticle).where(DbArticle.external_id == key).order_by(DbArticle.created_at)).first()
            if row is None:
                return None
            events = list(session.scalars(select(DbEvent).where(DbEvent.article_id == row.id)
                                          .order_by(DbEvent.ordinal).options(*EVENT_FACTS)))
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

    def report_facts(self) -> list[tuple[str, str, str, str | None, Event]]:
        """(occasion id, event id, article id, language, record without evidence) of every stored report.

        What ``milcoop.corrected`` merges into the occasions every reader shows, rebuilt after each
        write: read as plain columns (five queries, no ORM objects, no evidence), several times
        cheaper than ``export_records``.
        """
        with self._read() as session:
            facts: dict[str, dict[str, list]] = {}
            for kind, stmt in (
                    ("participants", select(DbParticipant.event_id, DbParticipant.name, DbParticipant.country,
                                            DbParticipant.role, DbParticipant.rank, DbParticipant.surface,
                                            DbParticipant.official_id).order_by(DbParticipant.event_id,
                                                                                DbParticipant.ordinal)),
                    ("documents", select(DbDocument.event_id, DbDocument.type, DbDocument.status, DbDocument.title,
                                         DbDocument.period_start, DbDocument.period_end)
                     .order_by(DbDocument.event_id, DbDocument.ordinal)),
                    ("exercises", select(DbExercise.event_id, DbExercise.name, DbExercise.status)
                     .order_by(DbExercise.event_id, DbExercise.ordinal))):
                for row in session.execute(stmt):
                    facts.setdefault(row[0], {}).setdefault(kind, []).append(row[1:])
            rows = session.execute(
                select(DbEvent.occasion_id, DbEvent.id, DbEvent.article_id, DbExtraction.lang, DbEvent.types,
                       DbEvent.date, DbEvent.city, DbEvent.country, DbEvent.countries, DbEvent.orgs, DbEvent.areas,
                       DbEvent.preparatory)
                .join(DbExtraction, DbExtraction.article_id == DbEvent.article_id)
                .order_by(DbEvent.article_id, DbEvent.ordinal)).all()
        out = []
        for occ, eid, aid, lang, types, date, city, country, countries, orgs, areas, preparatory in rows:
            f = facts.get(eid, {})
            event = Event.model_construct(
                type=list(types), date=date, location=Location.model_construct(city=city, country=country),
                countries=list(countries), orgs=list(orgs), areas=list(areas), evidence=[],
                preparatory=bool(preparatory),
                participants=[Participant.model_construct(name=n, country=c, role=r, rank=k, surface=sf,
                                                          official_id=o, evidence=[])
                              for n, c, r, k, sf, o in f.get("participants", [])],
                documents=[Document.model_construct(type=t, status=st, title=ti, evidence=[],
                                                    period=None if ps is None else [ps, pe])
                           for t, st, ti, ps, pe in f.get("documents", [])],
                exercises=[Exercise.model_construct(name=n, status=st, evidence=[])
                           for n, st in f.get("exercises", [])])
            out.append((occ or eid, eid, aid, lang, event))
        return out

    def export_records(self) -> Iterator[dict]:
        """Schema records (``shared/design/schema.md``) of every extracted article.

        Each event also carries its ``id``, the article's ``sources`` and
        evidence spans per fact; the record carries ``article_id`` and
        ``lang``. Streams in batches, so memory stays flat on large stores.
        """
        with self._read() as session:
            ids = list(session.scalars(select(DbExtraction.article_id).join(DbExtraction.article)
                                       .order_by(DbArticle.created_at, DbArticle.id)))
            for chunk in chunks(ids, EXPORT_BATCH):
                extractions = session.scalars(select(DbExtraction).where(DbExtraction.article_id.in_(chunk))
                                              .options(selectinload(DbExtraction.article)
                                                       .selectinload(DbArticle.sources)))
                by_id = {x.article_id: x for x in extractions}
                events: dict[str, list[DbEvent]] = {}
                for ev in session.scalars(select(DbEvent).where(DbEvent.article_id.in_(chunk))
                                          .order_by(DbEvent.article_id, DbEvent.ordinal).options(*EVENT_FACTS)):
                    events.setdefault(ev.article_id, []).append(ev)
                for article_id in chunk:
                    x = by_id[article_id]
                    sources = [s.source for s in x.article.sources]
                    yield {
                        "id": x.article.external_id or article_id,
                        "article_id": article_id,
                        "relevant": x.relevant,
                        "lang": x.lang,
                        "events": [{"id": ev.id, "occasion": ev.occasion_id, **to_event(ev).model_dump(),
                                    "sources": sources}
                                   for ev in events.get(article_id, [])],
                    }
                session.expunge_all()


def events_query(country: str | None = None, partner: str | None = None, type: str | None = None,
                 date_from: str | None = None, date_to: str | None = None, text: str | None = None,
                 limit: int | None = None) -> Select:
    """The SELECT behind ``Store.events``, kept apart so its SQL can be checked per dialect."""
    stmt = select(*LISTED).join(DbEvent.article)
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
