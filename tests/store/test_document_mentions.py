"""``Store.document_mentions``: every stored document with the sentence it was read from, on SQLite and,
with ``MILCOOP_TEST_PG``, on PostgreSQL (the quote is cut from the article in SQL)."""
from __future__ import annotations

import pytest

from milcoop.store import open_store

VERSION = "test-documents"




@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path, pg_database) -> str:
    return str(tmp_path / "docs.db") if request.param == "sqlite" else pg_database()


def test_each_document_comes_with_its_quote_title_and_date(db, articles, extractions):
    with open_store(db) as store:
        for key, article in articles.items():
            store.add_article(article, article.source)
            store.save_extraction(article.id, extractions[key], VERSION)
        mentions = store.document_mentions()
    expected = [(key, ev, d) for key, x in extractions.items() for ev in x.events for d in ev.documents]
    assert len(mentions) == len(expected) > 0
    by_article = {a.id: a for a in articles.values()}
    for m in mentions:
        text = by_article[m.article_id].text
        assert m.quote == text[0:10].strip()  # the conftest gives every document the span [0, 10)
        assert m.event_id.startswith("ev-") and m.occasion_id.startswith("oc-")
    wanted = sorted((d.type, tuple(d.period or ()), d.status, tuple(ev.countries), ev.date or "") for _, ev, d in expected)
    got = sorted((m.type, tuple(m.period or ()), m.status, tuple(m.countries), m.date or "") for m in mentions)
    assert got == wanted
