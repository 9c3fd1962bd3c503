"""Language identification of an article and of each sentence (ru, kk, en).

lingua, restricted to the supported languages, decides; Kazakh-only letters
(әғқңөұүһі) are a near-certain Kazakh signal that lingua can miss on short
Cyrillic strings, so they settle Cyrillic text first.
"""
from __future__ import annotations

import re
from functools import lru_cache

_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[a-zA-Z]")
KK_SHARE = 0.02  # Kazakh-only letters per Cyrillic letter: ~0.08 in Kazakh, ~0 in Russian
MIN_LETTERS = 12  # below this, a sentence takes its article's language
SUPPORTED = ("ru", "kk", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    langs = {Language.RUSSIAN: "ru", Language.KAZAKH: "kk", Language.ENGLISH: "en"}
    return LanguageDetectorBuilder.from_languages(*langs).build(), langs


def detect_language(text: str, default: str = "ru") -> str:
    """The language of a text: 'ru', 'kk' or 'en' (``default`` when it has no letters)."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr + lat == 0:
        return default
    if cyr >= lat:
        kk = len(_KK_LETTERS.findall(text))
        if kk / cyr >= KK_SHARE:
            return "kk"
        if cyr < MIN_LETTERS:
            return default if default in ("ru", "kk") else "ru"
    elif cyr + lat < MIN_LETTERS:
        return "en"
    detector, names = _detector()
    found = detector.detect_language_of(text)
    return names.get(found, default) if found else default


def _script(text: str) -> str:
    """'kk', 'cyrillic' or 'latin': what the letters alone say."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr >= lat:
        return "kk" if cyr and len(_KK_LETTERS.findall(text)) / cyr >= KK_SHARE else "cyrillic"
    return "latin"


_AGREES = {"ru": "cyrillic", "kk": "kk", "en": "latin"}


def sentence_languages(text: str, spans: list[tuple[int, int]], article_lang: str) -> list[str]:
    """The language of each sentence; short or undecided ones keep the article's.

    A sentence whose script agrees with its article's language keeps it
    without asking lingua (most sentences), so only quotes and mixed pages cost.
    """
    out = []
    for s, e in spans:
        chunk = text[s:e]
        agrees = _script(chunk) == _AGREES.get(article_lang)
        out.append(article_lang if agrees else detect_language(chunk, default=article_lang))
    return out
