"""Kazakh in Latin letters, read back into Cyrillic (``data/kk_latin.yaml``).

Kazakh news is also published in the official Latin alphabets (2018 with acute accents, 2021 with
diaeresis and cedilla). The Kazakh lexicon, gazetteers and NER read Cyrillic, so such a text is
transliterated while it is cleaned; every Cyrillic letter keeps the raw offset of the Latin letter
(or digraph) it comes from, so evidence still points into the raw text.
"""
from __future__ import annotations

import re

from milcoop.reading._data import load

_LATIN = re.compile(r"[^\W\d_]", re.UNICODE)
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_VOWELS_LATIN = set("aáeioóuúyýäöüūıAÁEIOÓUÚYÝÄÖÜŪ")


def alphabet_of(text: str) -> str | None:
    """'2018' or '2021' when ``text`` is Kazakh in that Latin alphabet, else None."""
    table = load("kk_latin")
    letters = _LATIN.findall(text)
    if not letters or len(_CYRILLIC.findall(text)) * 2 > len(letters) or "q" not in text.lower():
        return None
    best, share = None, 0.0
    for name, spec in table["alphabets"].items():
        markers = set(spec["markers"])
        s = sum(ch in markers for ch in letters) / len(letters)
        if s > share:
            best, share = name, s
    return best if share >= table["min_marker_share"] else None


def to_cyrillic(text: str, alphabet: str) -> tuple[str, list[int]]:
    """The Cyrillic text and, for each of its characters, the offset in ``text`` it comes from."""
    spec = load("kk_latin")["alphabets"][alphabet]
    digraphs = sorted(spec["digraphs"].items(), key=lambda kv: -len(kv[0]))
    letters = spec["letters"]
    i_vowel, i_letter = spec.get("i_after_vowel"), spec.get("i_letter")
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        low = ch.lower()
        upper = ch != low
        piece, width = None, 1
        for latin, cyr in digraphs:
            if text[i:i + len(latin)].lower() == latin:
                piece, width = cyr, len(latin)
                break
        if piece is None:
            if low == i_letter and i_vowel and i > 0 and text[i - 1] in _VOWELS_LATIN:
                piece = i_vowel
            elif low in letters:
                piece = letters[low]
            else:
                piece = ch
        if upper and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        origin.extend([i] * len(piece))
        i += width
    return "".join(out), origin
