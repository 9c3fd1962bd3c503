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


REPORTS = [
    {"id": "visit-en", "lang": "en", "published": "2024-05-21",
     "text": "Kazakhstan's Defence Minister Ruslan Zhaksylykov arrived in Moscow on an official visit on May 20. "
             "He held talks with Russian Defence Minister Andrei Belousov on military cooperation; the ministers "
             "signed a military cooperation plan for 2025."},
    {"id": "visit-ru", "lang": "ru", "published": "2024-05-20",
     "text": "Министр обороны Казахстана Руслан Жаксылыков прибыл в Москву с официальным визитом. Сегодня он "
             "провел переговоры с министром обороны России Андреем Белоусовым о военном сотрудничестве, "
             "министры подписали план военного сотрудничества на 2025 год."},
    {"id": "visit-kk", "lang": "kk", "published": "2024-05-20",
     "text": "Қазақстан Республикасының Қорғаныс министрі Руслан Жақсылықов Мәскеуге ресми сапармен барды. "
             "Ол Ресей Қорғаныс министрі Андрей Белоусовпен әскери ынтымақтастық туралы келіссөздер жүргізді."},
    {"id": "decoy", "lang": "en", "published": "2025-07-10",
     "text": "Kazakhstan's Defence Minister Ruslan Zhaksylykov arrived in Moscow on an official visit on July 9. "
             "He held talks with Russian Defence Minister Andrei Belousov on military cooperation and the "
             "coming joint exercise."},
    {"id": "drill-1", "lang": "en", "published": "2022-12-15",
     "text": "The sixth India-Kazakhstan joint military exercise KAZIND-22 began at Umroi in Meghalaya on "
             "December 15, 2022. The exercise will last until December 28."},
    {"id": "drill-2", "lang": "ru", "published": "2022-12-16",
     "text": "В Индии 15 декабря стартовали совместные учения вооруженных сил Казахстана и Индии «Казинд-2022». "
             "Учения продлятся до 28 декабря."},
    {"id": "call", "lang": "en", "published": "2023-03-02",
     "text": "Defence Minister of Kazakhstan Ruslan Zhaksylykov held a telephone conversation with the Minister "
             "of National Defence of China Li Shangfu on March 1."},
    {"id": "kk-only", "lang": "kk", "published": "2023-06-01",
     "text": "Қазақстан Қорғаныс министрлігінің делегациясы Өзбекстанға барып, әскери білім беру саласындағы "
             "ынтымақтастық мәселелерін талқылады."},
    {"id": "noise", "lang": "en", "text": "Weather in Astana: sunny, 25 degrees. Exchange rates unchanged."},
]


@pytest.fixture(scope="session")
def written_reports() -> list[dict]:
    """Short reports written for the ingest tests: one visit told in three languages, the same ministers a
    year later, one exercise in two languages, a call, a one-party report and a page of noise."""
    return REPORTS
