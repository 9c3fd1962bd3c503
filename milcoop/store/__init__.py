"""The event store: SQLAlchemy models, Alembic migrations and queries.

``open_store(db)`` opens (and migrates) a database given as a file path, a
SQLAlchemy URL or ``None`` (``$MILCOOP_DB`` or ``./milcoop.db``).
"""
from milcoop.store.db import open_store, resolve_db_url
from milcoop.store.repository import Store
from milcoop.store.views import ArticleRef, EventDetail, EventRow, EvidenceSpan

__all__ = ["open_store", "resolve_db_url", "Store", "EventRow", "EventDetail", "ArticleRef", "EvidenceSpan"]
