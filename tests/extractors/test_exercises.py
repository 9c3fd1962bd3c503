"""Named exercises (short sentences written for each rule, the rules deciding)."""
from __future__ import annotations

import pytest

from milcoop.extractors.exercises import find_exercises, normalise_name
from milcoop.learn.decider import Decider
from milcoop.records import Article
from milcoop.learn.labels import exercise_key


@pytest.fixture(scope="module")
def rules_only():
    from milcoop.extractors import Extractor

    return Extractor(decider=Decider())


def exercises(extractor, text: str, lang: str) -> list[str]:
    doc, lang_ = extractor.read_sentences(Article(id="t", text=text, lang=lang))
    extractor.find_parties(doc)
    gaz = extractor.gazetteer
    doc.cities = []
    found = find_exercises(doc, lang_.lexicon, gaz.exercise_english, gaz.find_exercises(doc.text, doc.lang), Decider())
    return [e.name for e in found]


def keys(names: list[str]) -> set[str]:
    return {exercise_key(n) for n in names}


@pytest.mark.parametrize("lang, text, exercise, thing", [
    ("ru", "Военные участвовали в совместном учении «Калкон-2021», которое прошло на полигоне «Матибулак».",
     "Калкон-2021", "Матибулак"),
    ("ru", "Учения «Селенга-2022» начались на полигоне «Ховд» в Монголии.", "Селенга-2022", "Ховд"),
    ("ru", "Моряки проводят учения «Индра-2009», рассказал РИА «Новости» источник.", "Индра-2009", "Новости"),
    ("kk", "Әскерлер «Бітімгер» оқу-жаттығу орталығында «Дала бүркіті-2024» оқу-жаттығуына дайындалды.",
     "Дала бүркіті-2024", "Бітімгер"),
    ("kk", "Армия “Weibo” желісіндегі парақшасында «Шекара-2025» жаттығуы басталғанын жазды.", "Шекара-2025", "Weibo"),
    ("en", "The Greek frigate “Hydra” will join the “Desert Falcon 2024” naval exercise.", "Desert Falcon 2024", "Hydra"),
])
def test_a_quoted_name_headed_by_a_place_or_thing_is_no_exercise(rules_only, lang, text, exercise, thing):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(exercise)}


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Состоится совместное тактическое учение «Защитники дружбы-2021″ в пустыне.", "2021"),
    ("kk", "Материалдық-техникалық қамтамасыз ету бөлімшелерінің «Эшелон-2023″ арнайы жаттығуы өтеді.", "2023"),
])
def test_a_double_prime_closes_a_quoted_name(rules_only, lang, text, expected):
    names = exercises(rules_only, text, lang)
    assert len(names) == 1 and names[0].endswith(expected)


@pytest.mark.parametrize("raw, expected", [
    ("Өзара әрекет2021", "Өзара әрекет-2021"),
    ("Морское взаимодействие -- 2022", "Морское взаимодействие-2022"),
    ("Хамкорлик–2021", "Хамкорлик-2021"),
    ("Степной орел - 2016", "Степной орел-2016"),
])
def test_a_year_is_joined_to_its_name(raw, expected):
    assert normalise_name(raw) == expected


@pytest.mark.parametrize("lang, text", [
    ("ru", "Стороны обсудили «Бірлестік-2024» командно-штабное мероприятие."),
    ("kk", "Қазақстан аумағында «Бірлестік-2024» командалық-штабтық іс-шарасы ұйымдастырылады."),
])
def test_a_command_staff_event_is_an_exercise(rules_only, lang, text):
    assert keys(exercises(rules_only, text, lang)) == {"birlestik2024"}


def test_an_operation_is_no_exercise(rules_only):
    assert exercises(rules_only, "The frigate is due on Friday to join “Operation Aspides” in the Red Sea.", "en") == []
