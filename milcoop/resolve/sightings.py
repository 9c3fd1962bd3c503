"""A sighting of a person in an office, and how it stands against the officials reference.

Every participant of a dated event is a sighting: this person held this office for this
country on this date, says one report. One wrong date or country in one report must not
bend a whole tenure, so each sighting is checked on its own: it agrees with a reference
term, contradicts the reference (flagged: shown as such, never merged into a term), or
concerns what the reference does not record (left to the news).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..knowledge.officials import Term
from . import reference
from .persons import SINGLE_HOLDER_ROLES

# A role that names no office (a generic "official") is no position to hold.
NO_OFFICE = {None, "official"}

Status = Literal["agrees", "flagged", "unchecked"]
FlagKind = Literal["country", "date", "holder", "clash"]


@dataclass(frozen=True)
class Observation:
    """One sighting: a participant of an event, with the person it was resolved to."""

    person_id: str
    name: str
    role: str | None
    rank: str | None
    country: str | None
    date: str | None  # the event's date, failing that the article's
    event_id: str
    official_id: str | None = None  # the person's id in the officials reference
    ordinal: int | None = None      # the participant's place in its event (event_id:ordinal names the mention)


@dataclass(frozen=True)
class Check:
    """What the reference says of one sighting."""

    status: Status
    term: Term | None = None    # agrees: the reference term the sighting falls in
    flag: FlagKind | None = None
    reason: str | None = None


def _span(term: Term) -> str:
    end = term.end or ("an unknown date" if term.ended else "today")
    return f"{term.start or 'an unknown date'} to {end}"


def _label(role: str, country: str | None) -> str:
    return f"{role} of {country}" if country else role


def check(obs: Observation) -> Check:
    """Judge one sighting against the officials reference."""
    person = reference.official(obs.official_id)
    if person is not None and obs.country and obs.country not in reference.countries(person):
        where = ", ".join(sorted(reference.countries(person)))
        return Check("flagged", flag="country",
                     reason=f"the officials reference has {person.name} serve {where}, not {obs.country}")
    when = reference.period(obs.date)
    if when is None or obs.role in NO_OFFICE:
        return Check("unchecked")
    if person is not None:
        same = [t for t in person.terms if t.role == obs.role and obs.country in (None, t.country)]
        held = [t for t in same if reference.overlaps(reference.asserted(t), when)] \
            or [t for t in same if reference.overlaps(reference.possible(t), when)]
        if held:
            return Check("agrees", term=held[0])
        if same:
            spans = "; ".join(_span(t) for t in same)
            nobody = obs.country and not reference.holders_during(obs.role, obs.country, when)
            return Check("flagged", flag="date",
                         reason=f"the officials reference has {person.name} as {_label(obs.role, same[0].country)} "
                                f"from {spans}, not on {obs.date}"
                                + (" (and records nobody in that office then)" if nobody else ""))
    if obs.role in SINGLE_HOLDER_ROLES and obs.country:
        others = reference.holders_during(obs.role, obs.country, when)
        if others and all(t.person_id != obs.official_id for t in others):
            names = ", ".join(dict.fromkeys(reference.official(t.person_id).name for t in others))
            return Check("flagged", flag="holder",
                         reason=f"the officials reference names {names} as {_label(obs.role, obs.country)} "
                                f"on {obs.date}")
    return Check("unchecked")
