"""Fixtures for the Slack bot: a fake Slack on loopback and a real gunicorn with SLACK_* set.

``slack_gunicorn`` runs ``gunicorn -c gunicorn.conf.py`` (2 workers, tiny model, SQLite cache), so
retries may land on either worker and dedupe must hold across processes. ``inprocess`` serves
``create_app(...)`` with werkzeug's threaded server on loopback, for cases that need a model we
control (one that fails, one whose output is hostile mrkdwn).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "service"))
from http_servers import REPO, Gunicorn  # noqa: E402
from slack_fakes import FakeSlack, SlackSigner  # noqa: E402
from slack_servers import SECRET, TOKEN, Controllable, InProcess, serve_app  # noqa: E402

ARTICLES = sorted((REPO.parent / "shared" / "corpus" / "hi-news").glob("*.txt"))


@pytest.fixture(scope="session")
def articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in ARTICLES]


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def slack_gunicorn(tiny_models, tmp_path_factory, fake_slack) -> Iterator[Gunicorn]:
    root = tmp_path_factory.mktemp("slack-server")
    server = Gunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_WORKERS": "2",
            "BRIEFS_THREADS": "4",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_API_URL": fake_slack.api_url,
        },
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def slack(slack_gunicorn) -> SlackSigner:
    return SlackSigner(slack_gunicorn.url + "/slack/events", SECRET)


@pytest.fixture(scope="session")
def inprocess(tiny_models, tmp_path_factory, fake_slack) -> Iterator[InProcess]:
    """The app in this process, Slack on, its model under the test's control."""
    from service.config import Settings
    from service.runtime import build_registry

    settings = Settings(
        model=str(tiny_models["marian"]), data_dir=tmp_path_factory.mktemp("inprocess"), warmup=False,
        slack_signing_secret=SECRET, slack_bot_token=TOKEN, slack_api_url=fake_slack.api_url,
    )
    generator = Controllable(build_registry(settings).get(settings.model))
    server = serve_app(settings, generator)
    yield server
    server.stop()
