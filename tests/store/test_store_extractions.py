"""Saving extractions: machine events are replaced whole, atomically, per article."""
from __future__ import annotations

import pytest

from milcoop.errors import NotFound, StoreError
from milcoop.records import ArticleExtraction, Participant
from milcoop.store.models import event_id

EVENT_TABLES = ["events", "participants", "documents", "exercises", "event_types",
                "event_countries", "event_areas", "evidence"]


def _counts(rows) -> dict[str, int]:
    return {table: rows(table) for table in EVENT_TABLES}


def test_save_twice_replaces_not_duplicates(loaded, rows, records, articles, extractions):
    seed3 = articles["seed3"]
    before, others = _counts(rows), records(articles["seed0"].id)
    ids = loaded.save_extraction(seed3.id, extractions["seed3"], "v2")
    assert ids == [event_id(seed3.id, 0), event_id(seed3.id, 1)]
    assert _counts(rows) == before
    assert records(articles["seed0"].id) == others
    assert rows("extractions", "WHERE extractor_version = 'v2'") == 1


def test_save_fewer_events_drops_the_rest(loaded, rows, records, articles, extractions):
    seed3 = articles["seed3"]
    first_only = extractions["seed3"].model_copy(update={"events": extractions["seed3"].events[:1]})
    loaded.save_extraction(seed3.id, first_only, "v2")
    assert rows("events", "WHERE article_id = :a", a=seed3.id) == 1
    dropped = event_id(seed3.id, 1)
    for table in EVENT_TABLES[1:]:
        assert rows(table, "WHERE event_id = :e", e=dropped) == 0
    assert [e["id"] for e in records(seed3.id)[0]["events"]] == [event_id(seed3.id, 0)]
    assert rows("events") == 5


def test_save_irrelevant_clears_events(loaded, rows, records, articles):
    seed4 = articles["seed4"]
    loaded.save_extraction(seed4.id, ArticleExtraction(id="seed4", relevant=False), "v2")
    assert rows("events", "WHERE article_id = :a", a=seed4.id) == 0
    assert records(seed4.id) == [{"id": "seed4", "article_id": seed4.id, "relevant": False,
                                  "lang": None, "events": []}]


def test_failed_save_keeps_previous_events(loaded, rows, records, articles, extractions):
    """A NOT NULL violation on the last participant rolls back the deletes too."""
    seed0 = articles["seed0"]
    before_counts, before = _counts(rows), records(seed0.id)
    broken = extractions["seed0"].model_copy(deep=True)
    broken.events[0].participants.append(Participant.model_construct(name=None, evidence=[]))
    with pytest.raises(StoreError, match="cannot save extraction") as info:
        loaded.save_extraction(seed0.id, broken, "v2")
    assert "NOT NULL" in str(info.value)
    assert _counts(rows) == before_counts
    assert records(seed0.id) == before
    assert rows("extractions", "WHERE extractor_version = 'v2'") == 0


def test_save_for_unknown_article(store, extractions):
    with pytest.raises(NotFound):
        store.save_extraction("no-such-article", extractions["seed0"], "v1")


def test_event_ids_are_stable(loaded, articles, extractions):
    seed1 = articles["seed1"]
    first = [row.id for row in loaded.events(text="Совместная работа")]
    loaded.save_extraction(seed1.id, extractions["seed1"], "v2")
    assert [row.id for row in loaded.events(text="Совместная работа")] == first == [event_id(seed1.id, 0)]
    assert first[0].startswith("ev-") and len(first[0]) == 15


def test_index_tables_follow_the_lists(loaded, rows, articles):
    ev = event_id(articles["seed3"].id, 1)
    assert rows("event_types", "WHERE event_id = :e", e=ev) == 3
    assert rows("event_countries", "WHERE event_id = :e", e=ev) == 2
    assert rows("event_areas", "WHERE event_id = :e", e=ev) == 2


def test_duplicate_list_values_are_indexed_once(store, rows, articles, extractions):
    seed2 = articles["seed2"]
    store.add_article(seed2, "seed2.txt")
    doubled = extractions["seed2"].model_copy(deep=True)
    doubled.events[0].countries = ["KZ", "US", "kz"]
    doubled.events[0].type = ["meeting", "meeting"]
    store.save_extraction(seed2.id, doubled, "v1")
    assert rows("event_countries") == 2
    assert rows("event_types") == 1
    assert [r.id for r in store.events(country="kz", partner="us")] == [event_id(seed2.id, 0)]


def test_save_leaves_non_machine_events_alone(loaded, rows, articles, extractions):
    """Only origin='machine' rows are replaced; anything else is someone else's."""
    seed0 = articles["seed0"]
    with loaded.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO events (id, article_id, ordinal, origin, types, countries, orgs, areas) "
            "VALUES ('an-1', ?, 99, 'analyst', '[\"meeting\"]', '[\"KZ\"]', '[]', '[]')", (seed0.id,))
        conn.exec_driver_sql("INSERT INTO event_countries (event_id, country) VALUES ('an-1', 'KZ')")
    loaded.save_extraction(seed0.id, extractions["seed0"], "v2")
    assert rows("events", "WHERE origin = 'analyst'") == 1
    assert rows("event_countries", "WHERE event_id = 'an-1'") == 1
    assert rows("events", "WHERE article_id = :a", a=seed0.id) == 2
