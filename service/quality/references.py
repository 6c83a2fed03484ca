"""Reference sets for ``python -m service eval``: the shipped folder, a user's JSONL, or FLORES files.

Every format becomes a list of ``ReferenceArticle``: the raw article the pipeline reads, the
reference translation of each story sentence (``{hindi, english}``) and an optional brief.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_REFERENCES = Path(__file__).resolve().parents[2] / "tests" / "data" / "references"


@dataclass
class SentencePair:
    hindi: str
    english: str


@dataclass
class ReferenceArticle:
    id: str
    article: str
    sentences: list[SentencePair]
    brief: list[str] = field(default_factory=list)
    headline: SentencePair | None = None


def load_references(path: str | Path | None = None) -> list[ReferenceArticle]:
    """A folder of ``*.json`` articles, or a ``.jsonl`` file (one article or sentence pair a line)."""
    path = Path(path) if path else DEFAULT_REFERENCES
    if path.is_dir():
        return [_article(json.loads(p.read_text(encoding="utf-8")), p.stem) for p in sorted(path.glob("*.json"))]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [_article(json.loads(line), f"{path.stem}-{i}") for i, line in enumerate(lines)]


def load_flores(source_file: str | Path, reference_file: str | Path) -> list[ReferenceArticle]:
    """FLORES-200 style: line-aligned ``hin_Deva`` and ``eng_Latn`` files; each line is one item."""
    sources = Path(source_file).read_text(encoding="utf-8").splitlines()
    targets = Path(reference_file).read_text(encoding="utf-8").splitlines()
    if len(sources) != len(targets):
        raise ValueError(f"{source_file} has {len(sources)} lines but {reference_file} has {len(targets)}")
    return [
        ReferenceArticle(f"flores-{i}", hi, [SentencePair(hi, en)])
        for i, (hi, en) in enumerate(zip(sources, targets))
        if hi.strip()
    ]


def _article(data: dict[str, Any], default_id: str) -> ReferenceArticle:
    if "hindi" in data and "english" in data:  # a bare sentence pair
        return ReferenceArticle(data.get("id", default_id), data["hindi"], [SentencePair(data["hindi"], data["english"])])
    sentences = [SentencePair(s["hindi"], s["english"]) for s in data.get("sentences", [])]
    headline = SentencePair(**data["headline"]) if data.get("headline") else None
    article = data.get("article") or "\n\n".join(s.hindi for s in sentences)
    return ReferenceArticle(data.get("id", default_id), article, sentences, list(data.get("brief", [])), headline)
