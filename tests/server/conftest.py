"""Shared fixtures: one database built from the real seed and dev articles, and API clients over it.

The database is built once per session (``milcoop.api.ingest``, about 30 s) and
never written by the read tests; tests that write get a copy of the file.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import milcoop.api
from milcoop.server import create_app
from milcoop.store import open_store
from milcoop.store.review import Review

USER, PASSWORD = "analyst", "correct horse battery staple"
SCRIPT = "<script>alert(1)</script>"
XSS_TEXT = ("Министр обороны Казахстана Даурен Косанов встретился в Астане с министром обороны Беларуси "
            f"Виктором Хрениным. {SCRIPT} Стороны подписали план военного сотрудничества на 2026 год.")


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory, shared_path) -> list[Path]:
    corpus = [shared_path("corpus", "seeds", "articles.jsonl"), shared_path("corpus", "dev", "articles.jsonl")]
    xss = tmp_path_factory.mktemp("xss") / "xss.jsonl"
    xss.write_text(json.dumps({"id": "xss1", "text": XSS_TEXT, "url": "https://example.org/xss",
                               "published": "2026-01-15"}, ensure_ascii=False) + "\n", encoding="utf-8")
    return [*corpus, xss]


@pytest.fixture(scope="session")
def db_path(tmp_path_factory, corpus_files) -> Path:
    db = tmp_path_factory.mktemp("db") / "server.db"
    report = milcoop.api.ingest(corpus_files, db=str(db))
    assert report.read == 131 and not report.errors
    with open_store(db) as store:
        Review(store).add_user(USER, PASSWORD)
    return db


@pytest.fixture(scope="session")
def client(db_path):
    """An anonymous client over the shared, read-only database."""
    with TestClient(create_app(str(db_path))) as c:
        yield c


@pytest.fixture
def db_copy(db_path, tmp_path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    return copy


def sign_in(c: TestClient) -> str:
    r = c.post("/api/login", json={"username": USER, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return r.json()["token"]


ORIGIN = {"Origin": "http://testserver"}  # what a browser sends with a write from the app's own pages


@pytest.fixture
def writer(db_copy):
    """A signed-in client (cookie) over a fresh copy of the database, sending the Origin a browser would."""
    with TestClient(create_app(str(db_copy)), headers=ORIGIN) as c:
        sign_in(c)
        yield c


def find(rows: list[dict], **where) -> list[dict]:
    return [r for r in rows if all(r.get(k) == v for k, v in where.items())]


@pytest.fixture(scope="session")
def credentials() -> tuple[str, str]:
    return USER, PASSWORD


@pytest.fixture(scope="session")
def login():
    return sign_in


@pytest.fixture(scope="session")
def origin() -> dict[str, str]:
    """The Origin header of the app's own pages (cookie-signed-in writes need it)."""
    return dict(ORIGIN)
