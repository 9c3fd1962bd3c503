"""Cooperation-area cues of each lexicon on short sentences written for them."""
import pytest

from milcoop.lang.lexicon import load_lexicon


@pytest.mark.parametrize("lang, text, area", [
    ("ru", "Министры обсудили военно-политическую обстановку в регионе.", "regional_security"),
    ("ru", "Стороны провели совместные контртеррористические учения.", "regional_security"),
    ("kk", "Тараптар Ауғанстандағы ахуалды талқылады.", "regional_security"),
    ("kk", "Жиынға қатысушылар өңір қауіпсіздігін қамтамасыз ету мәселелерін қарады.", "regional_security"),
    ("en", "They discussed counter-terrorism and maritime security.", "regional_security"),
    ("en", "The trilateral security partnership keeps the region stable.", "regional_security"),
    ("en", "Saudi Arabia agreed to buy Turkish drones.", "military_technical"),
    ("ru", "Беларусь передала Сербии четыре истребителя МиГ-29.", "military_technical"),
    ("kk", "Түркия Қазақстанға ұшқышсыз аппараттар жеткізеді.", "military_technical"),
])
def test_area_cues(lang, text, area):
    assert area in load_lexicon(lang).labels("areas", text)


def test_a_rank_of_aviation_is_no_aviation_cooperation():
    ru = load_lexicon("ru")
    assert "aviation" not in ru.labels("areas", "министр обороны генерал-лейтенант авиации Даурен Косанов")
    assert "aviation" in ru.labels("areas", "стороны обсудили развитие военной авиации")
