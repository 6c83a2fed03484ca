"""The nightly digest on a full disk: a clear error, exit code 5, and the previous digest untouched.

The output folder is a 256 KiB tmpfs filled to the last byte, mounted in a private mount namespace
(``unshare --mount``, root as in CI; nothing outside the test sees it): the digest writes fail
with a real ENOSPC while the rest of the machine (the cache, temp files, the model) works as usual.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from rel_helpers import ARTICLES, REPO

HERE = os.path.dirname(__file__)


def test_full_disk_leaves_the_previous_digest_intact(tiny_models, tmp_path):
    unshare = shutil.which("unshare")
    assert unshare, "util-linux's unshare is needed to mount a private, full tmpfs"
    day = tmp_path / "day"
    day.mkdir()
    for path in ARTICLES[:3]:
        (day / path.name).write_text(path.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    out = tmp_path / "digest"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "BRIEFS_MODEL": str(tiny_models["marian"]),
           "BRIEFS_DATA_DIR": str(tmp_path / "data"), "BRIEFS_MAX_NEW_TOKENS": "16"}
    nightly = [sys.executable, "-m", "service", "nightly", "--input", str(day), "--out", str(out), "--date", "2026-11-23"]
    run = subprocess.run([unshare, "--mount", sys.executable, os.path.join(HERE, "full_disk.py"), str(out), "--", *nightly],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["filled"] > 0
    assert result["returncode"] == 5, result["stderr"]
    last = result["stderr"].strip().splitlines()[-1]
    assert last.startswith("error: could not write the digest") and "No space left on device" in last, last
    assert "unchanged" in last and "Traceback" not in result["stderr"]
    # The same three files with the same contents; no temp file left behind.
    assert result["files"] == {name: f"previous {name}\n" for name in ("digest.html", "digest.json", "digest.md")}
