"""The generation gate with micro-batching: requests reach the batcher together; 503 still works."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from models.batcher import MicroBatcher
from service.http.gate import GenerationGate
from service.http.problems import Overloaded


def test_without_serialization_generations_overlap():
    gate = GenerationGate(max_waiting=4, timeout_s=30, serialize=False)
    both_inside = threading.Barrier(2, timeout=10)

    def generate():
        with gate.model_lock:
            both_inside.wait()  # raises BrokenBarrierError unless the other call is inside too
            return "ok"

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: gate.run(generate), range(2))) == ["ok", "ok"]
    gate.shutdown()


def test_serialized_gate_keeps_one_generation_at_a_time():
    gate = GenerationGate(max_waiting=4, timeout_s=30)
    inside, peak, lock = [0], [0], threading.Lock()

    def generate():
        with gate.model_lock:
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            threading.Event().wait(0.05)
            with lock:
                inside[0] -= 1

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda _: gate.run(generate), range(3)))
    assert peak[0] == 1
    gate.shutdown()


def test_queue_depth_limit_still_answers_503():
    gate = GenerationGate(max_waiting=1, timeout_s=30, retry_after_s=7, serialize=False)
    release = threading.Event()
    started = threading.Semaphore(0)

    def blocked():
        started.release()
        release.wait(10)
        return "done"

    with ThreadPoolExecutor(2) as pool:
        running = [pool.submit(gate.run, blocked) for _ in range(2)]
        started.acquire(timeout=10)
        started.acquire(timeout=10)
        with pytest.raises(Overloaded) as refused:
            gate.run(lambda: "never")
        assert refused.value.retry_after == 7
        release.set()
        assert [f.result(timeout=10) for f in running] == ["done", "done"]
    assert gate.run(lambda: "after") == "after"
    gate.shutdown()


def test_concurrent_http_requests_meet_in_one_model_call(tiny_models, tmp_path):
    from service.app import create_app
    from service.config import Settings

    settings = Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False, guards=False,
                        microbatch=True, batch_wait_ms=300, max_new_tokens=8)
    app = create_app(settings)
    services = app.extensions["briefs"]
    batcher = services.pipeline.models(settings.model)
    assert isinstance(batcher, MicroBatcher)
    articles = _articles()[:4]
    barrier = threading.Barrier(len(articles))

    def post(text):
        client = app.test_client()
        barrier.wait()
        return client.post("/v1/briefs", json={"text": text})

    with ThreadPoolExecutor(len(articles)) as pool:
        responses = list(pool.map(post, articles))
    assert [r.status_code for r in responses] == [200] * len(articles)
    assert all(r.json["bullets"] for r in responses)
    assert len({r.json["id"] for r in responses}) == len(articles)
    assert batcher.stats.largest_round >= 2  # at least two requests shared one model call
    assert batcher.stats.rounds < batcher.stats.calls


def _articles() -> list[str]:
    from models.synthetic import shared_dir

    return [p.read_text(encoding="utf-8") for p in sorted((shared_dir() / "corpus" / "hi-news").glob("*.txt"))]
