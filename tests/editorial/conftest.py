"""Fixtures for the editorial tests: the store on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "service"))
sys.path.insert(0, str(HERE))
from http_servers import free_port  # noqa: E402
from postgres import INSTALL_HINT, PostgresServer  # noqa: E402

from service.config import Settings  # noqa: E402
from service.editorial import Editorial  # noqa: E402


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer(free_port()).start()
    except (RuntimeError, OSError) as exc:
        pytest.fail(f"no PostgreSQL server for the tests: {exc} ({INSTALL_HINT})", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def editorial(request, tmp_path) -> Iterator[Editorial]:
    """A fresh, migrated editorial database of each kind."""
    if request.param == "sqlite":
        settings = Settings(data_dir=tmp_path)
    else:
        server = request.getfixturevalue("postgres")
        settings = Settings(data_dir=tmp_path, database_url=server.create_database(f"t_{uuid.uuid4().hex[:12]}"))
    store = Editorial(settings)
    store.ensure_ready()
    yield store
    store.close()
