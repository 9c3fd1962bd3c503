"""Backup and restore of a SQLite store with SQLite's online backup API.

The backup copies a consistent snapshot page by page while the server keeps
reading and writing (write-ahead logging), into a single self-contained
file written beside the target and renamed into place only when complete.
A restore copies such a file over the database, refusing to overwrite one
that holds records unless asked to, then migrates it to this milcoop's
schema. PostgreSQL has its own tools (``pg_dump``/``pg_restore``); for it,
both raise ``BackupUnsupported`` with the advice.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from milcoop.errors import BackupUnsupported, InvalidValue, NotABackup, NotEmpty, StoreError

from .db import BUSY_TIMEOUT_MS, _shown, open_store, resolve_db_url

PG_ADVICE = ("back up PostgreSQL with pg_dump -Fc DBNAME > FILE and restore with pg_restore -d DBNAME FILE "
             "(or: milcoop export --format jsonl -o FILE, then milcoop import FILE)")
MARKS = ("alembic_version", "articles")  # tables every milcoop database has
BOOKKEEPING = ("alembic_version", "store_revision")  # rows in them are no records


@dataclass(frozen=True)
class Copied:
    """What a backup or restore wrote: where, how many articles, how many bytes."""

    path: Path
    articles: int
    bytes: int


def sqlite_file(db: str | os.PathLike[str] | None) -> Path:
    """The file of a SQLite store; ``BackupUnsupported`` for any other database."""
    url = make_url(resolve_db_url(db))
    if url.get_backend_name() != "sqlite":
        raise BackupUnsupported(f"{_shown(str(url))} is not a SQLite file: {PG_ADVICE}")
    if url.database in (None, "", ":memory:"):
        raise InvalidValue("an in-memory database cannot be backed up or restored", field="db")
    return Path(url.database)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def _articles(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def backup(db: str | os.PathLike[str] | None, target: str | os.PathLike[str], *, force: bool = False) -> Copied:
    """Copy the store ``db`` to the file ``target`` (which must not exist unless ``force``)."""
    source = sqlite_file(db)
    target = Path(target)
    if not source.is_file():
        raise StoreError(f"no database at {source}", source=str(source))
    if target.exists() and not force:
        raise InvalidValue(f"{target} exists: give a new file, or --force to replace it", field="PATH")
    if target.resolve() == source.resolve():
        raise InvalidValue(f"{target} is the database itself", field="PATH")
    open_store(db).close()  # a milcoop database, migrated: the backup restores into this version as it is
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect(source)) as src, closing(sqlite3.connect(partial, isolation_level=None)) as dst:
            src.backup(dst)  # all pages in one step: one read snapshot, never restarted by a writer
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            articles = _articles(dst)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot back up to {target}: {exc}", source=str(source)) from exc
    return Copied(target, articles, target.stat().st_size)


def _check_backup(path: Path) -> None:
    if not path.is_file():
        raise NotABackup("no such file", source=str(path))
    try:
        with closing(_read_only(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise NotABackup(f"not a SQLite database ({exc})", source=str(path)) from exc
    if not set(MARKS) <= tables:
        raise NotABackup("a SQLite database, but not milcoop's (no articles or alembic_version table)",
                         source=str(path))
    if ok != "ok":
        raise NotABackup(f"the file is damaged: {ok}", source=str(path))


def holds_records(path: Path) -> bool:
    """Whether the SQLite file at ``path`` holds any row in any table (an absent or empty file holds none)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with closing(_connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'") if r[0] not in BOOKKEEPING]
        return any(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in tables)


def restore(db: str | os.PathLike[str] | None, backup_file: str | os.PathLike[str], *,
            force: bool = False) -> Copied:
    """Replace the store ``db`` with the backup ``backup_file``; ``NotEmpty`` if ``db`` holds records and not ``force``."""
    target = sqlite_file(db)
    source = Path(backup_file)
    _check_backup(source)
    if target.exists() and target.resolve() == source.resolve():
        raise InvalidValue(f"{source} is the database itself", field="PATH")
    try:
        full = holds_records(target)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the database to restore over: {exc}", source=str(target)) from exc
    if full and not force:
        raise NotEmpty("the database holds records: restore into a new file, or pass --force to replace them",
                       source=str(target))
    try:
        with closing(_read_only(source)) as src, closing(_connect(target)) as dst:
            src.backup(dst)
            articles = _articles(dst)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot restore {source}: {exc}", source=str(target)) from exc
    open_store(db).close()  # a backup of an older milcoop is migrated to this one's schema
    return Copied(target, articles, target.stat().st_size)
