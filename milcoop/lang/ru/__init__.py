"""Russian: natasha NER for names, pymorphy3 for lemmas and nominative names."""
from __future__ import annotations

from ..base import lang_from_parts
from .analyser import RussianAnalyser


def create():
    return lang_from_parts("ru", RussianAnalyser())
