"""The one document every extractor reads and fills (spaCy's Doc, in small).

The Doc stays plain data: models are passed to the components, never stored
on it, so a Doc could be serialised and components run anywhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..lang.base import PersonMention
from ..records import Article


@dataclass(frozen=True)
class Hit:
    """A gazetteer match: a country, city or organisation mention."""

    start: int
    end: int
    value: str  # ISO code, English city name or organisation code
    country: str | None = None  # for cities
    kind: str = "name"  # "name" or "adjective" for countries


PROSE_WORDS = 3


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    lang: str = "ru"
    types: set[str] = field(default_factory=set)
    military: bool = False
    cooperation: bool = False
    planned: bool = False
    held: bool = False
    background: bool = False  # states how things stand, not what happened
    reporting: bool = False
    troops: bool = False  # names soldiers or units (who deploy or train rather than visit)

    @property
    def eventful(self) -> bool:
        """Carries an engagement: an event cue in a military or cooperation context."""
        return bool(self.types) and (self.military or self.cooperation)

    @property
    def prose(self) -> bool:
        """A line of a few words: not a lone city, date or byline."""
        return len(self.text.split()) >= PROSE_WORDS

    @property
    def engaged(self) -> bool:
        """About the engagement: an event cue, or military cooperation talk."""
        return self.eventful or (self.military and self.cooperation)


@dataclass
class Doc:
    article: Article
    lang: str
    text: str
    published: date | None = None  # full publication date, if known
    published_iso: str | None = None  # as precise as known ("2021-02")
    sentences: list[Sentence] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    countries: list[Hit] = field(default_factory=list)
    cities: list[Hit] = field(default_factory=list)
    orgs: list[Hit] = field(default_factory=list)
    military_cues: int = 0

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def hits_in(self, hits: list[Hit], start: int, end: int) -> list[Hit]:
        return [h for h in hits if start <= h.start and h.end <= end]
