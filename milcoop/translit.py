"""Romanise Cyrillic names and fold any spelling to a loose matching key.

``romanize`` gives the passport-style English spelling news uses
(Джаксыбеков -> Dzhaksybekov, Жақсылықов -> Zhaksylykov); ``name_key``
folds Cyrillic (Russian or Kazakh) and Latin spellings of one name to one
key, so Жаксылыков, Жақсылықов and Zhaksylykov meet.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml
from anyascii import anyascii


@lru_cache(maxsize=1)
def _table() -> dict:
    with open(Path(__file__).parent / "lang" / "translit.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _romanize_word(word: str) -> str:
    t = _table()
    letters, start, ends, vowels = t["letters"], t["start"], t["word_end"], t["vowels"]
    inner = t.get("inner", {})
    low = word.lower()
    suffix = ""
    for ending, latin in ends.items():
        if low.endswith(ending) and len(low) > len(ending) + 1:
            low, suffix = low[: -len(ending)], latin
            break
    out = []
    for i, ch in enumerate(low):
        if ch in start and (i == 0 or low[i - 1] in vowels or low[i - 1] in "ьъ"):
            out.append(start[ch])
        elif ch in inner and i > 0 and low[i - 1] not in vowels:
            out.append(inner[ch])
        elif ch in letters:
            out.append(letters[ch])
        else:
            out.append(ch)
    latin = "".join(out) + suffix
    return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin


def romanize(text: str) -> str:
    """Passport-style Latin spelling of a Cyrillic name; Latin text passes through."""
    if not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", text):
        return text
    return re.sub(r"[^\W\d_]+", lambda m: _romanize_word(m.group(0)), text)


_LOOSE = [("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ks", "x"), ("x", "h"),
          ("g", "h"), ("ts", "c"), ("w", "v"), ("y", "i"), ("q", "k")]


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A loose Latin key for matching names across scripts and spellings."""
    s = romanize(text or "").lower()
    s = anyascii(unicodedata.normalize("NFC", s)).lower()
    s = "".join(ch for ch in s if ch.isalpha() or ch == " ")
    for a, b in _LOOSE:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s).strip()
