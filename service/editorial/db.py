"""The editorial database: SQLite in ``BRIEFS_DATA_DIR`` by default, PostgreSQL with ``BRIEFS_DATABASE_URL``.

SQLite runs in WAL mode (readers beside one writer, every gunicorn worker of the host) with
``synchronous=FULL`` (a committed correction survives a power cut) and a busy timeout. It is its
own file, ``editorial.sqlite3``, never the cache's: the cache may be evicted, deleted or rebuilt
after corruption, this file never is. PostgreSQL goes through psycopg 3 with pre-ping, so a
restarted database server costs one reconnect, not errors.

The schema is Alembic's (``migrations/``): a process upgrades an existing database to ``head`` when
it opens it, one at a time (a file lock for SQLite, an advisory lock for PostgreSQL), so a new
release migrates itself, and ``python -m service db upgrade`` does the same by hand.

Creating the database is a start-up step, never something a serving worker does later
(``prepare``): the gunicorn master creates it before it forks (``prepare_for_workers``), as do
``python -m service db upgrade`` and every other command on its first use. Workers open the SQLite
file with ``mode=rw`` (a missing file is an error, not a new empty database) and refuse a database
without Alembic's version table. Every connection remembers which file (device, inode) it opened;
one checked out after the file at the path was deleted or replaced is dropped and reopened (a
missing or foreign file is then an error, 503 ``editorial_unavailable``), and a write is
acknowledged only when, after its commit, the path still names the file it was committed to
(``write``). A correction is never acknowledged into a deleted file that no restarted worker would read.
"""
from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError

from service.cache.sqlite_file import REOPEN_CODES, FileId, error_code, file_identity, remove_files
from service.config import Settings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_FILE = "editorial.sqlite3"
BUSY_TIMEOUT_S = 10.0
MIGRATION_LOCK_ID = 0x62726965  # pg_advisory_lock key: "brie"
PREPARED_ENV = "BRIEFS_EDITORIAL_PREPARED"  # set by the gunicorn master for its workers: they never create


class DatabaseFileChanged(SQLAlchemyError):
    """The SQLite file a write was committed to is no longer the one at the path (deleted or
    replaced meanwhile): the write is not durable where every worker reads, so it is not acknowledged."""


class DatabaseNotInitialised(SQLAlchemyError):
    """The database has no schema: it was never created, or a new empty one took the old one's place."""


def database_url(settings: Settings) -> str:
    """SQLAlchemy URL: PostgreSQL (always through psycopg 3) or the SQLite file in ``data_dir``."""
    if settings.database_url:
        url = make_url(settings.database_url)
        if url.drivername in {"postgres", "postgresql", "postgresql+psycopg2"}:
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(settings.data_dir) / SQLITE_FILE}"


def build_engine(url: str, create: bool = False) -> Engine:
    """``create``: an SQLite file may be created and a schema-less database accepted (the start-up
    step, ``prepare``); otherwise only an existing, initialised database is opened."""
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        guard = SQLiteFile(path, create)
        engine = create_engine(url, creator=guard.connect)
        event.listen(engine, "connect", guard.on_connect)
        event.listen(engine, "checkout", guard.on_checkout)
        event.listen(engine, "handle_error", _reopen_after_file_errors)
        engine.sqlite_file = guard  # type: ignore[attr-defined]
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4, pool_recycle=1800)


class SQLiteFile:
    """The editorial SQLite file: opened only if it exists (unless creating), checked on every
    checkout against the file each connection opened, and after every acknowledged write."""

    def __init__(self, path: Path, create: bool):
        self.path = path
        self.create = create

    def connect(self) -> sqlite3.Connection:
        mode = "rwc" if self.create else "rw"
        return sqlite3.connect(f"{self.path.absolute().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S,
                               check_same_thread=False)

    def on_connect(self, dbapi_connection: sqlite3.Connection, record: Any) -> None:
        record.info["file_id"] = file_identity(self.path)
        record.info["read_only"] = not os.access(self.path, os.W_OK)  # SQLite opens such a file read-only
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            initialised = cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()[0]
        finally:
            cursor.close()
        if str(mode).lower() != "wal":
            dbapi_connection.close()
            raise sqlite3.OperationalError(f"{self.path} cannot be switched to WAL mode (journal_mode={mode}): "
                                           "is its folder read-only?")
        if not initialised and not self.create:
            dbapi_connection.close()
            raise sqlite3.OperationalError(f"{self.path} holds no editorial schema (a new or foreign file); it is not "
                                           "used. Create it at start-up or with `python -m service db upgrade`.")

    def on_checkout(self, dbapi_connection: sqlite3.Connection, record: Any, proxy: Any) -> None:
        """A pooled connection to a file that is no longer at the path is dropped (SQLAlchemy then
        opens a new one, which fails if the path holds no initialised database); so is one opened
        read-only (a read-only disk) once the file is writable again."""
        opened = record.info.get("file_id")
        if opened is None or file_identity(self.path) != opened:
            log.warning("editorial database %s was deleted or replaced; reopening", self.path)
            raise DisconnectionError(f"{self.path} is no longer the file this connection opened")
        if record.info.get("read_only") and os.access(self.path, os.W_OK):
            raise DisconnectionError(f"{self.path} is writable again; this connection was opened read-only")

    def confirm(self, opened: FileId | None) -> None:
        if opened is None or file_identity(self.path) != opened:
            raise DatabaseFileChanged(f"{self.path} was deleted or replaced while this write was committed; "
                                      "the write is not in the database the service reads")


def _reopen_after_file_errors(context: Any) -> None:
    """A connection that met a read-only, failing or vanished file is not reused: once the disk is
    back, the next checkout opens a fresh one instead of failing on the old one forever."""
    if error_code(context.original_exception) in REOPEN_CODES:
        context.is_disconnect = True


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """``engine.begin()`` for writes that are acknowledged to a client: after the commit, the SQLite
    file it went to must still be the one at the path (``DatabaseFileChanged`` otherwise)."""
    guard: SQLiteFile | None = getattr(engine, "sqlite_file", None)
    with engine.begin() as connection:
        opened = connection.info.get("file_id")
        yield connection
    if guard is not None:
        guard.confirm(opened)


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, create: bool = True) -> None:
    """Migrate to the newest schema, one process at a time; a no-op when already there. Without
    ``create`` (a serving worker) a database without a schema is refused, never filled in."""
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is None and not create:
        raise DatabaseNotInitialised("the editorial database has no schema; create it at start-up or with "
                                     "`python -m service db upgrade`")
    with _migration_lock(engine):
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    log.info("editorial database at schema %s", head_revision())


def prepare(url: str) -> None:
    """The start-up step: create the database (an SQLite file, with stale WAL files of a deleted one
    removed first) and migrate it to the newest schema."""
    if url.startswith("sqlite"):
        path = Path(make_url(url).database or "")
        path.parent.mkdir(parents=True, exist_ok=True)
        with _file_lock(path):
            if not path.exists():
                remove_files(path, sidecars_only=True)  # a WAL left from a deleted database must not be replayed into a new one
                log.info("editorial database %s does not exist; creating it", path)
    engine = build_engine(url, create=True)
    try:
        upgrade(engine, create=True)
    finally:
        engine.dispose()


def prepare_for_workers(settings: Settings) -> None:
    """In the gunicorn master, before forking: create and migrate the database, then mark the
    environment so that workers (and the workers that replace them) never create one. A failure is
    logged, not fatal: the workers answer 503 ``editorial_unavailable`` until the database exists."""
    os.environ[PREPARED_ENV] = "1"
    try:
        prepare(database_url(settings))
    except (SQLAlchemyError, OSError) as exc:
        log.error("editorial database not prepared at start (%s: %s); editorial routes answer 503 until "
                  "`python -m service db upgrade` succeeds", type(exc).__name__, exc)


def workers_may_create() -> bool:
    """False in processes forked by a master that prepared the database."""
    return os.environ.get(PREPARED_ENV) != "1"


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """A file lock beside an SQLite database (PostgreSQL locks inside the transaction instead)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database:
        yield
        return
    with _file_lock(Path(database)):
        yield


@contextmanager
def _file_lock(database: Path) -> Iterator[None]:
    with open(database.with_name(database.name + ".migrate.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
