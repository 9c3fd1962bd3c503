"""Language identification of an article or a sentence (ru, kk, en)."""
from __future__ import annotations

import re

_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")
KK_SHARE = 0.015  # Kazakh-only letters per Cyrillic letter in Kazakh text (~0.08; Russian ~0)


def detect_language(text: str) -> str:
    """Cheap script statistics: Kazakh-only letters, then Cyrillic vs Latin."""
    cyr = len(_CYRILLIC.findall(text))
    kk = len(_KK_LETTERS.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr + kk == 0 and lat == 0:
        return "ru"
    if lat > (cyr + kk):
        return "en"
    return "kk" if kk / max(1, cyr + kk) >= KK_SHARE else "ru"
