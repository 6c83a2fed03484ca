"""Issue 20 item 3 against a real gunicorn: failing storage degrades part by part, never into 500s
or lost jobs.

The gunicorn runs in its own mount namespace (``unshare --mount``, needs root as CI runs; the same
mechanism as test_digest_disk_full.py), so the test can lay a read-only bind mount of the data
directory over itself (``nsenter ... mount --bind -o ro``) under the running service, and lift it
again, without touching the machine's mounts. (A remount of the directory's own mount to read-only
is refused with EBUSY while the service holds its SQLite files open for writing, so the read-only
layer is stacked on top instead: every file opened from then on is read-only; the workers are
then restarted so that no file stays open from before, which is what a disk gone read-only gives
a freshly started worker.) The cache file made unopenable is a directory put in its place.
"""
from __future__ import annotations

import os
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from rel_helpers import ARTICLES, REPO, VENV_BIN, AppGunicorn, assert_problem, pid_alive, wait_for

TERMINAL = {"finished", "failed"}
CORRECTION = {"source": "दिल्ली में आज 7 नए स्कूल खोले गए।", "translation": "7 new schools were opened in Delhi today."}


class MountedGunicorn(AppGunicorn):
    """gunicorn in a private mount namespace, whose data directory can be made read-only."""

    def start(self, timeout: float = 180) -> "MountedGunicorn":
        os.makedirs(self.env["BRIEFS_DATA_DIR"], exist_ok=True)
        command = [str(VENV_BIN / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")]
        self.proc = subprocess.Popen(["unshare", "--mount", "--propagation", "private", "--", *command],
                                     cwd=REPO, env=self.env, stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT)
        self.wait_ready(timeout)
        return self

    def read_only(self, on: bool) -> None:
        data = self.env["BRIEFS_DATA_DIR"]
        mount = ["mount", "--bind", "-o", "ro", data, data] if on else ["umount", "--lazy", data]
        done = subprocess.run(["nsenter", "-t", str(self.pid), "-m", *mount], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr

    def restart_workers(self) -> None:
        old = self.workers()
        for pid in old:
            os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not any(pid_alive(p) for p in old) and len(set(self.workers()) - set(old)) == len(old), 60,
                 what="workers replaced")
        wait_for(lambda: _answers(self.url + "/healthz"), 90, what="healthz")


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def mounted(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("storage-faults")
    server = MountedGunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), "BRIEFS_WORKERS": "2",
         "BRIEFS_MAX_NEW_TOKENS": "16", "BRIEFS_JOB_LEASE": "3"},
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def _article() -> str:
    return ARTICLES[2].read_text(encoding="utf-8")[:1500] + f"\n\nयह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def _brief(server: AppGunicorn, text: str) -> requests.Response:
    return requests.post(server.url + "/v1/briefs", json={"text": text, "bullets": 2}, timeout=120)


def _job(server: AppGunicorn, text: str) -> dict:
    """Submitted (retried while a worker still answers 503 after the fault ended), then waited for."""
    submitted = wait_for(lambda: (r := requests.post(server.url + "/v1/briefs?async=true", json={"text": text},
                                                     timeout=30)).status_code != 503 and [r], 30, what="job accepted")[0]
    assert submitted.status_code == 202, submitted.text
    location = submitted.headers["Location"]
    return wait_for(lambda: (r := requests.get(server.url + location, timeout=10).json())["status"] in TERMINAL and r, 90)


def _readyz_503(server: AppGunicorn) -> requests.Response:
    """/readyz once it answers 503 (its storage checks are cached for 2 s per worker), else its last answer."""
    answers: list[requests.Response] = []

    def unready() -> bool:
        answers.append(requests.get(server.url + "/readyz", timeout=30))
        return answers[-1].status_code == 503

    try:
        wait_for(unready, 10)
    except TimeoutError:
        pass
    return answers[-1]


def _no_server_errors(server: AppGunicorn) -> None:
    """No request answered 500 and no unhandled error (handled failures may log their cause)."""
    log = server.log()
    assert '"status": 500' not in log and "unhandled error" not in log, log[-3000:]


def test_a_read_only_data_directory_degrades_part_by_part(mounted):
    """Before: cached GET /v1/briefs/<id>, POST /v1/corrections and /readyz answered 500. Now: briefs
    are served (uncached), what needs the disk answers 503 saying so, /readyz names the fault."""
    cached = _brief(mounted, _article())
    assert cached.status_code == 200
    brief_id = cached.json()["id"]
    assert requests.post(mounted.url + "/v1/corrections", json=CORRECTION, timeout=30).status_code == 201

    mounted.read_only(True)
    answers: dict[str, requests.Response] = {}
    try:
        for phase in ("open files", "restarted workers"):
            if phase == "restarted workers":
                mounted.restart_workers()
            answers[f"GET cached brief ({phase})"] = requests.get(f"{mounted.url}/v1/briefs/{brief_id}", timeout=30)
            answers[f"POST brief ({phase})"] = _brief(mounted, _article())
            answers[f"POST correction ({phase})"] = requests.post(mounted.url + "/v1/corrections", json=CORRECTION, timeout=30)
            answers[f"GET corrections ({phase})"] = requests.get(mounted.url + "/v1/corrections", timeout=30)
            answers[f"POST async brief ({phase})"] = requests.post(mounted.url + "/v1/briefs?async=true",
                                                                   json={"text": _article()}, timeout=30)
            answers[f"/readyz ({phase})"] = _readyz_503(mounted)
            answers[f"/healthz ({phase})"] = requests.get(mounted.url + "/healthz", timeout=30)
            answers[f"/metrics ({phase})"] = requests.get(mounted.url + "/metrics", timeout=30)
    finally:
        mounted.read_only(False)
    print("\nread-only data directory: " + ", ".join(
        f"{name}: {r.status_code}{' ' + r.json().get('code', '') if r.status_code >= 400 and 'json' in r.headers['Content-Type'] else ''}"
        for name, r in answers.items()))
    print("/readyz reason:", answers["/readyz (restarted workers)"].json()["reason"])
    assert all(r.status_code < 500 or r.status_code == 503 for r in answers.values())
    for phase in ("open files", "restarted workers"):
        assert answers[f"POST brief ({phase})"].status_code == 200
        assert answers[f"GET cached brief ({phase})"].status_code in (200, 503)  # never a 404 for a brief it holds
        ready = answers[f"/readyz ({phase})"]
        assert ready.status_code == 503 and "read-only" in ready.json()["reason"]
        assert answers[f"/healthz ({phase})"].status_code == 200 and answers[f"/metrics ({phase})"].status_code == 200
    assert answers["GET cached brief (open files)"].status_code == 200
    assert_problem(answers["POST correction (restarted workers)"], 503, "editorial_unavailable")
    assert_problem(answers["POST async brief (restarted workers)"], 503, "queue_unavailable")

    try:
        wait_for(lambda: requests.get(mounted.url + "/readyz", timeout=30).status_code == 200, 30, what="ready again")
    except TimeoutError:
        raise AssertionError(requests.get(mounted.url + "/readyz", timeout=30).json()["reason"]) from None
    assert wait_for(lambda: requests.post(mounted.url + "/v1/corrections", json=CORRECTION, timeout=30).status_code == 201,
                    30, what="corrections again")
    assert _job(mounted, _article())["status"] == "finished"
    # A worker retries its cache 1 s after its last failure: until then it answers this GET 503
    # cache_unavailable with Retry-After (not a 404), so the brief is asked for again, as a client would.
    served_again: list[int] = []
    wait_for(lambda: served_again.append(requests.get(f"{mounted.url}/v1/briefs/{brief_id}", timeout=30).status_code)
             or served_again[-1] == 200, 10, what="stored brief served again")
    assert set(served_again) <= {200, 503}, served_again
    _no_server_errors(mounted)


def test_an_unopenable_cache_refuses_jobs_instead_of_losing_them(mounted):
    """Before: 202 and then GET /v1/jobs/<id> 404 (3 of 3). Now: 503 queue_unavailable, briefs still served."""
    cache = Path(mounted.env["BRIEFS_DATA_DIR"]) / "cache.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{cache}{suffix}").unlink(missing_ok=True)
    cache.mkdir()
    try:
        jobs = [requests.post(mounted.url + "/v1/briefs?async=true", json={"text": _article()}, timeout=30) for _ in range(3)]
        briefs = [_brief(mounted, _article()).status_code for _ in range(2)]
        ready = _readyz_503(mounted)
        print(f"\nunopenable cache: async submissions {[j.status_code for j in jobs]}, briefs {briefs}, "
              f"/readyz {ready.status_code}: {ready.json()['reason']}")
        for job in jobs:
            assert_problem(job, 503, "queue_unavailable")
        assert briefs == [200, 200]
        assert "cache" in ready.json()["reason"]
    finally:
        cache.rmdir()
    assert wait_for(lambda: _job(mounted, _article())["status"] == "finished", 60, what="jobs again")
    _no_server_errors(mounted)
