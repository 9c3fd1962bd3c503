"""English: capitalised-name candidates next to position and rank cues."""
from __future__ import annotations

from ..base import Analyser, lang_from_parts


def create():
    return lang_from_parts("en", Analyser("en"))
