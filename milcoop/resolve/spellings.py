"""Which of a person's spellings to show: the nominative ones.

The person registry remembers every form a report used (``Сафаром Абиевым``,
``Қасым-Жомарт Тоқаевтың``) because matching later mentions needs them; a
dossier lists only the forms that name the person, not a case of the name.
A form is a case form when another known spelling of the person (or of the
official in the reference) has the same words in their nominative, each one
declined the Russian way (``Абиев`` -> ``Абиевым``) or carrying a Kazakh case
ending (``Тоқаев`` -> ``Тоқаевтың``); failing such a spelling, when a word
ends the way only a declined surname or given name ends.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..knowledge.forms import kk_stem_candidates, morph

CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ина)$", re.IGNORECASE)
# Russian surnames in -ов/-ев/-ин in the dative, instrumental and prepositional (the genitive
# -ова is also a woman's nominative, so it is decided only against another spelling).
RU_OBLIQUE_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын)(у|ым|е)$", re.IGNORECASE)
# Turkish and similar case endings after an apostrophe: Erdoğan'ın, Akar'a.
LATIN_OBLIQUE = re.compile(r"\w{3,}['’][a-zçğıöşü]{1,5}$")
NAME_TAGS = {"Name", "Surn", "Patr"}
KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
MASC_OBLIQUE = re.compile(r"(а|я|у|ю|ом|ем|ём|е)$", re.IGNORECASE)  # a man's name in a case: Сергея, Виктором
INSTRUMENTAL = re.compile(r"\w{3,}(ом|ем|ём|ым)$", re.IGNORECASE)  # Неджетом Озелем: every word in -ом/-ем
KK_CASE = re.compile(r"\w{3,}(пен|мен|бен|нің|ның|дың|дің|тың|тің)$", re.IGNORECASE)  # Мохибпен, Омуралиевтің


def _words(spelling: str) -> list[str]:
    return spelling.split()


@lru_cache(maxsize=4096)
def _ru_forms(word: str) -> frozenset[str]:
    """Lower-cased case forms of a nominative Russian name word (surname or given name)."""
    w = word.lower()
    forms = {w}
    if re.search(r"(ов|ев|ёв|ин|ын)$", w):
        forms |= {w + e for e in ("а", "у", "ым", "е")}
    elif w.endswith(("ова", "ева", "ина")):
        forms |= {w[:-1] + e for e in ("ой", "у")}
    elif w[-1:] in "бвгдзклмнпрстфхжшчщц":
        forms |= {w + e for e in ("а", "у", "ом", "ем", "е")}
    elif w.endswith(("й", "ь")):
        forms |= {w[:-1] + e for e in ("я", "ю", "ем", "е")}
    elif w.endswith("а"):
        forms |= {w[:-1] + e for e in ("ы", "и", "е", "у", "ой")}
    return frozenset(forms)


def _declines(word: str, base: str) -> bool:
    """``word`` is a case form of the nominative ``base`` (Russian declension or a Kazakh ending)."""
    w, b = word.lower(), base.lower()
    if w == b:
        return False
    if w in _ru_forms(base):
        return True
    parts, bases = w.split("-"), b.split("-")
    if len(parts) == len(bases) > 1:  # Касым-Жомарта: only the last part declines
        return parts[:-1] == bases[:-1] and _declines(parts[-1], bases[-1])
    return b in {c.lower() for c in kk_stem_candidates(word)[1:]}


def _case_of_another(spelling: str, others: Iterable[str]) -> bool:
    words = _words(spelling)
    for other in others:
        bases = _words(other)
        if other == spelling or len(bases) != len(words):
            continue
        if all(w.lower() == b.lower() or _declines(w, b) for w, b in zip(words, bases)):
            return True
    return False


@lru_cache(maxsize=4096)
def _oblique_given_name(word: str) -> bool:
    """A Russian given name whose every reading as a name is a case other than the nominative (Виктором)."""
    if SURNAME_END.search(word) or KAZAKH_LETTERS.search(word):
        return False
    names = [p for p in morph().parse(word) if NAME_TAGS & set(p.tag.grammemes) and _in_dictionary(p)]
    if not names or any("nomn" in p.tag for p in names):
        return False
    # a man's name declined: Виктором, Сергея, Серика (not a guess about a foreign name: Шанфу)
    return bool(MASC_OBLIQUE.search(word)) and any(
        p.tag.gender == "masc" and p.tag.number == "sing" and p.normal_form != word.lower() for p in names)


def _in_dictionary(parse) -> bool:
    """The analyser knows the word (a guess for an unknown one says little: Шанфу, Ермекбаев)."""
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _oblique(word: str) -> bool:
    """The word ends as only a declined name ends, with no nominative spelling to compare."""
    if not CYRILLIC.search(word):
        return bool(LATIN_OBLIQUE.search(word))
    if RU_OBLIQUE_SURNAME.search(word):
        return True
    if any(SURNAME_END.search(stem) for stem in kk_stem_candidates(word)[1:]):
        return True  # Тоқаевтың, Жақсылықовпен
    return _oblique_given_name(word)


def is_case_form(spelling: str, others: Iterable[str] = ()) -> bool:
    """Whether ``spelling`` is a declined form of the name rather than the name itself."""
    words = _words(spelling)
    if not words:
        return False
    if _case_of_another(spelling, others) or any(_oblique(w) for w in words):
        return True
    long = [w for w in words if len(w) > 2 and CYRILLIC.search(w)]
    if len(long) >= 2 and all(INSTRUMENTAL.fullmatch(w) for w in long):
        return True
    return bool(CYRILLIC.search(words[-1]) and KK_CASE.fullmatch(words[-1]))


def nominative(spellings: Iterable[str], known: Iterable[str] = ()) -> list[str]:
    """The ``spellings`` that are not case forms (``known``: other nominative spellings, e.g. the
    reference's), sorted; all of them if every one looks declined."""
    spellings = sorted(set(spellings))
    others = [*spellings, *known]
    kept = [s for s in spellings if not is_case_form(s, others)]
    return kept or spellings
