"""Shared fixtures: the real corpora from ../shared and session-scoped models.

``shared_dir()`` (``$MILCOOP_SHARED``, else ``shared/`` beside the repository)
is the one place the tests find the shared data: through the ``shared`` and
``shared_path`` fixtures here, never through a path of their own.
"""
from __future__ import annotations

import json
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
