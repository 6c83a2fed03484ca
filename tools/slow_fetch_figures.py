"""Seconds a fetch with a 2 s timeout is held by a loopback server that trickles header lines or the
status line (issue 20 item 1). Run from a checkout's root: ``PYTHONPATH=. .venv/bin/python
tools/slow_fetch_figures.py``; on the commit before the fix it printed 25.1 s and 40.2 s."""
import time
from service.fetch.allowlist import Allowlist
from service.fetch.client import Fetcher, FetchPolicy, PAGE_TYPES
from tests.fetch.slow_servers import SlowServer
for mode in ("headers", "status"):
    server = SlowServer(mode, step_s=0.25, limit_s=40)
    fetcher = Fetcher(FetchPolicy(Allowlist.parse([server.host]), timeout_s=2.0, host_delay_s=0.0))
    started = time.monotonic()
    try:
        fetcher.get(server.url(), PAGE_TYPES, obey_robots=False)
        outcome = "answered"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {str(exc)[:80]}"
    print(f"{mode}: {time.monotonic() - started:.1f} s -> {outcome}")
    server.stop()
