"""Dockerfile, Dockerfile.cuda and docker-compose.yml only call commands that exist.

No Docker engine runs here, so each command they run is executed (as --help) or imported.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

from http_servers import REPO


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, env=env, timeout=120)


def test_service_commands_exist():
    for command in ("prefetch", "worker", "serve"):
        result = _run("-m", "service", command, "--help")
        assert result.returncode == 0, result.stderr


def test_gunicorn_config_is_importable_and_names_the_app(tmp_path):
    code = (
        "import runpy, os; os.environ['BRIEFS_DATA_DIR'] = os.environ['T']; "
        "c = runpy.run_path('gunicorn.conf.py'); "
        "assert c['wsgi_app'] == 'service.wsgi:app' and c['worker_class'] == 'gthread' and not c['preload_app']; "
        "import sys; assert 'torch' not in sys.modules, 'the master must not import torch'"
    )
    env = {**os.environ, "T": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr


def test_docker_files_call_existing_commands():
    dockerfile = (REPO / "Dockerfile").read_text()
    cuda = (REPO / "Dockerfile.cuda").read_text()
    compose = (REPO / "docker-compose.yml").read_text()
    for text in (dockerfile, cuda):
        assert "USER " in text and "HEALTHCHECK" in text and "HF_HUB_OFFLINE=1" in text
        assert "python -m service prefetch" in text and "gunicorn.conf.py" in text
    assert '["python", "-m", "service", "worker"]' in compose and "redis" in compose
    for path in re.findall(r"COPY (?:--\S+ )*(\S+) ", dockerfile):
        if not path.startswith("/") and "*" not in path:
            assert (REPO / path).exists(), path
