"""Cache keys for briefs and translations.

The key changes whenever anything that changes the output changes: the text (after a normalization
that only drops differences the pipeline ignores), the model and its revision, the request options,
``PIPELINE_VERSION`` and the kind of result.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any, Mapping

import service.pipeline as pipeline

KEY_SCHEMA = "v1"
KEY_PATTERN = rf"[a-z]+:{KEY_SCHEMA}:[0-9a-f]{{64}}"  # what brief_key returns (a brief's public id)

_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def normalize_text(text: str) -> str:
    """NFC, runs of spaces collapsed, lines stripped, blank-line runs collapsed to one.

    Line and paragraph breaks are kept (as ``\\n`` and ``\\n\\n``): the translate mode keeps
    paragraphs, so two texts that differ only in where paragraphs break must not share a key.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def brief_key(
    text: str,
    *,
    model: str,
    revision: str | None,
    options: Mapping[str, Any],
    kind: str = "brief",
) -> str:
    """``<kind>:v1:<sha256 hex>``; ``options`` must be JSON-serializable (sorted, so order is free)."""
    material = json.dumps(
        [normalize_text(text), model, revision, options, pipeline.PIPELINE_VERSION, kind],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f"{kind}:{KEY_SCHEMA}:{hashlib.sha256(material.encode('utf-8')).hexdigest()}"
