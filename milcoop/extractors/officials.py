"""Link a person named in a report to the officials reference (``milcoop.knowledge.officials``).

A name that fits one official, holding an office on the report's date (or named in full), gives
that person's own spelling (Ердоған -> Recep Tayyip Erdoğan) and the office and country the
reference records for that date. Ambiguous names (two officials fit about equally) are left alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..knowledge.officials import match

SURE = 0.85  # a full name, or a surname of someone in office that day
MARGIN = 0.1  # the next candidate must fit this much worse
PARTY_BONUS = 0.1  # an official of a country the report names fits better
FULL_NAME = 0.9  # name_score of a given name and surname (a surname alone scores 0.7)


@dataclass(frozen=True)
class Link:
    id: str
    name: str  # the official's own spelling
    role: str | None  # the office held on the date (None: no office known that day)
    country: str
    score: float


def report_day(published: date | None, published_iso: str | None) -> date | None:
    """The day to look offices up on: the publication date, or the middle of its month or year."""
    if published:
        return published
    if published_iso and len(published_iso) >= 7 and published_iso[:4].isdigit():
        try:
            return date(int(published_iso[:4]), int(published_iso[5:7]), 15)
        except ValueError:
            return None
    if published_iso and published_iso[:4].isdigit():
        return date(int(published_iso[:4]), 7, 1)
    return None


@lru_cache(maxsize=4096)
def link(name: str, on: date | None, countries: frozenset[str] = frozenset()) -> Link | None:
    """The one official ``name`` names on ``on``, or None (no official, or several fit)."""
    if not name or len(name) < 3:
        return None
    scored = []
    for m in match(name, on=on):
        score = m.score + (PARTY_BONUS if m.country in countries else 0.0)
        if on is not None and m.term is None and m.name_score < 1.0:
            continue  # a surname alone, of someone out of office that day: another person's namesake
        scored.append((score, m))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    best_score, best = scored[0]
    if best_score < SURE or (len(scored) > 1 and best_score - scored[1][0] < MARGIN):
        return None
    if best.name_score < FULL_NAME and best.country not in countries:
        return None  # a surname alone ("Kim", "Singh") names an official only of a country the report names
    return Link(id=best.person.id, name=best.person.name, role=best.term.role if best.term else None,
                country=best.country, score=round(best_score, 3))
