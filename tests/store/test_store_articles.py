"""Ingesting articles: one row per content hash, one row per distinct source."""
from __future__ import annotations

import pytest

from milcoop.errors import StoreError


@pytest.mark.parametrize("second_source, sources", [("seed0.txt", 1), ("mirror/seed0.html", 2)])
def test_add_article_twice(store, rows, articles, second_source, sources):
    article = articles["seed0"]
    assert store.add_article(article, "seed0.txt") == (article.id, True)
    assert store.add_article(article, second_source) == (article.id, False)
    assert rows("articles") == 1
    assert rows("sources") == sources


def test_add_article_again_keeps_first_metadata(store, articles):
    article = articles["seed1"]
    store.add_article(article, "a.txt")
    store.add_article(article.model_copy(update={"title": "another title"}), "b.txt")
    assert store.get_article(article.id).title == article.title


def test_get_article_round_trips(store, articles):
    article = articles["seed3"]
    store.add_article(article, "first.txt")
    store.add_article(article, "second.txt")
    assert store.get_article(article.id) == article.model_copy(update={"source": "first.txt"})


def test_add_article_source_defaults_to_article_source(store, articles):
    article = articles["seed2"]
    store.add_article(article, "")
    assert store.get_article(article.id).source == article.source


def test_has_article_and_ids(store, articles):
    assert store.article_ids() == []
    assert not store.has_article(articles["seed0"].id)
    order = ["seed4", "seed0", "seed2"]
    for key in order:
        store.add_article(articles[key], key)
    assert store.has_article(articles["seed0"].id)
    assert store.get_article("no-such-id") is None
    assert store.article_ids() == [articles[key].id for key in order]


def test_add_invalid_article_is_a_store_error(store, articles):
    broken = articles["seed0"].model_construct(**{**dict(articles["seed0"]), "text": None})
    with pytest.raises(StoreError, match="cannot add article"):
        store.add_article(broken, "x.txt")
    assert store.article_ids() == []
