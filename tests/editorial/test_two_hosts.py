"""Two gunicorn instances ("hosts": their own caches) sharing one real PostgreSQL server."""
from __future__ import annotations

from typing import Iterator

import pytest
import requests
from http_helpers import ARTICLES, metric
from http_servers import Gunicorn

CORRECTION = "Host one's editor wrote this sentence."


@pytest.fixture(scope="module")
def hosts(tiny_models, tmp_path_factory, postgres) -> Iterator[list[Gunicorn]]:
    url = postgres.create_database("two_hosts")
    servers = []
    for name in ("host-1", "host-2"):
        root = tmp_path_factory.mktemp(name)
        servers.append(Gunicorn(
            {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), "BRIEFS_WORKERS": "1",
             "BRIEFS_DATABASE_URL": url, "BRIEFS_MAX_NEW_TOKENS": "24", "BRIEFS_GUARD_RETRY": "0"},
            root / "gunicorn.log",
        ))
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


def brief(server: Gunicorn, text: str) -> dict:
    response = requests.post(server.url + "/v1/briefs", json={"text": text, "bullets": 3}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_correction_on_one_host_shows_on_the_other_and_its_revert_too(hosts):
    one, two = hosts
    article = ARTICLES[1].read_text(encoding="utf-8")
    cached = brief(two, article)  # host two caches its brief before the correction exists
    sentence, model_text = cached["bullets"][1]["source_text"], cached["bullets"][1]["text"]

    created = requests.post(one.url + "/v1/corrections", json={"source": sentence, "translation": CORRECTION}, timeout=10)
    assert created.status_code == 201, created.text
    served = brief(two, article)
    assert served["cached"] is True and served["bullets"][1]["text"] == CORRECTION and served["bullets"][1]["corrected"]
    assert brief(one, article)["bullets"][1]["text"] == CORRECTION

    assert requests.delete(two.url + f"/v1/corrections/{created.json()['id']}", timeout=10).status_code == 200
    assert brief(one, article)["bullets"][1]["text"] == model_text
    assert brief(two, article)["bullets"][1]["text"] == model_text
    history = requests.get(one.url + "/v1/corrections", params={"status": "reverted"}, timeout=10).json()
    assert [c["id"] for c in history["items"]] == [created.json()["id"]]


def test_the_hosts_share_one_translation_memory_and_glossary(hosts):
    one, two = hosts
    article = ARTICLES[2].read_text(encoding="utf-8")
    first = brief(one, article)
    hits = metric(two.url, "briefs_memory_lookups_total", 'outcome="hit"')
    second = brief(two, article)  # not in host two's cache: its sentences come from host one's memory
    assert second["cached"] is False and metric(two.url, "briefs_memory_lookups_total", 'outcome="hit"') >= hits + 4
    assert [b["text"] for b in second["bullets"]] == [b["text"] for b in first["bullets"]]

    put = requests.put(one.url + "/v1/glossary", json={"terms": [{"hindi": "भारत", "english": "India"}]}, timeout=10)
    assert put.status_code == 200
    assert requests.get(two.url + "/v1/glossary", timeout=10).json()["terms"] == [{"hindi": "भारत", "english": "India", "note": None}]
