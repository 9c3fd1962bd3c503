"""Typed records passed between the pipeline stages.

Data flows one way: ``RawDocument`` (read) -> ``Article`` (clean) ->
``ArticleExtraction`` (extract) -> store. Every record is plain pydantic data,
so it pickles to worker processes and serialises to the database and to JSON.
The extraction records carry at least the fields of
``shared/design/schema.md`` under the same names; extra fields (evidence per
fact, sentence text) are additions the scorer ignores.
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from .schema import Area, DocumentStatus, DocumentType, EventType, ExerciseStatus, Rank, Role


class RawDocument(BaseModel):
    """One article as a reader found it, before any cleaning."""

    source: str = Field(description="file path, with ':LINE' for line-based formats")
    external_id: str | None = None
    text: str
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    format: str = "txt"


class Segment(BaseModel):
    """A run of cleaned text copied verbatim from the raw text."""

    clean_start: int
    raw_start: int
    length: int


class Article(BaseModel):
    """A cleaned article: the text every extracted offset refers to."""

    id: str = Field(description="hash of the normalised cleaned text")
    external_id: str | None = None
    source: str = ""
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    text: str
    raw_text: str = ""
    segments: list[Segment] = Field(default_factory=list)
    outlet: str | None = None
    dateline_city: str | None = None
    published: str | None = Field(None, description="ISO date, possibly partial (2012-07)")
    format: str = "txt"

    def raw_offset(self, clean_offset: int) -> int | None:
        """Map an offset in ``text`` back to ``raw_text`` (None if it was inserted)."""
        for seg in self.segments:
            if seg.clean_start <= clean_offset < seg.clean_start + seg.length:
                return seg.raw_start + clean_offset - seg.clean_start
        return None


class Span(BaseModel):
    """Character offsets [start, end) in the cleaned article text."""

    start: int
    end: int


class Location(BaseModel):
    city: str | None = None
    country: str | None = None


class Participant(BaseModel):
    name: str
    country: str | None = None
    role: Role | None = None
    rank: Rank | None = None
    surface: str | None = Field(None, description="the mention as written")
    official_id: str | None = Field(None, description="the officials reference's id, when the name is linked to it")
    evidence: list[Span] = Field(default_factory=list)


class Document(BaseModel):
    type: DocumentType
    period: list[int] | None = None
    status: DocumentStatus = "mentioned"
    title: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class Exercise(BaseModel):
    name: str
    status: ExerciseStatus = "held"
    evidence: list[Span] = Field(default_factory=list)


class Event(BaseModel):
    type: list[EventType] = Field(default_factory=list)
    date: str | None = None
    location: Location = Field(default_factory=Location)
    countries: list[str] = Field(default_factory=list)
    orgs: list[str] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    exercises: list[Exercise] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    preparatory: bool = Field(False, description="a meeting that prepares an exercise, not the exercise")


class ArticleExtraction(BaseModel):
    """The schema record of one article: its events, or ``relevant: false``."""

    id: str
    relevant: bool = False
    lang: str | None = None
    events: list[Event] = Field(default_factory=list)
