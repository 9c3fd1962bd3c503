"""Fixtures for the store tests: the five seed articles and their gold events.

Articles and events are real (``shared/corpus/seeds``), read as JSON data.
Gold leaves most dates null because the texts give no year; the dates in
``DATES`` are assigned here so that date filters and ordering have partial
and full dates to work on (seed2's is its real gold date).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from milcoop.records import Article, ArticleExtraction, Segment, Span
from milcoop.store import Store, open_store

VERSION = "test-1"
DATES = {"seed0": ["2011"], "seed1": ["2012-07-10"], "seed2": ["2011-11-30"],
         "seed3": [None, None], "seed4": ["2023-10"]}
# Where two seed0 participants are named in the text, as written.
SURFACES = {"Adilbek Dzhaksybekov": "Адильбек Джаксыбеков", "Safar Abiyev": "Сафаром Абиевым"}


def _jsonl(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return {r["id"]: r for r in records}


@pytest.fixture(scope="session")
def seed_raw(shared_path) -> dict[str, dict]:
    return _jsonl(shared_path("corpus", "seeds", "articles.jsonl"))


@pytest.fixture(scope="session")
def gold(shared_path) -> dict[str, dict]:
    return _jsonl(shared_path("corpus", "seeds", "gold.jsonl"))


def make_article(raw: dict) -> Article:
    text = raw["text"]
    first = text.split("\n", 1)[0].strip()
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(), external_id=raw["id"],
        source=raw["source_file"], url=raw.get("url"), lang=raw.get("lang"), text=text, raw_text=text,
        title=first if any(c.isalpha() for c in first) else None,
        segments=[Segment(clean_start=0, raw_start=0, length=len(text))])


def make_extraction(gold_record: dict, article: Article) -> ArticleExtraction:
    """The gold record as an extractor would return it: with dates and evidence spans."""
    extraction = ArticleExtraction.model_validate({**gold_record, "lang": article.lang})
    for event, date in zip(extraction.events, DATES[gold_record["id"]]):
        event.date = date
        first = article.text.find("\n\n", 1)
        event.evidence = [Span(start=0, end=first if first > 0 else 80)]
        for p in event.participants:
            surface = SURFACES.get(p.name)
            at = article.text.find(surface) if surface else -1
            if at >= 0:
                p.surface = surface
                p.evidence = [Span(start=at, end=at + len(surface))]
        for d in event.documents:
            d.evidence = [Span(start=0, end=10)]
    return extraction


@pytest.fixture(scope="session")
def articles(seed_raw) -> dict[str, Article]:
    return {key: make_article(raw) for key, raw in seed_raw.items()}


@pytest.fixture(scope="session")
def extractions(gold, articles) -> dict[str, ArticleExtraction]:
    return {key: make_extraction(rec, articles[key]) for key, rec in gold.items()}


@pytest.fixture
def store() -> Store:
    with open_store(":memory:") as s:
        yield s


@pytest.fixture
def loaded(store, articles, extractions) -> Store:
    """An in-memory store holding every seed article and its extraction."""
    for key, article in articles.items():
        store.add_article(article, article.source)
        store.save_extraction(article.id, extractions[key], VERSION)
    return store


@pytest.fixture
def rows(store):
    """``rows(table, where, **params)``: how many rows of ``table`` match."""
    def count(table: str, where: str = "", **params) -> int:
        with store.engine.connect() as conn:
            return conn.execute(sql(f"SELECT COUNT(*) FROM {table} {where}"), params).scalar_one()
    return count


@pytest.fixture
def records(store):
    """``records(article_id)``: the article's exported records (its stored events)."""
    def export(article_id: str) -> list[dict]:
        return [r for r in store.export_records() if r["article_id"] == article_id]
    return export
