"""Officials: the reference id on participants (as extracted) and on persons (as resolved).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("official_id", sa.String(64), nullable=True))
    with op.batch_alter_table("persons") as batch:
        batch.add_column(sa.Column("official_id", sa.String(64), nullable=True))
        batch.create_index(batch.f("ix_persons_official_id"), ["official_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        batch.drop_index(batch.f("ix_persons_official_id"))
        batch.drop_column("official_id")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("official_id")
