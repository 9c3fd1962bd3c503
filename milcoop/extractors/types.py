"""Event types: cued in the engagement's sentences, checked against the facts found.

The rule keeps a type cued where the engagement is told, unless only
announced ("совершит визит", "учения пройдут") or told as background; a
signing needs a signed document; a meeting in one party's country with a
participant of another is a visit even when no visit is named. Every type with any cue in the article is
a candidate, described by where and how its cues occur.
"""
from __future__ import annotations

from ..learn.decider import Candidate
from ..learn.features import at_least, crossed, flag
from ..schema import EVENT_TYPES
from .doc import Doc, Sentence

# types one side can carry out alone (a purchase, a course, a deployment): their cue may sit
# in a sentence that names no counterpart
ONE_SIDED_TYPES = ("industry", "training", "deployment")


def sentence_types(lex, chunk: str) -> set[str]:
    """Event types cued in a sentence; talks "on the sidelines of" a session are not the session."""
    types = set(lex.labels("event_types", chunk))
    if "multilateral" in types and "meeting" in types and lex.search("sidelines", chunk):
        types.discard("multilateral")
    return types


def rule_types(core: list[Sentence], documents, exercises, elsewhere=()) -> list[str]:
    """The rule's types of one occasion (see the module docstring)."""
    seen: list[str] = []
    for s in core:
        if s.background:
            continue
        for t in sorted(s.types):
            if t == "visit" and s.planned and not s.held:
                continue
            if t == "exercise" and (s.planned or not s.held):
                continue
            if t not in seen:
                seen.append(t)
    signed = any(d.status in ("signed", "ratified") for d in documents)
    if signed and "signing" not in seen:
        seen.append("signing")
    if not signed and "signing" in seen:
        seen.remove("signing")
    if any(e.status == "held" for e in exercises) and "exercise" not in seen:
        seen.append("exercise")
    if not seen:  # no cue where the parties are: the article's own cues ("сатып алуға")
        seen = list(dict.fromkeys(t for s in elsewhere if not s.background and not s.planned
                                  for t in sorted(s.types) if t in ONE_SIDED_TYPES))
    return sorted(seen, key=EVENT_TYPES.index) or ["meeting"]


# envoys live where they meet; industry officials travel on business, not on a state's visit
RESIDENT_ROLES = {"ambassador", "military_attache", "industry_official"}
CONTACT_TYPES = {"meeting", "signing", "award"}  # met in person


def hosted(location, people, types) -> bool:
    """Someone came from abroad: an in-person meeting in one party's country between its people and a
    participant of another (not a resident envoy nor an industry official; not a multilateral session,
    not a call): a visit, told or not. (Counting a side named without a person was tried and did worse
    held out.)"""
    if not location.country or not (set(types) & CONTACT_TYPES) or {"call", "multilateral"} & set(types):
        return False
    return any(p.country == location.country for p in people) and \
        any(p.country and p.country != location.country and p.role not in RESIDENT_ROLES for p in people)


def type_candidates(doc: Doc, core: list[Sentence], head: Sentence | None, documents, exercises,
                    people, orgs: list[str], rule: list[str], came: bool = False) -> list[Candidate]:
    """Every type cued anywhere in the article (or implied by a document or an exercise)."""
    signed = any(d.status in ("signed", "ratified") for d in documents)
    held_exercise = any(e.status == "held" for e in exercises)
    cued = {t for s in doc.sentences for t in s.types} | set(rule)
    if signed:
        cued.add("signing")
    if exercises:
        cued.add("exercise")
    lead = [s for s in doc.sentences if s.prose][:3]
    out = []
    for t in EVENT_TYPES:
        if t not in cued:
            continue
        f: dict[str, float] = {}
        mine = [s for s in core if t in s.types]
        at_least(f, "core", len(mine))
        at_least(f, "core_eventful", sum(s.eventful for s in mine))
        at_least(f, "core_held", sum(s.held for s in mine))
        at_least(f, "core_planned_only", sum(s.planned and not s.held for s in mine))
        at_least(f, "core_background", sum(s.background for s in mine))
        at_least(f, "core_military", sum(s.military for s in mine))
        at_least(f, "core_troops", sum(s.troops for s in mine))
        at_least(f, "doc", sum(t in s.types for s in doc.sentences))
        flag(f, "head", head is not None and t in head.types)
        flag(f, "lead", any(t in s.types for s in lead))
        flag(f, "first_core", bool(core) and t in core[0].types)
        flag(f, "rule", t in rule)
        flag(f, "signed_document", signed)
        flag(f, "documents", bool(documents))
        flag(f, "held_exercise", held_exercise)
        flag(f, "exercises", bool(exercises))
        flag(f, "orgs", bool(orgs))
        flag(f, "hosted", came)
        at_least(f, "people", len(people), (1, 2, 3))
        at_least(f, "core_size", len(core), (1, 2, 4, 8))
        out.append(Candidate(t, crossed(f, f"type={t}"), rule=t in rule))
    return out
