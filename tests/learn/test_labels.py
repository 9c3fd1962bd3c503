"""Recorded questions meet the gold as the annotation guide says they do."""
import pytest

from milcoop.learn.labels import label

GOLD = {"id": "x", "relevant": True, "events": [
    {"type": ["visit", "meeting"], "date": "2011-11", "location": {"city": "Astana", "country": "KZ"},
     "countries": ["KZ", "US"], "orgs": [], "areas": ["cyber"],
     "participants": [{"name": "Ruslan Zhaksylykov", "country": "KZ", "role": "defense_minister"},
                      {"name": "Peter Lavoy", "country": "US", "role": "deputy_defense_minister"}],
     "documents": [{"type": "treaty", "period": [2013, 2017], "status": "signed"}],
     "exercises": [{"name": "Steppe Eagle-2013", "status": "held"}]},
    {"type": ["signing"], "date": "2012-05-02", "countries": ["KZ", "TR"], "participants": [], "documents": [],
     "exercises": [], "areas": []}]}


@pytest.mark.parametrize("decision, value, expected", [
    ("types", "signing", True),           # a type of any event counts
    ("types", "call", False),
    ("countries", "TR", True),
    ("areas", "naval", False),
    ("participants", "Жақсылықов", True),   # surnames meet across scripts
    ("participants", "Руслан Жаксылыков", True),
    ("participants", "Lavoi", True),
    ("participants", "Hulusi Akar", False),
    ("role", ("Р. Жаксылыков", "defense_minister"), True),
    ("role", ("Lavoy", "defense_minister"), False),
    ("role", ("Akar", "defense_minister"), None),       # no gold person: no example
    ("person_country", ("Peter Lavoy", "US"), True),
    ("person_country", ("Peter Lavoy", "KZ"), False),
    ("documents", ("agreement", 2013, 2017), True),       # treaty and agreement are one type
    ("documents", ("agreement", None, None), False),
    ("status", ("treaty", 2013, 2017, "signed"), True),
    ("status", ("plan", 2013, 2017, "signed"), None),
    ("exercises", "Степной орел-2013", False),          # the name differs, not only the script
    ("exercises", "Steppe Eagle 2013", True),
    ("exercises", "Steppe Eagle-2014", False),
])
def test_alignment(decision, value, expected):
    assert label(GOLD, decision, 0, value) == expected


def test_dates_count_at_the_gold_precision_and_only_for_the_first_event():
    assert label(GOLD, "date", 0, "2011-11-30") is True
    assert label(GOLD, "date", 0, "2011") is False
    assert label(GOLD, "date", 1, "2012-05-02") is None


def test_cities_meet_across_spellings():
    assert label(GOLD, "location", 0, ("Астана", "KZ")) is True
    assert label(GOLD, "location", 0, ("Almaty", "KZ")) is False


def test_an_unknown_question_is_an_error():
    with pytest.raises(ValueError, match="no gold alignment"):
        label(GOLD, "weather", 0, None)
