"""Positions over time: who held which office when, from dated observations.

Every participant mention is an observation (person, role, rank, country,
date of the occasion or, failing that, of the article). A tenure runs from a
holder's first observation to the first observation of the next holder of
the same office; single-holder offices (a country's defence minister) seen
held by two people on one date are flagged as contradictions.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .persons import SINGLE_HOLDER_ROLES


@dataclass(frozen=True)
class Observation:
    person_id: str
    name: str
    role: str | None
    rank: str | None
    country: str | None
    date: str | None
    event_id: str
    evidence: str = ""


@dataclass
class Tenure:
    person_id: str
    name: str
    role: str
    country: str | None
    first_seen: str
    last_seen: str
    until: str | None  # the next holder's first observation
    observations: int


def _lower(date: str) -> str:
    """A partial ISO date as the earliest day it can mean, for ordering."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10] if len(date) == 7 else date


def tenures(observations: list[Observation]) -> list[Tenure]:
    """Tenures per (role, country), in order of first observation."""
    by_office: dict[tuple[str, str | None], dict[str, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    for o in observations:
        if o.role and o.role != "official" and o.date:
            by_office[(o.role, o.country)][o.person_id].append(o)
    out: list[Tenure] = []
    for (role, country), people in by_office.items():
        spans = []
        for pid, obs in people.items():
            dates = sorted(_lower(o.date) for o in obs)
            spans.append(Tenure(pid, obs[0].name, role, country, dates[0], dates[-1], None, len(obs)))
        spans.sort(key=lambda t: t.first_seen)
        if role in SINGLE_HOLDER_ROLES:
            for a, b in zip(spans, spans[1:]):
                a.until = b.first_seen
        out.extend(spans)
    return out


def holders_on(all_tenures: list[Tenure], role: str, country: str | None, date: str) -> list[Tenure]:
    """Who held ``role`` for ``country`` on ``date`` (several means the news disagree)."""
    day = _lower(date)
    found = []
    for t in all_tenures:
        if t.role != role or (country and t.country != country):
            continue
        if t.first_seen <= day and (t.until is None or day < t.until):
            found.append(t)
    if role in SINGLE_HOLDER_ROLES and len(found) > 1:
        latest = max(found, key=lambda t: t.first_seen)
        ties = [t for t in found if t.first_seen <= day <= t.last_seen]
        return ties if len(ties) > 1 else [latest]
    return found


def contradictions(observations: list[Observation]) -> list[dict]:
    """Single-holder offices seen held by two different people on one date."""
    seen: dict[tuple, dict[str, Observation]] = defaultdict(dict)
    for o in observations:
        if o.role in SINGLE_HOLDER_ROLES and o.country and o.date and len(o.date) == 10:
            seen[(o.role, o.country, o.date)][o.person_id] = o
    return [{"role": r, "country": c, "date": d, "people": sorted(o.name for o in people.values()),
             "events": sorted({o.event_id for o in people.values()})}
            for (r, c, d), people in sorted(seen.items()) if len(people) > 1]
