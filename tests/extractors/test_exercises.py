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


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Exercise Garuda Shield began in the hills. Garuda Shield 2010 was formally opened on Thursday.",
     "Garuda Shield 2010"),
    ("en", "The annual training exercise Khaan Quest aims at peace. Khaan Quest 2024 got under way. "
           "Khaan Quest 24 reaffirms our commitment.", "Khaan Quest 2024"),
    ("en", "Speaking to the participants of “Agile Spirit 2019,” the minister praised the "
           "“Agile Spirit” military drills.", "Agile Spirit 2019"),
])
def test_an_exercise_takes_the_year_the_text_gives_its_name_elsewhere(rules_only, lang, text, expected):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(expected)}


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Учения Дружба-2020 начались в горах.", "Druzhba-2020"),
    ("ru", "Альянс проведет учения Steadfast Defender с участием 40 тысяч военных.", "Steadfast Defender"),
    ("kk", "Одақтастар Iron Mace деп аталатын командалық-штабтық әскери оқу-жаттығулар өткізеді.", "Iron Mace"),
    ("kk", "Альянс 2024 жылға жоспарланған Steadfast Defender жаттығулары туралы айтты.", "Steadfast Defender"),
])
def test_unquoted_names_beside_their_noun(rules_only, lang, text, expected):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(expected)}


def test_a_known_name_inside_a_longer_quoted_one_is_that_name():
    from milcoop.extractors import Extractor

    names = exercises(Extractor(decider=Decider()),
                      "Флоты приступили к совместным учениям «Морское взаимодействие -- 2022».", "ru")
    assert keys(names) == {exercise_key("Morskoe vzaimodeistvie-2022")}


def test_a_name_is_romanised_letter_for_letter():
    from milcoop.extractors import Extractor

    names = exercises(Extractor(decider=Decider()), "Начались учения «Морское единство-2025».", "ru")
    assert names == ["Morskoe edinstvo-2025"]


@pytest.mark.parametrize("lang, text, exercise", [
    ("ru", "В учениях «Степной орел-2015» задействуют штаб «Казбрига». Цель учения — совместимость «Казбрига» "
           "в миротворческих операциях.", "Steppe Eagle-2015"),
    ("kk", "Армия “Weibo” желісіндегі парақшасында жазды. “Weibo”-дағы жазбаға қарағанда, «Шекара-2025» "
           "жаттығуы кезінде бірлескен штаб құрылды.", "Шекара-2025"),
])
def test_a_name_headed_by_a_thing_once_is_no_exercise_elsewhere(rules_only, lang, text, exercise):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(exercise)}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The drill, the eighth in the series held under the name Garuda Shakti, is taking place in Karawang.",
     {"Garuda Shakti"}),
    ("en", "The minister also visited Cruzex 2024, the large operational air exercise now under way there.",
     {"Cruzex 2024"}),
    ("en", "The «Interaction. Search. Echelon» military exercises have got under way.",
     {"Interaction", "Search", "Echelon"}),
    ("kk", "Тамызда Ресей мен Қытай бірлескен әскери оқу-жаттығу ұйымдастырады. Қытай аумағында өтетін бұл шара "
           "«Өзара әрекет2021» деген атау алды.", {"Ozara areket-2021"}),
    ("ru", "Россия и Пакистан провели совместные учения. Мероприятие под названием «Дружба-2020» проводится уже "
           "в пятый раз.", {"Druzhba-2020"}),
])
def test_names_given_by_a_naming_word_an_apposition_or_a_list(rules_only, lang, text, expected):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(e) for e in expected}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "During a Senior Visitors Day, the exercise was watched by the minister.", set()),
    ("en", "Launched on November 21, the exercise seeks to improve how the forces operate.", set()),
    ("en", "On Monday the 39th Balikatan Exercise, the yearly bilateral drill of the two countries, was opened.",
     {"Balikatan"}),
])
def test_an_apposition_needs_a_name(rules_only, lang, text, expected):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(e) for e in expected}


@pytest.mark.parametrize("lang, text, exercise", [
    ("ru", "Учения «Дустлик-2024» прошли на полигонах «Фориш» и «Янгиарык».", "Dustlik-2024"),
    ("kk", "«Дустлик-2024» оқу-жаттығуы «Фориш» және «Янгиарық» полигондарында өтті.", "Dustlik-2024"),
    ("en", "The Dustlik-2024 exercise was held at the “Forish” and “Yangiaryk” ranges.", "Dustlik-2024"),
])
def test_names_joined_by_and_share_their_head(rules_only, lang, text, exercise):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(exercise)}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "The exercise 'Kazind-22' is in its sixth edition. Last year's 'Kazind-21' exercise was held in Kazakhstan.",
     "Kazind-22"),
    ("ru", "Начались учения «Селенга-2022». В прошлом году учения «Селенга-2021» прошли в Монголии.", "Selenga-2022"),
])
def test_an_earlier_edition_beside_the_current_one_is_history(rules_only, lang, text, expected):
    assert keys(exercises(rules_only, text, lang)) == {exercise_key(expected)}
