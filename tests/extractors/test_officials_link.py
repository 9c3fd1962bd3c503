"""Participants linked to the officials reference: own spelling, office and country on the report's date."""
from datetime import date

import pytest

from milcoop.api import default_extractor
from milcoop.extractors.officials import link, report_day
from milcoop.learn.decider import Decider
from milcoop.reading import clean
from milcoop.records import RawDocument


def test_a_name_in_any_script_and_case_links_to_the_official_in_office_that_day():
    for name in ("Хулуси Акар", "Hulusi Akar", "Хулуси Акармен"):
        found = link(name, date(2022, 3, 1), frozenset({"TR", "KZ"}))
        assert (found.name, found.role, found.country) == ("Hulusi Akar", "defense_minister", "TR")


def test_a_surname_alone_links_only_to_an_official_of_a_country_the_report_names():
    assert link("Шойгу", date(2021, 8, 10), frozenset({"RU", "AM"})).name == "Sergei Shoigu"
    assert link("Kim", date(2024, 1, 1), frozenset({"KZ", "TR"})) is None


def test_no_official_no_link():
    assert link("Иван Петров", date(2020, 1, 1), frozenset({"RU"})) is None


@pytest.mark.parametrize("published, published_iso, day", [
    (date(2012, 7, 10), "2012-07-10", date(2012, 7, 10)),
    (None, "2012-07", date(2012, 7, 15)),
    (None, "2012", date(2012, 7, 1)),
    (None, None, None),
])
def test_the_lookup_day(published, published_iso, day):
    assert report_day(published, published_iso) == day


@pytest.mark.slow
@pytest.mark.parametrize("lang, text, name, role, country", [
    # the nearest country word is Armenia's, but Shoigu is Russia's defence minister
    ("ru", "Министр обороны Армении Аршак Карапетян отправился с визитом в Россию по приглашению Сергея Шойгу. "
           "Министры обороны провели переговоры о военном сотрудничестве.", "Sergei Shoigu", "defense_minister", "RU"),
    ("kk", "Қазақстан Қорғаныс министрі Руслан Жақсылықов Түркия әріптесі Хулуси Акармен Анкарада кездесіп, "
           "әскери ынтымақтастықты талқылады.",
     "Hulusi Akar", "defense_minister", "TR"),
    ("ru", "Министр обороны Казахстана встретился в Анкаре с Реджепом Тайипом Эрдоганом, обсудив военное "
           "сотрудничество Турции и Казахстана.", "Recep Tayyip Erdoğan", "head_of_state", "TR"),
    # a Latin report's own spelling stays (it is already a Latin one), linked all the same
    ("en", "Kazakhstan's defence minister met Tayyip Erdogan in Ankara to discuss military cooperation "
           "between Turkey and Kazakhstan.", "Tayyip Erdogan", "head_of_state", "TR"),
])
def test_participants_take_the_officials_office_country_and_spelling_from_cyrillic(lang, text, name, role,
                                                                                   country):
    article = clean(RawDocument(source="t", text=text, lang=lang, published="2022-03-01"))
    people = {p.name: p for e in default_extractor().extract(article, decider=Decider()).events
              for p in e.participants}
    assert name in people and (people[name].role, people[name].country) == (role, country)
    assert people[name].official_id

