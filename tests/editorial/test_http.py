"""Corrections over HTTP on a real gunicorn (2 workers, SQLite): verbatim on every surface, also for
briefs cached before the correction, kept across a restart and a corrupted cache file, undone by DELETE."""
from __future__ import annotations

import os
from typing import Iterator

import pytest
import requests
from http_helpers import ARTICLES, metric, wait_job
from http_servers import Gunicorn

CORRECTION = "The editors' translation: 12 people met in New Delhi on Wednesday."


@pytest.fixture(scope="module")
def server(tiny_models, tmp_path_factory) -> Iterator[Gunicorn]:
    root = tmp_path_factory.mktemp("editorial-http")
    gunicorn = Gunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"),
         "BRIEFS_MAX_NEW_TOKENS": "24", "BRIEFS_GUARD_RETRY": "0"},
        root / "gunicorn.log",
    ).start()
    yield gunicorn
    gunicorn.stop()


def brief(url: str, text: str, **options) -> dict:
    response = requests.post(url + "/v1/briefs", json={"text": text, **options}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def item_for(brief: dict, sentence: str) -> dict:
    items = brief.get("translations") or brief["bullets"]
    [item] = [i for i in items if i["source_text"] == sentence]
    return item


@pytest.fixture(scope="module")
def articles(server) -> dict:
    """Article A briefed (and cached) before any correction; B: another article ending with A's first bullet's sentence."""
    a = ARTICLES[0].read_text(encoding="utf-8")
    first = brief(server.url, a, bullets=3)
    sentence = first["bullets"][0]["source_text"]
    b = ARTICLES[3].read_text(encoding="utf-8") + "\n\n" + sentence
    return {"a": a, "b": b, "sentence": sentence, "model_text": first["bullets"][0]["text"], "first": first}


def test_a_correction_is_used_verbatim_everywhere_then_reverted(server, articles):
    url, sentence = server.url, articles["sentence"]
    b_before = brief(url, articles["b"], mode="translate")
    job = requests.post(url + "/v1/translate?async=true", json={"text": articles["b"]}, timeout=30)
    finished = wait_job(url, job.headers["Location"])
    assert finished["status"] == "finished"

    created = requests.post(url + "/v1/corrections", json={"source": sentence, "translation": CORRECTION,
                                                           "replaces": articles["model_text"]}, timeout=10)
    assert created.status_code == 201, created.text
    record = created.json()
    assert created.headers["Location"] == f"/v1/corrections/{record['id']}"
    assert (record["status"], record["replaced"], record["created_by"]) == ("active", articles["model_text"], None)

    # Article A, cached before the correction, from both workers (several requests).
    for _ in range(4):
        a = brief(url, articles["a"], bullets=3)
        assert a["cached"] is True
        assert a["bullets"][0]["text"] == CORRECTION and a["bullets"][0]["corrected"] is True
        assert a["bullets"][0]["correction_id"] == record["id"] and a["bullets"][0]["model_text"] == articles["model_text"]
        assert [b["corrected"] for b in a["bullets"][1:]] == [False, False]
    # Any other article holding the sentence, in every mode and surface.
    b = brief(url, articles["b"], mode="translate")
    assert b["cached"] is True and item_for(b, sentence)["text"] == CORRECTION
    assert item_for(brief(url, articles["b"], bullets=20), sentence)["text"] == CORRECTION
    translation = requests.post(url + "/v1/translate", json={"text": articles["b"]}, timeout=60).json()
    assert CORRECTION in translation["translation"]
    libre = requests.post(url + "/translate", json={"q": [articles["b"], articles["a"]], "source": "hi"}, timeout=60).json()
    assert all(CORRECTION in t for t in libre["translatedText"])
    batch = requests.post(url + "/v1/briefs/batch", json={"articles": [{"id": 1, "text": articles["a"]}], "bullets": 3}, timeout=60).json()
    assert batch["articles"][0]["brief"]["bullets"][0]["text"] == CORRECTION
    stored = requests.get(url + f"/v1/briefs/{b['id']}", timeout=10).json()
    assert item_for(stored, sentence)["text"] == CORRECTION
    job_now = requests.get(url + job.headers["Location"], timeout=10).json()
    assert CORRECTION in job_now["result"]["translation"], "a job finished before the correction reads corrected"
    listed = requests.get(url + "/v1/corrections", params={"q": "editors' translation"}, timeout=10).json()
    assert [c["id"] for c in listed["items"]] == [record["id"]]
    assert metric(url, "briefs_corrections_applied_total") >= 4

    reverted = requests.delete(url + f"/v1/corrections/{record['id']}", timeout=10)
    assert reverted.status_code == 200 and reverted.json()["status"] == "reverted"
    a = brief(url, articles["a"], bullets=3)
    assert a["bullets"][0]["text"] == articles["model_text"] and a["bullets"][0]["corrected"] is False
    assert "model_text" not in a["bullets"][0]
    assert a["bullets"][0]["warnings"] == articles["first"]["bullets"][0]["warnings"]
    assert item_for(brief(url, articles["b"], mode="translate"), sentence)["text"] == item_for(b_before, sentence)["text"]
    job_after = requests.get(url + job.headers["Location"], timeout=10).json()
    assert job_after["result"]["translation"] == finished["result"]["translation"]
    history = requests.get(url + "/v1/corrections", params={"status": "all"}, timeout=10).json()
    assert history["items"][0]["status"] == "reverted" and history["items"][0]["ended_at"]


def test_the_memory_serves_repeated_sentences_and_counts_in_metrics(server, articles):
    url = server.url
    hits = metric(url, "briefs_memory_lookups_total", 'outcome="hit"')
    # A's sentences were generated and remembered; the same story with an extra line is a cache
    # miss for the brief, but its sentences come from the memory.
    again = brief(url, articles["a"] + "\n\nयह वाक्य नया जोड़ा गया है।", mode="translate")
    assert again["cached"] is False
    assert metric(url, "briefs_memory_lookups_total", 'outcome="hit"') > hits
    assert metric(url, "briefs_memory_lookups_total", 'outcome="miss"') >= 1


def test_corrections_survive_a_restart_and_a_corrupted_cache(server, articles):
    url = server.url
    created = requests.post(url + "/v1/corrections", json={"source": articles["sentence"], "translation": CORRECTION}, timeout=10)
    assert created.status_code == 201
    server.stop()
    cache = server.env["BRIEFS_DATA_DIR"] + "/cache.sqlite3"
    with open(cache, "r+b") as handle:
        handle.write(b"this is not an SQLite file any more" * 100)
    for leftover in (cache + "-wal", cache + "-shm"):  # a WAL left by a worker the quick shutdown killed would
        if os.path.exists(leftover):                     # hold valid pages and mend the file: corrupt the cache whole
            os.remove(leftover)
    server.start()
    a = brief(server.url, articles["a"], bullets=3)
    assert a["cached"] is False, "the cache was rebuilt"
    assert a["bullets"][0]["text"] == CORRECTION and a["bullets"][0]["corrected"] is True
    assert requests.get(server.url + f"/v1/corrections/{created.json()['id']}", timeout=10).json()["status"] == "active"
    requests.delete(server.url + f"/v1/corrections/{created.json()['id']}", timeout=10)


@pytest.mark.parametrize("body, code", [
    ({"source": "", "translation": "x"}, "invalid_correction"),
    ({"source": "This is English.", "translation": "x"}, "unsuitable_correction"),
    ({"source": "पहला वाक्य। दूसरा वाक्य।", "translation": "Two."}, "unsuitable_correction"),
    ({"source": "एक वाक्य।", "translation": "यह हिंदी है।"}, "unsuitable_correction"),
    ({"source": "एक वाक्य।", "translation": "nul \u0000 byte"}, "invalid_correction"),
    ({"source": "एक वाक्य।" * 400, "translation": "Too long."}, "invalid_request"),
    ({"source": "एक वाक्य।"}, "invalid_request"),
    ({"source": "एक वाक्य।", "translation": "x", "by": "me"}, "invalid_request"),
])
def test_bad_corrections_are_422_problems(server, body, code):
    response = requests.post(server.url + "/v1/corrections", json=body, timeout=10)
    assert response.status_code == 422 and response.json()["code"] == code, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_unknown_ids_and_bad_queries(server):
    assert requests.get(server.url + "/v1/corrections/987654", timeout=10).status_code == 404
    assert requests.delete(server.url + "/v1/corrections/99999999999999999999999", timeout=10).status_code == 404
    assert requests.get(server.url + "/v1/corrections", params={"limit": 0}, timeout=10).status_code == 422
    assert requests.get(server.url + "/v1/corrections", params={"q": "a\u0000b"}, timeout=10).status_code == 422
    assert requests.put(server.url + "/v1/glossary", data="x", headers={"Content-Type": "text/plain"}, timeout=10).status_code == 415
