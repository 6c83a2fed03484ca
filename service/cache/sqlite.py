"""The embedded cache backend: one SQLite file shared by every worker process on the host.

WAL mode lets readers run beside one writer; ``busy_timeout`` makes writers queue instead of
failing. Each thread opens its own connection (sqlite3 connections are not shared between
threads, and one inherited across ``fork`` is abandoned, never used). Entries carry ``expires_at``
(TTL) and ``accessed_at`` (LRU); every ``sweep_every`` writes a process drops expired entries and
the least recently used ones beyond ``max_entries``. Compute leases live in their own table, so
single flight holds across processes.

The file may be deleted or corrupted under a running service. Every operation checks that the
path still names the file its connection has open (deletion) and, when the file changed, that
its header is still SQLite's (overwritten in place: an open connection would otherwise go on
serving its page cache). A corrupt file is deleted and rebuilt by the first process to see it
(``sqlite_file``), and the operation is retried once.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable, TypeVar

from service.cache.base import LeaseTokens, Value
from service.cache.codec import decode, encode
from service.cache.sqlite_file import (
    REOPEN_CODES,
    FileId,
    error_code,
    file_identity,
    file_lock,
    has_sqlite_header,
    remove_files,
    stat_stamp,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires_at REAL,
    accessed_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_accessed_at ON entries (accessed_at);
CREATE INDEX IF NOT EXISTS entries_expires_at ON entries (expires_at);
CREATE TABLE IF NOT EXISTS leases (
    key TEXT PRIMARY KEY,
    token TEXT NOT NULL,
    expires_at REAL NOT NULL
);
"""

_UPSERT = """
INSERT INTO entries (key, value, expires_at, accessed_at) VALUES (?, ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET
    value = excluded.value, expires_at = excluded.expires_at, accessed_at = excluded.accessed_at
"""
_ADD = _UPSERT + " WHERE entries.expires_at IS NOT NULL AND entries.expires_at <= ?"
_CLAIM = """
INSERT INTO leases (key, token, expires_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
WHERE leases.expires_at <= ?
"""
_EVICT_LRU = """
DELETE FROM entries WHERE key IN (
    SELECT key FROM entries ORDER BY accessed_at DESC, rowid DESC LIMIT -1 OFFSET ?
)
"""

_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_UNWRITABLE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_IOERR}


class SQLiteCache:
    name = "sqlite"

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        max_entries: int = 50_000,
        default_ttl: int | None = None,
        sweep_every: int = 64,
        touch_interval: float = 10.0,
        busy_timeout: float = 2.0,
    ) -> None:
        """``touch_interval``: a hit rewrites ``accessed_at`` only when it is older than this many
        seconds, so that hot keys do not turn every read into a write."""
        self.path = Path(path)
        self.max_entries = max_entries
        self.default_ttl = default_ttl
        self.sweep_every = max(1, sweep_every)
        self.touch_interval = touch_interval
        self.busy_timeout = busy_timeout
        self._local = threading.local()
        self._writes = 0
        self._leases = LeaseTokens()

    def get(self, key: str) -> Value | None:
        def op(conn: sqlite3.Connection) -> Value | None:
            row = conn.execute(
                "SELECT value, expires_at, accessed_at FROM entries WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                return None
            raw, expires_at, accessed_at = row
            now = time.time()
            if expires_at is not None and expires_at <= now:
                return None
            if now - accessed_at >= self.touch_interval:
                self._touch(conn, key, now)
            return decode(raw)

        return self._run(op)

    @staticmethod
    def _touch(conn: sqlite3.Connection, key: str, now: float) -> None:
        """Best effort: a hit is served even when the file cannot be written (read-only, full, busy)."""
        try:
            conn.execute("UPDATE entries SET accessed_at = ? WHERE key = ?", (now, key))
        except sqlite3.OperationalError as exc:
            if error_code(exc) not in _UNWRITABLE:
                raise
            log.debug("SQLite cache %s: hit not recorded (%s)", key, exc)

    def set(self, key: str, value: Value, ttl: int | None = None) -> None:
        raw = encode(value)

        def op(conn: sqlite3.Connection) -> None:
            now = time.time()
            conn.execute(_UPSERT, (key, raw, self._expiry(now, ttl), now))
            self._after_write(conn)

        self._run(op)

    def add(self, key: str, value: Value, ttl: int | None = None) -> bool:
        raw = encode(value)

        def op(conn: sqlite3.Connection) -> bool:
            now = time.time()
            stored = conn.execute(_ADD, (key, raw, self._expiry(now, ttl), now, now)).rowcount == 1
            if stored:
                self._after_write(conn)
            return stored

        return self._run(op)

    def delete(self, key: str) -> None:
        self._run(lambda conn: conn.execute("DELETE FROM entries WHERE key = ?", (key,)))

    def claim(self, key: str, ttl: float) -> bool:
        token = self._leases.new()

        def op(conn: sqlite3.Connection) -> bool:
            now = time.time()
            return conn.execute(_CLAIM, (key, token, now + ttl, now)).rowcount == 1

        claimed = self._run(op)
        if claimed:
            self._leases.keep(key, token)
        return claimed

    def release(self, key: str) -> None:
        token = self._leases.take(key)
        if token is not None:
            self._run(
                lambda conn: conn.execute("DELETE FROM leases WHERE key = ? AND token = ?", (key, token))
            )

    def sweep(self) -> None:
        """Drop expired entries and leases, then the least recently used beyond ``max_entries``."""
        self._run(self._sweep)

    def __len__(self) -> int:
        return self._run(lambda conn: conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0])

    def _expiry(self, now: float, ttl: int | None) -> float | None:
        ttl = self.default_ttl if ttl is None else ttl
        return None if ttl is None else now + ttl

    def _after_write(self, conn: sqlite3.Connection) -> None:
        count, self._writes = self._writes, self._writes + 1
        if count % self.sweep_every == 0:
            self._sweep(conn)

    def _sweep(self, conn: sqlite3.Connection) -> None:
        now = time.time()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM entries WHERE expires_at <= ?", (now,))
            conn.execute(_EVICT_LRU, (self.max_entries,))
            conn.execute("DELETE FROM leases WHERE expires_at <= ?", (now,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _run(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``op`` on this thread's connection; after a deleted or corrupted file, rebuild and
        retry once. A connection opened while the file could not be written (a read-only disk)
        serves this one call and is closed: SQLite would keep it, and the process's shared memory
        with it, read-only after the disk is writable again."""
        conn, file_id = self._connection()
        try:
            return op(conn)
        except sqlite3.DatabaseError as exc:
            if not self._recoverable(exc):
                raise
            log.warning("SQLite cache %s failed (%s); reopening", self.path, exc)
            self._recover(conn, file_id, corrupt=error_code(exc) in _CORRUPT)
            conn, _ = self._connection()
            return op(conn)
        finally:
            if not getattr(self._local, "writable", True) and self._local.conn is not None:
                self._local.conn.close()
                self._local.conn = None

    def _connection(self) -> tuple[sqlite3.Connection, FileId]:
        state = self._local
        conn: sqlite3.Connection | None = getattr(state, "conn", None)
        if conn is not None and state.pid == os.getpid():
            health = self._check(state)
            if health == "ok":
                return conn, state.file_id
            if health == "corrupt":
                self._recover(conn, state.file_id, corrupt=True)
            else:
                conn.close()
        state.conn, state.file_id = self._open()
        state.writable = os.access(self.path, os.W_OK)
        state.stamp = stat_stamp(os.stat(self.path))
        state.pid = os.getpid()
        return state.conn, state.file_id

    def _check(self, state: threading.local) -> str:
        """"ok", "gone" (deleted or replaced) or "corrupt".

        A connection keeps serving pages from its cache after the file is overwritten in place, so
        when the file's size or mtime moved (also after any checkpoint) its header is checked.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return "gone"
        if (st.st_dev, st.st_ino) != state.file_id:
            return "gone"
        current = stat_stamp(st)
        if current == state.stamp:
            return "ok"
        if st.st_size and not has_sqlite_header(self.path):
            return "corrupt"
        state.stamp = current
        return "ok"

    def _open(self) -> tuple[sqlite3.Connection, FileId]:
        """Open (creating if needed) under the file lock, so that no process creates the file
        while another deletes a broken one."""
        with file_lock(self.path):
            if not self.path.exists():
                remove_files(self.path, sidecars_only=True)
            try:
                return self._connect()
            except sqlite3.DatabaseError as exc:
                if error_code(exc) not in _CORRUPT:
                    raise
                log.warning("SQLite cache %s is corrupt (%s); rebuilding it", self.path, exc)
                remove_files(self.path)
                return self._connect()

    def _connect(self) -> tuple[sqlite3.Connection, FileId]:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            file_id = file_identity(self.path)
            if file_id is None:
                raise sqlite3.OperationalError(f"{self.path} vanished while opening it")
        except BaseException:
            conn.close()
            raise
        return conn, file_id

    def _recover(self, conn: sqlite3.Connection, file_id: FileId, *, corrupt: bool) -> None:
        """Delete the file if it is still the broken one we had open (another process may have
        rebuilt it already), then drop this thread's connection so the next call reopens."""
        if corrupt:
            with file_lock(self.path):
                if file_identity(self.path) == file_id:
                    log.warning("SQLite cache %s is corrupt; rebuilding it", self.path)
                    remove_files(self.path)
        conn.close()
        self._local.conn = None

    def _recoverable(self, exc: sqlite3.DatabaseError) -> bool:
        code = error_code(exc)
        if code in _CORRUPT or code in REOPEN_CODES:
            return True
        return "no such table" in str(exc)
