"""Split an article into its occasions: "A met B ... A's deputy C then met D".

A new occasion starts at a sentence that reports a meeting (or a call) led
by someone the current occasion has not named, once the current occasion
already has both its sides (two people), and that either names both sides
of the new meeting or says it is another one ("Помимо этого, состоялась
встреча", lexicon ``new_occasion``). Conservative on purpose: most reports
are about one occasion, and a wrong split costs more than a missed one.
"""
from __future__ import annotations

from ..records import Participant
from ..translit import name_key
from .doc import Sentence

OPENING_TYPES = {"meeting", "call"}
MIN_PEOPLE = 2  # the current occasion must already have both sides before another can start


def _key(p: Participant) -> str:
    return name_key(p.name.split()[-1]) if p.name.split() else ""


def boundaries(core: list[Sentence], people: list[Participant], lex) -> list[int]:
    """Character offsets where each occasion starts (the first is always the article's start)."""
    mentions = sorted((span.start, _key(p)) for p in people for span in p.evidence)
    starts = [0]
    current: set[str] = set()
    for i, sent in enumerate(core):
        inside = [k for pos, k in mentions if sent.start <= pos < sent.end]
        another = len(set(inside)) >= 2 or bool(lex.search("new_occasion", sent.text))
        if i > 0 and inside and sent.eventful and sent.types & OPENING_TYPES and another \
                and len(current) >= MIN_PEOPLE and any(k not in current for k in inside) \
                and sum(k in current for k in set(inside)) <= 1:  # not the same pair joined by a third
            starts.append(sent.start)
            current = set()
        current.update(inside)
    return starts


def within(spans, lo: int, hi: int) -> bool:
    return any(lo <= s.start < hi for s in spans)
