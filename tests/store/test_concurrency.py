"""Several users of one database: WAL lets readers past a writer, a second writer waits for the lock,
transient failures are retried, and the cached listing follows every write, from any process."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from milcoop.corrected import Corrected
from milcoop.errors import StoreBusy, StoreError
from milcoop.store import open_store, retry
from milcoop.store.db import BUSY_TIMEOUT_MS
from milcoop.store.review import Review


@pytest.fixture
def file_store(tmp_path, articles, extractions):
    """A file database holding the seed articles, and a second, independent store on it (another process)."""
    db = tmp_path / "shared.db"
    with open_store(db) as store:
        for key, article in articles.items():
            store.add_article(article, article.source)
            store.save_extraction(article.id, extractions[key], "test-1")
        Review(store).add_user("analyst", "a long enough password")
    first, second = open_store(db), open_store(db)
    yield db, first, second
    first.close()
    second.close()


def test_sqlite_files_are_in_wal_mode_with_a_busy_timeout(file_store):
    db, store, _ = file_store
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def hold_write_lock(db, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO occasions (id, created_at) VALUES ('oc-held', '2020-01-01 00:00:00')")
    ready.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def test_readers_pass_a_writer_and_a_second_writer_waits_for_it(file_store):
    db, store, _ = file_store
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db, 0.5, ready))
    holder.start()
    ready.wait(10)
    assert [r.id for r in store.events()]  # not blocked, and the uncommitted occasion is not seen
    assert "oc-held" not in {r.occasion_id for r in store.events()}
    occasion = store.occasions()[0].id
    Review(store).set_state("analyst", occasion, "confirmed")  # waits for the lock instead of failing
    holder.join()
    assert Review(store).states()[occasion] == "confirmed"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM occasions WHERE id = 'oc-held'").fetchone()[0] == 1


def locked_error() -> OperationalError:
    return OperationalError("UPDATE x", {}, sqlite3.OperationalError("database is locked"))


def test_what_counts_as_transient():
    duplicate = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: articles.id"))
    dangling = IntegrityError("INSERT", {}, sqlite3.IntegrityError("FOREIGN KEY constraint failed"))
    assert retry.transient(locked_error()) and retry.locked(locked_error())
    assert retry.transient(duplicate) and not retry.locked(duplicate)
    assert not retry.transient(dangling)
    assert not retry.transient(OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x")))
    assert not retry.transient(ValueError("database is locked"))


def test_a_transient_failure_runs_the_whole_transaction_again(file_store, monkeypatch):
    monkeypatch.setattr(retry, "FIRST_WAIT", 0.001)
    _, store, _ = file_store
    calls = []

    def work(session):
        calls.append(1)
        session.execute(text("INSERT INTO occasions (id, created_at) VALUES ('oc-retried', '2020-01-01 00:00:00')"))
        if len(calls) < 3:
            raise locked_error()
        return "done"

    assert store.write("test write", work) == "done"
    assert len(calls) == 3
    with store.engine.connect() as conn:  # the failed attempts were rolled back: one row, not three
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM occasions WHERE id = 'oc-retried'").scalar() == 1


def test_a_database_that_stays_locked_is_store_busy(file_store, monkeypatch):
    monkeypatch.setattr(retry, "ATTEMPTS", 3)
    monkeypatch.setattr(retry, "FIRST_WAIT", 0.001)
    _, store, _ = file_store

    def work(session):
        raise locked_error()

    with pytest.raises(StoreBusy) as info:
        store.write("cannot do it", work)
    assert info.value.code == "E022" and "cannot do it" in str(info.value)


def test_other_database_errors_are_not_retried(file_store):
    _, store, _ = file_store
    calls = []

    def work(session):
        calls.append(1)
        session.execute(text("SELECT * FROM no_such_table"))

    with pytest.raises(StoreError) as info:
        store.write("cannot read", work)
    assert len(calls) == 1 and not isinstance(info.value, StoreBusy)


def test_every_write_moves_the_revision(file_store):
    _, store, other = file_store
    before = store.revision()
    Review(other).set_state("analyst", other.occasions()[0].id, "rejected")
    assert store.revision() == before + 1


def test_the_cached_listing_follows_writes_from_another_store(file_store):
    _, server, other = file_store
    rows = Corrected(server).rows(reviewed="all")
    occasion = rows[0]["id"]
    assert Corrected(server).rows(reviewed="all") == rows  # served from the memo
    Review(other).set_state("analyst", occasion, "rejected")  # another process writes
    Review(other).correct("analyst", "occasion", occasion, {"date": "2001-02-03"}, {})
    after = {r["id"]: r for r in Corrected(server).rows(reviewed="all")}
    assert after[occasion]["review_state"] == "rejected" and after[occasion]["date"] == "2001-02-03"
    assert occasion not in {r["id"] for r in Corrected(server).rows()}  # rejected: out of the default listing


def test_concurrent_callers_share_one_computation(file_store):
    _, store, _ = file_store
    computed, entered, release = [], [], threading.Event()
    results = []

    def compute():
        computed.append(1)
        release.wait(10)
        return ["value"]

    def call():
        entered.append(1)
        results.append(store.memo(("test",), compute))

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    while len(entered) < 8:
        time.sleep(0.01)
    time.sleep(0.1)  # let every caller reach the memo while the first one computes
    release.set()
    for t in threads:
        t.join(10)
    assert computed == [1] and results == [["value"]] * 8
