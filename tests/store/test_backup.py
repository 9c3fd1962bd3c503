"""``milcoop backup`` / ``restore``: a consistent copy of a database in use, restored whole; PostgreSQL
and files that are no backup are refused with a clear error."""
from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import milcoop
from milcoop.cli import app
from milcoop.errors import BackupUnsupported, InvalidValue, NotABackup, NotEmpty
from milcoop.store import open_store
from milcoop.store.review import Review

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def source_db(tmp_path_factory, extractor) -> Path:
    db = tmp_path_factory.mktemp("backup") / "source.db"
    milcoop.ingest([EXAMPLES], str(db), extractor=extractor)
    with open_store(db) as store:
        Review(store).add_user("analyst", "a long enough password")
    return db


def dumped(db) -> str:
    sink = io.StringIO()
    milcoop.dump(sink, str(db))
    return sink.getvalue()


def invoke(*args):
    res = runner.invoke(app, [str(a) for a in args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res


def test_backup_then_restore_into_a_new_file_is_the_same_database(source_db, tmp_path):
    copy = tmp_path / "copy.db"
    res = invoke("backup", copy, "--db", source_db)
    assert res.exit_code == 0 and "backed up 5 articles" in res.stdout
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    restored = tmp_path / "restored.db"
    res = invoke("restore", copy, "--db", restored)
    assert res.exit_code == 0 and "restored 5 articles" in res.stdout
    assert dumped(restored) == dumped(source_db)
    with open_store(restored) as store:
        assert Review(store).login("analyst", "a long enough password")  # accounts come back too


def test_backup_is_a_snapshot_while_another_writer_holds_the_database(source_db, tmp_path):
    live = tmp_path / "live.db"
    shutil.copy(source_db, live)
    before = dumped(live)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the write lock, with a change not yet committed
    writer.execute("INSERT INTO occasions (id, created_at) VALUES ('oc-uncommitted', '2020-01-01')")
    try:
        milcoop.backup(tmp_path / "snap.db", str(live))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert dumped(tmp_path / "snap.db") == before


def test_backup_does_not_overwrite_without_force(source_db, tmp_path):
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")
    res = invoke("backup", target, "--db", source_db)
    assert res.exit_code == 2 and "E010" in res.stderr and "--force" in res.stderr
    assert target.read_bytes() == b"keep me"
    assert invoke("backup", target, "--db", source_db, "--force").exit_code == 0
    assert dumped(target) == dumped(source_db)


def test_restore_refuses_a_database_with_records_unless_forced(source_db, tmp_path):
    other = tmp_path / "other.db"
    milcoop.ingest([EXAMPLES / "000_04837f0cfa56d306.txt"], str(other))
    backup = tmp_path / "b.db"
    milcoop.backup(backup, str(source_db))
    kept = dumped(other)
    res = invoke("restore", backup, "--db", other)
    assert res.exit_code == 2 and "E023" in res.stderr and "--force" in res.stderr
    assert dumped(other) == kept
    assert invoke("restore", backup, "--db", other, "--force").exit_code == 0
    assert dumped(other) == dumped(source_db)


def test_restore_into_an_empty_database_needs_no_force(source_db, tmp_path):
    empty = tmp_path / "empty.db"
    open_store(empty).close()  # created and migrated, no records
    backup = tmp_path / "b.db"
    milcoop.backup(backup, str(source_db))
    milcoop.restore(backup, str(empty))
    assert dumped(empty) == dumped(source_db)


@pytest.mark.parametrize("content, words", [
    (b"not a database at all, just text\n" * 200, "not a SQLite database"),
    (None, "not milcoop's"),
    ("missing", "no such file"),
])
def test_restore_refuses_what_is_no_backup(tmp_path, content, words):
    path = tmp_path / "thing.db"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (x)")
    elif content != "missing":
        path.write_bytes(content)
    with pytest.raises(NotABackup, match=words):
        milcoop.restore(path, str(tmp_path / "target.db"))
    res = invoke("restore", path, "--db", tmp_path / "target.db")
    assert res.exit_code == 2 and "E025" in res.stderr


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_postgresql_gets_the_pg_dump_advice(tmp_path, command):
    url = "postgresql+psycopg://analyst:secret@db.example/milcoop"
    with pytest.raises(BackupUnsupported, match="pg_dump"):
        getattr(milcoop, command)(tmp_path / "x.db", url)
    res = invoke(command, tmp_path / "x.db", "--db", url)
    assert res.exit_code != 0 and "pg_dump" in res.stderr and "secret" not in res.stderr


def test_in_memory_and_missing_databases(tmp_path):
    with pytest.raises(InvalidValue, match="in-memory"):
        milcoop.backup(tmp_path / "x.db", ":memory:")
    res = invoke("backup", tmp_path / "x.db", "--db", tmp_path / "nothing-here.db")
    assert res.exit_code == 2 and "no database at" in res.stderr
    assert not (tmp_path / "nothing-here.db").exists()


def test_restore_over_itself_is_refused(source_db, tmp_path):
    copy = tmp_path / "c.db"
    milcoop.backup(copy, str(source_db))
    with pytest.raises((InvalidValue, NotEmpty)):
        milcoop.restore(copy, str(copy), force=True)
