"""SQLAlchemy models of the event store.

Portable types only (String, Text, Integer, Boolean, JSON, DateTime), so
moving from SQLite to PostgreSQL is a change of URL. Constraint and index
names follow ``NAMING_CONVENTION`` because Alembic needs stable names to
alter them later (SQLite batch mode recreates tables by name).

An event's list fields are stored twice on purpose: as JSON on ``events``
(the source of truth, keeping the extractor's order for export) and as rows
in ``event_types`` / ``event_countries`` / ``event_areas`` so that filters
are indexed SQL joins on every backend instead of JSON functions that differ
between SQLite and PostgreSQL.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, MetaData,
                        String, Text, UniqueConstraint, false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
MACHINE = "machine"
FACT_KINDS = ("event", "participant", "document", "exercise")

ID = String(128)       # article ids: content hashes
CODE = String(64)      # closed vocabularies: roles, ranks, types, statuses
COUNTRY = String(8)    # ISO 3166-1 alpha-2, with room for odd extractor output
OFFICIAL = String(64)  # an id of the officials reference (milcoop.knowledge.officials): kz-ruslan-zhaksylykov
DATE = String(32)      # ISO date, possibly partial: 2011, 2011-11, 2011-11-30
CASCADE = "CASCADE"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def event_id(article_id: str, ordinal: int) -> str:
    """Stable id of the ``ordinal``-th (0-based) machine event of an article.

    Deterministic so that re-extracting an article keeps its event ids and
    links (bookmarks, URLs) to them survive.
    """
    return "ev-" + hashlib.sha1(f"{article_id}:{ordinal}".encode()).hexdigest()[:12]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DbArticle(Base):
    """A cleaned article; ``id`` is its content hash, so re-ingesting is a no-op."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(Text, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16))
    outlet: Mapped[str | None] = mapped_column(Text)
    dateline_city: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(DATE, index=True)
    text: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text, default="")
    segments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    format: Mapped[str] = mapped_column(String(16), default="txt")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sources: Mapped[list[DbSource]] = relationship(
        back_populates="article", order_by=lambda: [DbSource.ingested_at, DbSource.id],
        cascade="all, delete-orphan", passive_deletes=True)
    extraction: Mapped[DbExtraction | None] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True)


class DbSource(Base):
    """One place an article was ingested from (a file path, URL, feed)."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("article_id", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE), index=True)
    source: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    article: Mapped[DbArticle] = relationship(back_populates="sources")


class DbExtraction(Base):
    """The latest machine extraction of an article; holds the relevance flag."""

    __tablename__ = "extractions"

    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE), primary_key=True)
    relevant: Mapped[bool] = mapped_column(Boolean)
    lang: Mapped[str | None] = mapped_column(String(16))
    extractor_version: Mapped[str] = mapped_column(CODE)
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    article: Mapped[DbArticle] = relationship(back_populates="extraction")


class DbEvent(Base):
    """One engagement reported by an article (schema ``events[i]``)."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete=CASCADE), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16), default=MACHINE)
    types: Mapped[list[Any]] = mapped_column(JSON)
    date: Mapped[str | None] = mapped_column(DATE, index=True)
    city: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(COUNTRY)
    countries: Mapped[list[Any]] = mapped_column(JSON)
    orgs: Mapped[list[Any]] = mapped_column(JSON)
    areas: Mapped[list[Any]] = mapped_column(JSON)
    preparatory: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the occasion this report was filed under (milcoop.resolve.occasions); no foreign key:
    # re-extraction deletes and re-inserts events, the occasion row outlives them
    occasion_id: Mapped[str | None] = mapped_column(String(32), index=True)

    article: Mapped[DbArticle] = relationship()
    participants: Mapped[list[DbParticipant]] = relationship(
        order_by="DbParticipant.ordinal", cascade="all, delete-orphan", passive_deletes=True)
    documents: Mapped[list[DbDocument]] = relationship(
        order_by="DbDocument.ordinal", cascade="all, delete-orphan", passive_deletes=True)
    exercises: Mapped[list[DbExercise]] = relationship(
        order_by="DbExercise.ordinal", cascade="all, delete-orphan", passive_deletes=True)
    evidence: Mapped[list[DbEvidence]] = relationship(
        order_by="DbEvidence.id", cascade="all, delete-orphan", passive_deletes=True)
    type_rows: Mapped[list[DbEventType]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    country_rows: Mapped[list[DbEventCountry]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    area_rows: Mapped[list[DbEventArea]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class DbOccasion(Base):
    """One real-world occasion; its reports are the events whose ``occasion_id`` is this id.

    The id is derived from the first report filed under it and never changes,
    so links to an occasion survive more reports and re-extraction.
    """

    __tablename__ = "occasions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def occasion_id(first_event_id: str) -> str:
    return "oc-" + first_event_id.removeprefix("ev-")


class DbOccasionFacts(Base):
    """What a report states of its occasion (``milcoop.resolve.occasions.Facts`` as JSON).

    Derived from the event when it is stored, and read back instead of the
    event's rows when a new report is compared with it: one row per candidate.
    """

    __tablename__ = "occasion_facts"

    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), primary_key=True)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)


class DbOccasionKey(Base):
    """A blocking key a report is stored under (``milcoop.resolve.occasions.keys``).

    A new report is compared only with the reports stored under the keys it
    looks up (its parties by month, year, person), so filing it costs the same
    in a database of a hundred reports or of a million.
    """

    __tablename__ = "occasion_keys"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), primary_key=True,
                                          index=True)


class DbParticipant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(COUNTRY)
    role: Mapped[str | None] = mapped_column(CODE)
    rank: Mapped[str | None] = mapped_column(CODE)
    surface: Mapped[str | None] = mapped_column(Text)
    # the official extraction linked the mention to (its name, role and country then follow the reference)
    official_id: Mapped[str | None] = mapped_column(OFFICIAL)
    # the canonical person (milcoop.resolve.persons); no foreign key, like events.occasion_id
    person_id: Mapped[str | None] = mapped_column(String(32), index=True)


class DbPerson(Base):
    """A canonical person: every mention of one official across scripts and articles.

    ``official_id`` is the officials reference's id once any mention is linked to it: every
    later mention linked to that official joins this person, whatever its spelling or outlet.
    """

    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(COUNTRY)
    official_id: Mapped[str | None] = mapped_column(OFFICIAL, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    names: Mapped[list[DbPersonName]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class DbPersonName(Base):
    """One spelling of a person seen in the news, with its folded matching keys."""

    __tablename__ = "person_names"
    __table_args__ = (UniqueConstraint("person_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(String(32), ForeignKey("persons.id", ondelete=CASCADE), index=True)
    name: Mapped[str] = mapped_column(Text)
    surname_key: Mapped[str] = mapped_column(String(64), index=True)
    given_key: Mapped[str | None] = mapped_column(String(64))


def person_id(event_id: str, ordinal: int) -> str:
    return "pe-" + hashlib.sha1(f"{event_id}:{ordinal}".encode()).hexdigest()[:12]


class DbDocument(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(CODE)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(CODE)
    title: Mapped[str | None] = mapped_column(Text)


class DbExercise(Base):
    __tablename__ = "exercises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(CODE)


class DbEventType(Base):
    """Index of ``events.types`` for ``WHERE type = ?`` filters."""

    __tablename__ = "event_types"

    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), primary_key=True)
    type: Mapped[str] = mapped_column(CODE, primary_key=True, index=True)


class DbEventCountry(Base):
    """Index of ``events.countries`` (upper-cased) for country/partner filters."""

    __tablename__ = "event_countries"

    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), primary_key=True)
    country: Mapped[str] = mapped_column(COUNTRY, primary_key=True, index=True)


class DbEventArea(Base):
    """Index of ``events.areas`` for area filters."""

    __tablename__ = "event_areas"

    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), primary_key=True)
    area: Mapped[str] = mapped_column(CODE, primary_key=True, index=True)


class DbEvidence(Base):
    """A span [start, end) of the article text supporting one fact of an event.

    ``fact_kind``/``fact_ordinal`` say which fact: the event itself (ordinal
    0) or its n-th participant, document or exercise.
    """

    __tablename__ = "evidence"
    __table_args__ = (CheckConstraint(
        "fact_kind IN ('event', 'participant', 'document', 'exercise')", name="fact_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(32), ForeignKey("events.id", ondelete=CASCADE), index=True)
    fact_kind: Mapped[str] = mapped_column(String(16))
    fact_ordinal: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class DbRevision(Base):
    """One row: how many write transactions the store has committed (``Store.write`` counts them).

    Reads derived from many rows (the occasion listing) are cached per
    revision, in any process: a write anywhere makes them stale.
    """

    __tablename__ = "store_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


# -- analyst review (migration 0004) ------------------------------------------
# Kept apart from machine output: ``Store.save_extraction`` only reads the two
# override tables (to re-file the events and participants it recreates) and
# never writes any of these tables.

class DbUser(Base):
    """An analyst who may sign in and review; the password is stored as a scrypt hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DbSession(Base):
    """A sign-in session; ``token`` is the SHA-256 of the bearer token (the token itself is never stored)."""

    __tablename__ = "sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete=CASCADE), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DbCorrection(Base):
    """An analyst's value for one field of an occasion or person; the active one wins over the machine's."""

    __tablename__ = "corrections"
    __table_args__ = (CheckConstraint("target_kind IN ('occasion', 'person')", name="target_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(32), index=True)
    field: Mapped[str] = mapped_column(CODE)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DbReviewState(Base):
    """Whether an analyst confirmed or rejected an occasion."""

    __tablename__ = "review_states"
    __table_args__ = (CheckConstraint("state IN ('confirmed', 'rejected')", name="state"),)

    target_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DbAuditEntry(Base):
    """One analyst write, with the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(CODE)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(32), index=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class DbOccasionOverride(Base):
    """An analyst filed this report (event id) under this occasion (merge or split)."""

    __tablename__ = "occasion_overrides"

    event_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    occasion_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DbPersonOverride(Base):
    """An analyst linked this participant (``event_id:ordinal``) to this person (merge or split)."""

    __tablename__ = "person_overrides"

    participant_key: Mapped[str] = mapped_column(String(48), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
