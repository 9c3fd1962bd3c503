"""read_articles: files in, Articles (or the errors) out."""
from __future__ import annotations

import json

import pytest

import milcoop.reading as ingest
from milcoop.errors import EmptyInput, InputError, MalformedRecord, UnsupportedFormat
from milcoop.reading import read_articles
from milcoop.records import Article


def test_public_api():
    assert {"iter_documents", "clean", "detect_dateline", "read_articles"} <= set(ingest.__all__)


def test_mixed_folder(tmp_path, corpus, seed_001):
    (tmp_path / "a_seed.txt").write_text(seed_001, encoding="utf-8")
    lines = [json.dumps(corpus[i], ensure_ascii=False) for i in ("dev035", "dev039")]
    (tmp_path / "b.jsonl").write_text(lines[0] + "\n{\"id\": \"cut\", \"text\": \"Ми\n" + lines[1] + "\n",
                                      encoding="utf-8")
    (tmp_path / "c.txt").write_text("None\nПоделиться\n", encoding="utf-8")
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    items = list(read_articles([tmp_path]))
    assert [type(item) for item in items] == [Article, Article, MalformedRecord, Article, EmptyInput,
                                              UnsupportedFormat]
    seed, dev035, error, dev039, empty, pdf = items
    assert seed.outlet == "Kazinform" and seed.dateline_city == "Астана"
    assert dev035.external_id == "dev035" and dev035.published == "2019-05-13"
    assert dev039.source == f"{tmp_path / 'b.jsonl'}:3" and dev039.outlet == "BelTA"
    assert error.line == 2 and "b.jsonl:2" in str(error)
    assert "c.txt" in str(empty) and "d.pdf" in str(pdf)


def test_same_article_from_two_formats_gets_one_id(tmp_path, corpus):
    record = corpus["dev025"]
    (tmp_path / "a.txt").write_text(record["text"] + "\n\nПоделиться\nFacebook\n", encoding="cp1251")
    (tmp_path / "b.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    first, second = read_articles([tmp_path / "a.txt", tmp_path / "b.jsonl"])
    assert first.id == second.id and first.text == second.text
    assert first.raw_text != second.raw_text


def test_whole_shared_corpus_ingests_with_exact_segments(shared_path):
    paths = [shared_path("seeds")] + [shared_path("corpus", s, "articles.jsonl") for s in ("seeds", "dev", "clusters")]
    articles = [item for item in read_articles(paths)]
    errors = [item for item in articles if isinstance(item, InputError)]
    assert errors == []
    assert len(articles) == 5 + 5 + 125 + 47
    for article in articles:
        assert article.text and article.text == article.text.strip()
        for seg in article.segments:
            assert (article.raw_text[seg.raw_start:seg.raw_start + seg.length]
                    == article.text[seg.clean_start:seg.clean_start + seg.length])
