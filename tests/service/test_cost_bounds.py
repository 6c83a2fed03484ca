"""Cost bounds and admission over real HTTP (issue 19 and issue 20 item 4), one gunicorn.

One worker with 2 generation slots (BRIEFS_THREADS; the spare threads come on top), a 10 s request
deadline and model batches of one input: a whole-article translation of 1,200 sentences takes the
tiny model far longer than the deadline, in 1,200 short batches. Assertions are about order and
state (what answered while what was still running, the server's counters), never about how fast
this machine is. The tests run in this order: the slots are full (the adaptive limit is still at
its ceiling, 2) before a 504 has lowered it.
"""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from http_helpers import ARTICLES, assert_problem, metric, unique, wait_job
from http_servers import REPO, Gunicorn

DEADLINE_S = 10  # the fresh brief after a 504 must fit in it even on a loaded machine: a wide margin


@pytest.fixture(scope="module")
def bounded(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("bounded-server")
    server = Gunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), "BRIEFS_WORKERS": "1",
         "BRIEFS_THREADS": "2", "BRIEFS_REQUEST_TIMEOUT": str(DEADLINE_S), "BRIEFS_BATCH_SIZE": "1",
         "BRIEFS_MAX_NEW_TOKENS": "64", "BRIEFS_GUARD_RETRY": "0", "BRIEFS_MEMORY": "0"},
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def long_translation(tag: str) -> dict:
    """A whole-article translation of 1,200 distinct sentences (human Hindi from the shared parallel set),
    in paragraphs of five: minutes of model batches for the tiny model."""
    pairs = (REPO.parent / "shared" / "corpus" / "parallel" / "dev-pairs.jsonl").read_text(encoding="utf-8").splitlines()
    sentences = [s for s in (json.loads(line)["hi"] for line in pairs) if 20 <= len(s) <= 95][:1200]
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return {"text": f"{tag}\n\n" + "\n\n".join(paragraphs)}


def short_article() -> dict:
    return {"text": unique(ARTICLES[0].read_text(encoding="utf-8")[:600]), "bullets": 2}


def test_a_99000_character_word_is_refused_at_once_sync_and_async(bounded):
    body = {"text": "भारत " + "क" * 99_000 + " है।"}
    problem = assert_problem(requests.post(bounded.url + "/v1/briefs", json=body, timeout=60), 422, "word_too_long")
    assert "99000 characters" in problem["detail"] and "BRIEFS_MAX_WORD_CHARS" in problem["detail"]
    accepted = requests.post(bounded.url + "/v1/briefs?async=true", json=body, timeout=60)
    assert accepted.status_code == 202
    record = wait_job(bounded.url, accepted.headers["Location"])
    assert record["status"] == "failed" and record["error"]["code"] == "word_too_long"


def test_a_sentence_longer_than_any_people_write_is_briefed_in_bounded_pieces(bounded):
    clause = "भारत की राजधानी नई दिल्ली में आज बैठक हुई, "
    body = {"text": "दिल्ली में बैठक\n\n" + clause * 60, "mode": "translate"}  # ~2,500 characters, no sentence end
    response = requests.post(bounded.url + "/v1/briefs", json=body, timeout=60)
    assert response.status_code == 200, response.text
    sources = [s["text"] for s in response.json()["sentences"]]
    assert len(sources) >= 3 and all(len(s) <= 1000 for s in sources)
    assert sum(s.count("बैठक हुई") for s in sources) == 60  # every clause kept, none cut


def test_with_every_slot_busy_hits_and_health_answer_and_fresh_work_gets_a_fast_503(bounded):
    cached = short_article()
    assert requests.post(bounded.url + "/v1/briefs", json=cached, timeout=120).status_code == 200
    refused_before = metric(bounded.url, "briefs_generation_refused_total")
    with ThreadPoolExecutor(2) as pool:
        busy = [pool.submit(requests.post, bounded.url + "/v1/translate", json=long_translation(f"busy-{n}"), timeout=120)
                for n in range(2)]
        _until(lambda: metric(bounded.url, "briefs_queue_depth") >= 2)
        hit = requests.post(bounded.url + "/v1/briefs", json=cached, timeout=30)
        health = requests.get(bounded.url + "/healthz", timeout=30)
        refused = requests.post(bounded.url + "/v1/briefs", json=short_article(), timeout=30)
        answered_while_busy = not any(f.done() for f in busy)
        statuses = sorted(f.result().status_code for f in busy)
    assert answered_while_busy, "the slots freed up before the probes were answered: the test proves nothing"
    assert hit.status_code == 200 and hit.json()["cached"] is True
    assert health.status_code == 200
    assert_problem(refused, 503, "overloaded")
    assert int(refused.headers["Retry-After"]) > 0
    assert statuses == [504, 504]
    assert metric(bounded.url, "briefs_generation_refused_total") > refused_before


def test_a_timed_out_request_frees_the_model_for_the_next_one(bounded):
    stopped_before = metric(bounded.url, "briefs_generations_stopped_total")
    assert_problem(admitted(bounded.url + "/v1/translate", long_translation("frees")), 504, "timeout")
    # On main the 504'd translation went on for minutes and this brief queued behind it (504 too). Here
    # the slot frees as soon as the stopped generation has noticed (its next batch).
    fresh = admitted(bounded.url + "/v1/briefs", short_article())
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["cached"] is False
    assert metric(bounded.url, "briefs_generations_stopped_total") > stopped_before


def admitted(url: str, body: dict) -> requests.Response:
    """POST as a client honouring 503's Retry-After does (shortened here): a slot still held by work
    that is stopping after its 504 frees within a batch."""
    for _ in range(100):
        response = requests.post(url, json=body, timeout=120)
        if response.status_code != 503:
            return response
        threading.Event().wait(0.2)
    return response


def _until(condition, attempts: int = 600) -> None:
    pause = threading.Event()
    for _ in range(attempts):
        if condition():
            return
        pause.wait(0.05)
    raise AssertionError("condition never became true")
