"""Extraction in worker processes, one writer: the database holds exactly what a one-process ingest stores.

Short reports written for the test (three languages, some telling one
occasion, one repeated) are ingested with one worker and with two, in small
batches so many shards are in flight at once; the full dumps (every article,
event, occasion id and person, times left out) must be equal. Then a
two-worker ``milcoop ingest`` killed with SIGKILL leaves no worker behind and
a re-run completes it to the same records.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

import milcoop
from milcoop.errors import InvalidValue
from milcoop.store import open_store

@pytest.fixture(scope="module")
def folder(tmp_path_factory, written_reports) -> Path:
    path = tmp_path_factory.mktemp("reports")
    lines = [json.dumps(r, ensure_ascii=False) for r in written_reports]
    (path / "a.jsonl").write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    # the first report again (another source of one article) and the rest
    (path / "b.jsonl").write_text("\n".join([lines[0], *lines[5:]]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one_worker(folder, tmp_path_factory, extractor):
    db = str(tmp_path_factory.mktemp("one") / "one.db")
    return db, milcoop.ingest([folder], db, extractor=extractor, batch=2, workers=1)


@pytest.mark.slow
def test_two_workers_store_what_one_stores(folder, one_worker, tmp_path, extractor, dump_records,
                                          written_reports):
    db, single = one_worker
    report = milcoop.ingest([folder], str(tmp_path / "two.db"), extractor=extractor, batch=2, workers=2)
    assert (report.read, report.new, report.duplicates, report.events) == \
        (single.read, single.new, single.duplicates, single.events)
    assert (report.read, report.new, report.duplicates) == (len(written_reports) + 1, len(written_reports), 1)
    assert [str(e) for e in report.errors] == [str(e) for e in single.errors]
    assert dump_records(str(tmp_path / "two.db")) == dump_records(db)


@pytest.mark.slow
def test_occasions_across_languages_are_filed_the_same_way(one_worker):
    db, _ = one_worker
    with open_store(db) as store:
        occasion = {store.get_article(a).external_id: store.occasion_of(a) for a in store.article_ids()}
    assert occasion["visit-en"] == occasion["visit-ru"] is not None
    assert occasion["decoy"] not in (None, occasion["visit-en"])


def test_a_bad_worker_count_is_named():
    with pytest.raises(InvalidValue, match="workers"):
        milcoop.ingest([], ":memory:", workers=0)


def _children(pid: int) -> set[int]:
    try:
        return {c.pid for c in psutil.Process(pid).children()}
    except psutil.Error:
        return set()


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killed_two_worker_ingest_leaves_no_worker_and_resumes(folder, one_worker, tmp_path, dump_records,
                                                              written_reports):
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-c", "from milcoop.cli import main; main()", "ingest", str(folder), "--db", str(db),
           "--workers", "2", "--batch", "1", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    end = time.monotonic() + 120
    while _stored(db) < 2 and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.02)
    workers = _children(proc.pid)
    assert proc.poll() is None and workers, "the ingest ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    end = time.monotonic() + 15
    while any(_alive(w) for w in workers) and time.monotonic() < end:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "worker processes outlived the killed writer"
    before = _stored(db)
    assert 0 < before < len(written_reports)

    rerun = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(written_reports) - before} new" in rerun.stdout
    assert dump_records(str(db)) == dump_records(one_worker[0])
    assert os.path.exists(db)
