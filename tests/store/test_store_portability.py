"""PostgreSQL readiness, checked without a server: migration SQL and query SQL render."""
from __future__ import annotations

import io

import pytest
from alembic import command
from sqlalchemy.dialects import postgresql

from milcoop.store.db import alembic_config
from milcoop.store.models import Base
from milcoop.store.repository import events_query


def test_migrations_render_for_postgresql():
    config = alembic_config("postgresql://milcoop@localhost/milcoop")
    config.output_buffer = io.StringIO()
    command.upgrade(config, "head", sql=True)
    ddl = config.output_buffer.getvalue()
    for table in Base.metadata.tables:
        assert f"CREATE TABLE {table} (" in ddl
    assert "TIMESTAMP WITH TIME ZONE" in ddl and "JSON NOT NULL" in ddl
    assert "PRAGMA" not in ddl and "AUTOINCREMENT" not in ddl


@pytest.mark.parametrize("filters", [
    {},
    {"country": "KZ", "partner": "AZ", "type": "visit", "date_from": "2011", "date_to": "2012-07-10",
     "text": "Хренин", "limit": 10},
])
def test_events_query_compiles_for_postgresql(filters):
    sql = str(events_query(**filters).compile(dialect=postgresql.dialect()))
    assert "ORDER BY events.date IS NULL, events.date DESC, events.id" in sql
    if filters:
        assert "ILIKE" in sql and "event_countries" in sql and "event_types" in sql
