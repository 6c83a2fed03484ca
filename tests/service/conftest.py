"""Fixtures for the HTTP tests: one shared gunicorn (SQLite cache, embedded jobs), a real Redis."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest
import requests

sys.path.insert(0, str(Path(__file__).parent))
from http_helpers import ARTICLES  # noqa: E402
from http_servers import Gunicorn, RedisServer  # noqa: E402


@pytest.fixture(scope="session")
def article() -> str:
    return ARTICLES[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def main_server(tiny_models, tmp_path_factory) -> Iterator[Gunicorn]:
    """2 workers, SQLite cache, embedded job runner; small limits so 413s are cheap to provoke."""
    root = tmp_path_factory.mktemp("main-server")
    server = Gunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_EXTRA_MODELS": f"{tiny_models['mt5']},/nonexistent/model-dir",
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_MAX_REQUEST_BYTES": "300000",
            "BRIEFS_MAX_ARTICLE_CHARS": "40000",
            "BRIEFS_MAX_BATCH_ARTICLES": "4",
        },
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def api(main_server) -> str:
    return main_server.url


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def openapi(api) -> dict:
    return requests.get(api + "/openapi.json", timeout=10).json()
