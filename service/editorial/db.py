"""The editorial database: SQLite in ``BRIEFS_DATA_DIR`` by default, PostgreSQL with ``BRIEFS_DATABASE_URL``.

SQLite runs in WAL mode (readers beside one writer, every gunicorn worker of the host) with
``synchronous=FULL`` (a committed correction survives a power cut) and a busy timeout. It is its
own file, ``editorial.sqlite3``, never the cache's: the cache may be evicted, deleted or rebuilt
after corruption, this file never is. PostgreSQL goes through psycopg 3 with pre-ping, so a
restarted database server costs one reconnect, not errors.

The schema is Alembic's (``migrations/``): every process upgrades to ``head`` when it opens the
database, one at a time (a file lock for SQLite, an advisory lock for PostgreSQL), so a new
release migrates itself, and ``python -m service db upgrade`` does the same by hand.
"""
from __future__ import annotations

import fcntl
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from service.config import Settings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_FILE = "editorial.sqlite3"
BUSY_TIMEOUT_S = 10.0
MIGRATION_LOCK_ID = 0x62726965  # pg_advisory_lock key: "brie"


def database_url(settings: Settings) -> str:
    """SQLAlchemy URL: PostgreSQL (always through psycopg 3) or the SQLite file in ``data_dir``."""
    if settings.database_url:
        url = make_url(settings.database_url)
        if url.drivername in {"postgres", "postgresql", "postgresql+psycopg2"}:
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{Path(settings.data_dir) / SQLITE_FILE}"


def build_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4, pool_recycle=1800)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cursor.close()


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


def upgrade(engine: Engine) -> None:
    """Migrate to the newest schema, one process at a time; a no-op when already there."""
    if current_revision(engine) == head_revision():
        return
    with _migration_lock(engine):
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    log.info("editorial database at schema %s", head_revision())


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """A file lock beside an SQLite database (PostgreSQL locks inside the transaction instead)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database:
        yield
        return
    with open(Path(database).with_name(Path(database).name + ".migrate.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
