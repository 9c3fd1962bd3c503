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


@lru_cache(maxsize=1)
def _origins() -> dict[str, dict]:
    """Per origin, the passport table with that origin's letters laid over it (``lang/origins.yaml``)."""
    with open(Path(__file__).parent / "lang" / "origins.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    base = _table()
    return {name: {"countries": frozenset(o.get("countries") or ()), "clusters": o.get("clusters") or {},
                   "vowels": base["vowels"],
                   **{key: {**base.get(key, {}), **(o.get(key) or {})} for key in ("letters", "start", "inner")},
                   "word_end": o["word_end"] if "word_end" in o else base["word_end"]}
            for name, o in data.items()}


def origin_of(country: str | None) -> str | None:
    """The origin whose transcription rules undo a Cyrillic name of a person of ``country``, if any."""
    return next((name for name, o in _origins().items() if country in o["countries"]), None)


def _romanize_word(word: str, t: dict) -> str:
    letters, start, ends, vowels = t["letters"], t["start"], t["word_end"], t["vowels"]
    inner, clusters = t.get("inner", {}), t.get("clusters", {})
    low = word.lower()
    suffix = ""
    for ending, latin in ends.items():
        if low.endswith(ending) and len(low) > len(ending) + 1:
            low, suffix = low[: -len(ending)], latin
            break
    out = []
    i = 0
    while i < len(low):
        ch = low[i]
        cluster = next((c for c in clusters if low.startswith(c, i)), None)
        if cluster:
            out.append(clusters[cluster])
            i += len(cluster)
            continue
        if ch in start and (i == 0 or low[i - 1] in vowels or low[i - 1] in "ьъ"):
            out.append(start[ch])
        elif ch in inner and i > 0 and low[i - 1] not in vowels:
            out.append(inner[ch])
        elif ch in letters:
            out.append(letters[ch])
        else:
            out.append(ch)
        i += 1
    latin = "".join(out) + suffix
    return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin


def romanize(text: str, origin: str | None = None) -> str:
    """Latin spelling of a Cyrillic name: passport-style, or by the transcription rules of ``origin``
    (see ``origin_of``); Latin text passes through."""
    if not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", text):
        return text
    table = _origins()[origin] if origin else _table()
    return re.sub(r"[^\W\d_]+", lambda m: _romanize_word(m.group(0), table), text)


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


@lru_cache(maxsize=1)
def _palladius_data() -> dict:
    with open(Path(__file__).parent / "lang" / "palladius.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def _palladius() -> dict[str, str]:
    """Cyrillic Palladius syllable -> pinyin syllable, built from the initial and final tables."""
    t = _palladius_data()
    table: dict[str, str] = {}
    for py, cyr in t["zero_initial"].items():
        table.setdefault(cyr, py)
    for ini, cyr_ini in t["initials"].items():
        for fin, cyr_fin in t["finals"].items():
            if fin.startswith("i") and ini in t["buzz"]:
                continue
            if ini in ("j", "q", "x") and not (fin.startswith("i")):
                continue
            if (fin == "o") != (ini in ("b", "p", "m", "f")) and fin in ("o", "uo"):
                continue  # bo, po, mo, fo; but duo, guo, zhuo
            table.setdefault(cyr_ini + cyr_fin, ini + fin)
        if ini in ("j", "q", "x"):
            for fin, cyr_fin in t["umlaut_finals"].items():
                table.setdefault(cyr_ini + cyr_fin, ini + fin)
    for ini, cyr in t["buzz"].items():
        table[cyr] = ini + "i"
    return table


@lru_cache(maxsize=1)
def palladius_countries() -> frozenset[str]:
    """Countries whose people's names Russian and Kazakh news write in Palladius."""
    return frozenset(_palladius_data()["countries"])


def _pinyin_word(word: str) -> str | None:
    """The reading with the fewest syllables, trying the word and its case endings removed."""
    endings = _palladius_data()["case_endings"]
    variants = [word] + [word[: -len(e)] + r for e, r in endings if word.lower().endswith(e) and len(word) > len(e) + 1]
    found = [x for x in (_syllables(v) for v in variants) if x]
    if not found:
        return None
    best = min(found, key=len)
    joined = "".join(best)
    return joined[:1].upper() + joined[1:]


def _syllables(word: str) -> list[str] | None:
    table, low, out, i = _palladius(), word.lower().replace("ё", "е"), [], 0
    longest = max(map(len, table))
    while i < len(low):
        for size in range(min(longest, len(low) - i), 0, -1):
            if low[i:i + size] in table:
                out.append(table[low[i:i + size]])
                i += size
                break
        else:
            return None
    return out


def pinyin(name: str) -> str | None:
    """'Дун Цзюнь' -> 'Dong Jun', 'Чан Ваньцюань' -> 'Chang Wanquan'; None if not Palladius."""
    words = [_pinyin_word(w) for w in name.split()]
    return " ".join(words) if words and all(words) else None
