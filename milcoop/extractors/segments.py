"""Split an article into its occasions: "A met B ... A's deputy C then met D".

A new occasion starts at a sentence that reports an in-person meeting, a
visit or a call (an "opening" sentence) when what it says cannot belong to
the occasion told so far:

- it is led by someone the current occasion has not named, once the current
  occasion already has both its sides (two people), and it either names both
  sides of the new meeting or says it is another one ("Помимо этого,
  состоялась встреча", lexicon ``new_occasion``);
- it is a talk "on the sidelines" of the multilateral session told so far
  (``sidelines``);
- the current occasion has one counterpart and this sentence names another
  one beside the side both share, through a participant of it or a visit or
  call (a tour: UAE, then India; a second bilateral at one session);
- a call was told so far, and this sentence tells an in-person meeting.

Several meetings of one visit stay one occasion (the annotation's rule).

Conservative on purpose: most reports are about one occasion, and a wrong
split costs more than a missed one.
"""
from __future__ import annotations

from ..records import Participant
from ..translit import name_key
from .doc import Doc, Sentence

OPENING_TYPES = {"meeting", "call", "visit"}
MIN_PEOPLE = 2  # the current occasion must already have both sides before another can start
BILATERAL = 2  # countries of a sentence that tells a meeting between two sides


def _key(p: Participant) -> str:
    return name_key(p.name.split()[-1]) if p.name.split() else ""


def boundaries(doc: Doc, core: list[Sentence], people: list[Participant], lex) -> list[int]:
    """Character offsets where each occasion starts (the first is always the article's start)."""
    mentions = sorted((span.start, _key(p)) for p in people for span in p.evidence)
    starts = [0]
    current: set[str] = set()  # people named in the current occasion
    sides: set[str] = set()  # countries of its opening sentences
    calls = session = False  # whether the current occasion is a call; a multilateral session
    for i, sent in enumerate(core):
        inside = [k for pos, k in mentions if sent.start <= pos < sent.end]
        countries = {h.value for h in doc.hits_in(doc.countries, sent.start, sent.end)}
        theirs = {p.country for p in people if p.country
                  for span in p.evidence if sent.start <= span.start < sent.end}
        opening = sent.eventful and bool(sent.types & OPENING_TYPES)
        if i > 0 and opening and (_new_people(sent, inside, current, lex)
                                  or (session and bool(lex.search("sidelines", sent.text)))
                                  or _another_counterpart(sent, countries, theirs, sides)
                                  or (calls and "call" not in sent.types)):
            starts.append(sent.start)
            current, sides, calls, session = set(), set(), False, False
        current.update(inside)
        session |= "multilateral" in sent.types
        if opening:
            sides |= countries
            calls |= "call" in sent.types
    return starts


def _new_people(sent: Sentence, inside: list[str], current: set[str], lex) -> bool:
    """Someone not named yet leads a meeting, both sides named (or 'also met'), the current occasion whole."""
    another = len(set(inside)) >= 2 or bool(lex.search("new_occasion", sent.text))
    return bool(inside) and another and len(current) >= MIN_PEOPLE and any(k not in current for k in inside) \
        and sum(k in current for k in set(inside)) <= 1  # not the same pair joined by a third


def _another_counterpart(sent: Sentence, countries: set[str], theirs: set[str], sides: set[str]) -> bool:
    """A meeting of the shared side with a new counterpart: the current occasion has its two sides (or
    is a session of many) and this sentence names exactly two, one new, whose person takes part or
    which is visited or called (not a country talked about: "обсудили обстановку в Афганистане")."""
    if len(countries) != BILATERAL or len(sides) < BILATERAL or len(countries & sides) != 1:
        return False
    new = next(iter(countries - sides))
    return new in theirs or bool(sent.types & {"visit", "call"})


def within(spans, lo: int, hi: int) -> bool:
    return any(lo <= s.start < hi for s in spans)
