"""Read models returned by ``Store`` queries.

Plain pydantic data, detached from the database session, so the CLI, the
API and the web pages can serialise them without touching SQLAlchemy.
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from milcoop.records import Event, Span


class EventRow(BaseModel):
    """One line of an event listing: the event's facets and where it came from."""

    id: str
    article_id: str
    external_id: str | None = None
    ordinal: int
    origin: str = "machine"
    types: list[str] = Field(default_factory=list)
    date: str | None = None
    city: str | None = None
    country: str | None = None
    countries: list[str] = Field(default_factory=list)
    orgs: list[str] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list, description="names, in order")
    title: str | None = Field(None, description="the article's title")
    url: str | None = None
    occasion_id: str | None = Field(None, description="the occasion this report is filed under")
    sources: int = Field(1, description="articles reporting the occasion (set by occasion listings)")


class ArticleRef(BaseModel):
    """The article an event was extracted from, with the text spans refer to."""

    id: str
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    text: str
    sources: list[str] = Field(default_factory=list)


class EvidenceSpan(Span):
    """A supporting span, the fact it supports, and the quoted text."""

    fact_kind: str = Field(description="event | participant | document | exercise")
    fact_ordinal: int = Field(description="index of the fact in its list; 0 for the event")
    text: str = ""


class EventDetail(BaseModel):
    """Everything needed to show one event and highlight its evidence."""

    row: EventRow
    event: Event = Field(description="the full schema record, with per-fact evidence")
    article: ArticleRef
    evidence: list[EvidenceSpan] = Field(default_factory=list)
