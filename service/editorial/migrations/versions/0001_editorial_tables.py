"""Editorial tables: translation memory, corrections with history, glossary, state.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "translation_memory",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("model", sa.String(512), nullable=False),
        sa.Column("sentence_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("translation", sa.Text, nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("model", "sentence_hash", name="uq_translation_memory_model_sentence"),
    )
    op.create_table(
        "corrections",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("sentence_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("translation", sa.Text, nullable=False),
        sa.Column("replaced", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sa.String(64), nullable=True),
        sa.Column("superseded_by", sa.BigInteger, nullable=True),
    )
    op.create_index(
        "uq_corrections_active_sentence", "corrections", ["sentence_hash"], unique=True,
        sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"),
    )
    op.create_index("ix_corrections_created_at", "corrections", ["created_at"])
    op.create_table(
        "glossary_terms",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("hindi", sa.Text, nullable=False),
        sa.Column("english", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "editorial_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("editorial_state")
    op.drop_table("glossary_terms")
    op.drop_index("ix_corrections_created_at", table_name="corrections")
    op.drop_index("uq_corrections_active_sentence", table_name="corrections")
    op.drop_table("corrections")
    op.drop_table("translation_memory")
