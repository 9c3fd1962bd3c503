"""Kazakh: name candidates with case suffixes stripped (Жақсылықовтың -> Жақсылықов)."""
from __future__ import annotations

from ..base import Analyser, lang_from_parts
from ..lexicon import load_lexicon


class KazakhAnalyser(Analyser):
    """Capitalised-run name candidates; surnames lose their case suffixes.

    A surname keeps the least-stripped form that ends like a surname
    (``surname_endings`` in the lexicon): Гасановпен -> Гасанов,
    Керімовке -> Керімов, while Байел stays Байел.
    """

    def __init__(self):
        super().__init__("kk")
        self._endings = tuple(load_lexicon("kk").raw.get("surname_endings") or ())

    def normal_word(self, word: str) -> str:
        from ...knowledge.forms import kk_stem_candidates

        for cand in kk_stem_candidates(word)[1:]:
            if cand.lower().endswith(self._endings) and len(cand) >= 4:
                return cand
        return word


def create():
    return lang_from_parts("kk", KazakhAnalyser())
