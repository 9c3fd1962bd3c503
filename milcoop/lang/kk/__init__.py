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
        lex = load_lexicon("kk").raw
        self._endings = tuple(lex.get("surname_endings") or ())
        self._cases = tuple(sorted(lex.get("name_case_suffixes") or (), key=len, reverse=True))

    def normal_word(self, word: str) -> str:
        from ...knowledge.forms import kk_stem_candidates

        for cand in kk_stem_candidates(word)[1:]:
            if cand.lower().endswith(self._endings) and len(cand) >= 4:
                return cand
        for suffix in self._cases:  # Мохибпен -> Мохиб: endings no name has
            if word.lower().endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
        return word


def create():
    return lang_from_parts("kk", KazakhAnalyser())
