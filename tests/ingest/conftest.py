"""Shared fixtures: real articles from the seeds and the corpus (copied into
``fixtures/`` so the tests run without the shared data folder)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_001 = FIXTURES / "seed_001_739a7ddcb5cf33d2.txt"
SEED_002 = FIXTURES / "seed_002_c2f52611ed8bf7e2.txt"


def _load_sample() -> dict[str, dict]:
    with open(FIXTURES / "corpus_sample.jsonl", encoding="utf-8") as fh:
        return {record["id"]: record for record in map(json.loads, fh)}


SAMPLE = _load_sample()


@pytest.fixture(scope="session")
def corpus() -> dict[str, dict]:
    """Corpus articles by id: {"id", "lang", "url", "title", "text"}."""
    return SAMPLE


@pytest.fixture(scope="session")
def seed_001_path() -> Path:
    return SEED_001


@pytest.fixture(scope="session")
def seed_001() -> str:
    return SEED_001.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_002() -> str:
    return SEED_002.read_text(encoding="utf-8")
