"""The model crashing on one input inside a batch fails only that input (HTTP, real gunicorn)."""
from __future__ import annotations

import time
import uuid

import requests
from rel_helpers import ARTICLES, POISON, assert_problem, auth


def _unique(text: str) -> str:
    return text + f"\n\nयह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def test_one_poisoned_article_fails_alone_in_a_batch(guarded):
    good = [_unique(ARTICLES[i].read_text(encoding="utf-8")[:3000]) for i in (0, 1)]
    poisoned = f"यह {POISON} वाक्य मॉडल को तोड़ देता है। सरकार ने बुधवार को नई योजना की घोषणा की।"
    body = {"articles": [{"id": "a", "text": good[0]}, {"id": "bad", "text": poisoned}, {"id": "b", "text": good[1]}], "bullets": 2}
    response = requests.post(guarded.url + "/v1/briefs/batch", json=body, headers=auth(), timeout=120)
    assert response.status_code == 200, response.text[:300]
    items = response.json()["articles"]
    assert [(i["id"], i["status"]) for i in items] == [("a", 200), ("bad", 500), ("b", 200)]
    assert items[0]["brief"]["bullets"] and items[2]["brief"]["bullets"]
    error = items[1]["error"]
    assert error["code"] == "generation_failed" and "device-side" not in error["detail"]
    assert response.json()["succeeded"] == 2 and response.json()["failed"] == 1

    # Alone it is a 500 problem; the worker keeps serving; the same batch asynchronously agrees.
    assert_problem(requests.post(guarded.url + "/v1/briefs", json={"text": poisoned}, headers=auth(), timeout=60), 500, "generation_failed")
    assert requests.get(guarded.url + "/healthz", timeout=10).status_code == 200
    body["articles"][0]["text"] = _unique(good[0])
    job = requests.post(guarded.url + "/v1/briefs/batch?async=true", json=body, headers=auth(), timeout=30)
    assert job.status_code == 202
    deadline = time.monotonic() + 60
    while (record := requests.get(guarded.url + job.headers["Location"], headers=auth(), timeout=10).json())["status"] not in ("finished", "failed"):
        assert time.monotonic() < deadline, record
        time.sleep(0.2)
    assert record["status"] == "finished"
    assert [i["status"] for i in record["result"]["articles"]] == [200, 500, 200]
