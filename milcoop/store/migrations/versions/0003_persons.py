"""Persons: canonical people with every spelling seen; participants point at them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_table(
        "person_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(32), sa.ForeignKey(
            "persons.id", name=op.f("fk_person_names_person_id_persons"), ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("surname_key", sa.String(64), nullable=False),
        sa.Column("given_key", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_names")),
        sa.UniqueConstraint("person_id", "name", name=op.f("uq_person_names_person_id_name")),
    )
    op.create_index(op.f("ix_person_names_person_id"), "person_names", ["person_id"])
    op.create_index(op.f("ix_person_names_surname_key"), "person_names", ["surname_key"])
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("person_id", sa.String(32), nullable=True))
        batch.create_index(batch.f("ix_participants_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_index(batch.f("ix_participants_person_id"))
        batch.drop_column("person_id")
    op.drop_index(op.f("ix_person_names_surname_key"), table_name="person_names")
    op.drop_index(op.f("ix_person_names_person_id"), table_name="person_names")
    op.drop_table("person_names")
    op.drop_table("persons")
