"""The shared corpus of scraped Hindi articles, for every test that reads it.

A missing corpus fails the test with a clear message: CI always has ``../shared`` beside the clone.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from models.synthetic import shared_dir

CORPUS_DIR = shared_dir() / "corpus" / "hi-news"


def corpus_path(name: str) -> Path:
    path = CORPUS_DIR / (name if name.endswith(".txt") else f"{name}.txt")
    if not path.is_file():
        pytest.fail(f"shared corpus file not found at {path} (put shared/ beside the repo or set BRIEFS_SHARED_DIR)")
    return path


def corpus_articles() -> list[Path]:
    paths = sorted(CORPUS_DIR.glob("article-*.txt"))
    if not paths:
        pytest.fail(f"no articles in {CORPUS_DIR} (put shared/ beside the repo or set BRIEFS_SHARED_DIR)")
    return paths
