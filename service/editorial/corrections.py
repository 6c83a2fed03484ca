"""Editors' corrections: their translation of a sentence, used verbatim wherever the sentence appears.

At most one correction per sentence is ``active`` (a partial unique index); posting another one for
the same sentence supersedes it, reverting one (``DELETE``) ends it, and neither deletes a row: the
history says who wrote each translation, when, what it replaced, and who ended it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Iterator

import uuid

from sqlalchemy import Connection, Engine, Row, exc, func, or_, select, update

from service.editorial.db import DatabaseFileChanged, write
from service.editorial.normalize import normalize_sentence, sentence_hash
from service.editorial.schema import corrections as table
from service.editorial.schema import editorial_state as state
from service.editorial.sql import as_utc, chunks, insert, iso, now

STATUSES = ("active", "reverted", "superseded")
ADD_ATTEMPTS = 3  # two editors correcting one sentence at once: the loser retries on the new state
VERSION = "corrections_version"  # editorial_state row: a new token whenever the active set changes


def bump_version(connection: Connection) -> None:
    """A new ``corrections_version`` token, in the transaction that changes the active corrections:
    readers that keep a copy of them (``overlay.py``, per worker) read again when it moved."""
    statement = insert(connection, state).values(name=VERSION, value=uuid.uuid4().hex)
    connection.execute(statement.on_conflict_do_update(index_elements=[state.c.name], set_={"value": statement.excluded.value}))


@dataclass(frozen=True)
class Correction:
    id: int
    source: str
    translation: str
    replaced: str | None
    status: str
    created_at: datetime
    created_by: str | None
    ended_at: datetime | None = None
    ended_by: str | None = None
    superseded_by: int | None = None

    @classmethod
    def from_row(cls, row: Row) -> "Correction":
        return cls(
            row.id, row.source, row.translation, row.replaced, row.status, as_utc(row.created_at), row.created_by,
            as_utc(row.ended_at), row.ended_by, row.superseded_by,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "source": self.source, "translation": self.translation, "replaced": self.replaced,
            "status": self.status, "created_at": iso(self.created_at), "created_by": self.created_by,
            "ended_at": iso(self.ended_at), "ended_by": self.ended_by, "superseded_by": self.superseded_by,
        }


class Corrections:
    def __init__(self, engine: Engine):
        self.engine = engine

    def add(self, source: str, translation: str, *, replaced: str | None = None, by: str | None = None) -> Correction:
        """Store a correction (validated already) and supersede the sentence's active one, atomically."""
        digest = sentence_hash(source)
        for attempt in range(ADD_ATTEMPTS):
            try:
                with write(self.engine) as connection:
                    at = now()
                    previous = connection.execute(  # write first: no read lock to upgrade (SQLite)
                        update(table).where(table.c.sentence_hash == digest, table.c.status == "active")
                        .values(status="superseded", ended_at=at, ended_by=by)
                        .returning(table.c.id, table.c.translation)
                    ).all()
                    new_id = connection.execute(
                        table.insert().values(
                            sentence_hash=digest, source=source, translation=translation,
                            replaced=replaced if replaced is not None else (previous[0].translation if previous else None),
                            status="active", created_at=at, created_by=by,
                        ).returning(table.c.id)
                    ).scalar_one()
                    if previous:
                        connection.execute(
                            update(table).where(table.c.id.in_([p.id for p in previous])).values(superseded_by=new_id)
                        )
                    bump_version(connection)
                break
            except exc.IntegrityError:
                if attempt == ADD_ATTEMPTS - 1:
                    raise
        found = self.get(new_id)
        if found is None:  # another file took the committed one's place between the commit and this read
            raise DatabaseFileChanged(f"correction {new_id} is not in the database the service reads")
        return found

    def get(self, correction_id: int) -> Correction | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.id == correction_id)).first()
        return Correction.from_row(row) if row else None

    def revert(self, correction_id: int, *, by: str | None = None) -> Correction | None:
        """End an active correction (the sentence goes back to the model's translation). None if unknown;
        a correction already ended is returned as it is."""
        with write(self.engine) as connection:
            connection.execute(
                update(table).where(table.c.id == correction_id, table.c.status == "active")
                .values(status="reverted", ended_at=now(), ended_by=by)
            )
            bump_version(connection)
        return self.get(correction_id)

    def search(self, *, text: str | None = None, status: str | None = "active", limit: int = 50, offset: int = 0) -> tuple[list[Correction], int]:
        """Newest first; ``text`` matches the source (after normalisation) or the translation, any case."""
        query = select(table)
        if status:
            query = query.where(table.c.status == status)
        if text:
            query = query.where(or_(
                table.c.source.contains(text, autoescape=True),
                table.c.source.contains(normalize_sentence(text), autoescape=True),
                func.lower(table.c.translation).contains(text.lower(), autoescape=True),
                func.lower(table.c.replaced).contains(text.lower(), autoescape=True),
            ))
        with self.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            rows = connection.execute(query.order_by(table.c.id.desc()).limit(limit).offset(offset)).all()
        return [Correction.from_row(r) for r in rows], int(total)

    def active_for(self, sentences: Iterable[str]) -> dict[str, Correction]:
        """``{sentence: its active correction}`` for those of ``sentences`` that have one."""
        by_hash: dict[str, list[str]] = {}
        for sentence in sentences:
            by_hash.setdefault(sentence_hash(sentence), []).append(sentence)
        found: dict[str, Correction] = {}
        if not by_hash:
            return found
        with self.engine.connect() as connection:
            for hashes in chunks(list(by_hash)):
                rows = connection.execute(
                    select(table).where(table.c.status == "active", table.c.sentence_hash.in_(hashes))
                )
                for row in rows:
                    for sentence in by_hash[row.sentence_hash]:
                        found[sentence] = Correction.from_row(row)
        return found

    def active(self) -> Iterator[Correction]:
        with self.engine.connect() as connection:
            for row in connection.execute(select(table).where(table.c.status == "active").order_by(table.c.id)):
                yield Correction.from_row(row)
