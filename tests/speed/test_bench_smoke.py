"""`python -m bench --smoke` runs end to end and reports every row (keeps the suite from rotting).

No timing is asserted: only that every section ran, every row of the table is printed and saved
with a value, and the numbers that must exist are numbers.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict]:
    work = tmp_path_factory.mktemp("bench")
    out = work / "results.json"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--work", str(work), "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done, json.loads(out.read_text(encoding="utf-8"))


def test_every_row_is_printed_and_saved_with_a_value(smoke):
    from bench.report import ROWS

    done, results = smoke
    assert results["errors"] == {}
    assert [row["id"] for row in results["table"]] == [row_id for row_id, _, _ in ROWS]
    for row, (_, section, metric) in zip(results["table"], ROWS):
        assert row["value"] not in (None, "", "error"), row
        assert metric in done.stdout, metric
        assert section in done.stdout
    assert "wrote" in done.stdout


def test_numbers_that_must_be_measured(smoke):
    _, results = smoke
    rows = {row["id"]: row for row in results["table"]}
    numeric = ["articles_pipeline", "articles_pipeline_batch", "articles_pipeline_reference", "articles_naive",
               "http_on", "http_off", "http_transformers", "cold_start", "matmul", "tokens_transformers_32",
               "tokens_ctranslate2_32"]
    for row_id in numeric:
        assert isinstance(rows[row_id]["value"], (int, float)) and rows[row_id]["value"] > 0, rows[row_id]
    sections = results["sections"]
    # The fixed decode length gives the pipeline and the naive baseline the same per-sentence work.
    assert sections["articles"]["pipeline"]["tokens_per_article"] > 0
    assert all(sections["http"][f"throughput_{mode}"]["errors"] == 0 for mode in ("on", "off", "transformers"))
    # The default engine on CPU is CTranslate2 int8; the reference rows run transformers.
    if results["machine"]["device"] == "cpu":
        assert results["engine"] == "ctranslate2" and sections["articles"]["engine"] == "ctranslate2 int8"
    assert sections["http"]["cache_hit"]["n"] > 0
    saturation = sections["http"]["saturation"]
    assert [run["generating_clients"] for run in saturation] == [16, 32]
    assert all(run["cached"]["n"] > 0 and run["healthz"]["n"] > 0 for run in saturation)
    assert sections["memory"]["1"]["total_pss_mb"] > 0
    assert results["machine"]["device"] in ("cpu", "cuda")
    assert results["profile"] == "smoke"
