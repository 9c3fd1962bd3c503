"""Where the engagement happened, and which countries and organisations took part."""
from __future__ import annotations

import re
from collections import Counter

from ..lang.lexicon import Lexicon
from ..records import Location, Participant
from .doc import Doc, Hit, Sentence

# Types whose destination country is the event's place ("пребывает в Ливане").
PLACE_TYPES = {"visit", "exercise", "deployment"}


def _preceded_by(doc: Doc, lex: Lexicon, hit: Hit) -> bool:
    before = doc.text[max(0, hit.start - 4):hit.start]
    return bool(lex.search("location_preps", before.split()[-1] if before.split() else ""))


def _is_dateline(doc: Doc, hit: Hit) -> bool:
    """'Ankara, Turkey – ...', 'АСТАНА. 10 июля.': the place the report was filed from."""
    line_start = doc.text.rfind("\n", 0, hit.start) + 1
    return not doc.text[line_start:hit.start].strip() and bool(
        re.match(r"\s*[,.(/—–-]", doc.text[hit.end:hit.end + 3]))


def event_location(doc: Doc, lex: Lexicon, sentences: list[Sentence], dateline_city, types) -> Location:
    """First city named with a place preposition in the engagement's sentences.

    The dateline city counts only when the text names no other place.
    """
    for pass_ in (True, False):
        for sent in sentences:
            for hit in doc.hits_in(doc.cities, sent.start, sent.end):
                if _is_dateline(doc, hit):
                    dateline_city = dateline_city or (hit.value, hit.country)
                    continue
                if not pass_ or _preceded_by(doc, lex, hit):
                    return Location(city=hit.value, country=hit.country)
    if dateline_city:
        return Location(city=dateline_city[0], country=dateline_city[1])
    if types & PLACE_TYPES:
        for sent in sentences:
            for hit in doc.hits_in(doc.countries, sent.start, sent.end):
                if hit.kind == "name" and _preceded_by(doc, lex, hit):
                    return Location(city=None, country=hit.value)
    return Location()


def party_countries(doc: Doc, sentences: list[Sentence], people: list[Participant],
                    location: Location) -> list[str]:
    """Countries named in the engagement's sentences, plus the participants' countries."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for sent in sentences:
        for hit in doc.hits_in(doc.countries, sent.start, sent.end):
            counts[hit.value] += 1
            first_seen.setdefault(hit.value, hit.start)
    for p in people:
        if p.country:
            counts[p.country] += 1
            first_seen.setdefault(p.country, p.evidence[0].start if p.evidence else 10**9)
    return sorted(counts, key=lambda c: first_seen[c])


def party_orgs(doc: Doc, lex: Lexicon, sentences: list[Sentence]) -> list[str]:
    out: list[str] = []
    for sent in sentences:
        for hit in doc.hits_in(doc.orgs, sent.start, sent.end):
            before = doc.text[max(sent.start, hit.start - 30):hit.start]
            if lex.search("reporting", before):
                continue
            if hit.value not in out:
                out.append(hit.value)
    return out
