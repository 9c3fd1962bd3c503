"""Opening the database: URL resolution, engine setup, migrations on open.

Every open runs ``alembic upgrade head``, so a database file is always at
the schema this code expects, and an old file is upgraded in place. SQLite
needs these fixes to behave like PostgreSQL, applied on each connection:
foreign keys on, a Unicode-aware ``lower()`` (SQLite's folds ASCII only, so
case-insensitive search in Cyrillic would fail), real transactions
(pysqlite otherwise commits DDL implicitly and never BEGINs before SELECT),
and room for concurrent use: write-ahead logging (readers and the one writer
no longer block each other, so the server keeps answering while an ingest
writes) and a busy timeout (a second writer waits for the lock instead of
failing at once with "database is locked").
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from milcoop.errors import StoreError

if TYPE_CHECKING:
    from milcoop.store.repository import Store

MIGRATIONS = Path(__file__).with_name("migrations")
ENV_VAR = "MILCOOP_DB"
DEFAULT_DB = "milcoop.db"
WRITE = "milcoop_write"  # execution option: take SQLite's write lock at BEGIN
# How long a SQLite writer waits for another's lock before the retry of milcoop.store.retry:
# far longer than any one write transaction (a batch of ingested articles takes well under 1 s).
BUSY_TIMEOUT_MS = 30_000


def resolve_db_url(db: str | os.PathLike[str] | None = None) -> str:
    """Turn the user's ``--db`` value into a SQLAlchemy URL.

    ``None`` falls back to ``$MILCOOP_DB``, then ``./milcoop.db``. A value
    containing ``://`` is a URL and kept as is; ``:memory:`` is an in-memory
    SQLite database; anything else is a file path, made absolute so the
    store does not move when the working directory changes.
    """
    if db is None:
        db = os.environ.get(ENV_VAR) or DEFAULT_DB
    db = os.fspath(db)
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(db).expanduser().absolute())


def _is_memory(url) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the SQLite fixes of this module's docstring.

    In-memory SQLite uses one shared connection (``StaticPool``): each new
    connection would otherwise see a new, empty database.
    """
    parsed = make_url(url)
    kwargs: dict = {}
    if _is_memory(parsed):
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(parsed, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    # WAL persists in the file; an in-memory database has no journal to switch.
    if dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
        dbapi_connection.execute("PRAGMA journal_mode = WAL")


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: two writers queue on the busy
    # timeout instead of one failing when it upgrades a read lock.
    immediate = connection.get_execution_options().get(WRITE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _pragma(connection: Connection, statement: str) -> None:
    # On the DBAPI connection, outside any transaction: SQLite ignores
    # PRAGMA foreign_keys inside one.
    connection.connection.dbapi_connection.execute(statement)


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, fit for running migrations.

    On SQLite, foreign keys are off meanwhile (batch migrations drop and
    recreate tables, and with them on a DROP would cascade-delete children)
    and checked once before commit.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _pragma(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.execution_options(**{WRITE: True}).begin():
                yield connection
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("migration left rows with dangling foreign keys; rolled back")
        finally:
            if sqlite:
                _pragma(connection, "PRAGMA foreign_keys = ON")


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database of ``engine`` to ``revision`` in one transaction."""
    config = alembic_config()
    if revision == "head":
        # Already current: open without taking the write lock other processes may need.
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
        if current == set(ScriptDirectory.from_config(config).get_heads()):
            return
    with migrating(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


def _reason(exc: Exception) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at ``db``.

    Raises ``StoreError`` naming the database and the reason when it cannot
    be opened: a missing directory, a file that is not a database, an
    unknown driver, or a schema newer than this version of milcoop.
    """
    from milcoop.store.repository import Store  # noqa: F811 - repository imports this module

    url = resolve_db_url(db)
    try:
        engine = make_engine(url)
    except Exception as exc:
        raise StoreError(f"cannot open database {_shown(url)}: {_reason(exc)}") from exc
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot open database {_shown(url)}: {_reason(exc)}") from exc
    return Store(engine)
