"""Secrets (API keys, Slack signing secret and bot token) never appear in logs or answers.

Runs every kind of request that could echo a secret (wrong keys close to real ones, right keys in
every position, Slack requests signed right and wrong, a model crash, overlong and malformed
bodies), keeping every answer, then greps the answers, the gunicorn log (which holds the request
log lines and any traceback) and /metrics for each secret.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time

import requests
from rel_helpers import KEY_ENV, KEY_MAIN, POISON, SECRETS, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, auth

from service.security.keys import key_id


def _slack_headers(body: bytes, secret: str) -> dict[str, str]:
    ts = str(int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature, "Content-Type": "application/json"}


def test_no_secret_in_logs_or_bodies(guarded):
    url = guarded.url
    answers: list[requests.Response] = []
    text = "भारत की राजधानी नई दिल्ली है। सरकार ने नई योजना की घोषणा की।"
    for key in SECRETS:
        for near in (key[:-1], key + "0", key.upper(), key + "\t"):
            answers.append(requests.post(url + "/v1/briefs", json={"text": text}, headers={"X-API-Key": near}, timeout=30))
            answers.append(requests.post(url + "/v1/briefs", json={"text": text}, headers={"Authorization": f"Bearer {near}"}, timeout=30))
    for key in (KEY_MAIN, KEY_ENV):  # (KEY_LOW's 3/minute belong to test_auth)
        answers.append(requests.get(url + "/v1/jobs/x", headers={"Authorization": f"Bearer {key}"}, timeout=30))
    answers += [
        requests.post(url + "/v1/briefs", json={"text": text, "api_key": KEY_MAIN}, headers=auth(), timeout=30),  # 422 echo?
        requests.post(url + "/v1/briefs", data=f'{{"text": "{KEY_MAIN}'.encode(), headers={**auth(), "Content-Type": "application/json"}, timeout=30),
        requests.post(url + "/v1/briefs", json={"text": f"{POISON} {text}"}, headers=auth(), timeout=60),  # a 500
        requests.post(url + "/translate", json={"q": text, "api_key": KEY_MAIN + "x"}, timeout=30),
        requests.post(url + "/translate", json={"q": text, "api_key": KEY_MAIN, "source": "xx"}, timeout=30),
        requests.get(url + f"/v1/nothing?token={SLACK_BOT_TOKEN}", headers=auth(), timeout=30),
        requests.post(url + "/v1/briefs", data=b"x" * 400_000, headers={**auth(), "Content-Type": "text/plain"}, timeout=30),  # 413
        requests.get(url + "/metrics", headers=auth(), timeout=30),
    ]
    for body in (json.dumps({"type": "url_verification", "challenge": "c"}).encode(),
                 json.dumps({"type": "event_callback", "event_id": "Ev1", "team_id": "T1", "api_app_id": "A1",
                             "event": {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.2", "text": text}}).encode()):
        for secret in (SLACK_SIGNING_SECRET, SLACK_SIGNING_SECRET + "x", "wrong"):
            answers.append(requests.post(url + "/slack/events", data=body, headers=_slack_headers(body, secret), timeout=30))
        answers.append(requests.post(url + "/slack/events", data=body, headers={"Content-Type": "application/json"}, timeout=30))
    statuses = sorted({a.status_code for a in answers})
    assert 401 in statuses and 500 in statuses and 413 in statuses and 200 in statuses, statuses

    time.sleep(0.5)  # the log lines of the last requests
    log = guarded.log()
    assert '"event": "request"' in log and len(answers) <= log.count('"event": "request"')
    # Each request line names the key only by its key_id (a hash prefix), and only when it was valid.
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{") and '"event": "request"' in line]
    assert {line["key_id"] for line in lines if line["status"] == 401} == {None}
    assert {key_id(KEY_MAIN), key_id(KEY_ENV)} <= {line["key_id"] for line in lines}
    for secret in SECRETS:
        leaks = [a.request.method + " " + a.request.path_url for a in answers
                 if secret in a.text or any(secret in v for v in a.headers.values())]
        assert not leaks, (secret[:6], leaks)
        assert secret not in log, f"{secret[:6]}… found in the gunicorn log"
