"""Event listing filters and the event detail view."""
from __future__ import annotations

import pytest

from milcoop.store.models import event_id


@pytest.fixture
def ids(loaded, articles):
    """``ids(**filters)``: the listed events as 'seedN' or 'seedN#k' (k > 0), in order."""
    names = {event_id(a.id, k): key if k == 0 else f"{key}#{k}" for key, a in articles.items() for k in range(2)}

    def listed(**filters) -> list[str]:
        return [names[row.id] for row in loaded.events(**filters)]
    return listed


def test_all_events_latest_first_undated_last(ids, loaded, articles):
    seed3 = sorted([("seed3", event_id(articles["seed3"].id, 0)), ("seed3#1", event_id(articles["seed3"].id, 1))],
                   key=lambda pair: pair[1])
    assert ids() == ["seed4", "seed1", "seed2", "seed0", *(name for name, _ in seed3)]
    assert [row.date for row in loaded.events()][:4] == ["2023-10", "2012-07-10", "2011-11-30", "2011"]


@pytest.mark.parametrize("filters, expected", [
    ({"country": "AZ"}, {"seed0", "seed3", "seed3#1"}),
    ({"country": "kz", "partner": "BY"}, {"seed1", "seed4"}),
    ({"partner": "US"}, {"seed2"}),
    ({"country": "KZ"}, {"seed0", "seed1", "seed2", "seed3", "seed3#1", "seed4"}),
    ({"country": "AZ", "partner": "BY"}, set()),
    ({"type": "award"}, {"seed3#1"}),
    ({"type": "signing"}, {"seed0", "seed3", "seed4"}),
    ({"type": "signing", "country": "BY"}, {"seed4"}),
])
def test_filter_by_country_partner_type(ids, filters, expected):
    assert set(ids(**filters)) == expected


@pytest.mark.parametrize("date_from, date_to, expected", [
    ("2012", None, ["seed4", "seed1"]),
    ("2011-12", None, ["seed4", "seed1", "seed0"]),       # '2011' may be December 2011
    (None, "2011-11", ["seed2", "seed0"]),                # '2011-11-30' is within '2011-11'
    ("2011-11-30", "2011-11-30", ["seed2", "seed0"]),
    ("2012-07", "2012-07", ["seed1"]),
    ("2012-07-11", "2023-09-30", []),
    ("2011", "2011", ["seed2", "seed0"]),
    (None, "2030", ["seed4", "seed1", "seed2", "seed0"]),  # undated events never match a range
])
def test_filter_by_partial_dates(ids, date_from, date_to, expected):
    assert ids(date_from=date_from, date_to=date_to) == expected


@pytest.mark.parametrize("bad", ["2012/07", "July 2012", "12-07-2012", "2012-7"])
def test_bad_date_is_rejected(loaded, bad):
    with pytest.raises(ValueError, match="ISO date"):
        loaded.events(date_from=bad)


@pytest.mark.parametrize("text, expected", [
    ("хренин", {"seed4"}),                   # article text, Cyrillic folded case-insensitively
    ("МИНИСТРЫ ОБОРОНЫ КАЗАХСТАНА И АЗЕРБАЙДЖАНА", {"seed0"}),
    ("lavoy", {"seed2"}),                    # participant name only: the text spells it in Cyrillic
    ("Kerimov", {"seed3#1"}),                # a participant of the second seed3 event only
    ("Сафаром Абиевым", {"seed0"}),          # participant surface as written
    ("бірлестік", {"seed3", "seed3#1"}),     # Kazakh text
    ("Хре_ин", set()),                       # LIKE wildcards are literal
    ("Хрен%", set()),
    ("Dzhaksybekov", {"seed0", "seed1", "seed2"}),
])
def test_filter_by_text(ids, text, expected):
    assert set(ids(text=text)) == expected


def test_filters_combine_and_limit(ids):
    assert ids(country="KZ", text="Dzhaksybekov", date_from="2011-11") == ["seed1", "seed2", "seed0"]
    assert ids(country="KZ", limit=2) == ["seed4", "seed1"]


def test_event_row_fields(loaded, articles, gold):
    row = next(r for r in loaded.events(partner="US"))
    event = gold["seed2"]["events"][0]
    assert row.article_id == articles["seed2"].id and row.external_id == "seed2"
    assert (row.types, row.countries, row.areas, row.orgs) == (
        event["type"], event["countries"], event["areas"], event["orgs"])
    assert row.participants == ["Adilbek Dzhaksybekov", "Peter Lavoy"]
    assert row.ordinal == 0 and row.origin == "machine"


def test_event_detail(loaded, articles, extractions):
    article = articles["seed0"]
    detail = loaded.event(event_id(article.id, 0))
    assert detail.event == extractions["seed0"].events[0]
    assert detail.article.text == article.text and detail.article.title == article.title
    assert detail.article.sources == [article.source]
    quoted = {(e.fact_kind, e.fact_ordinal): e.text for e in detail.evidence}
    assert quoted[("participant", 0)] == "Адильбек Джаксыбеков"
    assert quoted[("participant", 1)] == "Сафаром Абиевым"
    assert quoted[("event", 0)] == article.text[:article.text.find("\n\n", 1)]
    assert ("document", 0) in quoted


def test_unknown_event_is_none(loaded):
    assert loaded.event("ev-000000000000") is None


def test_filter_by_title_alone(store, articles, extractions):
    article = articles["seed1"].model_copy(update={"title": "Kazinform Digest"})
    store.add_article(article, "seed1.txt")
    store.save_extraction(article.id, extractions["seed1"], "v1")
    assert [r.title for r in store.events(text="kazinform digest")] == ["Kazinform Digest"]
