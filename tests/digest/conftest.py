"""Fixtures for the nightly digest tests: the shared corpus, an in-memory cache, a CLI runner."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.corpus import corpus_articles

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus folder; a missing corpus fails the test (``tests.corpus``), never skips it."""
    return corpus_articles()[0].parent


@pytest.fixture
def cache(tmp_path: Path):
    """The real embedded cache (SQLite) in a fresh folder."""
    from service.cache import build_cache
    from service.config import Settings

    return build_cache(Settings.from_env({}, data_dir=tmp_path / "cache"))


@pytest.fixture
def nightly_env(tiny_models: dict[str, Path], tmp_path: Path) -> dict[str, str]:
    """Environment for a ``python -m service nightly`` subprocess: tiny model, own cache, short outputs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFS_", "SLACK_", "REDIS_URL"))}
    env.update(
        BRIEFS_MODEL=str(tiny_models["marian"]),
        BRIEFS_DATA_DIR=str(tmp_path / "data"),
        BRIEFS_MAX_NEW_TOKENS="12",
        BRIEFS_DEVICE="cpu",
        BRIEFS_TORCH_THREADS="2",
        HF_HUB_OFFLINE="1",
        PYTHONPATH=str(REPO),
    )
    return env


@dataclass
class Outcome:
    returncode: int
    stderr: str


@pytest.fixture
def run_nightly(
    nightly_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Outcome]:
    """Run ``nightly`` in this process (fast: imports and torch already loaded), or with
    ``subprocess=True`` in a child process (needed when the run is to die midway)."""

    def run(*args: str, env: dict[str, str] | None = None, subprocess_run: bool = False) -> Outcome:
        full_env = {**nightly_env, **(env or {})}
        if subprocess_run:
            done = subprocess.run(
                [sys.executable, "-m", "service", "nightly", *args],
                cwd=REPO, env=full_env, capture_output=True, text=True, timeout=120,
            )
            return Outcome(done.returncode, done.stderr)
        from service.cli import main

        with monkeypatch.context() as patch:
            for name in [k for k in os.environ if k.startswith(("BRIEFS_", "SLACK_")) or k == "REDIS_URL"]:
                patch.delenv(name)
            for name, value in full_env.items():
                patch.setenv(name, value)
            capsys.readouterr()
            try:
                code = main(["nightly", *args])
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
            return Outcome(code, capsys.readouterr().err)

    return run
