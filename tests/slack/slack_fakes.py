"""A fake Slack on loopback (Web API + response_url receiver) and requests signed as Slack signs them.

``FakeSlack`` is a real threaded HTTP server: the bot's ``WebClient`` (``SLACK_API_URL``) and its
``response_url`` posts reach it over TCP, and it records every call. ``SlackSigner`` builds the
bodies Slack sends (form-encoded commands and shortcuts, JSON events) and signs them with the
v0 scheme: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}`` under the signing secret.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T0TEST"


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.parents: dict[tuple[str, str], dict[str, Any]] = {}
        self.refuse_channels = {"CNOTIN"}  # chat.postMessage answers not_in_channel there
        self._cond = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._handle(dict((k, v[0]) for k, v in parse_qs(urlsplit(self.path).query).items()))

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                self._handle(body)

            def _handle(self, body: dict[str, Any]) -> None:
                path = urlsplit(self.path).path
                answer = fake.answer(path, body)
                fake.record(Call(path, body, dict(self.headers)))
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.api_url = self.url + "/api/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "FakeSlack":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def response_url(self) -> str:
        return f"{self.url}/response/{uuid.uuid4().hex}"

    def answer(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        method = path.rsplit("/", 1)[-1]
        if method == "auth.test":
            return {"ok": True, "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "user": "briefs"}
        if method == "chat.postMessage":
            if body.get("channel") in self.refuse_channels:
                return {"ok": False, "error": "not_in_channel"}
            return {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{time.time():.6f}"}
        if method == "conversations.replies":
            parent = self.parents.get((body.get("channel", ""), body.get("ts", "")))
            return {"ok": True, "messages": [parent] if parent else [], "has_more": False}
        return {"ok": True}

    def record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def find(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if predicate(c)]

    def wait_for(self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 30) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if predicate(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(found)} of {count} expected Slack calls after {timeout}s: {self.calls[-5:]}")
                self._cond.wait(left)


def to(path_part: str) -> Callable[[Call], bool]:
    return lambda call: path_part in call.path


def slack_signature(secret: str, timestamp: str, body: str) -> str:
    """Slack's v0 request signature."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


class SlackSigner:
    """Sends Slack's three kinds of requests to ``url`` (``/slack/events``), signed."""

    def __init__(self, url: str, secret: str, command: str = "/brief"):
        self.url, self.secret, self.command_name = url, secret, command

    def send(self, body: str, content_type: str, *, timestamp: float | None = None, secret: str | None = None,
             headers: dict[str, str] | None = None) -> requests.Response:
        ts = str(int(time.time() if timestamp is None else timestamp))
        signed = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": slack_signature(secret or self.secret, ts, body),
            **(headers or {}),
        }
        return requests.post(self.url, data=body.encode(), headers=signed, timeout=30)

    def command_body(self, text: str, response_url: str, trigger_id: str | None = None, channel: str = "C1") -> str:
        return urlencode({
            "token": "legacy", "team_id": TEAM, "team_domain": "test", "channel_id": channel, "channel_name": "news",
            "user_id": "U1", "user_name": "editor", "command": self.command_name, "text": text,
            "api_app_id": "A1", "response_url": response_url, "trigger_id": trigger_id or uuid.uuid4().hex,
        })

    def command(self, text: str, response_url: str, **kwargs: Any) -> requests.Response:
        return self.send(self.command_body(text, response_url, **kwargs), "application/x-www-form-urlencoded")

    @staticmethod
    def event_body(event: dict[str, Any], event_id: str | None = None) -> str:
        return json.dumps({
            "token": "legacy", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
            "event_id": event_id or "Ev" + uuid.uuid4().hex[:10], "event_time": int(time.time()),
            "event": {"event_ts": event.get("ts"), **event},
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }, ensure_ascii=False)

    def event(self, event: dict[str, Any], event_id: str | None = None, **kwargs: Any) -> requests.Response:
        return self.send(self.event_body(event, event_id), "application/json", **kwargs)

    def shortcut(self, message: dict[str, Any], response_url: str, channel: str = "C1",
                 callback_id: str = "brief_in_english") -> requests.Response:
        payload = {
            "type": "message_action", "callback_id": callback_id, "trigger_id": uuid.uuid4().hex,
            "response_url": response_url, "team": {"id": TEAM, "domain": "test"}, "channel": {"id": channel, "name": "news"},
            "user": {"id": "U1", "name": "editor"}, "message_ts": message.get("ts"), "message": message,
            "token": "legacy", "action_ts": f"{time.time():.6f}",
        }
        return self.send(urlencode({"payload": json.dumps(payload, ensure_ascii=False)}), "application/x-www-form-urlencoded")


def mention(text: str, ts: str | None = None, channel: str = "C1", **extra: Any) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> {text}".strip(), "channel": channel,
            "ts": ts or f"{time.time():.6f}", **extra}


def section_texts(call: Call) -> list[str]:
    """Every text in a posted message's blocks (sections and context elements) and its fallback."""
    body = call.body
    blocks = body.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    texts = [body.get("text", "")]
    for block in blocks or []:
        if "text" in block:
            texts.append(block["text"]["text"])
        texts.extend(e.get("text", "") for e in block.get("elements", []))
    return texts
