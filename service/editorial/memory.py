"""The sentence translation memory: one machine translation per (model, sentence).

The pipeline looks every single-sentence translation up before generating and stores what it
generated afterwards (``BriefPipeline``), so a re-posted article generates only its new sentences
and agency copy carried by several outlets is translated once. A model is ``model_id@revision``:
another model, or another revision of it, never sees this one's translations. Editors'
corrections are not kept here (``corrections.py``): they apply on top, for every model.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator, Sequence

from prometheus_client import Counter
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from service.editorial.normalize import sentence_hash
from service.editorial.schema import translation_memory as tm
from service.editorial.sql import as_utc, chunks, insert, now

LOOKUPS = Counter("briefs_memory_lookups_total", "Sentence translation memory look-ups by outcome (hit, miss, error)", ["outcome"])
STORED = Counter("briefs_memory_stored_total", "Sentence translations added to the translation memory")
ORIGINS = ("model", "retry", "import")


def model_key(model_id: str, revision: str | None) -> str:
    return f"{model_id}@{revision or ''}"


@dataclass(frozen=True)
class MemoryEntry:
    source: str
    translation: str
    model: str
    origin: str = "model"
    created_at: datetime | None = None


class TranslationMemory:
    def __init__(self, engine: Engine):
        self.engine = engine

    def lookup(self, model: str, sentences: Sequence[str]) -> dict[str, str]:
        """``{sentence: translation}`` for the sentences the memory has for ``model``."""
        by_hash: dict[str, list[str]] = {}
        for sentence in sentences:
            by_hash.setdefault(sentence_hash(sentence), []).append(sentence)
        found: dict[str, str] = {}
        try:
            with self.engine.connect() as connection:
                for hashes in chunks(list(by_hash)):
                    rows = connection.execute(
                        select(tm.c.sentence_hash, tm.c.translation).where(tm.c.model == model, tm.c.sentence_hash.in_(hashes))
                    )
                    for digest, translation in rows:
                        for sentence in by_hash[digest]:
                            found[sentence] = translation
        except SQLAlchemyError:
            LOOKUPS.labels("error").inc(len(sentences))
            raise
        hits = sum(1 for s in sentences if s in found)
        LOOKUPS.labels("hit").inc(hits)
        LOOKUPS.labels("miss").inc(len(sentences) - hits)
        return found

    def store(self, entries: Iterable[MemoryEntry], *, replace: bool = False) -> int:
        """Add entries (one per model and sentence: the first one stays unless ``replace``)."""
        rows = {}
        for entry in entries:
            if entry.source.strip() and entry.translation.strip():
                rows[(entry.model, sentence_hash(entry.source))] = {
                    "model": entry.model, "sentence_hash": sentence_hash(entry.source), "source": entry.source,
                    "translation": entry.translation, "origin": entry.origin,
                    "created_at": entry.created_at or now(),
                }
        if not rows:
            return 0
        with self.engine.begin() as connection:
            for batch in chunks(list(rows.values())):
                statement = insert(connection, tm).values(list(batch))
                keys = [tm.c.model, tm.c.sentence_hash]
                if replace:
                    excluded = statement.excluded
                    statement = statement.on_conflict_do_update(
                        index_elements=keys,
                        set_={"translation": excluded.translation, "origin": excluded.origin, "source": excluded.source,
                              "created_at": excluded.created_at},
                    )
                else:
                    statement = statement.on_conflict_do_nothing(index_elements=keys)
                connection.execute(statement)
        STORED.inc(len(rows))
        return len(rows)

    def count(self, model: str | None = None) -> int:
        query = select(func.count()).select_from(tm)
        if model is not None:
            query = query.where(tm.c.model == model)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def entries(self, model: str | None = None) -> Iterator[MemoryEntry]:
        query = select(tm.c.source, tm.c.translation, tm.c.model, tm.c.origin, tm.c.created_at).order_by(tm.c.id)
        if model is not None:
            query = query.where(tm.c.model == model)
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=1000).execute(query):
                yield MemoryEntry(row.source, row.translation, row.model, row.origin, as_utc(row.created_at))
