"""Small SQL helpers shared by the editorial stores: time, upserts on either dialect, chunking."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator, Sequence, TypeVar

from sqlalchemy import Connection, Insert, Table
from sqlalchemy.dialects import postgresql, sqlite

T = TypeVar("T")
CHUNK = 500  # values per IN (...) list or multi-row insert: well under SQLite's variable limit


def now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """In UTC (SQLite hands back naive datetimes: they were written in UTC; PostgreSQL answers in
    the session's time zone)."""
    if value is None:
        return None
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def iso(value: datetime | None) -> str | None:
    value = as_utc(value)
    return value.isoformat().replace("+00:00", "Z") if value else None


def insert(connection: Connection, table: Table) -> Insert:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` / ``on_conflict_do_update``."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
