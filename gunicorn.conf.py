"""gunicorn settings: ``gunicorn -c gunicorn.conf.py`` alone starts the service.

Process model: ``gthread`` workers, NO ``preload_app``. The master imports torch, transformers and the
app's modules and, on CPU with the transformers engine, loads the default model from local files
(``BRIEFS_SHARE_MEMORY``, on) so that workers share that memory; it sets torch to one thread first and
never touches CUDA, so forked workers cannot inherit a used OpenMP pool or a CUDA context. It does this after binding (``when_ready``), so
the port listens within a second or two of the start, and it never waits for a hub: a model that is not on disk is left to the workers, which download it in the
background and answer 503 meanwhile. The CTranslate2 engine (the CPU default) is not fork-safe, so
each worker loads that copy itself after the fork. Each worker creates the app after the fork, sets
torch's threads in ``post_fork`` before any torch op, and warms the model up itself (warm-up
thread); a worker that dies is replaced cleanly. Keep BRIEFS_WORKERS small and use threads: each
worker feeds one model call at a time (micro-batched), and torch threads per worker = cores /
workers, so workers x torch threads <= cores. At most BRIEFS_THREADS requests per worker wait for
the model (more get 503 at once); BRIEFS_SPARE_THREADS more threads serve cache hits, health and
metrics meanwhile, and the model's threads run at a lower CPU priority (BRIEFS_GENERATION_NICE).
"""
import os
import shutil
import sys
import tempfile

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)  # started from any directory: `gunicorn -c /path/to/gunicorn.conf.py`

from service.config import Settings  # noqa: E402  (stdlib only; the heavy imports are in _share_imports)

_settings = Settings.from_env()

wsgi_app = "service.wsgi:app"
chdir = _HERE
bind = _settings.bind
workers = _settings.workers
# BRIEFS_THREADS may wait for the model (the gate's slots, service/http/gate.py); the spare ones never do,
# so cache hits, /healthz and /metrics always find a free thread while every slot generates.
threads = _settings.threads + _settings.spare_threads
worker_class = "gthread"
preload_app = False
# A worker busy in a long generation still heartbeats (gthread); this only kills a stuck worker.
timeout = int(max(60, _settings.request_timeout_s * 2))
graceful_timeout = 30
keepalive = 5
accesslog = None  # the app writes one structured JSON line per request instead
errorlog = "-"
loglevel = os.environ.get("BRIEFS_LOG_LEVEL", "info")
proc_name = "briefs"

# Prometheus multiprocess mode: a fresh directory per master (stale files would add old counts), on
# a memory file system when there is one, so that a read-only or full data disk cannot take the
# metrics (and through them the requests) down (docs/reliability.md).
_data_dir = _settings.data_dir
_data_dir.mkdir(parents=True, exist_ok=True)
_shm = "/dev/shm"
_metrics_dir = tempfile.mkdtemp(prefix="briefs-prometheus-", dir=_shm if os.access(_shm, os.W_OK) else _data_dir)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def _share_memory() -> None:
    """Import torch, transformers and the app in the master, after the settings above that they read
    at import time, and on CPU load the default model, so that every forked worker shares those
    pages copy-on-write instead of holding its own copy (docs/performance.md: 433 -> 173 MB PSS per
    extra worker from the imports alone). The master sets torch to one thread first, so loading runs
    inline and no OpenMP pool exists to be inherited; it never touches CUDA (on a GPU, or with
    CTranslate2's own thread pools, each worker loads the model itself). Each worker still sets its
    own threads in post_fork and warms up before /readyz turns green."""
    from service.runtime import prefer_passive_openmp

    prefer_passive_openmp()
    import torch
    import transformers

    import models.hf  # noqa: F401
    import service.app  # noqa: F401  (Flask, the pipeline, prometheus_client in multiprocess mode)
    from service.pipeline.language import load_identifier

    for name in ("MarianMTModel", "MarianTokenizer", "M2M100ForConditionalGeneration", "NllbTokenizerFast",
                 "MT5ForConditionalGeneration", "T5TokenizerFast", "GenerationMixin"):
        getattr(transformers, name)  # transformers imports lazily: load the supported architectures now
    load_identifier()  # numpy arrays, read-only afterwards
    _share_text_resources()
    cpu_only = _settings.device == "cpu" or (_settings.device == "auto" and not torch.backends.cuda.is_built())
    if not cpu_only:
        return
    from models import preload
    from models.engine import describe
    from service.runtime import model_spec

    torch.set_num_threads(1)
    spec = model_spec(_settings, _settings.model)
    engine = describe(spec)  # reads local files only: never waits for a hub before binding
    if engine.backend == "ctranslate2":
        print(f"master: engine ctranslate2 ({engine.reason}); each worker loads it after fork", file=sys.stderr)
        if engine.copy_exists:
            from models.ct2 import share_parts

            share_parts(engine.copy)  # its tokenizer and config; the Translator is not fork-safe
        return
    try:
        preload(spec, _settings.batch_size)  # local files only (models/loader.py): fails at once if absent
    except Exception as exc:  # noqa: BLE001 - the workers load it (or download it) in the background
        print(f"master: model not preloaded ({type(exc).__name__}); workers will load it", file=sys.stderr)


def _share_text_resources() -> None:
    """What every worker would otherwise import or load for itself on its first request: the editorial
    store's SQLAlchemy and Alembic (no connection is opened here: connections are per worker) and
    wordfreq's Hindi and English lists (grouping, guard, romanized Hindi; ~40 MB)."""
    import sqlalchemy.dialects.sqlite  # noqa: F401
    from wordfreq import get_frequency_dict

    import service.editorial  # noqa: F401
    import service.editorial.overlay  # noqa: F401

    for language in ("hi", "en"):
        get_frequency_dict(language)


def when_ready(server):
    """After gunicorn binds, before it forks the first worker: the socket already listens (connections
    wait in its backlog) while the master creates the editorial database (workers never create it)
    and imports and shares what the workers will need."""
    from service.editorial.db import prepare_for_workers

    prepare_for_workers(_settings)
    if _settings.share_memory:
        _share_memory()


def post_fork(server, worker):
    """In the new worker, before the app (and torch) is imported: set torch's thread count, and let the
    model layer's own lines (engine chosen, conversion time, ready) reach the log."""
    from service.runtime import configure_logging, configure_threads

    count = configure_threads(_settings, workers=_settings.workers)
    configure_logging(loglevel)
    server.log.info("worker %s: torch threads %s", worker.pid, count)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, _metrics_dir)


def on_exit(server):
    shutil.rmtree(_metrics_dir, ignore_errors=True)
