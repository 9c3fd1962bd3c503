"""One person across scripts, spellings and articles.

A mention (a participant of an extracted event) is resolved to a canonical
person by its cross-script surname key (Жаксылыков, Жақсылықов, Zhaksylykov
meet), then kept apart from namesakes by given name (or initial), country
and office: Kairat and Temirzhan Abdrakhmanov are two people; so are two
Kims of different countries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..translit import name_key

SURNAME_SIMILARITY = 85  # rapidfuzz ratio of surname keys of one person across spellings
GIVEN_SIMILARITY = 80  # given names vary more (Andrei / Andrey / Андрей)
SINGLE_HOLDER_ROLES = {"defense_minister", "head_of_state", "head_of_government", "chief_of_general_staff"}


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", name.strip()) if w]


@dataclass(frozen=True)
class NameKey:
    """Folded surname and given name of a mention ("Adilbek Dzhaksybekov" -> jaksibekov, adilbek)."""

    surname: str
    given: str | None

    @classmethod
    def of(cls, name: str) -> "NameKey":
        words = _words(name)
        if not words:
            return cls("", None)
        surname = name_key(words[-1])
        # the word before the surname: "Smt Nirmala Sitharaman", "Recep Tayyip Erdoğan"
        given = name_key(words[-2]) if len(words) > 1 else None
        return cls(surname, given or None)


def same_surname(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))):
        return True
    return fuzz.ratio(a, b) >= SURNAME_SIMILARITY


def same_given(a: str | None, b: str | None) -> bool:
    """Unknown matches anything; an initial matches a name with that first letter."""
    if not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a == b or a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= GIVEN_SIMILARITY:
        return True
    # double given names written in part: Kassym-Jomart / Zhomart
    return min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a))


@dataclass
class Candidate:
    """What is known of a canonical person when a new mention is resolved."""

    id: str
    keys: list[NameKey]
    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def match_score(key: NameKey, country: str | None, role: str | None, cand: Candidate) -> float | None:
    """How well a mention fits a person; None when it cannot be them."""
    if not any(same_surname(key.surname, k.surname) for k in cand.keys):
        return None
    givens = [k.given for k in cand.keys if k.given]
    if key.given and givens and not any(same_given(key.given, g) for g in givens):
        return None
    full_match = bool(key.given) and any(len(g) > 1 and same_given(key.given, g) for g in givens)
    if country and cand.countries and country not in cand.countries and not full_match:
        return None  # a namesake of another country, unless the whole name says otherwise
    score = 1.0
    score += 1.0 if any(k.surname == key.surname for k in cand.keys) else 0.0
    score += 1.0 if key.given and any(same_given(key.given, g) and len(g) > 1 for g in givens) else 0.0
    score += 0.5 if country and country in cand.countries else 0.0
    score += 0.5 if role and role in cand.roles else 0.0
    return score


def best_match(key: NameKey, country: str | None, role: str | None,
               candidates: list[Candidate]) -> Candidate | None:
    scored = [(s, c) for c in candidates if (s := match_score(key, country, role, c)) is not None]
    return max(scored, key=lambda sc: sc[0])[1] if scored else None


def canonical_name(spellings: list[str]) -> str:
    """The fullest Latin spelling seen most often."""
    latin = [s for s in spellings if not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", s)] or spellings
    return max(latin, key=lambda s: (len(_words(s)), latin.count(s), -len(s)))
