"""Cooperation areas: lexicon cues in the sentences about the engagement."""
from __future__ import annotations

from ..lang.lexicon import Lexicon
from .doc import Doc


def find_areas(doc: Doc, lex: Lexicon, sentences=None) -> list[str]:
    """Areas cued in ``sentences`` (default: the whole article)."""
    seen: dict[str, int] = {}
    for sent in doc.sentences if sentences is None else sentences:
        if sent.reporting and not (sent.cooperation or sent.types):
            continue
        for start, _, area in lex.label_matches("areas", sent.text):
            seen.setdefault(area, sent.start + start)
    return sorted(seen, key=seen.get)
