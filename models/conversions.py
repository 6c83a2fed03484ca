"""Converted copies of checkpoints for the CTranslate2 engine: made once, found again, never half-read.

A copy is keyed by model id, revision and the checkpoint's files (name, size, modification time:
a changed checkpoint gets a new copy), plus ``FORMAT`` (bumped when ``models.convert`` writes
something else). It is kept beside the model: in the hub cache's folder of that model
(``models--org--name/briefs-ct2/``) or in a local model directory's ``.briefs-ct2/``; where that
is not writable, under the fallback folder (``BRIEFS_DATA_DIR/converted``).

Making a copy is safe with many workers and processes at once: one holds a file lock and converts
into a temporary folder that is renamed into place when complete; the others wait for the lock and
then find it. The conversion runs in a child process (``python -m models.convert``), so the float32
model it loads never stays in a server worker's memory.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from models.convert import DEFAULT_QUANTIZATION

log = logging.getLogger(__name__)

FORMAT = 1
REPO = Path(__file__).resolve().parents[1]
LOCK_TIMEOUT_S = 1800.0
BESIDE_HUB_MODEL = "briefs-ct2"
BESIDE_LOCAL_MODEL = ".briefs-ct2"


class ConversionFailed(RuntimeError):
    """The converter failed; the message is its last line of output."""


def key(name: str, revision: str | None, source: Path, quantization: str = DEFAULT_QUANTIZATION) -> str:
    """Folder name of the copy: readable model name, then a digest of everything that changes it."""
    digest = hashlib.sha256()
    for part in (name, revision or "", str(FORMAT), quantization, _fingerprint(source)):
        digest.update(part.encode() + b"\0")
    plain = Path(name).name if Path(name).expanduser().is_dir() else name.replace("/", "--")
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", plain)[-60:].strip("-.") or "model"
    return f"{readable}-{digest.hexdigest()[:16]}-{quantization}"


def _fingerprint(source: Path) -> str:
    """The checkpoint's files (a hub snapshot's folder is named by its commit, so that is in it too)."""
    parts = [str(source.resolve())]
    for path in sorted(source.iterdir()):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def homes(source: Path, fallback: Path | None) -> list[Path]:
    """Where copies of ``source`` may live, preferred first."""
    beside = (source.parent.parent / BESIDE_HUB_MODEL) if source.parent.name == "snapshots" else (source / BESIDE_LOCAL_MODEL)
    return [beside] + ([fallback] if fallback is not None else [])


def find(name: str, revision: str | None, source: Path, fallback: Path | None) -> Path | None:
    """The finished copy, if one exists (a folder with that name is complete: it was renamed into place)."""
    name_of_copy = key(name, revision, source)
    for home in homes(source, fallback):
        if (home / name_of_copy / "model.bin").is_file():
            return home / name_of_copy
    return None


def planned(name: str, revision: str | None, source: Path, fallback: Path | None) -> Path:
    """Where ``ensure`` finds or puts the copy (for ``python -m service config``)."""
    found = find(name, revision, source, fallback)
    if found is not None:
        return found
    home = next((h for h in homes(source, fallback) if _writable(h)), homes(source, fallback)[-1])
    return home / key(name, revision, source)


def ensure(name: str, revision: str | None, source: Path, fallback: Path | None) -> Path:
    """The copy's folder, converting ``source`` first if no copy exists yet (once, whoever asks)."""
    from filelock import FileLock

    found = find(name, revision, source, fallback)
    if found is not None:
        return found
    home = next((h for h in homes(source, fallback) if _writable(h)), None)
    if home is None:
        raise ConversionFailed(f"no writable folder for the converted copy (tried {', '.join(map(str, homes(source, fallback)))})")
    final = home / key(name, revision, source)
    with FileLock(str(final) + ".lock", timeout=LOCK_TIMEOUT_S):
        if (final / "model.bin").is_file():
            return final  # another worker or process made it while this one waited
        for stale in home.glob(final.name + ".tmp-*"):  # left by a converter that was killed
            shutil.rmtree(stale, ignore_errors=True)
        partial = home / f"{final.name}.tmp-{os.getpid()}"
        started = time.perf_counter()
        try:
            _convert(source, partial)
            os.replace(partial, final)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    log.info("converted %s to CTranslate2 %s in %.1f s: %s", name, DEFAULT_QUANTIZATION,
                time.perf_counter() - started, final)
    return final


def _convert(source: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "models.convert", str(source), "--out", str(out), "--force"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=LOCK_TIMEOUT_S,
    )
    if done.returncode != 0 or not (out / "model.bin").is_file():
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        raise ConversionFailed(lines[-1] if lines else f"converter exited with {done.returncode}")


def _writable(home: Path) -> bool:
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(home, os.W_OK | os.X_OK)
