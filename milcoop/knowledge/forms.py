"""Word-form helpers for the gazetteers: Kazakh suffix stripping, Russian case
forms of place names, and a plain romanisation of Cyrillic names.

The Kazakh suffix list is data (``data/kk_suffixes.txt``); Russian forms come
from pymorphy3 with ending rules as a fallback for names it does not know.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Container, NamedTuple

DATA = Path(__file__).parent / "data"

_KK_VOWELS = set("аәеёиоөұүуыіэюя")
_KK_VOICELESS = set("кқпстфхһцчшщ")
_KK_NASAL = set("мнң")
_LAYERS = ("case", "poss", "plural")
_HYPHENS = "-‑"


class KkSuffix(NamedTuple):
    """One line of kk_suffixes.txt."""

    text: str
    layer: str
    after: str


@lru_cache(maxsize=1)
def kk_suffixes() -> dict[str, tuple[KkSuffix, ...]]:
    """Kazakh suffixes by layer, longest first, read from ``kk_suffixes.txt``."""
    by_layer: dict[str, list[KkSuffix]] = {}
    for line in (DATA / "kk_suffixes.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, layer, after = line.split("\t")
        by_layer.setdefault(layer, []).append(KkSuffix(text, layer, after))
    return {layer: tuple(sorted(items, key=lambda s: -len(s.text)))
            for layer, items in by_layer.items()}


def kk_suffix_fits(stem: str, after: str) -> bool:
    """Does the stem's last sound allow a suffix whose ``after`` classes are given?"""
    if after == "*":
        return True
    last = stem.rstrip("ьъ")[-1:].lower()
    if not last:
        return False
    classes = set()
    if last in _KK_VOWELS:
        classes.add("V")
    elif last in _KK_VOICELESS:
        classes.add("S")
    else:
        classes.add("Z")
    if last in _KK_NASAL:
        classes.add("N")
    if last in "ыі":
        classes.add("P")
    if last == "у":  # у is a vowel or a glide: takes both kinds of suffix
        classes.add("Z")
    if last == "в":  # loanwords end in a devoiced в: Киевке, Ростовқа
        classes.add("S")
    return bool(classes & set(after))


def _kk_strip(word: str, layer: str, min_stem: int = 2) -> list[str]:
    """All stems left by removing one suffix of ``layer`` (longest suffix first)."""
    low = word.lower()
    out = []
    for suffix in kk_suffixes().get(layer, ()):
        if low.endswith(suffix.text) and len(word) - len(suffix.text) >= min_stem:
            stem = word[: len(word) - len(suffix.text)]
            if kk_suffix_fits(stem, suffix.after):
                out.append(stem)
    return out


def kk_stem_candidates(word: str) -> list[str]:
    """Possible stems of a Kazakh word, least stripped first (the word itself first).

    One suffix of each layer is removed, outermost first: case (incl. -дағы),
    possessive, plural. A suffix after a hyphen (``АҚШ-пен``) is removed
    whatever precedes it. ALL-CAPS words of up to five letters are
    abbreviations and only lose hyphenated suffixes.
    """
    out = [word]
    for hyphen in _HYPHENS:
        head, sep, tail = word.rpartition(hyphen)
        if sep and head and tail.lower() in _all_suffix_texts():
            out.append(head)
            return out
    if word.isupper() and len(word) <= 5:
        return out
    frontier = [word]
    for layer in _LAYERS:
        stripped = [s for w in frontier for s in _kk_strip(w, layer)]
        out.extend(s for s in stripped if s not in out)
        frontier = frontier + stripped
    return out


@lru_cache(maxsize=1)
def _all_suffix_texts() -> frozenset[str]:
    """Every case/poss/plural suffix, for hyphen-attached endings."""
    return frozenset(s.text for layer in _LAYERS for s in kk_suffixes().get(layer, ()))


def kk_stem(word: str, known: Container[str] | None = None) -> str:
    """Strip Kazakh case, possessive and plural suffixes from ``word``.

    With ``known`` (a set of lower-cased stems, e.g. place names), return the
    least-stripped candidate found in it, or ``word`` when none is. Without it,
    strip greedily one suffix per layer (``Қазақстандағы`` -> ``Қазақстан``,
    ``қаласына`` -> ``қала``); this over-strips nominatives that happen to end
    like a suffix (``Астана``), which is why lookups pass ``known``.
    """
    candidates = kk_stem_candidates(word)
    if known is not None:
        for cand in candidates:
            if cand.lower() in known:
                return cand
        return word
    if len(candidates) == 2 and any(h in word for h in _HYPHENS):
        return candidates[1]  # АҚШ-пен
    if word.isupper() and len(word) <= 5:
        return word
    stem = word
    for layer in _LAYERS:
        stripped = _kk_strip(stem, layer)
        if stripped:
            stem = stripped[0]
    return stem


# --- Russian case forms ----------------------------------------------------

_RU_CASES = ("gent", "datv", "accs", "ablt", "loct")
_RU_INDECLINABLE_END = set("оеиуыэю")
_RU_HUSHING = set("жшчщц")


@lru_cache(maxsize=1)
def morph():
    """The shared pymorphy3 analyser (loaded on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _ru_rule_forms(word: str) -> set[str]:
    """Case forms of an unknown Russian name by its ending (lower case)."""
    w = word.lower()
    last = w[-1:]
    if not last or last in _RU_INDECLINABLE_END:
        return {w}
    if last == "а":
        stem = w[:-1]
        gen = "и" if stem[-1:] in set("гкхжшчщ") else "ы"
        return {w, stem + gen, stem + "е", stem + "у", stem + "ой", stem + "ою", stem + "ей"}
    if last == "я":
        stem = w[:-1]
        return {w, stem + "и", stem + "е", stem + "ю", stem + "ей"}
    if last == "й":
        stem = w[:-1]
        return {w, stem + "я", stem + "ю", stem + "ем", stem + "е"}
    if last == "ь":
        stem = w[:-1]
        return {w, stem + "я", stem + "ю", stem + "ем", stem + "е", stem + "и", stem + "ью"}
    ablt = "ем" if last in _RU_HUSHING else "ом"
    return {w, w + "а", w + "у", w + ablt, w + "е"}


def _ru_parse(word: str):
    """The pymorphy parse of a nominative place name or adjective, or None."""
    for parse in morph().parse(word):
        tag = parse.tag
        if "nomn" not in tag or parse.normal_form.replace("ё", "е") != word.lower().replace("ё", "е"):
            continue
        if "Geox" in tag or tag.POS == "ADJF":
            return parse
    return None


def _ru_word_forms(word: str) -> set[str]:
    """Singular case forms of one (possibly hyphenated) Russian word."""
    parse = _ru_parse(word)
    if parse is not None:
        if "Fixd" in parse.tag:
            return {word.lower()}
        gender = parse.tag.gender if parse.tag.POS == "ADJF" else None
        number = "plur" if "Pltm" in parse.tag else "sing"  # Барановичи, Афины
        return {f.word for f in parse.lexeme if f.tag.number in (number, None)
                and (gender is None or f.tag.gender in (gender, None))} | {word.lower()}
    for hyphen in _HYPHENS:
        if hyphen in word:
            parts = word.split(hyphen)
            if len(parts) >= 3 and parts[1].lower() in {"на", "де", "ла", "ле", "эль"}:
                head, rest = parts[0], hyphen + hyphen.join(parts[1:])
                return {f + rest.lower() for f in _ru_word_forms(head)}
            head = hyphen.join(parts[:-1]).lower() + hyphen
            return {head + f for f in _ru_word_forms(parts[-1])}
    return _ru_rule_forms(word)


def ru_case_forms(name: str) -> set[str]:
    """Lower-cased singular case forms of a Russian place name.

    ``Астана`` -> {астана, астаны, астане, астану, астаной, астаною};
    ``Нижний Новгород`` -> also ``нижнем новгороде``; indeclinable names
    (``Актау``, ``Баку``) give themselves.
    """
    words = name.split()
    if len(words) == 1:
        return _ru_word_forms(name)
    forms = {name.lower()}
    parses = [_ru_parse(w) for w in words]
    for case in _RU_CASES:
        parts = []
        for word, parse in zip(words, parses):
            inflected = parse.inflect({case, "sing"}) if parse is not None and "Fixd" not in parse.tag else None
            if inflected is None and parse is not None and case == "accs":
                inflected = parse.inflect({case, "sing", "inan"})
            parts.append(inflected.word if inflected is not None else word.lower())
        forms.add(" ".join(parts))
    return forms


# --- romanisation ----------------------------------------------------------

_ROMAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g",
    "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}


def romanize(text: str) -> str:
    """Letter-for-letter romanisation of Russian/Kazakh Cyrillic (Эшелон -> Eshelon), as exercise
    names are reported: one Latin letter group per Cyrillic letter (щ as sh, Защитники -> Zashitniki)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _ROMAN:
            rom = _ROMAN[low]
            out.append(rom[:1].upper() + rom[1:] if ch != low else rom)
        else:
            out.append(ch)
    return "".join(out)
