"""`python -m bench.editorial --smoke` runs end to end (SQLite and a real PostgreSQL) and its counts hold."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_editorial_bench_smoke(tmp_path):
    out = tmp_path / "editorial.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.editorial", "--smoke", "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    first, *reposts = results["reposted"]
    assert first["generated"] == first["n"] > 0
    assert [r["generated"] for r in reposts] == [r["k"] for r in reposts], "only the new sentences are generated"
    for backend in ("sqlite", "postgresql"):
        lookup = results[f"lookup_{backend}"]
        assert lookup["stored"] == 2000 and 0 < lookup["p50_ms"] <= lookup["p99_ms"]
    assert "| 2 memory look-up | postgresql" in done.stdout
