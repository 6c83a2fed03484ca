"""The editorial tables (SQLAlchemy Core). Alembic migrations create them; tests check that the
migrations and this metadata agree (``tests/editorial/test_migrations.py``).

* ``translation_memory``: a machine translation of one sentence per (model, sentence);
* ``corrections``: editors' translations of sentences; rows are never deleted (history): reverting
  or replacing one sets its ``status`` and who/when ended it;
* ``glossary_terms``: the newsroom's Hindi term -> English rendering list;
* ``editorial_state``: small named values (the glossary's version, the hash of the glossary file
  loaded last).

Sentences are keyed by ``sentence_hash`` (``normalize.py``), never by their text: a Devanagari
sentence can be longer than PostgreSQL's btree index entries allow.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table, Text, UniqueConstraint, text

metadata = MetaData()
# SQLite makes only an INTEGER PRIMARY KEY an auto-increment rowid; PostgreSQL gets a bigint identity.
Id = BigInteger().with_variant(Integer(), "sqlite")
HASH = String(64)

translation_memory = Table(
    "translation_memory",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("model", String(512), nullable=False, doc="model id@revision that made the translation"),
    Column("sentence_hash", HASH, nullable=False),
    Column("source", Text, nullable=False, doc="the sentence as first seen"),
    Column("translation", Text, nullable=False),
    Column("origin", String(32), nullable=False, doc="model | retry (guard's safer decoding) | import"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("model", "sentence_hash", name="uq_translation_memory_model_sentence"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("sentence_hash", HASH, nullable=False),
    Column("source", Text, nullable=False),
    Column("translation", Text, nullable=False),
    Column("replaced", Text, nullable=True, doc="the English the editor replaced (the bullet they saw)"),
    Column("status", String(16), nullable=False, doc="active | reverted | superseded"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=True, doc="API key id; null when keys are off"),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("ended_by", String(64), nullable=True),
    Column("superseded_by", BigInteger, nullable=True),
    Index(
        "uq_corrections_active_sentence", "sentence_hash", unique=True,
        sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'"),
    ),
    Index("ix_corrections_created_at", "created_at"),
)

glossary_terms = Table(
    "glossary_terms",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("hindi", Text, nullable=False),
    Column("english", Text, nullable=False),
    Column("note", Text, nullable=True),
    Column("position", Integer, nullable=False, doc="order in the glossary as given"),
)

editorial_state = Table(
    "editorial_state",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
