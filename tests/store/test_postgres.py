"""The same store on a real PostgreSQL server: a change of URL, nothing else.

Runs when ``MILCOOP_TEST_PG`` names a server (``.ci/run`` starts one); each
run works in a database of its own, dropped afterwards.
"""
import os

import pytest

from milcoop.api import events, ingest, reextract

SERVER = os.environ.get("MILCOOP_TEST_PG")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SERVER, reason="MILCOOP_TEST_PG is not set (.ci/run starts PostgreSQL)")]


@pytest.fixture(scope="module")
def seeds_file(shared_path):
    return shared_path("corpus", "seeds", "articles.jsonl")


@pytest.fixture(scope="module")
def pg_url(pg_database):
    return pg_database()


def test_ingest_query_and_reextract_on_postgres(pg_url, seeds_file):
    report = ingest([seeds_file], pg_url)
    assert (report.read, report.new) == (5, 5)
    again = ingest([seeds_file], pg_url)
    assert (again.new, again.duplicates) == (0, 5)
    rows = events(pg_url, country="KZ", partner="BY")
    assert {p for r in rows for p in r.participants} >= {"Viktor Khrenin", "Ruslan Zhaksylykov"}
    before = {r.id for r in events(pg_url)}
    reextract(pg_url)
    assert {r.id for r in events(pg_url)} == before
    assert [r.date for r in events(pg_url, date_from="2011-11", date_to="2011-11-30")] == ["2011-11-30"]


def test_text_search_is_case_insensitive_in_cyrillic_on_postgres(pg_url, seeds_file):
    ingest([seeds_file], pg_url)
    assert events(pg_url, text="ХРЕНИН")
