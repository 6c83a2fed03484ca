"""The newsroom glossary in the editorial database: read often, replaced whole.

Every process keeps the terms it read with the glossary's ``version`` (a row of
``editorial_state`` bumped in the same transaction as a replacement), and re-reads them only when
the version moved: one tiny query per brief served, never a stale glossary on any host.

``BRIEFS_GLOSSARY`` names a file (CSV or TBX) that replaces the glossary at start whenever the
file's content changed since it was last loaded (its hash is kept too), so editing the file and
restarting applies it, while a glossary replaced over the API stays until the file changes.
"""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from pathlib import Path
from typing import Sequence

from sqlalchemy import Connection, Engine, delete, select

from service.editorial.db import write
from service.editorial.schema import editorial_state as state
from service.editorial.schema import glossary_terms as table
from service.editorial.sql import chunks, insert, iso, now
from service.quality.terms import GlossaryTerm, TermIndex

log = logging.getLogger(__name__)
VERSION = "glossary_version"
FILE_HASH = "glossary_file_sha256"


def _get(connection: Connection, name: str) -> str | None:
    return connection.execute(select(state.c.value).where(state.c.name == name)).scalar_one_or_none()


def _put(connection: Connection, name: str, value: str) -> None:
    statement = insert(connection, state).values(name=name, value=value)
    connection.execute(statement.on_conflict_do_update(index_elements=[state.c.name], set_={"value": value}))


class Glossary:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()
        self._cached: tuple[str | None, list[GlossaryTerm], TermIndex] = ("unread", [], TermIndex([]))

    def version(self) -> dict[str, str | int | None]:
        """``{"version": n, "updated_at": ..., "updated_by": ...}`` (version 0: never set)."""
        with self.engine.connect() as connection:
            raw = _get(connection, VERSION)
        return json.loads(raw) if raw else {"version": 0, "updated_at": None, "updated_by": None}

    def current(self) -> tuple[list[GlossaryTerm], TermIndex]:
        """The terms and their index, re-read only when another process replaced them."""
        with self.engine.connect() as connection:
            raw = _get(connection, VERSION)
            if raw == self._cached[0]:
                return self._cached[1], self._cached[2]
            rows = connection.execute(select(table.c.hindi, table.c.english, table.c.note).order_by(table.c.position)).all()
        terms = [GlossaryTerm(r.hindi, r.english, r.note) for r in rows]
        with self._lock:
            self._cached = (raw, terms, TermIndex(terms))
        return terms, self._cached[2]

    def replace(self, terms: Sequence[GlossaryTerm], *, by: str | None = None, file_hash: str | None = None) -> dict:
        with write(self.engine) as connection:
            previous = _get(connection, VERSION)
            number = (json.loads(previous)["version"] if previous else 0) + 1
            connection.execute(delete(table))
            rows = [{"hindi": t.hindi, "english": t.english, "note": t.note, "position": i} for i, t in enumerate(terms)]
            for batch in chunks(rows):
                connection.execute(table.insert(), list(batch))
            version = {"version": number, "updated_at": iso(now()), "updated_by": by}
            _put(connection, VERSION, json.dumps(version))
            if file_hash:
                _put(connection, FILE_HASH, file_hash)
        return version

    def load_file_if_changed(self, path: Path) -> bool:
        """Replace the glossary with ``path`` if its content differs from the file loaded last."""
        from service.editorial.formats import read_glossary

        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        with self.engine.connect() as connection:
            if _get(connection, FILE_HASH) == digest:
                return False
        terms = read_glossary(data, path.suffix.lstrip(".") or "csv")
        self.replace(terms, by=f"file:{path.name}", file_hash=digest)
        log.info("glossary: %d terms loaded from %s", len(terms), path)
        return True
