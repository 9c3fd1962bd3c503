"""The quote behind each fact of an occasion, for the event page's evidence-first view.

An occasion merges its reports; each report keeps evidence spans per fact
(participants, documents, exercises by ordinal; the event's sentences). Here
every fact of the merged (and corrected) event gets the quotes of the reports
that state it, each a span of an article's text the article page can
highlight. The schema has no span of its own for the date and the place: their
quote is the mention of that date or place in the text (found with the same
readers that extract them), preferring one inside the event's sentences, and
otherwise the event's sentence itself, marked as such.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, Field

from .records import Event
from .store.views import EventDetail

QUOTE_LENGTH = 400
CONTEXT_BELOW = 60  # spans shorter than this are shown within their sentence
CONTEXT = 120
CONTEXT_WORDS = 14


class Quote(BaseModel):
    """A span of one article's text that supports a fact."""

    article_id: str
    event_id: str
    start: int
    end: int
    text: str
    exact: bool = Field(True, description="false when the span is the event's sentence, not the fact's own words")
    before: str = Field("", description="the words before the span in its sentence (for a short quote)")
    after: str = Field("", description="the words after the span in its sentence")


class FactEvidence(BaseModel):
    """Quotes per fact of an occasion, in the order of the facts in its event record."""

    date: list[Quote] = Field(default_factory=list)
    place: list[Quote] = Field(default_factory=list)
    participants: list[list[Quote]] = Field(default_factory=list)
    documents: list[list[Quote]] = Field(default_factory=list)
    exercises: list[list[Quote]] = Field(default_factory=list)


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH - 1].rstrip() + "…"


def _quote(report: EventDetail, start: int, end: int, exact: bool = True) -> Quote:
    """The span, and for a short one (a date, a city) the rest of its sentence around it."""
    text = report.article.text
    quote = Quote(article_id=report.article.id, event_id=report.row.id, start=start, end=end,
                  text=_clip(text[start:end].strip()), exact=exact)
    if end - start < CONTEXT_BELOW:
        around = next(((s, e) for s, e in _sentences(report) if s <= start and end <= e), None)
        s, e = around or (max(0, start - CONTEXT), min(len(text), end + CONTEXT))
        before, after = text[s:start], text[end:e]
        words_before, words_after = before.split()[-CONTEXT_WORDS:], after.split()[:CONTEXT_WORDS]
        quote.before = ("…" if s > 0 and around is None or len(words_before) < len(before.split()) else "") + \
            " ".join(words_before) + (" " if before[-1:].isspace() else "")
        quote.after = (" " if after[:1].isspace() else "") + " ".join(words_after) + \
            ("…" if e < len(text) and around is None or len(words_after) < len(after.split()) else "")
    return quote


def _sentences(report: EventDetail) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in report.event.evidence]


def _inside(span: tuple[int, int], sentences: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in sentences)


def _best(report: EventDetail, spans: Iterable[tuple[int, int]]) -> Quote | None:
    """The first span inside the event's sentences, else the first anywhere, else the event's sentence."""
    spans = list(spans)
    sentences = _sentences(report)
    inside = [s for s in spans if _inside(s, sentences)]
    if inside or spans:
        return _quote(report, *(inside or spans)[0])
    return _quote(report, *sentences[0], exact=False) if sentences else None


def _date_quote(report: EventDetail, date: str) -> Quote | None:
    from .reading.dates import find_dates

    text = report.article.text
    found = [(f.start, f.end) for f in find_dates(text) if f.iso == date]
    if not found:  # a bare year or month ("2026 жылы", "в 2013 году") the date readers leave alone
        found = [m.span() for m in re.finditer(rf"(?<!\d){re.escape(date[:4])}(?!\d)", text)]
    if not found and (report.article.published or "").startswith(date):
        return None  # the date is the publication date: no words of the text state it
    return _best(report, found)


def _place_quote(report: EventDetail, city: str | None, country: str | None) -> Quote | None:
    from .knowledge.gazetteer import get_gazetteer

    text, lang, gaz = report.article.text, report.article.lang or "ru", get_gazetteer()
    if city:
        found = [(s, e) for s, e, name, _code in gaz.find_cities(text, lang) if name.casefold() == city.casefold()]
    else:
        found = [(s, e) for s, e, code in gaz.find_countries(text, lang) if code == (country or "").upper()]
    return _best(report, found)


def _per_fact(reports: list[EventDetail], kind: str, key, facts: list) -> list[list[Quote]]:
    """For each merged fact, the spans of the reports' facts with the same key."""
    out: list[list[Quote]] = [[] for _ in facts]
    index = {key(f): i for i, f in enumerate(facts)}
    for report in reports:
        for ordinal, fact in enumerate(getattr(report.event, kind)):
            i = index.get(key(fact))
            if i is not None:
                out[i].extend(_quote(report, s.start, s.end) for s in fact.evidence)
    return out


def fact_evidence(event: Event, reports: list[EventDetail]) -> FactEvidence:
    """Quotes for each fact of ``event`` (the occasion's merged, corrected record) from its ``reports``.

    A fact an analyst added or changed that no report states gets no quote.
    """
    loc = event.location
    dated = [r for r in reports if event.date and r.event.date == event.date]
    placed = [r for r in reports if (r.event.location.city == loc.city if loc.city
                                     else bool(loc.country) and r.event.location.country == loc.country)]
    return FactEvidence(
        date=[q for q in (_date_quote(r, event.date) for r in dated) if q],
        place=[q for q in (_place_quote(r, loc.city, loc.country) for r in placed) if q],
        participants=_per_fact(reports, "participants", lambda p: p.name, event.participants),
        documents=_per_fact(reports, "documents", lambda d: (d.type, tuple(d.period or ()), d.status),
                            event.documents),
        exercises=_per_fact(reports, "exercises", lambda x: x.name, event.exercises),
    )
