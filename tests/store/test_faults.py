"""``milcoop ingest`` killed with SIGKILL at random points, then run again, stores exactly what one clean
run stores: no article half-stored, nothing lost, nothing twice; the last run counts what was already there."""
from __future__ import annotations

import io
import json
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import milcoop

pytestmark = pytest.mark.slow
ARTICLES = 36
BATCH = 4            # articles per transaction in the killed runs: many commit points to land between
KILLS = 3
SEED = 20261207
STAMPS = {"created_at", "ingested_at", "extracted_at", "updated_at", "at"}  # when, not what: differ per run


@pytest.fixture(scope="module")
def folder(tmp_path_factory, dev) -> Path:
    """The shortest dev articles, in three JSON Lines files."""
    chosen = sorted(dev.values(), key=lambda r: len(r["text"]))[:ARTICLES]
    path = tmp_path_factory.mktemp("articles")
    for i in range(3):
        part = chosen[i::3]
        (path / f"part{i}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part),
                                             encoding="utf-8")
    return path


def ingest_cli(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from milcoop.cli import main; main()", "ingest", str(folder),
                             "--db", str(db), "--batch", str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created or migrated yet
        return 0


def kill_when(proc: subprocess.Popen, db: Path, at_least: int, delay: float, timeout: float = 60) -> bool:
    """SIGKILL ``proc`` ``delay`` s after ``at_least`` articles are stored; False if it finished first."""
    end = time.monotonic() + timeout
    while stored(db) < at_least and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.02)
    time.sleep(delay)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return proc.returncode == -signal.SIGKILL


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sources", "extractions", "events", "occasions", "persons", "participants",
                          "evidence")}


def without_stamps(value):
    if isinstance(value, dict):
        return {k: without_stamps(v) for k, v in value.items() if k not in STAMPS}
    if isinstance(value, list):
        return [without_stamps(v) for v in value]
    return value


def dump(db: Path) -> list[dict]:
    sink = io.StringIO()
    milcoop.dump(sink, str(db))
    return [without_stamps(json.loads(line)) for line in sink.getvalue().splitlines()]


def test_killed_ingests_resume_to_what_a_clean_run_stores(folder, tmp_path, extractor):
    clean = tmp_path / "clean.db"
    report = milcoop.ingest([folder], str(clean), extractor=extractor)  # the default batch: same records
    assert report.new == ARTICLES and not report.errors

    db = tmp_path / "killed.db"
    rng = random.Random(SEED)
    killed = 0
    # targets in the first half and short delays: a fast machine stores a batch in well under 0.1 s, so the
    # last kill must land long before the end for a resume to have something left to do
    for target in sorted(rng.sample(range(1, ARTICLES // 2), KILLS)):
        killed += kill_when(ingest_cli(folder, db), db, target, rng.uniform(0.0, 0.05))
    assert killed >= KILLS - 1, "the ingests finished before they could be killed"
    before = stored(db)
    assert 0 < before < ARTICLES

    proc = ingest_cli(folder, db)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    summary = re.search(r"(\d+) articles read: (\d+) new, (\d+) already stored", out)
    assert summary and tuple(map(int, summary.groups())) == (ARTICLES, ARTICLES - before, before), out

    assert counts(db) == counts(clean)
    assert milcoop.export(str(db), "json") == milcoop.export(str(clean), "json")
    assert dump(db) == dump(clean)
