"""Analyst review: users, sessions, corrections, review states, audit log, overrides.

None of these tables is written by machine extraction; ``Store.save_extraction``
only reads the two override tables to re-file what it recreates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: Union[str, None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

STAMP = sa.DateTime(timezone=True)
OID = sa.String(32)


def _user_fk(table: str, nullable: bool = True, ondelete: str = "SET NULL") -> sa.Column:
    return sa.Column("user_id", sa.Integer(), sa.ForeignKey(
        "users.id", name=op.f(f"fk_{table}_user_id_users"), ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "sessions",
        sa.Column("token", sa.String(64), nullable=False),
        _user_fk("sessions", nullable=False, ondelete="CASCADE"),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_sessions")),
    )
    op.create_index(op.f("ix_sessions_user_id"), "sessions", ["user_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", OID, nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        _user_fk("corrections"),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
        sa.CheckConstraint("target_kind IN ('occasion', 'person')", name=op.f("ck_corrections_target_kind")),
    )
    op.create_index(op.f("ix_corrections_target_id"), "corrections", ["target_id"])
    op.create_table(
        "review_states",
        sa.Column("target_id", OID, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _user_fk("review_states"),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("target_id", name=op.f("pk_review_states")),
        sa.CheckConstraint("state IN ('confirmed', 'rejected')", name=op.f("ck_review_states_state")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", OID, nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_target_id"), "audit_log", ["target_id"])
    op.create_table(
        "occasion_overrides",
        sa.Column("event_id", OID, nullable=False),
        sa.Column("occasion_id", OID, nullable=False),
        _user_fk("occasion_overrides"),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_occasion_overrides")),
    )
    op.create_index(op.f("ix_occasion_overrides_occasion_id"), "occasion_overrides", ["occasion_id"])
    op.create_table(
        "person_overrides",
        sa.Column("participant_key", sa.String(48), nullable=False),
        sa.Column("person_id", OID, nullable=False),
        _user_fk("person_overrides"),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("participant_key", name=op.f("pk_person_overrides")),
    )
    op.create_index(op.f("ix_person_overrides_person_id"), "person_overrides", ["person_id"])


def downgrade() -> None:
    for table in ("person_overrides", "occasion_overrides", "audit_log", "review_states",
                  "corrections", "sessions", "users"):
        op.drop_table(table)
