"""Which database errors are worth a retry, and the retry policy for write transactions.

Several writers share one database: an ingest, analysts' review writes, the
server's sign-ins. On SQLite they queue on the write lock (``BEGIN
IMMEDIATE`` and a busy timeout, ``milcoop.store.db``) and only give up after
the timeout; on PostgreSQL two transactions can deadlock or fail to
serialise, and two ingests can insert the same article at once. Each of
those is transient: the whole transaction is run again, from the start, in
a new one, after a short random wait (so two retrying writers do not
collide again).
"""
from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

ATTEMPTS = 8            # about 20 s of waiting at most, on top of SQLite's busy timeout
FIRST_WAIT = 0.05       # seconds; doubles each attempt, random up to that, at most MAX_WAIT
MAX_WAIT = 5.0
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available
PG_TRANSIENT = {"40001", "40P01", "55P03"}
SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")


def locked(exc: BaseException) -> bool:
    """The database refused for now because another writer holds a lock."""
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in PG_TRANSIENT:
        return True
    return isinstance(exc, OperationalError) and any(s in str(exc.orig).lower() for s in SQLITE_BUSY)


def inserted_first(exc: BaseException) -> bool:
    """A unique key another writer inserted between our check and our insert (other integrity errors are bugs)."""
    if not isinstance(exc, IntegrityError):
        return False
    return getattr(exc.orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(exc.orig)


def transient(exc: BaseException) -> bool:
    """Worth running the transaction again: a lock, or a row another writer inserted first."""
    return locked(exc) or inserted_first(exc)


def retrying(attempts: int | None = None) -> Retrying:
    """``for attempt in retrying(): with attempt: ...``; the last failure is re-raised as it was."""
    return Retrying(retry=retry_if_exception(transient), stop=stop_after_attempt(attempts or ATTEMPTS),
                    wait=wait_random_exponential(multiplier=FIRST_WAIT, max=MAX_WAIT), reraise=True)
