"""Opening the store: URL resolution, migrations on open, errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from milcoop.errors import StoreError
from milcoop.store import open_store, resolve_db_url
from milcoop.store.db import alembic_config, migrating
from milcoop.store.models import Base

TABLES = {"articles", "sources", "extractions", "events", "participants", "documents", "exercises",
          "event_types", "event_countries", "event_areas", "evidence", "occasions", "persons", "person_names",
          "users", "sessions", "corrections", "review_states", "audit_log", "occasion_overrides",
          "person_overrides", "store_revision", "occasion_facts", "occasion_keys"}


def _ddl(engine) -> dict[str, str]:
    with engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'alembic_version'")
        return {name: ddl for name, ddl in found}


@pytest.mark.parametrize("where", ["file", "memory"])
def test_migrations_create_every_table(tmp_path, where):
    db = tmp_path / "m.db" if where == "file" else ":memory:"
    with open_store(db) as store:
        names = set(inspect(store.engine).get_table_names())
        with store.engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    assert names == TABLES | {"alembic_version"}
    assert version == ["0007"]
    if where == "file":
        assert Path(db).exists()


def test_migrations_have_one_head():
    """Branches merged with migrations of one number would leave two heads: open_store could not upgrade."""
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == ["0007"]


def test_migrations_match_models_exactly(store):
    """The hand-written migration and the models describe the same schema."""
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    # Tables no later migration altered keep the exact DDL of the models; SQLite batch
    # migrations (0002 on events, 0003 and 0006 on participants, 0006 on persons) rewrite a
    # table's DDL text, so those compare by the diff above.
    reference = create_engine("sqlite://")
    Base.metadata.create_all(reference)
    mine, theirs = _ddl(store.engine), _ddl(reference)
    rebuilt = {"events", "participants", "persons"}
    assert {k: v for k, v in mine.items() if k not in rebuilt} == \
        {k: v for k, v in theirs.items() if k not in rebuilt}


def test_open_store_twice_on_one_file(tmp_path, articles):
    db = tmp_path / "twice.db"
    article = articles["seed0"]
    with open_store(db) as store:
        store.add_article(article, "a.txt")
    with open_store(str(db)) as store:
        assert store.article_ids() == [article.id]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == ["0007"]


def test_downgrade_to_base_and_back(tmp_path):
    url = resolve_db_url(tmp_path / "down.db")
    with open_store(url) as store:
        config = alembic_config()
        with migrating(store.engine) as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
    with open_store(url) as store:
        assert TABLES <= set(inspect(store.engine).get_table_names())


def test_foreign_keys_are_enforced(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize("given, expected", [
    ("postgresql+psycopg://u:p@host/milcoop", "postgresql+psycopg://u:p@host/milcoop"),
    ("sqlite:///relative.db", "sqlite:///relative.db"),
    (":memory:", "sqlite://"),
    ("/data/milcoop.db", "sqlite:////data/milcoop.db"),
])
def test_resolve_db_url(given, expected):
    assert resolve_db_url(given) == expected


def test_resolve_db_url_relative_path_is_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url("x/y.db") == f"sqlite:///{tmp_path}/x/y.db"
    assert resolve_db_url(Path("y.db")) == f"sqlite:///{tmp_path}/y.db"


@pytest.mark.parametrize("env, expected", [(None, "milcoop.db"), ("env.db", "env.db")])
def test_resolve_db_url_default(tmp_path, monkeypatch, env, expected):
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv("MILCOOP_DB", raising=False)
    else:
        monkeypatch.setenv("MILCOOP_DB", env)
    assert resolve_db_url(None) == f"sqlite:///{tmp_path}/{expected}"


@pytest.mark.parametrize("case", ["missing_dir", "not_a_database", "unknown_driver"])
def test_open_store_errors_are_store_errors(tmp_path, case):
    if case == "missing_dir":
        db, reason = tmp_path / "no" / "such" / "dir.db", "unable to open"
    elif case == "not_a_database":
        db, reason = tmp_path / "notes.db", "not a database"
        db.write_text("these are notes, not a database\n" * 100)
    else:
        db, reason = "nosuchdriver://host/db", "nosuchdriver"
    with pytest.raises(StoreError) as info:
        open_store(db)
    assert info.value.code == "E020"
    assert reason in str(info.value)
    assert str(db) in str(info.value)


def test_open_store_hides_passwords():
    with pytest.raises(StoreError) as info:
        open_store("nosuchdriver://user:secret@host/db")
    assert "secret" not in str(info.value)


def test_read_only_file_at_head_opens(tmp_path, articles):
    db = tmp_path / "ro.db"
    with open_store(db) as store:
        store.add_article(articles["seed1"], "seed1.txt")
    db.chmod(0o444)
    try:
        with open_store(f"sqlite:///file:{db}?mode=ro&uri=true") as store:
            assert store.has_article(articles["seed1"].id)
    finally:
        db.chmod(0o644)
