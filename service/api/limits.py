"""Bounds of the API document that come from this process's settings, filled in when it is served.

Request models mark such a bound with ``x-from-settings`` (``schemas.from_settings``): the most
bullets, the configured models, the largest batch. The served document then states the limits the
service enforces, so a request the document accepts is not refused for a bound it did not state.
"""
from __future__ import annotations

from typing import Any

from service.api.schemas import SETTINGS_KEY
from service.http.state import Services


def settings_values(svc: Services) -> dict[str, Any]:
    """The values a ``from_settings`` bound may name."""
    return {
        "max_bullets": svc.settings.max_bullets,
        "max_batch_articles": svc.settings.max_batch_articles,
        "models": list(svc.pipeline.allowed_models),
        # With fetching off (no BRIEFS_FETCH_ALLOW), `url` is refused: the document says no string is valid.
        "url_refused": None if svc.settings.fetch_allow else {"type": "string"},
    }


def fill_limits(node: Any, values: dict[str, Any]) -> Any:
    """``node`` (a JSON document, changed in place) with every ``x-from-settings`` marker resolved.

    An ``enum`` on a schema that also allows null keeps null allowed; a value of None states no bound."""
    if isinstance(node, list):
        for item in node:
            fill_limits(item, values)
    elif isinstance(node, dict):
        bounds = node.pop(SETTINGS_KEY, None)
        for keyword, name in (bounds or {}).items():
            value = values[name]
            if value is None:
                continue
            if keyword == "enum" and _allows_null(node):
                value = [*value, None]
            node[keyword] = value
        for child in node.values():
            fill_limits(child, values)
    return node


def _allows_null(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "null" or any(_allows_null(s) for s in schema.get("anyOf", []) if isinstance(s, dict))
