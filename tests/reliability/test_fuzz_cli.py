"""The fuzzing step of CI: schemathesis's own CLI (`st run`), all four phases, against real gunicorns.

Phases examples, coverage, fuzzing and stateful, with every check schemathesis has (``--checks
all``: no server error; status code, content type, headers and body conform to /openapi.json;
schema-valid requests accepted and schema-violating ones refused; undocumented methods answered
405 with a true ``Allow``; with keys on, each protected operation refused without its key) plus
``fuzz/hooks.py`` (a refusal of a schema-valid request names a content problem, never a schema one;
and a case of its own: JSON integers of 5,000 digits in negative cases, which must be refused, never
a 500, on every operation with a JSON body).
A fixed seed and a bounded number of examples per operation keep the run repeatable and short.
Two configurations, each its own gunicorn for this module only (the fuzzer leaves queued jobs
behind, which must not load the servers later tests use): the defaults (a tiny model, nothing else
set), and API keys on.

Both set BRIEFS_MAX_QUEUE_DEPTH high: the fuzzer queues async jobs far faster than any client,
and the 503 it would then get is the overload answer tests/service/test_limits.py checks.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from http_servers import VENV_BIN
from rel_helpers import KEY_MAIN, AppGunicorn

FUZZ = Path(__file__).parent / "fuzz"
PHASES = ("examples", "coverage", "fuzzing", "stateful")
SEED = 20260412
MAX_EXAMPLES = 25
DEEP_QUEUE = {"BRIEFS_MAX_QUEUE_DEPTH": "100000"}


def fuzz_server(tiny_models, tmp_path_factory, name: str, env: dict[str, str]) -> Iterator[AppGunicorn]:
    root = tmp_path_factory.mktemp(name)
    server = AppGunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), **DEEP_QUEUE, **env},
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def default_server(tiny_models, tmp_path_factory) -> Iterator[AppGunicorn]:
    yield from fuzz_server(tiny_models, tmp_path_factory, "fuzz-default", {})


@pytest.fixture(scope="module")
def keyed_server(tiny_models, tmp_path_factory) -> Iterator[AppGunicorn]:
    yield from fuzz_server(tiny_models, tmp_path_factory, "fuzz-keys",
                           {"BRIEFS_API_KEYS": KEY_MAIN, "BRIEFS_RATE_LIMIT": "100000/minute"})


def st_run(base_url: str, *options: str, big_int_log: Path | None = None) -> str:
    """`st run` against ``base_url``; its whole report is printed (pytest shows it on failure)."""
    command = [
        str(VENV_BIN / "st"), "--config-file", str(FUZZ / "schemathesis.toml"), "--no-color",
        "run", f"{base_url}/openapi.json", "--phases", ",".join(PHASES), "--checks", "all",
        "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES), "--request-timeout", "60", *options,
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(FUZZ / "hooks.py"), "NO_COLOR": "1"}
    if big_int_log is not None:
        env["BIG_INT_LOG"] = str(big_int_log)
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=400)
    report = result.stdout + result.stderr
    print(report)
    assert result.returncode == 0, f"schemathesis found problems (exit {result.returncode}):\n{report[-30000:]}"
    return report


def assert_every_phase_ran(report: str) -> None:
    for phase in PHASES:
        assert re.search(rf"✅\s+{phase.capitalize()} \(in ", report, re.I), f"phase {phase} did not run and pass"
    generated = re.search(r"(\d+) generated, (\d+) passed", report)
    assert generated and int(generated[1]) >= 9 * MAX_EXAMPLES and generated[1] == generated[2], generated


BIG_INT_OPERATIONS = {"POST /v1/briefs", "POST /v1/translate", "POST /v1/briefs/batch", "POST /v1/corrections",
                      "PUT /v1/glossary", "POST /translate"}


def test_default_configuration_conforms_and_never_fails(default_server, tmp_path):
    log = tmp_path / "big-ints.log"
    assert_every_phase_ran(st_run(default_server.url, big_int_log=log))
    sent = set(log.read_text(encoding="utf-8").splitlines())
    assert BIG_INT_OPERATIONS <= sent, f"big-integer bodies sent only to {sorted(sent)}"


def test_with_api_keys_conforms_and_refuses_without_a_key(keyed_server):
    assert_every_phase_ran(st_run(keyed_server.url, "--header", f"X-API-Key: {KEY_MAIN}"))
