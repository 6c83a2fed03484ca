"""Faults injected into a running service under load: a worker SIGKILLed, the SQLite cache file
deleted and then corrupted. Clients may lose only what was in flight; no job is ever left hanging.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import uuid

import requests
from rel_helpers import ARTICLES, REPO, pid_alive, wait_for

from service.cache.sqlite import SQLiteCache

sys.path.insert(0, str(REPO / "tools"))
from soak import Soak  # noqa: E402

TERMINAL = {"finished", "failed"}


def _unique(text: str) -> str:
    return text + f"\n\nयह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def _in_background(soak: Soak) -> threading.Thread:
    thread = threading.Thread(target=soak.run, daemon=True)
    thread.start()
    return thread


def test_worker_killed_under_load_loses_only_in_flight_work(faulty):
    cache = SQLiteCache(faulty.env["BRIEFS_DATA_DIR"] + "/cache.sqlite3")
    threads = 4
    soak = Soak(faulty.url, duration=10, rate=6, threads=threads, server_pid=faulty.pid, job_timeout=45)
    load = _in_background(soak)
    wait_for(lambda: soak.report.requests >= 5, 90, what="load running")

    # Long async jobs (full translations) on both workers, so the victim has some queued and running.
    text = ARTICLES[2].read_text(encoding="utf-8")
    jobs = []
    for _ in range(6):
        response = requests.post(faulty.url + "/v1/translate?async=true", json={"text": _unique(text)}, timeout=30)
        assert response.status_code == 202, response.text
        jobs.append(response.json()["job_id"])
    owners = {job: cache.get(f"job:{job}")["owner"] for job in jobs}
    pid_of = {owner: cache.get(f"job-owner:{owner}")["pid"] for owner in set(owners.values())}
    victim = next(pid_of[owners[j]] for j in jobs if cache.get(f"job:{j}")["status"] in {"queued", "running"})
    victim_jobs = [j for j in jobs if pid_of[owners[j]] == victim]
    assert victim in faulty.workers()
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()

    load.join(120)
    assert not load.is_alive()
    report = soak.report.as_dict()
    print(f"\nSIGKILL of worker {victim} under load: {report}")
    # Only what the dead worker had in flight may fail, and only as a broken connection.
    assert set(report["unexpected"]) <= {"transport:ConnectionError", "transport:ChunkedEncodingError"}, report["unexpected"]
    assert sum(report["unexpected"].values()) <= threads, report["unexpected"]
    assert report["jobs"]["lost"] == 0 and report["requests"] >= 40

    # Every job ends: the victim's as job_lost (within the 3 s lease), the others finished.
    def ended():
        records = {j: requests.get(f"{faulty.url}/v1/jobs/{j}", timeout=10).json() for j in jobs}
        return records if all(r["status"] in TERMINAL for r in records.values()) else None

    records = wait_for(ended, 60, interval=0.3, what="every job finished or failed")
    lost = [j for j in victim_jobs if records[j]["status"] == "failed"]
    assert lost and all(records[j]["error"]["code"] == "job_lost" for j in lost)
    assert all(records[j]["status"] == "finished" for j in jobs if j not in victim_jobs)
    print(f"jobs: {len(jobs)} submitted, {len(victim_jobs)} on the killed worker, {len(lost)} reported job_lost "
          f"{time.monotonic() - killed_at:.1f}s after the kill, 0 left hanging")

    # gunicorn replaced the worker and the service answers new work.
    wait_for(lambda: len(faulty.workers()) == 2 and victim not in faulty.workers(), 30, what="worker replaced")
    assert not pid_alive(victim)
    fresh = requests.post(faulty.url + "/v1/briefs", json={"text": _unique(text[:2000])}, timeout=120)
    assert fresh.status_code == 200 and fresh.json()["bullets"]


def test_sqlite_cache_deleted_then_corrupted_under_load(faulty):
    path = faulty.env["BRIEFS_DATA_DIR"] + "/cache.sqlite3"
    soak = Soak(faulty.url, duration=9, rate=6, threads=4, mix={"hit": 0.6, "miss": 0.25, "batch": 0.15})
    load = _in_background(soak)
    wait_for(lambda: soak.report.requests >= 5, 90, what="load running")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    time.sleep(3)
    with open(path, "r+b") as handle:  # overwritten in place, as a disk error or a stray write would
        handle.write(os.urandom(8192))
    load.join(120)
    report = soak.report.as_dict()
    print(f"\nSQLite cache deleted, then corrupted, under load: {report}")
    assert report["unexpected"] == {} and report["requests"] >= 30

    # The cache is rebuilt and caches again; async jobs (their records live in it) work again.
    text = _unique(ARTICLES[3].read_text(encoding="utf-8")[:2000])
    first = requests.post(faulty.url + "/v1/briefs", json={"text": text}, timeout=120).json()
    again = wait_for(lambda: (r := requests.post(faulty.url + "/v1/briefs", json={"text": text}, timeout=60).json())["cached"] and r,
                     20, what="cache hit after rebuild")
    assert first["id"] == again["id"]
    with open(path, "rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00"
    job = requests.post(faulty.url + "/v1/briefs?async=true", json={"text": _unique(text)}, timeout=30)
    location = job.headers["Location"]
    record = wait_for(lambda: (r := requests.get(faulty.url + location, timeout=10).json())["status"] in TERMINAL and r, 60)
    assert record["status"] == "finished"
