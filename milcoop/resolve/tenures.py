"""Positions over time: who held which office when, from the officials reference and the news.

Each dated sighting is checked against the reference (``milcoop.resolve.sightings``).
Sightings that agree with a reference term make that term a tenure with the reference's
own start and end; sightings of offices the reference does not record make a tenure of
their own that runs from the first to the last sighting, its start and end unknown (a
later holder's first sighting does not end it: news do not say when someone left).
Contradicted sightings are flagged, not merged into any term.

Who held an office on a date is the reference's answer wherever it records a holder of
a single-holder office that day, otherwise the people seen in it around that date; for
offices with many holders (deputies, commanders) both are given.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Literal

from ..knowledge.officials import Term
from . import reference
from .persons import SINGLE_HOLDER_ROLES
from .sightings import NO_OFFICE, Check, FlagKind, Observation, check

__all__ = ["Flag", "Observation", "Register", "Tenure", "holders_on", "register", "tenures"]

Basis = Literal["reference", "news"]


@dataclass
class Tenure:
    """One person in one office: the reference's term, or the span the news saw them in it."""

    person_id: str | None   # the stored person (None: a reference holder no report names)
    official_id: str | None
    name: str
    role: str
    country: str | None
    basis: Basis
    start: str | None       # the reference's start; None: unknown (always, on news basis)
    end: str | None         # the reference's end; None: still in office if ``in_office``, else unknown
    in_office: bool
    first_seen: str | None
    last_seen: str | None
    observations: int       # sightings that agree with this tenure
    source: str | None = None  # the reference's source of the term

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Flag:
    """A sighting the reference (or a same-day sighting of another holder) contradicts."""

    kind: FlagKind
    person_id: str
    official_id: str | None
    name: str
    role: str | None
    country: str | None
    date: str | None
    event_id: str
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Register:
    tenures: list[Tenure] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def _lower(date: str) -> str:
    """A partial ISO date as the earliest day it can mean, for ordering."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10] if len(date) == 7 else date


def _upper(date: str) -> str:
    """A partial ISO date as the latest day it can mean (as text: '2017' -> '2017-12-31')."""
    found = reference.period(date)
    return found[1].isoformat() if found else date


def _flag(o: Observation, kind: FlagKind, reason: str) -> Flag:
    return Flag(kind, o.person_id, o.official_id, o.name, o.role, o.country, o.date, o.event_id, reason)


def _from_term(term: Term, obs: list[Observation], person_id: str | None, name: str) -> Tenure:
    dates = sorted((o.date for o in obs if o.date), key=_lower)
    return Tenure(person_id=person_id, official_id=term.person_id, name=name, role=term.role, country=term.country,
                  basis="reference", start=term.start, end=term.end, in_office=term.end is None and not term.ended,
                  first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
                  observations=len(obs), source=term.source)


def _clashes(news: list[tuple[Observation, Check]]) -> list[Flag]:
    """Single-holder offices the news show held by two people on one day, the reference silent."""
    seen: dict[tuple, dict[str, Observation]] = defaultdict(dict)
    for o, _ in news:
        if o.role in SINGLE_HOLDER_ROLES and o.country and o.date and len(o.date) == 10:
            seen[(o.role, o.country, o.date)].setdefault(o.person_id, o)
    out = []
    for people in seen.values():
        if len(people) > 1:
            for o in people.values():
                others = sorted(p.name for p in people.values() if p.person_id != o.person_id)
                out.append(_flag(o, "clash", f"another report of that day names {', '.join(others)} "
                                             f"as {o.role} of {o.country}"))
    return out


def register(observations: list[Observation]) -> Register:
    """Tenures per person and office, and the flagged sightings, from every sighting given."""
    flags: list[Flag] = []
    agreed: dict[tuple, list[Observation]] = defaultdict(list)
    terms: dict[tuple, Term] = {}
    news: list[tuple[Observation, Check]] = []
    names: dict[str, str] = {}
    for o in observations:
        names.setdefault(o.person_id, o.name)
        c = check(o)
        if c.status == "flagged":
            flags.append(_flag(o, c.flag, c.reason))
        elif o.role in NO_OFFICE or not o.date:
            continue  # no office, or no date to place it in time
        elif c.status == "agrees":
            key = (o.person_id, c.term.role, c.term.country, c.term.start, c.term.seen)
            agreed[key].append(o)
            terms[key] = c.term
        else:
            news.append((o, c))
    out = [_from_term(terms[k], obs, k[0], names[k[0]]) for k, obs in agreed.items()]
    by_office: dict[tuple, list[Observation]] = defaultdict(list)
    for o, _ in news:
        by_office[(o.person_id, o.role, o.country)].append(o)
    for (pid, role, country), obs in by_office.items():
        dates = sorted((o.date for o in obs), key=_lower)
        out.append(Tenure(person_id=pid, official_id=obs[0].official_id, name=names[pid], role=role, country=country,
                          basis="news", start=None, end=None, in_office=False, first_seen=dates[0],
                          last_seen=dates[-1], observations=len(obs)))
    out.sort(key=lambda t: (t.country or "", t.role, _lower(t.start or t.first_seen or ""), t.name))
    flags.extend(_clashes(news))
    flags.sort(key=lambda f: (f.date or "", f.name, f.event_id))
    return Register(out, flags)


def tenures(observations: list[Observation]) -> list[Tenure]:
    """The tenures of ``register``, without the flags."""
    return register(observations).tenures


def holders_on(reg: Register, role: str, country: str | None, date: str,
               persons: dict[str, str] | None = None) -> list[Tenure]:
    """Who held ``role`` (of ``country``, or of every country seen in it) on ``date``.

    The reference answers for a single-holder office it records a holder of that day.
    Otherwise (no holder recorded that day, or an office of many holders) the people
    seen in the office around the date are added: tenures whose sightings span it,
    on news basis or on a reference term whose bounds the reference does not know.
    ``persons`` maps reference ids to stored person ids, so a holder no report names
    in that office still links to the person's dossier.
    """
    when = reference.period(date)
    if when is None:
        return []
    persons = persons or {}
    countries = [country] if country else sorted({t.country for t in reg.tenures if t.role == role and t.country})
    day_lo, day_hi = when[0].isoformat(), when[1].isoformat()
    found: list[Tenure] = []
    for c in countries:
        terms = reference.holders_during(role, c, when) if c else []
        for term in terms:
            seen = next((t for t in reg.tenures if t.basis == "reference" and t.official_id == term.person_id
                         and (t.role, t.country, t.start) == (term.role, term.country, term.start)), None)
            found.append(seen or _from_term(term, [], persons.get(term.person_id),
                                            reference.official(term.person_id).name))
        if terms and role in SINGLE_HOLDER_ROLES:
            continue
        named = {t.official_id for t in found if t.official_id}
        found.extend(t for t in reg.tenures if t.role == role and t.country == c and t.first_seen
                     and (t.official_id is None or t.official_id not in named)
                     and _lower(t.first_seen) <= day_hi and day_lo <= _upper(t.last_seen))
    return found
