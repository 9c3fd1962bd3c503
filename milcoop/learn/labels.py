"""The gold answer to each recorded question, found by aligning its value to the gold record.

Alignment follows the annotation guide (``shared/design/schema.md``):
persons meet by surname across scripts, documents by (type, period) with
treaty and agreement as one, exercises by folded name and digits, dates at
the gold's precision, cities by a loose spelling match. A question with no
gold answer (a role for a person the gold does not list) gives no example.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from ..translit import name_key

SAME_KIND = {"treaty": "agreement"}
SIMILAR = 85  # rapidfuzz ratio for one surname or city across spellings


def _union(gold: dict, field: str) -> set:
    out = set()
    for event in gold.get("events") or []:
        out.update(str(v) for v in event.get(field) or [])
    return out


def _surname(name: str) -> str:
    words = [w for w in re.split(r"\s+", name.strip()) if len(name_key(w)) > 2]
    return name_key(words[-1]) if words else ""


def same_person(gold_name: str, name: str) -> bool:
    """The gold surname is one of the words of ``name`` (the scorer's rule, in our own keys)."""
    key = _surname(gold_name)
    return bool(key) and any(fuzz.ratio(key, name_key(w)) >= SIMILAR for w in name.split() if len(name_key(w)) > 2)


def gold_person(gold: dict, name: str) -> dict | None:
    for event in gold.get("events") or []:
        for p in event.get("participants") or []:
            if p.get("name") and same_person(p["name"], name):
                return p
    return None


def doc_key(kind: str, period) -> tuple:
    period = period or [None, None]
    return SAME_KIND.get(kind, kind), period[0], period[-1]


def gold_document(gold: dict, value: tuple) -> dict | None:
    for event in gold.get("events") or []:
        for d in event.get("documents") or []:
            if doc_key(d.get("type"), d.get("period")) == doc_key(value[0], list(value[1:]) if value[1] else None):
                return d
    return None


def fold(text: str) -> str:
    s = name_key(text or "")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if ch.isascii() and ch.isalnum())


def exercise_key(name: str) -> str:
    return fold(re.sub(r"\d+", "", name)) + "".join(re.findall(r"\d+", name))


def first_event(gold: dict) -> dict:
    events = gold.get("events") or []
    return events[0] if events else {}


def label(gold: dict, decision: str, event: int, value):
    """The gold answer for one recorded row, or None when the gold says nothing about it."""
    if decision == "relevance":
        return bool(gold.get("relevant"))
    if decision in ("types", "countries", "orgs", "areas"):
        field = "type" if decision == "types" else decision
        return str(value) in _union(gold, field)
    if decision == "participants":
        return gold_person(gold, value) is not None
    if decision == "role":
        name, role = value
        p = gold_person(gold, name)
        return p.get("role") == role if p and p.get("role") else None
    if decision == "person_country":
        name, code = value
        p = gold_person(gold, name)
        return ((p.get("country") or "").upper() or None) == code if p else None
    if decision == "documents":
        return gold_document(gold, tuple(value)) is not None
    if decision == "status":
        d = gold_document(gold, tuple(value[:3]))
        return d.get("status") == value[3] if d and d.get("status") else None
    if decision == "exercises":
        keys = {exercise_key(e["name"] if isinstance(e, dict) else str(e))
                for ev in gold.get("events") or [] for e in ev.get("exercises") or []}
        return exercise_key(value) in keys
    if decision == "date":
        g = first_event(gold).get("date")
        if event != 0 or not g:
            return None
        return bool(value) and str(value)[:len(g)] == g
    if decision == "location":
        g = (first_event(gold).get("location") or {}).get("city")
        if event != 0 or not g:
            return None
        city = value[0] if isinstance(value, (tuple, list)) else value
        return bool(city) and fuzz.ratio(fold(g), fold(city)) >= SIMILAR
    raise ValueError(f"no gold alignment for decision {decision!r}")
