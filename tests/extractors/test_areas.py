"""Cooperation areas from the lexicon's cues, on short texts written for each behaviour."""
from __future__ import annotations

import pytest

import milcoop


@pytest.mark.parametrize("lang, text", [
    ("kk", "Қазақстан Қорғаныс министрі Ұжымдық қауіпсіздік туралы шарт ұйымының Бас хатшысымен кездесті. "
           "Тараптар әскери білім беру саласындағы ынтымақтастықты талқылады."),
    ("ru", "Министр обороны Казахстана встретился с генеральным секретарем Организации Договора о коллективной "
           "безопасности. Стороны обсудили сотрудничество в сфере военного образования."),
    ("en", "The Kazakh defence minister met the Secretary General of the Collective Security Treaty Organization. "
           "They discussed cooperation in military education."),
])
def test_a_word_inside_an_organisations_name_is_no_area(lang, text):
    """The 'security' of the Collective Security Treaty Organization names the body; education is discussed."""
    events = milcoop.extract(text, lang=lang, published="2024-05-10").events
    assert [(e.areas, e.orgs) for e in events] == [(["education"], ["CSTO"])]


@pytest.mark.parametrize("lang, text", [
    ("ru", "Министр обороны Казахстана встретился с министром обороны Узбекистана. Стороны обсудили "
           "сотрудничество в сфере региональной безопасности."),
    ("en", "The Kazakh defence minister met the defence minister of Uzbekistan. They discussed cooperation in "
           "regional security."),
])
def test_security_named_as_a_field_of_work_is_an_area(lang, text):
    events = milcoop.extract(text, lang=lang, published="2024-05-10").events
    assert events and "regional_security" in events[0].areas


def test_kazakh_situation_is_security_only_as_the_regions():
    """'аймақтағы ахуал' (the situation in the region) is regional security; a unit's 'COVID-19 ахуалы' is not."""
    from milcoop.lang.lexicon import load_lexicon

    lex = load_lexicon("kk")
    areas = lambda text: {area for *_, area in lex.label_matches("areas", text)}  # noqa: E731
    assert "regional_security" in areas("Тараптар аймақтағы ахуалды талқылады.")
    assert "regional_security" not in areas("Бітімгерлер арасындағы COVID-19 ахуалы туралы мәлімет берілді.")
