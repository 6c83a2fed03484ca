"""The short soak (tools/soak.py, ~20 s): hits, misses, batches and async jobs at a fixed rate.

Asserts zero unexpected answers and zero lost jobs; prints the figures (requests, statuses,
latency percentiles, server memory after the warm-up and at the end). Memory is asserted only
against a generous bound (no more than +50 % over 20 s), the rest is reported, never timed.
"""
from __future__ import annotations

import json
import sys

from rel_helpers import REPO

sys.path.insert(0, str(REPO / "tools"))
from soak import Soak  # noqa: E402


def test_short_soak(faulty, tmp_path):
    soak = Soak(faulty.url, duration=20, rate=6, threads=6, server_pid=faulty.pid, job_timeout=60)
    report = soak.run().as_dict()
    print("\nshort soak:", json.dumps(report, ensure_ascii=False))
    (tmp_path / "soak.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert report["unexpected"] == {}, report["unexpected"]
    assert report["jobs"]["lost"] == 0 and report["jobs"]["failed"] == 0
    assert report["requests"] >= 60 and set(report["status_by_kind"]) == {"hit", "miss", "batch", "async"}
    rss = report["rss_kib"]
    assert rss["start"] and rss["end"] and rss["end"] < rss["start"] * 1.5, rss
