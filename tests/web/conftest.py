"""Fixtures for the editors' page tests: a real gunicorn (tiny Marian model) and headless Chromium.

The browser is Debian's ``chromium`` driven by Selenium through Debian's ``chromedriver``, both by
explicit path, so Selenium Manager never looks anything up or downloads a driver. Missing browser
pieces FAIL the tests with the command that installs them (``.ci/run`` does): a page nobody tested
in a browser is not tested.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager: never reach out (it is not used anyway)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "service"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_servers import Gunicorn  # noqa: E402
from web_helpers import API_KEY, ARTICLES, ASYNC_CHARS, CORPUS, Page, artifacts_dir  # noqa: E402

CHROMIUM = os.environ.get("BRIEFS_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BRIEFS_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
INSTALL_HINT = "install Debian's browser with `apt-get install -y chromium chromium-driver` (.ci/run does this)"
CHROME_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--no-default-browser-check", "--window-size=1280,1000", "--lang=en-US", "--force-device-scale-factor=1",
]


@pytest.fixture(scope="session")
def articles() -> list[str]:
    assert len(ARTICLES) >= 3, f"the shared Hindi corpus is missing: no articles under {CORPUS}"
    return [p.read_text(encoding="utf-8") for p in ARTICLES]


@pytest.fixture(scope="session")
def web_server(tiny_models, tmp_path_factory) -> Iterator[Gunicorn]:
    """One gunicorn worker (the box is small), SQLite cache, embedded jobs, a low async threshold."""
    root = tmp_path_factory.mktemp("web-server")
    server = Gunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_WORKERS": "1",
            "BRIEFS_WEB_ASYNC_CHARS": str(ASYNC_CHARS),
            # The tiny model writes nonsense until the token limit, and every output fails the guards:
            # short outputs and no guarded retry keep each brief to a second or two.
            "BRIEFS_MAX_NEW_TOKENS": "40",
            "BRIEFS_GUARD_RETRY": "0",
        },
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def keyed_server(tiny_models, tmp_path_factory) -> Iterator[Gunicorn]:
    """API keys on (the page is public, the API it calls needs a key), and a request deadline so short
    that every brief the model must make times out synchronously (504): the page retries it as a job.
    The translation memory is off: with it, sentences another test briefed on this server would be
    answered without the model, fast enough to beat even this deadline."""
    root = tmp_path_factory.mktemp("web-keyed-server")
    server = Gunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_WORKERS": "1",
            "BRIEFS_API_KEYS": API_KEY,
            "BRIEFS_REQUEST_TIMEOUT": "0.001",
            "BRIEFS_MEMORY": "0",
            "BRIEFS_MAX_NEW_TOKENS": "40",
            "BRIEFS_GUARD_RETRY": "0",
        },
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def _require(path: str, what: str) -> str:
    found = path if os.path.isfile(path) and os.access(path, os.X_OK) else shutil.which(Path(path).name)
    if not found:
        pytest.fail(f"{what} is not installed at {path} (nor on PATH): {INSTALL_HINT}.", pytrace=False)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator["WebDriver"]:  # noqa: F821
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is not installed: `pip install -r requirements-dev.txt`.", pytrace=False)
    chromium = _require(CHROMIUM, "Chromium")
    chromedriver = _require(CHROMEDRIVER, "chromedriver")
    profile = tempfile.mkdtemp(prefix="briefs-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in [*CHROME_ARGS, f"--user-data-dir={profile}"]:
        options.add_argument(arg)
    service = Service(executable_path=chromedriver, service_args=["--log-level=WARNING"],
                      log_output=str(artifacts_dir() / "chromedriver.log"))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except Exception as exc:  # a broken install: say what, and how to fix it
        pytest.fail(f"could not start headless Chromium ({chromium}) with {chromedriver}: {exc}\n{INSTALL_HINT}.",
                    pytrace=False)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser, web_server) -> Page:
    return Page(browser, web_server.url).open()
