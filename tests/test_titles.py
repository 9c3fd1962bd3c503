"""Titles from facts (``milcoop.titles``) on small hand-made occasions."""
from __future__ import annotations

import pytest

from milcoop.records import Event, Location
from milcoop.titles import phrasing, title


def occasion(**facts) -> Event:
    return Event.model_validate(facts)


MEETING = occasion(type=["meeting", "signing"], date="2018-09-12", location={"city": "Astana", "country": "KZ"},
                   countries=["KZ", "TR"],
                   participants=[{"name": "Nurlan Yermekbayev", "country": "KZ", "role": "defense_minister"},
                                 {"name": "Hulusi Akar", "country": "TR", "role": "defense_minister"}],
                   documents=[{"type": "agreement", "status": "signed"}])


def test_the_issues_example():
    assert title(MEETING) == "Kazakhstan–Türkiye: defence ministers meet, agreement signed (Astana, Sep 2018)"


def test_in_the_reports_language():
    assert title(MEETING, "ru") == ("Казахстан–Турция: встреча министров обороны, подписание соглашения "
                                    "(Астана, сентябрь 2018)")
    assert title(MEETING, "kk").startswith("Қазақстан–Түркия: қорғаныс министрлерінің кездесуі")
    assert title(MEETING.model_copy(update={"location": Location(city="Karaganda")}), "kk").endswith("(Қарағанды, Қыркүйек 2018)")
    with pytest.raises(ValueError, match="titles are written in en, ru, kk"):
        title(MEETING, "de")


@pytest.mark.parametrize("facts, expected", [
    # one person: singular; the highest office names the occasion
    (dict(type=["visit"], date="2011", countries=["KZ", "AZ"],
          participants=[{"name": "A", "role": "defense_minister"}, {"name": "B", "role": "ambassador"}]),
     "Kazakhstan–Azerbaijan: defence minister visits (2011)"),
    # nobody named, no place, no date: the action alone
    (dict(type=["call"], countries=["BY", "CN"]), "Belarus–China: phone call"),
    # a signing is told by its documents; several of one status are joined
    (dict(type=["signing"], date="2012-07-03", countries=["KZ", "RU"],
          documents=[{"type": "plan", "status": "signed"}, {"type": "memorandum", "status": "signed"},
                     {"type": "plan", "status": "signed"}]),
     "Kazakhstan–Russia: plan and memorandum signed (Jul 2012)"),
    # a named exercise is told by its name; the place's country when no city is known
    (dict(type=["exercise"], date="2016", location={"country": "KZ"}, countries=["KZ", "US", "GB"],
          exercises=[{"name": "Steppe Eagle"}]),
     "Kazakhstan–United States–United Kingdom: exercise Steppe Eagle (Kazakhstan, 2016)"),
    # more than three parties: the organisation, else a count
    (dict(type=["multilateral"], countries=["RU", "KZ", "BY", "AM", "KG", "TJ"], orgs=["CSTO"],
          participants=[{"name": "A", "role": "defense_minister"}, {"name": "B", "role": "defense_minister"}]),
     "CSTO: defence ministers meet"),
    (dict(type=["exercise"], countries=["RU", "KZ", "BY", "CN", "IN"]), "5 countries: joint exercise"),
    # no facts at all still reads as a title
    (dict(), "Military cooperation"),
    # mentioned documents are not news: left out
    (dict(type=["meeting"], countries=["KZ"], documents=[{"type": "plan", "status": "mentioned"}]),
     "Kazakhstan: talks"),
])
def test_titles_from_facts(facts, expected):
    assert title(occasion(**facts)) == expected


def test_gold_titles_are_facts_not_ledes(gold_db):
    """On the dev gold: no title is its article's headline, a dateline or a widget; every one ends with
    its place and date when the occasion has them."""
    import milcoop

    views = milcoop.events(gold_db, reviewed="all")
    assert len(views) > 90
    for v in views:
        assert v.title != v.headline
        assert not any(noise in v.title for noise in ("KAZINFORM", "°C", "–  ", "None"))
        if v.date:
            assert v.title.endswith(f"{v.date[:4]})"), v.title
        if v.event.countries and len(v.event.countries) <= 3:
            assert v.title.startswith(title(Event(countries=v.event.countries)).split(":")[0]), v.title


def test_every_language_covers_the_schema():
    for lang in ("en", "ru", "kk"):
        assert phrasing(lang).actions and phrasing(lang).roles
