"""The records of a full dump (``milcoop export --format jsonl``), one JSON object a line.

A dump holds everything stored but user accounts and sessions: each article
with its text, raw text, sources, extraction and events (every fact and
evidence span, the occasion and person each is filed under), then the
occasions, the persons with their spellings, and the review layer
(corrections, review states, merge/split overrides, the audit log). Who
made a review write is kept by user name; ``milcoop import`` links it to an
account of that name in the target database when there is one.

The first line is a ``header``. Every record has a ``kind``; the JSON Schema
of each kind (``milcoop/schemas/dump-<kind>.json``) is generated from these
models (``python -m milcoop.schemas``) and ships with the package.
"""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

FORMAT = "milcoop-dump"
VERSION = 2  # of the dump format: bump it, and read the older ones, when a record changes
# 2: participants and persons carry ``official_id`` (absent, i.e. None, in version 1)


class DumpRecord(BaseModel):
    """Fields are exactly these: a misspelt field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Header(DumpRecord):
    """The first line: what wrote the dump."""

    kind: Literal["header"]
    format: Literal["milcoop-dump"] = FORMAT
    version: int = Field(VERSION, description="version of the dump format")
    schema_revision: str = Field(description="the database schema (Alembic revision) the dump was written from")


class Segment(DumpRecord):
    clean_start: int = Field(ge=0)
    raw_start: int = Field(ge=0)
    length: int = Field(ge=0)


class Source(DumpRecord):
    source: str
    ingested_at: datetime


class Extraction(DumpRecord):
    relevant: bool
    lang: str | None = None
    extractor_version: str
    extracted_at: datetime


class Participant(DumpRecord):
    ordinal: int = Field(ge=0)
    name: str
    country: str | None = None
    role: str | None = None
    rank: str | None = None
    surface: str | None = None
    official_id: str | None = Field(None, max_length=64,
                                    description="the officials reference's id extraction linked the mention to")
    person_id: str | None = Field(None, description="the canonical person (a person record's id)")


class Document(DumpRecord):
    ordinal: int = Field(ge=0)
    type: str
    period_start: int | None = None
    period_end: int | None = None
    status: str
    title: str | None = None


class Exercise(DumpRecord):
    ordinal: int = Field(ge=0)
    name: str
    status: str


class Evidence(DumpRecord):
    fact_kind: Literal["event", "participant", "document", "exercise"]
    fact_ordinal: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Event(DumpRecord):
    id: str = Field(max_length=32)
    ordinal: int = Field(ge=0)
    origin: str
    types: list[str]
    date: str | None = None
    city: str | None = None
    country: str | None = None
    countries: list[str]
    orgs: list[str]
    areas: list[str]
    preparatory: bool
    occasion_id: str | None = Field(None, max_length=32, description="the occasion (an occasion record's id)")
    participants: list[Participant]
    documents: list[Document]
    exercises: list[Exercise]
    evidence: list[Evidence]


class ArticleRecord(DumpRecord):
    """A stored article: its text, where it was ingested from, its extraction and events."""

    kind: Literal["article"]
    id: str = Field(max_length=128, description="hash of the normalised cleaned text")
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    outlet: str | None = None
    dateline_city: str | None = None
    published: str | None = None
    text: str
    raw_text: str
    segments: list[Segment]
    format: str
    created_at: datetime
    sources: list[Source]
    extraction: Extraction | None = None
    events: list[Event]


class OccasionRecord(DumpRecord):
    kind: Literal["occasion"]
    id: str = Field(max_length=32)
    created_at: datetime


class PersonName(DumpRecord):
    name: str
    surname_key: str
    given_key: str | None = None


class PersonRecord(DumpRecord):
    kind: Literal["person"]
    id: str = Field(max_length=32)
    name: str
    country: str | None = None
    official_id: str | None = Field(None, max_length=64, description="the officials reference's id of the person")
    created_at: datetime
    names: list[PersonName]


class CorrectionRecord(DumpRecord):
    """An analyst's value for one field; the latest active one per field wins (dump order is write order)."""

    kind: Literal["correction"]
    target_kind: Literal["occasion", "person"]
    target_id: str = Field(max_length=32)
    field: str
    value: Any = None
    user: str | None = Field(None, description="user name of the analyst")
    created_at: datetime
    active: bool


class ReviewStateRecord(DumpRecord):
    kind: Literal["review_state"]
    target_id: str = Field(max_length=32)
    state: Literal["confirmed", "rejected"]
    user: str | None = None
    updated_at: datetime


class OccasionOverrideRecord(DumpRecord):
    kind: Literal["occasion_override"]
    event_id: str = Field(max_length=32)
    occasion_id: str = Field(max_length=32)
    user: str | None = None
    created_at: datetime


class PersonOverrideRecord(DumpRecord):
    kind: Literal["person_override"]
    participant_key: str = Field(max_length=48, description="event_id:ordinal")
    person_id: str = Field(max_length=32)
    user: str | None = None
    created_at: datetime


class AuditRecord(DumpRecord):
    kind: Literal["audit"]
    user: str
    at: datetime
    action: str
    target_kind: str
    target_id: str = Field(max_length=32)
    before: Any = None
    after: Any = None


RECORDS: tuple[type[DumpRecord], ...] = (Header, ArticleRecord, OccasionRecord, PersonRecord, CorrectionRecord,
                                         ReviewStateRecord, OccasionOverrideRecord, PersonOverrideRecord,
                                         AuditRecord)
Record = Annotated[Union[RECORDS], Field(discriminator="kind")]  # type: ignore[valid-type]
RECORD = TypeAdapter(Record)


def kind_of(model: type[DumpRecord]) -> str:
    return get_args(model.model_fields["kind"].annotation)[0]


def json_schemas() -> dict[str, dict]:
    """File name -> JSON Schema of each record kind (what ``milcoop/schemas/`` holds)."""
    out = {}
    for model in RECORDS:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"dump-{kind_of(model)}.json"] = schema
    return out
