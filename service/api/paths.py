"""Path parameters with a shape: routed only when they have it, and documented with it.

A brief's id is its cache key (``brief:v1:<sha256 hex>``). Routing on that shape keeps
``/v1/briefs/batch`` from also matching ``GET /v1/briefs/<id>`` (whose ``Allow`` header then
advertised a GET the document does not have), and makes any other id a plain 404.
"""
from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import BaseConverter

from service.cache.keys import KEY_PATTERN


class BriefIdConverter(BaseConverter):
    regex = KEY_PATTERN


CONVERTERS: dict[str, type[BaseConverter]] = {"brief_id": BriefIdConverter}


def register_converters(app: Flask) -> None:
    """Before the blueprints: their rules look converters up when they are added."""
    app.url_map.converters.update(CONVERTERS)


def fill_path_schemas(doc: dict[str, Any]) -> dict[str, Any]:
    """Give each path parameter routed by one of ``CONVERTERS`` its pattern (SpecTree leaves a custom
    converter's schema empty)."""
    for item in doc.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                converter = CONVERTERS.get(parameter["name"])
                if parameter.get("in") == "path" and converter is not None:
                    parameter["schema"] = {"type": "string", "pattern": f"^{converter.regex}$"}
    return doc
