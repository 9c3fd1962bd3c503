"""Where the occasion happened: place words and case endings, datelines, the rule's order."""
from __future__ import annotations

import pytest

from milcoop.extractors.doc import Doc, Hit
from milcoop.extractors.places import _is_dateline, _preceded_by, event_location
from milcoop.lang.lexicon import load_lexicon
from milcoop.learn.decider import Decider
from milcoop.records import Article


@pytest.fixture(scope="module")
def rules_only():
    from milcoop.extractors import Extractor

    return Extractor(decider=Decider())


def _placed(lang: str, text: str, name: str) -> bool:
    start = text.index(name)
    doc = Doc(article=Article(id="x", text=text), lang=lang, text=text)
    return _preceded_by(doc, load_lexicon(lang), Hit(start, start + len(name), "X"))


@pytest.mark.parametrize("lang, text, name, expected", [
    ("ru", "Переговоры прошли в Анкаре.", "Анкаре", True),
    ("ru", "В г.Нур-Султане прошло заседание рабочей группы.", "Нур-Султане", True),
    ("ru", "В городе Кяхта военные пересекли границу.", "Кяхта", True),
    ("ru", "Москва заявила о готовности.", "Москва", False),
    ("en", "The dialogue was held in Hanoi.", "Hanoi", True),
    ("en", "The talks were held in the Indian capital New Delhi.", "New Delhi", True),
    ("en", "Hanoi agreed to buy submarines.", "Hanoi", False),
    ("kk", "Келіссөздер Анкарада өтті.", "Анкарада", True),
    ("kk", "Дохадағы фестивальде оркестр өнер көрсетеді.", "Дохадағы", True),
    ("kk", "Делегация Анкараға барды.", "Анкараға", True),
    ("kk", "Кездесу Бейжің қаласында өтті.", "Бейжің", True),
    ("kk", "Астана мен Мәскеу келісті.", "Астана", False),
    ("kk", "Ол Мәскеуден оралды.", "Мәскеуден", False),  # 'from Moscow'
])
def test_a_place_word_or_case_ending_puts_the_city_as_the_venue(lang, text, name, expected):
    assert _placed(lang, text, name) is expected


@pytest.mark.parametrize("text, name", [
    ("New Delhi: Indian troops are training in Indonesia.", "New Delhi"),
    ("ANKARA, Turkey – The ministers met.", "ANKARA"),
    ("АСТАНА. 10 июля. КАЗИНФОРМ - Министры встретились.", "АСТАНА"),
])
def test_datelines(text, name):
    start = text.index(name)
    assert _is_dateline(Doc(article=Article(id="x", text=text), lang="en", text=text), Hit(start, start + len(name), "X"))


def _location(extractor, lang: str, text: str):
    doc, lang_ = extractor.read_sentences(Article(id="t", text=text, lang=lang))
    extractor.find_parties(doc)
    doc.cities = [Hit(s, e, n, country=c) for s, e, n, c in extractor.gazetteer.find_cities(doc.text, doc.lang)]
    return event_location(doc, lang_.lexicon, doc.sentences, None, {"meeting"})


@pytest.mark.parametrize("lang, text, city", [
    # the venue the text states beats the dateline
    ("en", "NEW DELHI, India – The defence dialogue between India and Vietnam was held in Hanoi on Monday.", "Hanoi"),
    ("ru", "АСТАНА. 10 июля. КАЗИНФОРМ - Министры обороны провели переговоры в Анкаре.", "Ankara"),
    ("kk", "АСТАНА. KAZINFORM – Қорғаныс министрлері Анкарада келіссөздер жүргізді.", "Ankara"),
    # a city named without a place word (the government it stands for) does not
    ("en", "MOSCOW - A major arms deal was signed. Under the deal Hanoi agreed to buy submarines.", "Moscow"),
    ("ru", "МОСКВА, 15 декабря. /ТАСС/. Подписан контракт: Ханой покупает подводные лодки.", "Moscow"),
])
def test_the_stated_venue_then_the_dateline_then_a_bare_city(rules_only, lang, text, city):
    assert _location(rules_only, lang, text).city == city


@pytest.mark.parametrize("lang, text, city", [
    ("en", "The defence ministers met on the margins of the meeting held in Singapore.", "Singapore"),
    ("ru", "Министры встретились в Сингапуре.", "Singapore"),
    ("kk", "Министрлер Сингапурда кездесті.", "Singapore"),
    ("kk", "Делегация Теһрандағы университетке барды.", "Tehran"),
])
def test_a_city_state_is_named_by_its_countrys_name(rules_only, lang, text, city):
    assert _location(rules_only, lang, text).city == city


def test_a_capital_named_like_its_country_only_in_russian_stays_the_country(rules_only):
    assert _location(rules_only, "ru", "Министры встретились в Алжире.").city is None


def test_a_byline_of_a_known_outlet_gives_the_dateline():
    from milcoop.reading import detect_dateline

    found = detect_dateline("Army chief made an honorary General\n\nNew Delhi | Press Trust of India\n\nAt a ceremony...")
    assert (found.city, found.outlet) == ("New Delhi", "Press Trust of India")
    assert detect_dateline("Reading time 2 min | Press Trust of India\nThe ministers met.").city is None


@pytest.mark.parametrize("lang, text, city", [
    ("en", "NEW DELHI, India – At a ceremony held here on Thursday the President made the general an honorary "
           "General. Last month a ceremony was held in Kathmandu.", "New Delhi"),
    ("ru", "МОСКВА, 15 декабря. /ТАСС/. Здесь прошли переговоры министров. Ранее они встречались в Анкаре.", "Moscow"),
    ("kk", "АСТАНА. KAZINFORM – Министрлер осында келіссөздер жүргізді. Бұған дейін олар Анкарада кездескен.", "Astana"),
])
def test_here_puts_the_occasion_at_the_dateline(rules_only, lang, text, city):
    assert _location(rules_only, lang, text).city == city


@pytest.mark.parametrize("lang, text, city", [
    ("kk", "НҰР-СҰЛТАН, 30 қазан – Sputnik. Мәжіліс келісімді ратификациялады. Келісім былтыр Анкарада "
           "рәсімделген.", "Nur-Sultan"),
    ("ru", "МОСКВА, 15 декабря. /ТАСС/. Госдума ратифицировала соглашение. В прошлом году его подписали в Анкаре.", "Moscow"),
    ("en", "MOSCOW - The parliament ratified the agreement. It was signed last year in Ankara.", "Moscow"),
])
def test_a_place_of_an_earlier_occasion_is_not_this_ones(rules_only, lang, text, city):
    assert _location(rules_only, lang, text).city == city


@pytest.mark.parametrize("lang, text, city", [
    ("ru", "МОСКВА, 15 декабря. /ТАСС/. Как сообщалось ранее, переговоры министров прошли в Анкаре.", "Ankara"),
    ("en", "MOSCOW - Earlier this week the ministers held talks in Ankara.", "Ankara"),
])
def test_earlier_news_of_this_occasion_keeps_its_venue(rules_only, lang, text, city):
    assert _location(rules_only, lang, text).city == city


@pytest.mark.parametrize("text, orgs", [
    ("Kazakhstan and India opened a joint military exercise in Almaty on Monday. The troops will train to "
     "neutralise threats they may face in UN peacekeeping operations.", []),
    ("The defence ministers of Kazakhstan and Lithuania met in Vilnius. The Lithuanian minister said his army "
     "conducts exercises jointly with NATO partners and allies.", []),
    ("Kazakhstan and India opened a joint military exercise in Almaty on Monday. The exercise is held under the "
     "UN mandate, and UN observers attend it.", ["UN"]),
])
def test_an_organisation_that_qualifies_its_programme_is_no_party(text, orgs):
    """'UN peacekeeping operations', 'NATO partners': context; a UN mandate and UN observers: a party."""
    import milcoop

    events = milcoop.extract(text, lang="en", published="2024-05-10").events
    assert [e.orgs for e in events] == [orgs]
