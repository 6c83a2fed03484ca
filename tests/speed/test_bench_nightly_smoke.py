"""`python -m bench.nightly --smoke` runs end to end: a night in one process and on two RQ workers."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_nightly_bench_smoke(tmp_path):
    out = tmp_path / "nightly.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.nightly", "--smoke", "--articles", "8", "--configs", "in-process x1,RQ 2 workers x1",
         "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["config"]: row for row in results["rows"]}
    assert set(rows) == {"in-process x1", "RQ 2 workers x1"}
    for row in rows.values():
        assert row["articles"] == row["generated"] == 8 and row["failed"] == 0  # every article briefed, none from a cache
        assert row["brief_s"] > 0 and row["group_render_s"] > 0 and row["stories"] >= 1
    workers = rows["RQ 2 workers x1"]
    assert len(workers["worker_peak_rss_mb"]) == 2 and all(m > 0 for m in workers["worker_peak_rss_mb"])
    assert workers["tokens"] == rows["in-process x1"]["tokens"] > 0  # the same model work either way
    assert "| RQ 2 workers x1 |" in done.stdout and "target: RQ 2 workers x1 >= 1.8x" in done.stdout
    grouping = results["grouping"]
    assert any(row["what"].startswith("group ") for row in grouping)  # bench.grouping's rows ride along
    assert "peak RSS MB" in done.stdout and grouping[0]["what"] in done.stdout  # printed as bench.grouping's table
