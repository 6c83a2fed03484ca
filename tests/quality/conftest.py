"""Helpers for the quality tests: the shipped references and a Generator wrapper that plants outputs."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from models.base import DecodeOptions, ModelInfo
from service.config import Settings
from service.pipeline.brief import BriefPipeline

REFERENCES = Path(__file__).resolve().parents[1] / "data" / "references"


def load_reference(name: str) -> dict:
    return json.loads((REFERENCES / f"{name}.json").read_text(encoding="utf-8"))


@dataclass
class PlantedGenerator:
    """A ``Generator`` whose outputs are chosen by ``respond(source_text, options)``; records calls."""

    respond: Callable[[str, DecodeOptions], str]
    info: ModelInfo = field(default_factory=lambda: ModelInfo(
        model_id="planted", revision=None, architecture="marian", backend="test", device="cpu",
        tasks=frozenset({"translate"}),
    ))
    calls: list[tuple[list[str], DecodeOptions]] = field(default_factory=list)

    def generate(self, texts, task="translate", options=None):
        options = options or DecodeOptions()
        self.calls.append((list(texts), options))
        return [self.respond(t, options) for t in texts]

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def reference_table() -> dict[str, str]:
    """Every shipped Hindi sentence and headline -> its reference English."""
    table = {}
    for path in sorted(REFERENCES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for pair in [data["headline"], *data["sentences"]]:
            table[" ".join(pair["hindi"].split())] = pair["english"]
    return table


def echo_references(text: str, options: DecodeOptions) -> str:
    return reference_table().get(" ".join(text.split()), "")


def planted_pipeline(generator: PlantedGenerator, **settings) -> BriefPipeline:
    return BriefPipeline(Settings(model="planted", **settings), lambda name: generator)


@pytest.fixture(scope="session")
def references_dir() -> Path:
    return REFERENCES
