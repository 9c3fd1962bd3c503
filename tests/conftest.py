"""Shared fixtures: the real corpora from ../shared and session-scoped models.

``shared_dir()`` (``$MILCOOP_SHARED``, else ``shared/`` beside the repository)
is the one place the tests find the shared data: through the ``shared`` and
``shared_path`` fixtures here, never through a path of their own.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from milcoop.bench.paths import shared_dir

SHARED = shared_dir()
CORPUS = SHARED / "corpus"


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder (it may be absent: see ``shared_path``)."""
    return SHARED


@pytest.fixture(scope="session")
def shared_path():
    """``shared_path("corpus", "dev", "articles.jsonl")``: that path under shared/, or skip the test."""
    def get(*parts: str) -> Path:
        path = SHARED.joinpath(*parts)
        if not path.exists():
            pytest.skip(f"{path} not found: the shared data is not beside the repository")
        return path
    return get


@pytest.fixture(scope="session")
def pg_database():
    """``pg_database()``: the URL of a new, empty PostgreSQL database on the ``MILCOOP_TEST_PG`` server
    (``.ci/run`` starts one), dropped at the end of the session; the test skips without a server."""
    server = os.environ.get("MILCOOP_TEST_PG")
    made: list[str] = []
    admin = None

    def new() -> str:
        nonlocal admin
        if not server:
            pytest.skip("MILCOOP_TEST_PG is not set (.ci/run starts PostgreSQL)")
        from sqlalchemy import create_engine, text

        admin = admin or create_engine(server, isolation_level="AUTOCOMMIT")
        name = f"milcoop_test_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return server.rsplit("/", 1)[0] + "/" + name

    yield new
    if admin is not None:
        from sqlalchemy import text

        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


STAMPS = {"created_at", "ingested_at", "extracted_at", "updated_at", "at"}  # when, not what: differ per run


def without_stamps(value):
    if isinstance(value, dict):
        return {k: without_stamps(v) for k, v in value.items() if k not in STAMPS}
    if isinstance(value, list):
        return [without_stamps(v) for v in value]
    return value


@pytest.fixture(scope="session")
def dump_records():
    """``dump_records(db)``: the database's full dump (``milcoop export --format jsonl``) as records, times left
    out: two databases holding the same records give equal lists."""
    import io

    import milcoop

    def records(db: str) -> list[dict]:
        sink = io.StringIO()
        milcoop.dump(sink, db)
        return [without_stamps(json.loads(line)) for line in sink.getvalue().splitlines()]
    return records


@pytest.fixture(scope="session")
def seeds() -> dict[str, dict]:
    return {r["id"]: r for r in load_jsonl(CORPUS / "seeds" / "articles.jsonl")}


@pytest.fixture(scope="session")
def dev() -> dict[str, dict]:
    return {r["id"]: r for r in load_jsonl(CORPUS / "dev" / "articles.jsonl")}


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, dict]:
    return {r["id"]: r for r in load_jsonl(CORPUS / "seeds" / "gold.jsonl")}


@pytest.fixture(scope="session")
def extractor():
    from milcoop.api import default_extractor

    return default_extractor()


@pytest.fixture(scope="session")
def ru():
    from milcoop.lang import get_lang

    return get_lang("ru")


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory, shared_path) -> str:
    """A SQLite database of the dev articles with their **gold** records stored through the store's
    normal write path (occasions and persons resolved as for extracted records, no extraction), so
    tests of the readers, the registers and the UI check them, not extraction. Read-only: copy it to write."""
    from milcoop.api import read_articles
    from milcoop.records import ArticleExtraction
    from milcoop.store import open_store

    gold = {r["id"]: r for r in load_jsonl(shared_path("corpus", "dev", "gold.jsonl"))}
    batch = []
    for article in read_articles([shared_path("corpus", "dev", "articles.jsonl")]):
        assert not isinstance(article, Exception), article
        record = gold[article.external_id]
        batch.append((article, ArticleExtraction.model_validate({**record, "lang": article.lang})))
    assert len(batch) == len(gold) == 125
    db = str(tmp_path_factory.mktemp("gold") / "gold.db")
    with open_store(db) as store:
        store.store_articles(batch, "gold")
    return db
