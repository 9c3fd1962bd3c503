"""Initial schema: articles, sources, extractions, events and their facts.

Written by hand to match ``milcoop.store.models`` exactly (a test compares
them with Alembic's autogenerate diff).

Revision ID: 0001
Revises:
Create Date: 2024-12-01
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ID = sa.String(128)
EVENT_ID = sa.String(32)
CODE = sa.String(64)
COUNTRY = sa.String(8)
DATE = sa.String(32)
STAMP = sa.DateTime(timezone=True)


def _event_fk(table: str) -> sa.Column:
    return sa.Column("event_id", EVENT_ID, sa.ForeignKey(
        "events.id", name=op.f(f"fk_{table}_event_id_events"), ondelete="CASCADE"), nullable=False)


def _article_fk(table: str, **kwargs) -> sa.Column:
    return sa.Column("article_id", ID, sa.ForeignKey(
        "articles.id", name=op.f(f"fk_{table}_article_id_articles"), ondelete="CASCADE"),
        nullable=False, **kwargs)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, nullable=False),
        sa.Column("external_id", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("lang", sa.String(16)),
        sa.Column("outlet", sa.Text()),
        sa.Column("dateline_city", sa.Text()),
        sa.Column("published", DATE),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    op.create_index(op.f("ix_articles_external_id"), "articles", ["external_id"])
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        _article_fk("sources"),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("ingested_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("article_id", "source", name=op.f("uq_sources_article_id_source")),
    )
    op.create_index(op.f("ix_sources_article_id"), "sources", ["article_id"])

    op.create_table(
        "extractions",
        _article_fk("extractions"),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("lang", sa.String(16)),
        sa.Column("extractor_version", CODE, nullable=False),
        sa.Column("extracted_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_extractions")),
    )

    op.create_table(
        "events",
        sa.Column("id", EVENT_ID, nullable=False),
        _article_fk("events"),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("types", sa.JSON(), nullable=False),
        sa.Column("date", DATE),
        sa.Column("city", sa.Text()),
        sa.Column("country", COUNTRY),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("orgs", sa.JSON(), nullable=False),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("article_id", "ordinal", name=op.f("uq_events_article_id_ordinal")),
    )
    op.create_index(op.f("ix_events_article_id"), "events", ["article_id"])
    op.create_index(op.f("ix_events_date"), "events", ["date"])

    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        _event_fk("participants"),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", COUNTRY),
        sa.Column("role", CODE),
        sa.Column("rank", CODE),
        sa.Column("surface", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
    )
    op.create_index(op.f("ix_participants_event_id"), "participants", ["event_id"])

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        _event_fk("documents"),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("type", CODE, nullable=False),
        sa.Column("period_start", sa.Integer()),
        sa.Column("period_end", sa.Integer()),
        sa.Column("status", CODE, nullable=False),
        sa.Column("title", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_event_id"), "documents", ["event_id"])

    op.create_table(
        "exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        _event_fk("exercises"),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercises")),
    )
    op.create_index(op.f("ix_exercises_event_id"), "exercises", ["event_id"])

    for table, column, size in (("event_types", "type", CODE),
                                ("event_countries", "country", COUNTRY),
                                ("event_areas", "area", CODE)):
        op.create_table(
            table,
            _event_fk(table),
            sa.Column(column, size, nullable=False),
            sa.PrimaryKeyConstraint("event_id", column, name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        _event_fk("evidence"),
        sa.Column("fact_kind", sa.String(16), nullable=False),
        sa.Column("fact_ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
        sa.CheckConstraint("fact_kind IN ('event', 'participant', 'document', 'exercise')",
                           name=op.f("ck_evidence_fact_kind")),
    )
    op.create_index(op.f("ix_evidence_event_id"), "evidence", ["event_id"])


def downgrade() -> None:
    for table in ("evidence", "event_areas", "event_countries", "event_types", "exercises",
                  "documents", "participants", "events", "extractions", "sources", "articles"):
        op.drop_table(table)
