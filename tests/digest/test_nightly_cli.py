"""End-to-end runs of the ``nightly`` command with the tiny Marian model (the killed run in a subprocess)."""
from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs

import pytest

from tests.digest.conftest import REPO

OUTPUTS = ("digest.md", "digest.html", "digest.json")
PROGRESS = re.compile(r"nightly: briefed (\d+)/\d+ articles")
SUMMARY = re.compile(r"nightly: (\d+) articles read, (\d+) briefed, (\d+) failed.*\((\d+) articles generated this run, (\d+) from cache\)")


def _summary(stderr: str) -> tuple[int, ...]:
    match = SUMMARY.search(stderr)
    assert match, stderr
    return tuple(int(g) for g in match.groups())


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def day_folder(corpus_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(corpus_dir, folder)
    return folder


def _run_and_kill_after(env: dict[str, str], args: list[str], done: int) -> int:
    """Start ``nightly`` in a child process, SIGKILL it once ``done`` articles are persisted, and
    return how many were persisted when it died (from its progress lines)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "service", "nightly", *args], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    persisted = 0
    try:
        for line in child.stderr:
            if match := PROGRESS.search(line):
                persisted = int(match.group(1))
                if persisted >= done:
                    child.send_signal(signal.SIGKILL)
                    break
        rest = child.stderr.read()
        persisted = max([persisted, *(int(m.group(1)) for m in PROGRESS.finditer(rest))])
    finally:
        child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    return persisted


def test_killed_run_resumes_without_redoing_and_gives_the_same_digest(run_nightly, nightly_env, day_folder, tmp_path):
    args = ["--input", str(day_folder), "--date", "2026-01-16", "--bullets", "2", "--batch-articles", "2"]
    persisted = _run_and_kill_after(nightly_env, [*args, "--out", str(tmp_path / "out")], done=2)
    assert 2 <= persisted < 5
    assert not (tmp_path / "out" / "digest.json").exists()

    resumed = run_nightly(*args, "--out", str(tmp_path / "out"))
    assert resumed.returncode == 0, resumed.stderr
    assert _summary(resumed.stderr) == (5, 5, 0, 5 - persisted, persisted)  # nothing done before the kill is redone

    fresh = run_nightly(*args, "--out", str(tmp_path / "fresh"), env={"BRIEFS_DATA_DIR": str(tmp_path / "other-cache")})
    assert _summary(fresh.stderr)[3:] == (5, 0)
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "fresh")  # same bytes as an uninterrupted run

    digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    groups = sorted(sorted(s["id"] for s in story["sources"]) for story in digest["stories"])
    assert groups == [["article-01", "article-02"], ["article-03"], ["article-04", "article-05"]]
    assert [len(s["sources"]) for s in digest["stories"]] == [2, 2, 1]  # bigger stories first
    assert all(story["headline"] and story["bullets"] for story in digest["stories"])


def test_bad_articles_and_bad_lines_make_a_partial_run(run_nightly, corpus_dir, tmp_path):
    good = (corpus_dir / "article-04.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "good", "source": "Outlet <b>", "url": "https://example.test/a", "published": "2025-11-18", "text": good, "x": 1}),
        "this is not json",
        json.dumps({"id": "marathi", "text": "मुंबईत आज जोरदार पाऊस झाला आणि अनेक ठिकाणी पाणी साचले. लोकल सेवा विस्कळीत झाली आहे. नागरिकांनी घराबाहेर पडू नये असे आवाहन महापालिकेने केले आहे."}),
        json.dumps({"id": "symbols", "text": "!!! ??? 123 ..."}),
        json.dumps({"id": "no-text"}),
    ]
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_nightly("--input", str(path), "--out", str(tmp_path / "out"), "--date", "2026-01-16", "--bullets", "2")
    assert result.returncode == 4, result.stderr
    assert _summary(result.stderr)[:3] == (5, 1, 2)
    digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    assert {f["id"]: f["error"] for f in digest["failed"]} == {"marathi": "unsupported_language", "symbols": "unsupported_language"}
    assert [p["where"] for p in digest["input_problems"]] == ["line 2", "line 5"]
    assert digest["stories"][0]["sources"][0]["published"] == "2025-11-18"
    assert "Outlet &lt;b&gt;" in (tmp_path / "out" / "digest.html").read_text(encoding="utf-8")


def test_usage_errors_exit_2(run_nightly, tmp_path):
    assert run_nightly("--input", str(tmp_path / "missing"), "--out", str(tmp_path / "o")).returncode == 2
    assert run_nightly("--input", str(tmp_path), "--out", str(tmp_path / "o"), "--date", "yesterday").returncode == 2


class _FakeSlack(BaseHTTPRequestHandler):
    posts: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        if self.headers.get("Content-Type", "").startswith("application/json"):
            payload = json.loads(body)
        else:
            payload = {k: v[0] for k, v in parse_qs(body).items()}
        type(self).posts.append({"path": self.path, "auth": self.headers.get("Authorization"), **payload})
        answer = json.dumps({"ok": True, "channel": payload.get("channel"), "ts": "1.000"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_slack() -> Iterator[tuple[str, list[dict]]]:
    _FakeSlack.posts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeSlack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/", _FakeSlack.posts
    server.shutdown()
    server.server_close()


def test_slack_gets_the_digest_once_across_reruns(run_nightly, corpus_dir, tmp_path, fake_slack):
    base_url, posts = fake_slack
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("article-04.txt", "article-05.txt"):
        shutil.copy(corpus_dir / name, folder / name)
    env = {"SLACK_API_URL": base_url, "SLACK_BOT_TOKEN": "xoxb-test"}
    args = ["--input", str(folder), "--out", str(tmp_path / "out"), "--date", "2026-01-16", "--bullets", "2", "--slack-channel", "C123"]
    first = run_nightly(*args, env=env)
    assert first.returncode == 0, first.stderr
    before = _outputs(tmp_path / "out")
    second = run_nightly(*args, env=env)
    assert second.returncode == 0, second.stderr
    assert "already posted" in second.stderr
    assert _outputs(tmp_path / "out") == before  # idempotent rerun
    assert len(posts) == 1
    assert posts[0]["path"] == "/api/chat.postMessage" and posts[0]["channel"] == "C123"
    assert posts[0]["auth"] == "Bearer xoxb-test"
    assert "News digest — 2026-01-16" in posts[0]["text"]


def test_webhook_posts_once(run_nightly, corpus_dir, tmp_path, fake_slack):
    base_url, posts = fake_slack
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_dir / "article-03.txt", folder / "article-03.txt")
    args = ["--input", str(folder), "--out", str(tmp_path / "out"), "--date", "2026-01-16", "--bullets", "1"]
    for _ in range(2):
        assert run_nightly(*args, "--webhook-url", base_url + "hooks/T000/B000/secret").returncode == 0
    assert len(posts) == 1 and posts[0]["path"] == "/api/hooks/T000/B000/secret"
    assert posts[0]["blocks"][0]["type"] == "header"


def test_nightly_groups_by_event_with_public_articles_of_the_same_people(run_nightly, corpus_dir, tmp_path):
    """The five shared articles plus four public ones (tests/data/grouping): two outlets' reports of
    the Prime Minister's announced meeting with chief ministers, and his meetings with them weeks later."""
    dev = (REPO / "tests" / "data" / "grouping" / "dev.jsonl").read_text(encoding="utf-8")
    labelled = {json.loads(line)["id"]: json.loads(line) for line in dev.splitlines()}
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
             for p in sorted(corpus_dir.glob("article-*.txt"))]
    for key in ("dev-047", "dev-048", "dev-049", "dev-050"):
        item = labelled[key]
        lines.append(json.dumps({k: item[k] for k in ("id", "text", "published", "source")}, ensure_ascii=False))
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_nightly("--input", str(path), "--out", str(tmp_path / "out"), "--date", "2026-01-16", "--bullets", "1")
    assert result.returncode == 0, result.stderr
    digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    groups = sorted(sorted(s["id"] for s in story["sources"]) for story in digest["stories"])
    assert groups == [["article-01", "article-02"], ["article-03"], ["article-04", "article-05"],
                      ["dev-047", "dev-048"], ["dev-049"], ["dev-050"]]
