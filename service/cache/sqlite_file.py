"""An SQLite file on disk (the cache's, and the editorial store's): its identity, a cheap health
check, its error codes, and rebuilding it.

Opening and deleting happen under an ``flock`` on a sidecar ``.lock`` file (never deleted), so one
process cannot create the database while another removes a broken one.
"""
from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

FileId = tuple[int, int]
# Result codes of a file that is read-only, failing or gone: a connection that met one is not reused.
REOPEN_CODES = frozenset({sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN})

_HEADER = b"SQLite format 3\x00"
_SIDECARS = ("-wal", "-shm", "-journal")


def file_identity(path: Path) -> FileId | None:
    """(device, inode), None if missing. An inode held open cannot be reused, so a connection's
    file differs from the one at ``path`` exactly when the file was deleted or replaced."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def stat_stamp(st: os.stat_result) -> tuple[int, int]:
    return st.st_mtime_ns, st.st_size


def has_sqlite_header(path: Path) -> bool:
    """True for a database or an empty file (SQLite's fresh database); a missing file passes."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) in (_HEADER, b"")
    except FileNotFoundError:
        return True


def remove_files(path: Path, *, sidecars_only: bool = False) -> None:
    """Delete the database and its WAL, shared-memory and journal files: a WAL left from a
    deleted database must not be replayed into a new one."""
    names = [path.name + suffix for suffix in _SIDECARS]
    if not sidecars_only:
        names.append(path.name)
    for name in names:
        path.with_name(name).unlink(missing_ok=True)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """On a read-only file system the lock is taken on the existing lock file read-only, or not at
    all: nobody can create or delete the database there either, and reading it must go on."""
    lock = path.with_name(path.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a")
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC):
            raise
        try:
            handle = open(lock, "r")
        except OSError:
            yield
            return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def error_code(exc: sqlite3.Error) -> int:
    """The primary SQLite result code (the extended code's low byte); -1 if unknown."""
    code = getattr(exc, "sqlite_errorcode", None)
    return -1 if code is None else code & 0xFF
