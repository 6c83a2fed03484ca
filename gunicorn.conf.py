"""gunicorn settings: ``gunicorn -c gunicorn.conf.py`` alone starts the service.

Process model: ``gthread`` workers, NO ``preload_app``. Each worker imports the app after the fork,
sets torch's threads in ``post_fork`` before any torch op, and loads the model itself (warm-up
thread). The master never imports torch or touches CUDA, so forked workers cannot inherit a used
OpenMP pool or a CUDA context, and a worker that dies is replaced cleanly. The price is one model
copy per worker (opus-mt-hi-en: ~300 MB), so keep BRIEFS_WORKERS small and use threads: each
worker serializes its generations (one model call at a time), and torch threads per worker =
cores / workers, so workers x torch threads <= cores. Threads serve cache hits, health and
metrics concurrently while a generation runs (torch releases the GIL).
"""
import os
import shutil
import sys
import tempfile

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)  # started from any directory: `gunicorn -c /path/to/gunicorn.conf.py`

from service.config import Settings  # noqa: E402  (stdlib only: the master never imports torch)

_settings = Settings.from_env()

wsgi_app = "service.wsgi:app"
chdir = _HERE
bind = _settings.bind
workers = _settings.workers
threads = _settings.threads
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

# Prometheus multiprocess mode: a fresh directory per master (stale files would add old counts).
_data_dir = _settings.data_dir
_data_dir.mkdir(parents=True, exist_ok=True)
_metrics_dir = tempfile.mkdtemp(prefix="prometheus-", dir=_data_dir)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def post_fork(server, worker):
    """In the new worker, before the app (and torch) is imported: set torch's thread count."""
    from service.runtime import configure_threads

    count = configure_threads(_settings, workers=_settings.workers)
    server.log.info("worker %s: torch threads %s", worker.pid, count)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, _metrics_dir)


def on_exit(server):
    shutil.rmtree(_metrics_dir, ignore_errors=True)
