"""Alembic environment, configured from code rather than an alembic.ini.

``milcoop.store.db.upgrade`` passes its open connection in
``config.attributes["connection"]`` so that migrations run inside the
caller's transaction (and on the same in-memory SQLite database). Without
one, the URL comes from the ``sqlalchemy.url`` option or ``MILCOOP_DB``.

To write the next migration, autogenerate a draft against a database at
head and edit it by hand::

    from alembic import command
    from milcoop.store.db import alembic_config
    cfg = alembic_config("sqlite:///scratch.db")
    command.upgrade(cfg, "head")
    command.revision(cfg, "what changed", autogenerate=True, rev_id="0002")
"""
from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from milcoop.store.db import make_engine, migrating, resolve_db_url
from milcoop.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or resolve_db_url(None)


def _configure(**kwargs) -> None:
    # SQLite cannot ALTER most things in place; batch mode copies the table.
    sqlite = kwargs.pop("sqlite")
    context.configure(target_metadata=target_metadata, render_as_batch=sqlite,
                      compare_type=True, **kwargs)


def run_offline() -> None:
    url = _url()
    _configure(url=url, literal_binds=True, sqlite=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection, sqlite=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with migrating(engine) as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
