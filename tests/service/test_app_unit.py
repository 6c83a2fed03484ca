"""Fast in-process checks with Flask's test client: model failure, a missing model, readiness."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest
from http_helpers import PROBLEM

from service.app import create_app
from service.config import Settings
from service.pipeline.brief import BriefPipeline
from service.runtime import build_registry


class Exploding:
    """Wraps a real generator; raises on demand (a model crash mid-request)."""

    def __init__(self, inner):
        self.inner, self.info, self.explode = inner, inner.info, True

    def generate(self, texts, task="translate", options=None):
        if self.explode:
            raise RuntimeError("CUDA error: device-side assert triggered")
        return self.inner.generate(texts, task, options)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


@pytest.fixture
def settings(tiny_models, tmp_path):
    return Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False)


def test_model_failure_is_a_500_problem_and_the_app_keeps_serving(settings, article):
    registry = build_registry(settings)
    exploding = Exploding(registry.get(settings.model))
    app = create_app(settings, pipeline=BriefPipeline(settings, lambda name: exploding))
    client = app.test_client()
    failed = client.post("/v1/briefs", json={"text": article})
    assert failed.status_code == 500 and failed.content_type.startswith(PROBLEM)
    assert failed.json["code"] == "generation_failed" and "CUDA" not in failed.json["detail"]
    exploding.explode = False
    assert client.post("/v1/briefs", json={"text": article}).status_code == 200


def test_missing_model_readyz_503_with_reason_not_crash(settings):
    app = create_app(replace(settings, model="/nonexistent/model", warmup=True))
    client = app.test_client()
    deadline = time.monotonic() + 30
    while True:
        response = client.get("/readyz")
        if "not available" in response.json["reason"] or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert response.status_code == 503 and "/nonexistent/model" in response.json["reason"]
    assert "prefetch" in response.json["reason"]
    assert client.get("/healthz").status_code == 200


def test_readyz_without_eager_warmup_warms_on_first_probe(settings):
    client = create_app(settings).test_client()
    first = client.get("/readyz")
    assert first.status_code == 503
    deadline = time.monotonic() + 30
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
