"""What fetching remembers between runs, in ``BRIEFS_DATA_DIR/fetch.sqlite3``.

- ``responses``: for feeds, sitemaps and robots.txt, the last body with its ``ETag`` and
  ``Last-Modified``, so the next request is conditional and an unchanged feed costs one 304
  (its entries are read from the stored body).
- ``pages``: each article page fetched, as the record the nightly job made of it (extracted
  text, title, date), so a rerun after a crash fetches nothing it fetched before.

This is durable state, not a cache: nothing evicts it but ``prune`` (rows unused for
``KEEP_DAYS``). Losing it costs full downloads, never wrong results.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEEP_DAYS = 30
FILE_NAME = "fetch.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, content_type TEXT, charset TEXT,
    final_url TEXT, body BLOB NOT NULL, used_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, record TEXT NOT NULL, used_at REAL NOT NULL);
"""


@dataclass(frozen=True)
class StoredResponse:
    etag: str | None
    last_modified: str | None
    content_type: str
    charset: str | None
    final_url: str
    body: bytes

    def validators(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class FetchState:
    """Thread-safe (one connection per thread); several processes may share the file (WAL)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        with self._connection() as db:
            db.executescript(_SCHEMA)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> "FetchState":
        return cls(data_dir / FILE_NAME)

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            self._local.db = db
            with self._all_lock:
                self._all.append(db)
        return db

    def response(self, url: str) -> StoredResponse | None:
        row = self._connection().execute(
            "SELECT etag, last_modified, content_type, charset, final_url, body FROM responses WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        self._touch("responses", url)
        return StoredResponse(row[0], row[1], row[2] or "", row[3], row[4] or url, bytes(row[5]))

    def save_response(self, url: str, stored: StoredResponse) -> None:
        self._connection().execute(
            "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (url, stored.etag, stored.last_modified, stored.content_type, stored.charset, stored.final_url,
             stored.body, time.time()),
        )

    def page(self, url: str) -> dict[str, Any] | None:
        row = self._connection().execute("SELECT record FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        self._touch("pages", url)
        return json.loads(row[0])

    def save_page(self, url: str, record: dict[str, Any]) -> None:
        self._connection().execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", (url, json.dumps(record, ensure_ascii=False), time.time())
        )

    def _touch(self, table: str, url: str) -> None:
        self._connection().execute(f"UPDATE {table} SET used_at = ? WHERE url = ?", (time.time(), url))

    def prune(self, keep_days: float = KEEP_DAYS) -> int:
        cutoff = time.time() - keep_days * 86400
        db = self._connection()
        return sum(db.execute(f"DELETE FROM {t} WHERE used_at < ?", (cutoff,)).rowcount for t in ("responses", "pages"))

    def close(self) -> None:
        """Close every thread's connection (call when no thread uses the state any more)."""
        with self._all_lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()
