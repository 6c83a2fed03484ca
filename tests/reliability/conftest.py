"""Real servers for the reliability tests: gunicorn (tiny model) on loopback, redis-server.

``guarded``: API keys on, a model that crashes on one word (``poisoned_wsgi``), Slack secrets in
its environment, one worker (so in-memory rate limits are exact). ``faulty``: the default app, two
workers, SQLite cache, embedded jobs with a 3 s lease: the one the fault and soak tests abuse.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "service"))
sys.path.insert(0, str(HERE))
from http_servers import free_port  # noqa: E402
from rel_helpers import KEY_ENV, KEY_LOW, KEY_MAIN, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, AppGunicorn  # noqa: E402


def closed_port() -> int:
    return free_port()  # bound then released: nothing listens there


@pytest.fixture(scope="session")
def guarded(tiny_models, tmp_path_factory) -> Iterator[AppGunicorn]:
    root = tmp_path_factory.mktemp("guarded")
    keys_file = root / "api-keys"
    keys_file.write_text(f"# test keys\n{KEY_MAIN} 100000/minute\n{KEY_LOW} 3/minute\n", encoding="utf-8")
    server = AppGunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_WORKERS": "1",
            "BRIEFS_API_KEYS": KEY_ENV,
            "BRIEFS_API_KEYS_FILE": str(keys_file),
            "BRIEFS_RATE_LIMIT": "1000/minute",
            "BRIEFS_MAX_REQUEST_BYTES": "300000",
            "BRIEFS_MAX_ARTICLE_CHARS": "40000",
            "BRIEFS_MAX_BATCH_ARTICLES": "4",
            "BRIEFS_MAX_NEW_TOKENS": "32",
            "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
            "SLACK_BOT_TOKEN": SLACK_BOT_TOKEN,
            # The bot's replies go to a closed loopback port: tests never reach out to slack.com.
            "SLACK_API_URL": f"http://127.0.0.1:{closed_port()}/api/",
        },
        root / "gunicorn.log",
        app="tests.reliability.poisoned_wsgi:app",
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def faulty(tiny_models, tmp_path_factory) -> Iterator[AppGunicorn]:
    root = tmp_path_factory.mktemp("faulty")
    server = AppGunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_WORKERS": "2",
            "BRIEFS_JOB_LEASE": "3",
            "BRIEFS_MAX_NEW_TOKENS": "32",
        },
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()
