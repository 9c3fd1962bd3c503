"""The officials reference (``milcoop.knowledge.officials``) as the people register asks it.

News dates are often partial (2017, 2017-03), so every question here is asked of a
period: who held an office at some time in it, and whether a term can have covered
it at all. The two differ where the reference does not know a term's start or end:
such a term asserts nothing beyond its known days, but it rules nothing out either.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from ..errors import OfficialsQueryError
from ..knowledge import officials
from ..knowledge.build_officials import date_bounds
from ..knowledge.officials import Person, Term

Period = tuple[date, date]


def official(official_id: str | None) -> Person | None:
    """The reference's record of an official; None for no id or one the reference no longer lists."""
    if not official_id:
        return None
    try:
        return officials.person(official_id)
    except OfficialsQueryError:
        return None


def countries(person: Person) -> set[str]:
    """Every country the reference has the person serve (the British monarch: GB, CA, AU, ...)."""
    return {person.country} | {t.country for t in person.terms}


def period(text: str | None) -> Period | None:
    """The days a possibly partial ISO date can mean ('2017-03' -> March 2017); None if not a date."""
    if not text:
        return None
    try:
        return date_bounds(text[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _offices() -> Mapping[tuple[str, str], tuple[Term, ...]]:
    """Every term per (role, country), built once from the shipped table (immutable)."""
    out: dict[tuple[str, str], list[Term]] = {}
    for person in officials.people():
        for term in person.terms:
            out.setdefault((term.role, term.country), []).append(term)
    return MappingProxyType({k: tuple(sorted(v, key=lambda t: t.start or t.seen or "")) for k, v in out.items()})


def covers_office(role: str | None, country: str | None) -> bool:
    """Whether the reference records any holder of this office at all."""
    return bool(role and country and _offices().get((role, country)))


def office_terms(role: str, country: str) -> tuple[Term, ...]:
    """The reference's terms of one office, earliest first."""
    return _offices().get((role, country), ())


def asserted(term: Term) -> Period | None:
    """The days the reference says the term was held (``Term.covers``); None: no day is known."""
    starts = term.start or term.seen
    if starts is None:
        return None
    lo = date_bounds(starts)[0]
    if term.end is not None:
        return lo, date_bounds(term.end)[1]
    if term.ended:
        return lo, max(date_bounds(d)[1] for d in (term.start, term.seen) if d)
    return lo, date.max


def possible(term: Term) -> Period:
    """The days the term may have covered: only a known start or end rules days out."""
    lo = date_bounds(term.start)[0] if term.start else date.min
    hi = date_bounds(term.end)[1] if term.end else date.max
    return lo, hi


def overlaps(a: Period | None, b: Period) -> bool:
    return a is not None and a[0] <= b[1] and b[0] <= a[1]


def holders_during(role: str, country: str, when: Period) -> list[Term]:
    """Terms of the office the reference says were held on some day of ``when``."""
    return [t for t in office_terms(role, country) if overlaps(asserted(t), when)]
