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


def _load_gunicorn_config(tmp_path, check: str, **env: str) -> subprocess.CompletedProcess:
    code = (
        "import runpy, os, sys; c = runpy.run_path('gunicorn.conf.py'); "
        "assert c['wsgi_app'] == 'service.wsgi:app' and c['worker_class'] == 'gthread' and not c['preload_app']; "
        "heavy_before_binding = 'torch' in sys.modules; c['when_ready'](None); "
        + check
    )
    full_env = {**os.environ, "BRIEFS_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env=full_env, timeout=120)


def test_gunicorn_master_preloads_the_model_without_a_thread_pool_or_cuda(tmp_path, tiny_models):
    check = (
        "import torch, models; "
        "assert torch.get_num_threads() == 1 and not torch.cuda.is_initialized(); "
        "assert [spec.name_or_path for spec, _ in models._PRELOADED] == [os.environ['BRIEFS_MODEL']]"
    )
    result = _load_gunicorn_config(tmp_path, check, BRIEFS_MODEL=str(tiny_models["marian"]), BRIEFS_BACKEND="transformers")
    assert result.returncode == 0, result.stderr


def test_gunicorn_master_leaves_the_ctranslate2_engine_to_the_workers(tmp_path, tiny_models):
    """The default engine on CPU is CTranslate2, which is not fork-safe: the master shares the imports
    and the copy's tokenizer, and never loads the Translator."""
    from models import ModelSpec
    from models.engine import prepare

    copy = prepare(ModelSpec(str(tiny_models["marian"]), backend="auto", device="cpu"))
    check = ("import torch, models, models.ct2; assert torch.get_num_threads() == 1 and not models._PRELOADED; "
             f"assert list(models.ct2._SHARED_PARTS) == [{str(copy / 'hf')!r}]")
    result = _load_gunicorn_config(tmp_path, check, BRIEFS_MODEL=str(tiny_models["marian"]))
    assert result.returncode == 0, result.stderr
    assert "master: engine ctranslate2 (auto: CPU and a marian model" in result.stderr


def test_gunicorn_master_without_the_model_still_starts(tmp_path):
    result = _load_gunicorn_config(tmp_path, "import models; assert not models._PRELOADED", BRIEFS_MODEL=str(tmp_path / "none"))
    assert result.returncode == 0, result.stderr
    assert "model not preloaded (ModelUnavailable); workers will load it" in result.stderr


def test_gunicorn_master_imports_nothing_heavy_when_sharing_is_off(tmp_path):
    result = _load_gunicorn_config(tmp_path, "assert 'torch' not in sys.modules", BRIEFS_SHARE_MEMORY="0")
    assert result.returncode == 0, result.stderr


def test_gunicorn_binds_before_the_master_imports_anything_heavy(tmp_path):
    """The config gunicorn reads before binding is light; the sharing runs in when_ready, after the bind."""
    result = _load_gunicorn_config(tmp_path, "assert not heavy_before_binding and 'torch' in sys.modules",
                                   BRIEFS_MODEL=str(tmp_path / "none"))
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
