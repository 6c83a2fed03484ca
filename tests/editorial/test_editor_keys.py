"""With API keys on, only keys marked ``role=editor`` write corrections and the glossary; who wrote is kept."""
from __future__ import annotations

import pytest

from service.config import Settings
from service.security.keys import key_id, parse_file

EDITOR, READER = "editor-key-0123", "reader-key-4567"
SENTENCE = "भारत की राजधानी नई दिल्ली है।"


@pytest.fixture
def client(tmp_path):
    from service.app import create_app

    keys = tmp_path / "keys"
    keys.write_text(f"# newsroom\n{EDITOR} 1000/minute role=editor\n{READER}\n", encoding="utf-8")
    settings = Settings(model="/nonexistent/model", data_dir=tmp_path, warmup=False, api_keys_file=keys)
    return create_app(settings).test_client()


def test_keys_file_roles_parse_with_or_without_a_limit():
    keys = parse_file("a 10/minute role=editor\nb role=editor\nc 100 per hour\nd\n")
    assert [(k.limit, k.editor) for k in keys] == [("10/minute", True), (None, True), ("100 per hour", False), (None, False)]


def test_only_editors_write_and_every_write_names_its_key(client):
    body = {"source": SENTENCE, "translation": "New Delhi is India's capital."}
    assert client.post("/v1/corrections", json=body).status_code == 401
    refused = client.post("/v1/corrections", json=body, headers={"X-API-Key": READER})
    assert refused.status_code == 403 and refused.json["code"] == "forbidden"
    assert client.put("/v1/glossary", json={"terms": []}, headers={"X-API-Key": READER}).status_code == 403

    created = client.post("/v1/corrections", json=body, headers={"Authorization": f"Bearer {EDITOR}"})
    assert created.status_code == 201 and created.json["created_by"] == key_id(EDITOR)
    correction_id = created.json["id"]
    assert client.get("/v1/corrections", headers={"X-API-Key": READER}).json["total"] == 1, "readers may read"
    assert client.delete(f"/v1/corrections/{correction_id}", headers={"X-API-Key": READER}).status_code == 403
    reverted = client.delete(f"/v1/corrections/{correction_id}", headers={"X-API-Key": EDITOR})
    assert reverted.json["ended_by"] == key_id(EDITOR) and reverted.json["status"] == "reverted"
    glossary = client.put("/v1/glossary", json={"terms": [{"hindi": "भाजपा", "english": "BJP"}]}, headers={"X-API-Key": EDITOR})
    assert glossary.status_code == 200 and glossary.json["updated_by"] == key_id(EDITOR)


def test_the_api_document_lists_the_editorial_operations(client):
    doc = client.get("/openapi.json").json
    operations = {(path, method) for path, item in doc["paths"].items() for method in item}
    assert {("/v1/corrections", "post"), ("/v1/corrections", "get"), ("/v1/corrections/{correction_id}", "delete"),
            ("/v1/glossary", "get"), ("/v1/glossary", "put")} <= operations
    post = doc["paths"]["/v1/corrections"]["post"]
    assert {"201", "401", "403", "422"} <= set(post["responses"]) and post["security"]
