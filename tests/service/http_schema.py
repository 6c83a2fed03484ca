"""Check real responses against the OpenAPI document's own schemas (JSON Schema 2020-12)."""
from __future__ import annotations

import jsonschema


def check(doc: dict, path: str, method: str, status: int, body) -> None:
    response = doc["paths"][path][method]["responses"][str(status)]
    schema = next(iter(response["content"].values()))["schema"]
    jsonschema.validate(
        body, {**schema, "components": doc["components"]}, cls=jsonschema.Draft202012Validator
    )
