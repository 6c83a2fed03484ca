"""JSON encoding of cache values, shared by the backends.

A value that cannot be encoded is the caller's bug, not a backend outage: it raises
``UnencodableValue`` so that ``ResilientCache`` lets it through instead of counting it as an error.
"""
from __future__ import annotations

import json

from service.cache.base import Value


class UnencodableValue(TypeError):
    """The value is not a JSON-serializable dict."""


def encode(value: Value) -> str:
    if not isinstance(value, dict):
        raise UnencodableValue(f"cache values are dicts, got {type(value).__name__}")
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise UnencodableValue(str(exc)) from exc


def decode(raw: str | bytes) -> Value:
    return json.loads(raw)
