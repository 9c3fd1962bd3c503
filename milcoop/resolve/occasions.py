"""One occasion from many reports: decide whether two extracted events are the same.

The decision rests on the extracted facts, not on text similarity, so a
Kazakh and an English report of one occasion meet: the parties, the people
(by cross-script surname key), the date at the precision both give, the
place, named exercises and the kind of contact. Any hard conflict keeps two
events apart (another year, another city, another minister of the same
country, a phone call against a visit); joining needs positive evidence
(a shared participant, the same dated exercise, or the same day and parties).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..records import Event
from ..translit import name_key

NAME_SIMILARITY = 85  # rapidfuzz ratio of two surname keys of one person
MIN_KEY = 5  # shorter keys (Jun, Li) are too ambiguous to prove two people differ
DAY_TOLERANCE = 3  # reports of one occasion date it within a few days of each other
UNDATED_WINDOW_DAYS = 45  # undated events only meet when published this close together
EXCLUSIVE_TYPES = [({"call"}, {"visit", "exercise", "deployment"})]
SPECIFIC_ROLES = {"defense_minister", "deputy_defense_minister", "chief_of_general_staff",
                  "head_of_state", "head_of_government", "ambassador", "military_attache"}


@dataclass
class Facts:
    """What the matcher compares, read once from an event."""

    countries: set[str]
    people: dict[str, tuple[str | None, str | None]]  # surname key -> (country, role)
    date: tuple[int, ...]  # (year[, month[, day]]) or ()
    anchor: tuple[int, ...]  # publication date when the event has none
    city: str | None
    exercises: set[str]
    types: set[str]
    preparatory: bool = False  # a meeting that prepares an exercise
    orgs: set[str] = field(default_factory=set)


def _date(value: str | None) -> tuple[int, ...]:
    if not value:
        return ()
    return tuple(int(x) for x in re.findall(r"\d+", value)[:3])


def _surname(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if len(w) > 2]
    return name_key(words[-1]) if words else ""


def _exercise_key(name: str) -> str:
    digits = "".join(re.findall(r"\d+", name))
    return name_key(re.sub(r"[\d\W_]+", " ", name)).replace(" ", "") + digits[-2:]


def facts(event: Event, published: str | None = None) -> Facts:
    return Facts(
        countries=set(event.countries),
        people={k: (p.country, p.role) for p in event.participants if (k := _surname(p.name))},
        date=_date(event.date),
        anchor=_date(published) if not event.date else (),
        city=event.location.city,
        exercises={_exercise_key(x.name) for x in event.exercises if re.search(r"\d", x.name)},
        preparatory=event.preparatory,
        types=set(event.type),
        orgs=set(event.orgs),
    )


def _days(a: tuple[int, ...], b: tuple[int, ...]) -> int | None:
    from datetime import date

    if len(a) < 3 or len(b) < 3:
        return None
    try:
        return abs((date(*a) - date(*b)).days)
    except ValueError:
        return None


def _date_conflict(a: Facts, b: Facts) -> bool:
    if a.date and b.date:
        n = min(len(a.date), len(b.date))
        if a.date[0] != b.date[0]:
            return True
        if n >= 2 and a.date[1] != b.date[1]:
            days = _days(a.date, b.date)
            return days is None or days > DAY_TOLERANCE
        return n == 3 and (_days(a.date, b.date) or 0) > DAY_TOLERANCE
    known = a.date or a.anchor
    other = b.date or b.anchor
    if known and other and known[0] != other[0]:
        return True
    days = _days(known, other)
    return days is not None and days > UNDATED_WINDOW_DAYS


def same_person(a: str, b: str) -> bool:
    """Surname keys of one person: equal, one inflected from the other, or near."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return True
    return fuzz.ratio(a, b) >= NAME_SIMILARITY


def _shared_people(a: Facts, b: Facts) -> bool:
    return any(same_person(x, y) for x in a.people for y in b.people)


def _people_conflict(a: Facts, b: Facts) -> bool:
    """The same office of the same country held by two clearly different people."""
    for ka, (ca, ra) in a.people.items():
        if len(ka) < MIN_KEY or any(same_person(ka, kb) for kb in b.people):
            continue
        for kb, (cb, rb) in b.people.items():
            if len(kb) < MIN_KEY or any(same_person(kb, k) for k in a.people):
                continue
            if ca and ca == cb and ra == rb and ra in SPECIFIC_ROLES:
                return True
    return False


def conflict(a: Facts, b: Facts) -> str | None:
    """Why two events cannot be one occasion, or None."""
    shared = a.countries & b.countries
    if len(shared) < min(2, len(a.countries), len(b.countries)):
        return "parties"
    if len(a.countries) == 2 and len(b.countries) == 2 and a.countries != b.countries:
        return "parties"
    if _date_conflict(a, b):
        return "date"
    if a.city and b.city and a.city != b.city:
        return "place"
    if a.exercises and b.exercises and not (a.exercises & b.exercises):
        return "exercise"
    if a.preparatory != b.preparatory and a.exercises & b.exercises:
        return "preparation"  # a planning conference is not the exercise itself
    for x, y in EXCLUSIVE_TYPES:
        if (a.types & x and b.types & y and not a.types & y) or (b.types & x and a.types & y and not b.types & y):
            return "kind"
    if _people_conflict(a, b):
        return "people"
    return None


def evidence(a: Facts, b: Facts) -> str | None:
    """Positive reason to join two compatible events, or None."""
    if _shared_people(a, b):
        return "people"
    if a.exercises & b.exercises:
        return "exercise"
    if len(a.date) == 3 and len(b.date) == 3 and (_days(a.date, b.date) or 0) <= 1:
        return "day"
    if a.city and a.city == b.city and len(a.date) >= 2 and a.date[:2] == b.date[:2]:
        return "place and month"
    return None


def same_occasion(a: Facts, b: Facts) -> bool:
    return conflict(a, b) is None and evidence(a, b) is not None


def group(items: list[tuple[str, Facts]]) -> dict[str, str]:
    """Greedy grouping: each event joins the first occasion it matches every member of.

    Returns {item id: occasion id}, an occasion named by its first member, so
    ids stay stable as more reports arrive.
    """
    occasions: list[tuple[str, list[Facts]]] = []
    out: dict[str, str] = {}
    for item_id, f in items:
        for occ_id, members in occasions:
            if all(conflict(f, m) is None for m in members) and any(evidence(f, m) for m in members):
                members.append(f)
                out[item_id] = occ_id
                break
        else:
            occasions.append((item_id, [f]))
            out[item_id] = item_id
    return out
