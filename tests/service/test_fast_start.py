"""Start without the model: gunicorn answers at once, says why the model is missing and how to fix it,
and serves a model placed later without a restart (issue: nothing listened for ~35 s while the
master retried the hub, then every request waited ~28 s for the worker's retries).

Nothing leaves loopback: the hub is a closed loopback port, or HF_HUB_OFFLINE with a directory that
does not exist yet. No timing is asserted; the client's 10 s timeout only bounds a request that would
otherwise wait for hub retries (``python -m bench.start`` measures the times).
"""
from __future__ import annotations

import shutil
import time

import pytest
import requests
from http_helpers import PROBLEM
from http_servers import Gunicorn, free_port

from models.conversions import BESIDE_LOCAL_MODEL

ARTICLE = "प्रधानमंत्री ने बुधवार को दिल्ली में एक बैठक की। बैठक में कई मंत्री शामिल हुए।"


def _until(check, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except requests.RequestException:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise TimeoutError(f"gave up after {timeout} s")


@pytest.fixture
def launch(tmp_path):
    servers = []

    def start(**env: str) -> Gunicorn:
        server = Gunicorn({"BRIEFS_WORKERS": "1", "BRIEFS_DATA_DIR": str(tmp_path / "data"),
                           "BRIEFS_MODEL_RETRY_MAX_S": "1", **env}, tmp_path / "gunicorn.log").launch()
        servers.append(server)
        _until(lambda: requests.get(server.url + "/healthz", timeout=5).status_code == 200)
        return server

    yield start
    for server in servers:
        server.stop()


def _model_unavailable(server: Gunicorn, *phrases: str) -> dict:
    ready = _until(lambda: (r := requests.get(server.url + "/readyz", timeout=5)).status_code == 503
                   and all(p in r.json()["reason"] for p in phrases) and r.json())
    brief = requests.post(server.url + "/v1/briefs", json={"text": ARTICLE}, timeout=10)
    assert brief.status_code == 503 and brief.headers["Content-Type"].startswith(PROBLEM), brief.text
    body = brief.json()
    assert body["code"] == "model_unavailable" and int(brief.headers["Retry-After"]) >= 1
    for phrase in (*phrases, "Fix:"):
        assert phrase in body["detail"], body["detail"]
    assert ".." not in body["detail"] and ".." not in ready["reason"]
    return body


def test_a_model_directory_placed_later_is_served_without_a_restart(launch, tiny_models, tmp_path):
    later = tmp_path / "models" / "placed-later"
    server = launch(BRIEFS_MODEL=str(later), HF_HUB_OFFLINE="1")
    _model_unavailable(server, f"directory {later} does not exist", "picks it up without a restart")
    shutil.copytree(tiny_models["marian"], later, ignore=shutil.ignore_patterns(BESIDE_LOCAL_MODEL))
    _until(lambda: requests.get(server.url + "/readyz", timeout=5).status_code == 200)
    brief = requests.post(server.url + "/v1/briefs", json={"text": ARTICLE}, timeout=60)
    assert brief.status_code == 200 and brief.json()["bullets"], brief.text
    assert "engine ctranslate2 int8" in server.log()  # the default engine, converted by the worker


def test_no_reachable_hub_answers_503_at_once_and_keeps_downloading_in_the_background(launch, tmp_path):
    server = launch(BRIEFS_MODEL="Helsinki-NLP/opus-mt-hi-en", HF_HUB_OFFLINE="0", HF_HOME=str(tmp_path / "hf"),
                    HF_ENDPOINT=f"http://127.0.0.1:{free_port()}", HF_HUB_DISABLE_TELEMETRY="1",
                    HF_HUB_DISABLE_XET="1")
    body = _model_unavailable(server, "not in the local Hugging Face cache", "python -m service prefetch")
    assert "in the background" in body["detail"]
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
