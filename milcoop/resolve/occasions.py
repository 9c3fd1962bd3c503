"""One occasion from many reports: decided from what each report states of it.

An occasion is a contact between parties at a time and a place, of one kind, between people, about
documents or an exercise. A report states some of these, each at its own precision: a date to the
day, the month or the year, or nothing but when the report appeared; the parties; the city; the kind
of contact (a phone call is not a visit); the people, by the officials reference's id where
extraction linked them, else by a cross-script surname key; a numbered exercise; the documents
signed and their periods. Two reports are one occasion when nothing they state contradicts
(``conflict``) and what they share identifies it (``evidence``). What identifies depends on how
well both are placed in time: within days or weeks one shared person is enough, but ministers meet
again, so when either report gives only a year or no time at all the shared facts must belong to one
occasion: a numbered exercise, a document with its period, or the same people in the same city.

The tunable numbers are a ``Rules`` value (``milcoop benchmark merge`` chooses them by
leave-one-occasion-out over the clusters and shows whether the shipped ones hold). ``keys`` gives a
report's blocking keys: two reports that may be one occasion always share a key (a pair of parties
by month; by person, exercise or document with the year, or without one when a report cannot be
placed in time), so the store compares a new report with a bounded set of stored ones, not the
whole database.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date as Date
from itertools import combinations

from rapidfuzz import fuzz

from ..records import Event
from ..translit import name_key

# Offices one person holds at a time: two different holders cannot both be at one occasion's report.
SINGLE_HOLDER_ROLES = frozenset({"defense_minister", "head_of_state", "head_of_government", "chief_of_general_staff"})
# Whoever speaks for a party at a meeting: the parties they speak for are the meeting's sides.
PRINCIPAL_ROLES = SINGLE_HOLDER_ROLES | {"deputy_defense_minister", "ambassador"}
IN_PERSON = frozenset({"visit", "exercise", "deployment"})
CONCLUDED = frozenset({"signed", "ratified"})
MIN_KEY = 5  # shorter surname keys (Jun, Li) are too ambiguous to prove two people differ
MONTHS_APART = 2  # reports placed further apart than this (by date or publication) are never one occasion
STATED_MONTHS_APART = 1  # ... and by stated dates: the month, or the next across its end
BLOCK_PREFIX = 4  # letters of a surname key in a blocking key


@dataclass(frozen=True)
class Rules:
    """The numbers the decisions use; ``RULES`` are the shipped ones."""

    day_tolerance: int = 3    # reports of one occasion date it within this many days of each other (at most 28)
    near_days: int = 45       # a report dated only by its publication is this close to the occasion (at most 59)
    name_similarity: int = 85  # rapidfuzz ratio of two surname keys of one person


RULES = Rules()


@dataclass(frozen=True)
class Person:
    """A participant as the matcher sees one: surname key, reference id, and the office held."""

    key: str
    official: str | None = None
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Facts:
    """What a report states of its occasion, read once from an event (and stored as JSON)."""

    countries: frozenset[str]
    people: tuple[Person, ...] = ()
    date: tuple[int, ...] = ()    # (year[, month[, day]]) as stated, or ()
    anchor: tuple[int, ...] = ()  # the publication date, when the event states none
    city: str | None = None
    exercises: frozenset[str] = frozenset()  # numbered exercises (one holding each)
    types: frozenset[str] = frozenset()
    preparatory: bool = False  # a meeting that prepares an exercise
    orgs: frozenset[str] = frozenset()
    documents: frozenset[tuple[str, int, int]] = frozenset()  # concluded documents with a period

    def to_json(self) -> dict:
        data = asdict(self)
        for name in ("countries", "exercises", "types", "orgs"):
            data[name] = sorted(data[name])
        data["documents"] = sorted(list(d) for d in self.documents)
        data["people"] = [[p.key, p.official, p.country, p.role] for p in self.people]
        return data

    @classmethod
    def from_json(cls, data: dict) -> Facts:
        return cls(countries=frozenset(data["countries"]), people=tuple(Person(*p) for p in data["people"]),
                   date=tuple(data["date"]), anchor=tuple(data["anchor"]), city=data["city"],
                   exercises=frozenset(data["exercises"]), types=frozenset(data["types"]),
                   preparatory=bool(data["preparatory"]), orgs=frozenset(data["orgs"]),
                   documents=frozenset(tuple(d) for d in data["documents"]))


def _date(value: str | None) -> tuple[int, ...]:
    if not value:
        return ()
    return tuple(int(x) for x in re.findall(r"\d+", value)[:3])


def surname_key(name: str) -> str:
    """The cross-script key of a name's last word of three letters or more ('' if none)."""
    words = [w for w in re.split(r"[\s\-]+", name) if len(w) > 2]
    return name_key(words[-1]) if words else ""


_surname = surname_key  # the name milcoop.store.rows knows it by


def _exercise_key(name: str) -> str:
    digits = "".join(re.findall(r"\d+", name))
    return name_key(re.sub(r"[\d\W_]+", " ", name)).replace(" ", "") + digits[-2:]


def facts(event: Event, published: str | None = None) -> Facts:
    """The facts of ``event``; ``published`` (the article's date) places an undated one in time."""
    return Facts(
        countries=frozenset(c.upper() for c in event.countries if c),
        people=tuple(Person(k, p.official_id, p.country, p.role)
                     for p in event.participants if (k := surname_key(p.name))),
        date=_date(event.date),
        anchor=_date(published) if not event.date else (),
        city=event.location.city,
        exercises=frozenset(_exercise_key(x.name) for x in event.exercises if re.search(r"\d", x.name)),
        types=frozenset(event.type),
        preparatory=event.preparatory,
        orgs=frozenset(event.orgs),
        documents=frozenset((d.type, d.period[0], d.period[-1]) for d in event.documents
                            if d.period and d.status in CONCLUDED),
    )


# -- time -----------------------------------------------------------------------

def _day(parts: tuple[int, ...]) -> Date | None:
    if len(parts) < 3:
        return None
    try:
        return Date(*parts[:3])
    except ValueError:
        return None


def _month(parts: tuple[int, ...]) -> int | None:
    return parts[0] * 12 + parts[1] - 1 if len(parts) >= 2 and 1 <= parts[1] <= 12 else None


def when(f: Facts) -> tuple[int, ...]:
    """When the report places its occasion: the stated date, else the publication date, else ()."""
    return f.date or f.anchor


def timing(a: Facts, b: Facts, rules: Rules = RULES) -> str:
    """How two reports agree in time: 'conflict', 'day', 'month', 'near' (by publication), 'year' or 'unknown'.

    Stated dates are compared at the precision both give, across a month's end
    only within ``day_tolerance``; a publication date places an undated report
    within ``near_days`` of the occasion (and never more than two months away).
    """
    ta, tb = when(a), when(b)
    if not ta or not tb:
        return "unknown"
    ma, mb = _month(ta), _month(tb)
    if ma is None or mb is None:  # a year only, on one side at least
        return "year" if ta[0] == tb[0] else "conflict"
    stated = bool(a.date) and bool(b.date)
    if abs(ma - mb) > (STATED_MONTHS_APART if stated else MONTHS_APART):
        return "conflict"
    da, db = _day(ta), _day(tb)
    days = abs((da - db).days) if da and db else None
    if stated:
        if days is not None:
            return "day" if days <= rules.day_tolerance else "conflict"
        return "month" if ma == mb else "conflict"
    if days is not None:
        return "near" if days <= rules.near_days else "conflict"
    return "near" if abs(ma - mb) <= 1 else "conflict"


# -- people -----------------------------------------------------------------------

def same_person(a: str, b: str, rules: Rules = RULES) -> bool:
    """Surname keys of one person: equal, one inflected from the other, or near."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return True
    return fuzz.ratio(a, b) >= rules.name_similarity


def _block(key: str) -> str:
    """The first letters of a surname key, a Cyrillic initial Е's Y dropped (Yermekbayev / Ermekbaev)."""
    return (key[1:] if key[:1] == "i" and key[1:2] in "aeiou" else key)[:BLOCK_PREFIX]


def _one(p: Person, q: Person, rules: Rules) -> bool:
    """One person: the same officials-reference id, or surname keys of one person (that begin alike)."""
    if p.official and q.official:
        return p.official == q.official
    return _block(p.key) == _block(q.key) and same_person(p.key, q.key, rules)


def _shared_people(a: Facts, b: Facts, rules: Rules) -> int:
    return sum(1 for p in a.people if any(_one(p, q, rules) for q in b.people))


def _people_conflict(a: Facts, b: Facts, rules: Rules) -> bool:
    """One office of one country held by two clearly different people (the minister of another year)."""
    for p in a.people:
        if p.role not in SINGLE_HOLDER_ROLES or not p.country or any(_one(p, q, rules) for q in b.people):
            continue
        for q in b.people:
            if q.role != p.role or q.country != p.country or any(_one(q, r, rules) for r in a.people):
                continue
            if (p.official and q.official) or (len(p.key) >= MIN_KEY and len(q.key) >= MIN_KEY):
                return True
    return False


def _sides(f: Facts) -> frozenset[str]:
    return frozenset(p.country for p in f.people if p.role in PRINCIPAL_ROLES and p.country)


# -- the decision -----------------------------------------------------------------

def conflict(a: Facts, b: Facts, rules: Rules = RULES) -> str | None:
    """Why two reports cannot be one occasion, or None."""
    shared = a.countries & b.countries
    if not shared or len(shared) < min(2, len(a.countries), len(b.countries)):
        return "parties"
    sa, sb = _sides(a), _sides(b)
    if len(sa) >= 2 and len(sb) >= 2 and not (sa <= sb or sb <= sa):
        return "parties"  # two bilaterals on the sidelines of one session: other counterparts
    if timing(a, b, rules) == "conflict":
        return "date"
    if a.city and b.city and a.city != b.city:
        return "place"
    if a.exercises and b.exercises and not (a.exercises & b.exercises):
        return "exercise"
    if a.preparatory != b.preparatory and a.exercises & b.exercises:
        return "preparation"  # a planning conference is not the exercise itself
    if _remote(a) and "call" not in b.types or _remote(b) and "call" not in a.types:
        return "kind"
    if _people_conflict(a, b, rules):
        return "people"
    if _documents_conflict(a, b):
        return "documents"
    return None


def _remote(f: Facts) -> bool:
    """A phone or video call: no one travelled, nothing was held in person."""
    return "call" in f.types and not f.types & IN_PERSON


def _documents_conflict(a: Facts, b: Facts) -> bool:
    """Both concluded a document of one type, for periods that do not meet (the plan of another year)."""
    for kind in {d[0] for d in a.documents} & {d[0] for d in b.documents}:
        spans_a = [d[1:] for d in a.documents if d[0] == kind]
        spans_b = [d[1:] for d in b.documents if d[0] == kind]
        if not any(x[0] <= y[1] and y[0] <= x[1] for x in spans_a for y in spans_b):
            return True
    return False


def evidence(a: Facts, b: Facts, rules: Rules = RULES) -> str | None:
    """A positive reason to file two compatible reports as one occasion, or None."""
    time = timing(a, b, rules)
    one_party = min(len(a.countries), len(b.countries)) < 2
    if time == "unknown" and one_party:
        return None  # one party and no time: too little to tell one occasion from another
    if a.exercises & b.exercises:
        return "exercise"
    if a.documents & b.documents:
        return "document"
    people = _shared_people(a, b, rules)
    if time in ("year", "unknown"):  # ministers meet again: only facts of one occasion will do
        return "people and place" if people and a.city and a.city == b.city else None
    if people:
        return "people"
    if one_party:
        return None  # one party's report of that day or place may be about anything else
    if time == "day" and a.countries == b.countries:
        return "day"
    if a.city and a.city == b.city and time in ("day", "month"):
        return "place and month"
    return None


def same_occasion(a: Facts, b: Facts, rules: Rules = RULES) -> bool:
    return conflict(a, b, rules) is None and evidence(a, b, rules) is not None


def joins(new: Facts, members: list[Facts], rules: Rules = RULES) -> bool:
    """Whether a report joins an occasion: no member contradicts it and one gives evidence."""
    return all(conflict(new, m, rules) is None for m in members) and any(evidence(new, m, rules) for m in members)


def group(items: list[tuple[str, str, Facts]], rules: Rules = RULES) -> dict[str, str]:
    """File reports in the given order as the store does: ``items`` are (event id, article id, facts).

    Each report joins the oldest occasion it ``joins`` (judged on the members
    from other articles), else founds one named by it. Returns {event id:
    occasion id}: what ``milcoop.store.occasions.assign`` stores for the same
    reports in the same order (``benchmark merge`` replays it under other rules).
    """
    occasions: list[tuple[str, list[tuple[str, Facts]]]] = []
    out: dict[str, str] = {}
    for event_id, article_id, f in items:
        for occ_id, members in occasions:
            others = [m for a, m in members if a != article_id]
            if others and joins(f, others, rules):
                members.append((article_id, f))
                out[event_id] = occ_id
                break
        else:
            occasions.append((event_id, [(article_id, f)]))
            out[event_id] = event_id
    return out


# -- blocking ---------------------------------------------------------------------

def _identities(f: Facts) -> set[str]:
    """What ties a report to one occasion whatever its time: people, numbered exercises, documents."""
    out = {f"x:{x}" for x in f.exercises} | {f"d:{t}:{s}-{e}" for t, s, e in f.documents}
    for p in f.people:
        if p.official:
            out.add(f"o:{p.official}")
        out.add(f"s:{_block(p.key)}")
    return out


def keys(f: Facts) -> tuple[set[str], set[str]]:
    """(stored, queried) blocking keys: any two reports that may be one occasion share one (both ways).

    A pair of parties by month (``m`` stated, ``a`` by publication) finds the
    reports close in time, whatever joins them; everything else needs a shared
    identity (``_identities``: a person, exercise or document), so those keys
    carry one: by year for a report that gives only its year (``Y``: any dated
    report of that year, ``y``: year-only ones) or names one party (``c+``: any
    report naming that party, ``c1``: one-party ones), and without time
    (``t``: reports with no time, ``i``: dated ones) for a report with no time.
    """
    codes = sorted(f.countries)
    pairs = [f"{x}-{y}" for x, y in combinations(codes, 2)]
    single = len(codes) == 1
    ids = _identities(f)
    stored: set[str] = set()
    queried: set[str] = set()
    time = when(f)
    month = _month(time) if time else None
    if not time:
        stored |= {f"{p}|t|{k}" for p in pairs for k in ids}
        queried |= {f"{p}|{kind}|{k}" for p in pairs for k in ids for kind in "ti"}
        return stored, queried
    year = time[0]
    stored |= {f"{p}|i|{k}" for p in pairs for k in ids}
    queried |= {f"{p}|t|{k}" for p in pairs for k in ids}
    stored |= {f"{p}|Y{year}|{k}" for p in pairs for k in ids}
    stored |= {f"{c}+|Y{year}|{k}" for c in codes for k in ids}
    if single:
        stored |= {f"{codes[0]}1|Y{year}|{k}" for k in ids}
    if month is None:  # a year only
        stored |= {f"{p}|y{year}|{k}" for p in pairs for k in ids}
        queried |= {f"{p}|Y{year}|{k}" for p in pairs for k in ids}
        queried |= {f"{c}1|Y{year}|{k}" for c in codes for k in ids}
        if single:
            queried |= {f"{codes[0]}+|Y{year}|{k}" for k in ids}
        return stored, queried
    kind = "m" if f.date else "a"
    stored |= {f"{p}|{kind}{month}" for p in pairs}
    reach = STATED_MONTHS_APART if f.date else MONTHS_APART
    queried |= {f"{p}|m{m}" for p in pairs for m in range(month - reach, month + reach + 1)}
    queried |= {f"{p}|a{m}" for p in pairs for m in range(month - MONTHS_APART, month + MONTHS_APART + 1)}
    queried |= {f"{p}|y{year}|{k}" for p in pairs for k in ids}
    years = range(year - 1, year + 2)  # two months apart may cross a year's end
    queried |= {f"{c}1|Y{y}|{k}" for c in codes for y in years for k in ids}
    if single:
        queried |= {f"{codes[0]}+|Y{y}|{k}" for y in years for k in ids}
    return stored, queried


__all__ = ["Facts", "Person", "RULES", "Rules", "conflict", "evidence", "facts", "group", "joins", "keys",
           "same_occasion", "same_person", "surname_key", "timing"]
