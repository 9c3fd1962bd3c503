"""What a sentence says of itself before any extraction: the flags the type decision reads."""
from __future__ import annotations

import pytest

from milcoop.records import Article


@pytest.mark.parametrize("lang, troops, delegation", [
    ("kk", "Қазақстандық бітімгерлер Ливанға аттанды.", "Қазақстан делегациясы Анкараға барды."),
    ("ru", "Казахстанские миротворцы прибыли в Ливан.", "Делегация Казахстана прибыла в Анкару."),
    ("en", "Kazakh peacekeepers arrived in Lebanon.", "A Kazakh delegation arrived in Ankara."),
])
def test_soldiers_on_the_move_are_flagged_a_delegation_is_not(extractor, lang, troops, delegation):
    """Soldiers who go somewhere deploy or train; a delegation that goes somewhere visits."""
    doc, _ = extractor.read_sentences(Article(id="t", text=f"{troops}\n\n{delegation}", lang=lang))
    assert [s.troops for s in doc.sentences] == [True, False]
