"""Occasion blocking: each event's facts and blocking keys, so filing a new report reads a bounded set.

Existing events get theirs here (``milcoop.store.occasions.backfill``); their
occasions are kept as they are.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    from milcoop.store.occasions import backfill

    op.create_table(
        "occasion_facts",
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_occasion_facts_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_occasion_facts")),
    )
    op.create_table(
        "occasion_keys",
        sa.Column("key", sa.String(96), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_occasion_keys_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "event_id", name=op.f("pk_occasion_keys")),
    )
    op.create_index(op.f("ix_occasion_keys_event_id"), "occasion_keys", ["event_id"])
    if not op.get_context().as_sql:  # rendering SQL offline: there are no rows to read
        backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index(op.f("ix_occasion_keys_event_id"), table_name="occasion_keys")
    op.drop_table("occasion_keys")
    op.drop_table("occasion_facts")
