"""What the API document says about errors and access, as served by this process.

Problem responses are ``application/problem+json`` (SpecTree writes every response as JSON), and
when API keys are configured every protected operation names its security schemes (``X-API-Key``
header or HTTP bearer) and documents its 401 and 429 answers.
"""
from __future__ import annotations

import copy
from typing import Any

from flask import current_app

from service.http.problems import PROBLEM_JSON

PROBLEM_REF = "#/components/schemas/Problem"
SCHEMES = {
    "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
    "Bearer": {"type": "http", "scheme": "bearer", "description": "the same API key as a bearer token"},
}
ERRORS = {"401": "Missing or invalid API key", "429": "This API key's rate limit is reached (see Retry-After)"}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_REF}}}}


def annotate(spec: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(spec)
    keyring = current_app.extensions.get("briefs_keyring")
    settings = current_app.config.get("BRIEFS_SETTINGS")
    protected_paths = set()
    if keyring and settings is not None:
        from service.security.access import public_endpoints

        public = public_endpoints(settings)
        for rule in current_app.url_map.iter_rules():
            if rule.endpoint not in public:
                protected_paths.add(rule.rule)
        doc.setdefault("components", {})["securitySchemes"] = SCHEMES
    for path, item in doc.get("paths", {}).items():
        flask_path = path.replace("{", "<").replace("}", ">")
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for response in operation["responses"].values():
                content = response.get("content", {})
                body = content.get("application/json")
                if body and body.get("schema", {}).get("$ref") == PROBLEM_REF:
                    response["content"] = {PROBLEM_JSON: body}
            if flask_path in protected_paths:
                operation["security"] = [{"ApiKey": []}, {"Bearer": []}]
                for status, description in ERRORS.items():
                    operation["responses"].setdefault(status, _problem(description))
    return doc
