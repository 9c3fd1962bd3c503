"""Where the engagement happened, and which countries and organisations took part."""
from __future__ import annotations

import re
from collections import Counter

from ..lang.lexicon import Lexicon
from ..learn.decider import Candidate
from ..learn.features import at_least, flag, within
from ..records import Location, Participant
from ..schema import ORGS
from .doc import Doc, Hit, Sentence

# Types whose destination country is the event's place ("пребывает в Ливане").
PLACE_TYPES = {"visit", "exercise", "deployment"}


MIN_STEM = 3  # letters a place keeps before a case ending


def _preceded_by(doc: Doc, lex: Lexicon, hit: Hit) -> bool:
    """Is the place put as where something happens: a place preposition before it ("в Анкаре",
    "in Hanoi") or a place case ending on it (Анкарада, Дохадағы)?"""
    before = doc.text[max(0, hit.start - 40):hit.start]
    last = [m for m in lex.finditer("location_city_words", before) if not before[m.end():].strip(" .")]
    if last:  # "в г. Нур-Султане", "in the Kazakh capital Astana": the word before the word for 'city'
        before = before[:last[-1].start()]
    words = before.split()
    if lex.search("location_preps", words[-1] if words else ""):
        return True
    surface = doc.text[hit.start:hit.end].lower()
    following = re.match(r"\s+([\w-]+)", doc.text[hit.end:hit.end + 30])
    if following and lex.search("location_city_words", following.group(1)):
        surface = following.group(1).lower()  # "Бейжің қаласында": the word for 'city' takes the ending
    return any(surface.endswith(s) and len(surface) - len(s) >= MIN_STEM for s in lex.raw.get("location_suffixes") or ())


def _is_dateline(doc: Doc, hit: Hit) -> bool:
    """'Ankara, Turkey – ...', 'АСТАНА. 10 июля.', 'New Delhi: ...': the place the report was filed from."""
    line_start = doc.text.rfind("\n", 0, hit.start) + 1
    return not doc.text[line_start:hit.start].strip() and bool(
        re.match(r"\s*[,.(/—–:-]", doc.text[hit.end:hit.end + 3]))


def event_location(doc: Doc, lex: Lexicon, sentences: list[Sentence], dateline_city, types) -> Location:
    """First city named with a place preposition in the engagement's sentences.

    The dateline city counts only when the text names no other place.
    """
    dateline_city = dateline_city or next(((h.value, h.country) for h in doc.cities if _is_dateline(doc, h)), None)
    for pass_ in (True, False):
        for sent in sentences:
            earlier = bool(lex.search("location_earlier", sent.text))
            for hit in doc.hits_in(doc.cities, sent.start, sent.end):
                if _is_dateline(doc, hit) or (pass_ and earlier):
                    continue  # "the agreement was signed last year in Ankara": another occasion's place
                if not pass_ or _preceded_by(doc, lex, hit):
                    return Location(city=hit.value, country=hit.country)
            if pass_ and dateline_city and lex.search("location_here", sent.text):
                return Location(city=dateline_city[0], country=dateline_city[1])  # "a ceremony held here"
        if pass_ and dateline_city:  # a city named without a place word ("Hanoi agreed to buy") is no venue
            return Location(city=dateline_city[0], country=dateline_city[1])
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
    """Organisations named in the engagement's sentences, not by a source ("according to the UN"); only
    the schema's organisations are parties (the gazetteer knows others, such as ASEAN and the AU)."""
    out: list[str] = []
    for sent in sentences:
        for hit in doc.hits_in(doc.orgs, sent.start, sent.end):
            if hit.value not in ORGS:
                continue
            before = doc.text[max(sent.start, hit.start - 30):hit.start]
            if lex.search("reporting", before):
                continue
            after = lex.search("org_context_after", doc.text[hit.end:min(sent.end, hit.end + 30)])
            if after is not None and not doc.text[hit.end:hit.end + after.start()].strip():
                continue  # "UN peacekeeping missions", "NATO-led": the organisation qualifies its programme
            if hit.value not in out:
                out.append(hit.value)
    return out


def country_candidates(doc: Doc, lex: Lexicon, core: list[Sentence], head: Sentence | None,
                       people: list[Participant], location: Location, dateline, rule: list[str]) -> list[Candidate]:
    """Every country the article names or gives a participant, described by where and how."""
    values = list(dict.fromkeys([h.value for h in doc.countries] + [p.country for p in people if p.country]))
    core_spans = [(s.start, s.end) for s in core]
    order = list(dict.fromkeys(h.value for h in doc.countries))
    totals = Counter(h.value for h in doc.countries)
    top = totals.most_common(1)[0][0] if totals else None
    out = []
    for code in values:
        hits = [h for h in doc.countries if h.value == code]
        f: dict[str, float] = {}
        in_core = [h for h in hits if any(a <= h.start < b for a, b in core_spans)]
        at_least(f, "core", len(in_core))
        at_least(f, "doc", len(hits))
        flag(f, "head", head is not None and any(head.start <= h.start < head.end for h in hits))
        if code in order:
            at_least(f, "order_rev", 4 - order.index(code), (1, 2, 3))  # first named gets all three
            flag(f, "most_named", code == top)
            first = hits[0].start / max(1, len(doc.text))
            within(f, "first_at", first, (0.05, 0.15, 0.3, 0.6))
        else:
            flag(f, "only_participant")
        at_least(f, "adjective", sum(h.kind == "adjective" for h in hits), (1, 2))
        at_least(f, "name", sum(h.kind == "name" for h in hits), (1, 2))
        at_least(f, "after_place_prep", sum(_preceded_by(doc, lex, h) for h in hits), (1, 2))
        sents = [doc.sentence_at(h.start) for h in hits]
        sents = [s for s in sents if s is not None]
        at_least(f, "eventful", sum(s.eventful for s in sents), (1, 2, 3))
        at_least(f, "military", sum(s.military for s in sents), (1, 2, 3))
        at_least(f, "reporting_only", int(bool(sents) and all(s.reporting and not s.eventful for s in sents)), (1,))
        at_least(f, "background_only", int(bool(sents) and all(s.background for s in sents)), (1,))
        crowd = min((len({x.value for x in doc.hits_in(doc.countries, s.start, s.end)}) for s in sents), default=0)
        at_least(f, "crowded_sentence", crowd, (3, 5, 8))
        at_least(f, "participants", sum(p.country == code for p in people), (1, 2, 3))
        flag(f, "location", location.country == code)
        flag(f, "dateline", bool(dateline) and dateline[1] == code)
        flag(f, "rule", code in rule)
        flag(f, f"lang={doc.lang}")
        out.append(Candidate(code, f, rule=code in rule))
    return out


def org_candidates(doc: Doc, lex: Lexicon, core: list[Sentence], head: Sentence | None,
                   types: list[str], rule: list[str]) -> list[Candidate]:
    """Every organisation the article names."""
    out = []
    eventful = [(s.start, s.end) for s in core if s.eventful]
    for code in dict.fromkeys(h.value for h in doc.orgs):
        hits = [h for h in doc.orgs if h.value == code]
        f: dict[str, float] = {}
        at_least(f, "core_eventful", sum(any(a <= h.start < b for a, b in eventful) for h in hits), (1, 2, 3))
        at_least(f, "doc", len(hits), (1, 2, 3, 5))
        flag(f, "head", head is not None and any(head.start <= h.start < head.end for h in hits))
        at_least(f, "after_reporting", sum(bool(lex.search("reporting", doc.text[max(0, h.start - 30):h.start]))
                                           for h in hits), (1,))
        flag(f, "multilateral", "multilateral" in types)
        flag(f, "rule", code in rule)
        flag(f, f"org={code}")
        out.append(Candidate(code, f, rule=code in rule))
    return out


def location_candidates(doc: Doc, lex: Lexicon, sentences: list[Sentence], dateline, head: Sentence | None,
                        rule: Location) -> list[Candidate]:
    """Every city the article names, and the dateline's, described by where and how."""
    core = {id(s) for s in sentences}
    by_city: dict[str, list[Hit]] = {}
    for hit in doc.cities:
        by_city.setdefault(hit.value, []).append(hit)
    if dateline and dateline[0] not in by_city:
        by_city[dateline[0]] = []
    core_order = [h.value for s in sentences for h in doc.hits_in(doc.cities, s.start, s.end)]
    out = []
    for city, hits in by_city.items():
        country = hits[0].country if hits else dateline[1]
        f: dict[str, float] = {}
        sents = [doc.sentence_at(h.start) for h in hits]
        in_core = [h for h, s in zip(hits, sents) if s is not None and id(s) in core]
        at_least(f, "core", len(in_core), (1, 2, 3))
        at_least(f, "doc", len(hits), (1, 2, 3))
        flag(f, "dateline", bool(dateline) and dateline[0] == city)
        flag(f, "dateline_line", any(_is_dateline(doc, h) for h in hits))
        flag(f, "here", (bool(dateline) and dateline[0] == city or any(_is_dateline(doc, h) for h in hits))
             and any(lex.search("location_here", s.text) for s in sentences))
        flag(f, "after_place_prep", any(_preceded_by(doc, lex, h) for h in in_core))
        flag(f, "after_place_prep_anywhere", any(_preceded_by(doc, lex, h) for h in hits))
        flag(f, "earlier_only", bool(sents) and all(s is not None and lex.search("location_earlier", s.text)
                                                     for s in sents))
        if city in core_order:
            at_least(f, "core_order_rev", 3 - min(core_order.index(city), 2), (1, 2, 3))
        flag(f, "head", head is not None and any(head.start <= h.start < head.end for h in hits))
        flag(f, "eventful", any(s is not None and s.eventful for s in sents))
        flag(f, "visit_sentence", any(s is not None and "visit" in s.types for s in sents))
        flag(f, "country_named", any(h.value == country for h in doc.countries))
        flag(f, "country_in_core", any(h.value == country for s in sentences
                                       for h in doc.hits_in(doc.countries, s.start, s.end)))
        flag(f, "dateline_country", bool(dateline) and dateline[1] == country)
        within(f, "first_at", (hits[0].start / max(1, len(doc.text))) if hits else None, (0.05, 0.15, 0.3, 0.6))
        flag(f, "rule", city == rule.city)
        out.append(Candidate((city, country), f, rule=city == rule.city))
    return out
