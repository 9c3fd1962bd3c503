"""Name forms for the officials lookup: the stems a surface word may come from, and a loose key.

A report writes Жаксылыкова, Жақсылықовтың, Ердоғанмен or Erdoğan'ın; the lookup
compares what is left after Russian case endings, Kazakh suffixes (``forms``)
and Latin possessives are removed, folded by ``translit.name_key`` plus one more
fold (a glide i before a vowel: Yermekbayev / Ermekbaev, Гёнюль / Gönül).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..translit import name_key
from .forms import kk_stem_candidates, morph

_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
# ending -> what the nominative may end in instead (Russian declension of names)
_RU_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ого", ("ий", "ой", "ый")), ("ому", ("ий", "ой", "ый")), ("ым", ("", "ий", "ый")), ("им", ("ий", "")),
    ("ом", ("",)), ("ем", ("", "й", "ь")), ("ой", ("а", "ая", "")), ("ою", ("а",)), ("ей", ("я", "ь", "а")),
    ("ую", ("а", "ая")), ("а", ("", "о")), ("у", ("", "а")), ("е", ("", "а", "я", "й", "ь")),
    ("ы", ("а",)), ("и", ("а", "я", "ь")), ("ю", ("й", "ь", "я")), ("я", ("й", "ь")),
)
_LATIN_TAIL = re.compile(r"['’][a-zıüöşçğ]{1,5}$", re.I)  # Erdoğan's, Erdoğan'ın, Akar'a
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична|ұлы|улы|қызы|кызы|uly|kyzy|ovich|evich|ovna|evna)$",
                         re.I)
_GLIDE = re.compile(r"i(?=[aeou])")


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The loose key of one name word (Жақсылықов, Zhaksylykov -> jahlkov-like key)."""
    return _GLIDE.sub("", name_key(word).replace(" ", ""))


def is_patronymic(word: str) -> bool:
    """Фатихович, Кемелұлы: words a name may carry that no record lists."""
    return bool(_PATRONYMIC.search(word)) and len(word) > 6


def _ru_stems(word: str) -> list[str]:
    low = word.lower()
    out = []
    for ending, replacements in _RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            stem = word[: len(word) - len(ending)]
            out.extend(stem + r for r in replacements)
    return out


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The forms a surface word may be an inflection of, the word itself first."""
    out = [word]
    if _CYRILLIC.search(word):
        out += _ru_stems(word)
        out += kk_stem_candidates(word)[1:]
    else:
        head = _LATIN_TAIL.sub("", word)
        if head != word:
            out.append(head)
    seen: list[str] = []
    for form in out:
        if form and form not in seen:
            seen.append(form)
    return tuple(seen)


@lru_cache(maxsize=16384)
def dictionary_stems(word: str) -> tuple[str, ...]:
    """Nominatives pymorphy3 gives for a Russian given name or surname (used when the rules find nothing)."""
    if not _CYRILLIC.search(word):
        return ()
    return tuple({p.normal_form for p in morph().parse(word) if {"Surn", "Name"} & set(p.tag.grammemes)})
