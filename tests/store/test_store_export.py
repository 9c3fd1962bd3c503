"""Export: one schema record per extracted article, round-tripping the gold shape."""
from __future__ import annotations

import json

from milcoop.records import ArticleExtraction
from milcoop.store.models import event_id

SCHEMA_EVENT_KEYS = {"type", "date", "location", "countries", "orgs", "participants", "documents",
                     "exercises", "areas", "evidence"}


def _schema_only(event: dict) -> dict:
    """An exported event cut down to the gold's fields."""
    out = {k: event[k] for k in SCHEMA_EVENT_KEYS - {"evidence"}}
    out["participants"] = [{k: p[k] for k in ("name", "country", "role", "rank")} for p in event["participants"]]
    out["documents"] = [{k: d[k] for k in ("type", "period", "status")} for d in event["documents"]]
    out["exercises"] = [{k: x[k] for k in ("name", "status")} for x in event["exercises"]]
    return out


def test_export_matches_gold_shape(loaded, gold, articles):
    exported = {r["id"]: r for r in loaded.export_records()}
    assert list(exported) == list(articles)  # ingestion order
    for key, record in exported.items():
        assert record["article_id"] == articles[key].id and record["relevant"] is True
        for ordinal, (event, expected) in enumerate(zip(record["events"], gold[key]["events"], strict=True)):
            assert event["id"] == event_id(articles[key].id, ordinal)
            assert event["sources"] == [articles[key].source]
            assert SCHEMA_EVENT_KEYS <= set(event)
            assert _schema_only(event) == {**expected, "date": event["date"]}
    json.dumps(list(exported.values()), ensure_ascii=False)  # plain JSON data throughout


def test_export_round_trips_to_records(loaded, extractions):
    for record in loaded.export_records():
        assert ArticleExtraction.model_validate(record) == extractions[record["id"]]


def test_export_evidence_shapes(loaded):
    seed0 = next(r for r in loaded.export_records() if r["id"] == "seed0")
    event = seed0["events"][0]
    assert event["evidence"] and set(event["evidence"][0]) == {"start", "end"}
    assert event["participants"][0]["evidence"][0]["end"] > event["participants"][0]["evidence"][0]["start"]
    assert event["documents"][0]["period"] == [2012, 2012]
    assert event["location"] == {"city": "Astana", "country": "KZ"}


def test_export_skips_unextracted_and_lists_all_sources(store, articles, extractions):
    seed0, seed1 = articles["seed0"], articles["seed1"]
    store.add_article(seed0, "a/seed0.txt")
    store.add_article(seed0, "b/seed0.html")
    store.add_article(seed1, "seed1.txt")
    store.save_extraction(seed0.id, extractions["seed0"], "v1")
    records = list(store.export_records())
    assert [r["id"] for r in records] == ["seed0"]
    assert records[0]["events"][0]["sources"] == ["a/seed0.txt", "b/seed0.html"]


def test_export_uses_article_id_without_external_id(store, articles, extractions):
    article = articles["seed2"].model_copy(update={"external_id": None})
    store.add_article(article, "seed2.txt")
    store.save_extraction(article.id, extractions["seed2"], "v1")
    assert [r["id"] for r in store.export_records()] == [article.id]


def test_export_in_small_batches_is_the_same(loaded, monkeypatch):
    whole = list(loaded.export_records())
    monkeypatch.setattr("milcoop.store.repository.EXPORT_BATCH", 2)
    assert list(loaded.export_records()) == whole
