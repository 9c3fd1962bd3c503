"""Occasions: reports of one occasion grouped under one stable id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "occasions",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_occasions")),
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("preparatory", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("occasion_id", sa.String(32), nullable=True))
        batch.create_index(batch.f("ix_events_occasion_id"), ["occasion_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index(batch.f("ix_events_occasion_id"))
        batch.drop_column("occasion_id")
        batch.drop_column("preparatory")
    op.drop_table("occasions")
