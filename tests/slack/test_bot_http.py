"""The Slack bot over real HTTP: signed requests to gunicorn, answers recorded by a fake Slack."""
from __future__ import annotations

import json
import random
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import requests
from slack_servers import SECRET, TOKEN
from http_helpers import metric
from slack_fakes import BOT_ID, BOT_USER, mention, section_texts, slack_signature, to

from service.slack.blocks import MAX_BLOCKS, SECTION_LIMIT
from service.prompts import message

WORKING = message("slack", "working")

HINDI = "भारत ने रूस के युद्ध ग्रस्त इलाकों में मौजूद भारतीय नागरिकों की सुरक्षा को लेकर रूस से बात की है।"
QUIET_S = 0.5  # how long "nothing more arrives" is watched for, after the last expected post


def unique_hindi(base: str = HINDI) -> str:
    """A guaranteed cache miss (a new number in the text)."""
    return f"{base} यह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def shuffled_article(articles: list[str], seed: int) -> str:
    """The corpus with each line's words shuffled: long, Hindi, and unlike anything briefed before."""
    rng = random.Random(seed)
    lines = []
    for line in "\n".join(articles).split("\n"):
        words = line.split()
        rng.shuffle(words)
        lines.append(" ".join(words))
    return "\n".join(lines)


def path_of(url: str):
    return to(urlsplit(url).path)


def blocks_of(call) -> list[dict]:
    blocks = call.body.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def assert_valid_message(call) -> None:
    blocks = blocks_of(call)
    assert 1 <= len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= SECTION_LIMIT
    for text in section_texts(call):
        assert "<" not in text and ">" not in text


def test_ack_arrives_while_the_model_is_busy_then_the_brief_is_posted(slack, slack_gunicorn, fake_slack, articles):
    """The proof: an HTTP request occupies the model with a long translation of article X; while it
    runs, ``/brief translate X`` is acked (so the ack did no generation: the only generation of X is
    the one still running), and the posted brief comes from that same generation (``cached``)."""
    api = slack_gunicorn.url
    article = shuffled_article(articles, seed=random.randrange(10**9))
    done: dict = {}

    def occupy_model() -> None:
        response = requests.post(api + "/v1/briefs", json={"text": article, "mode": "translate"}, timeout=180)
        done.update(status=response.status_code, at=time.monotonic())

    baseline = metric(api, "briefs_queue_depth")
    worker = threading.Thread(target=occupy_model)
    worker.start()
    deadline = time.monotonic() + 30
    while metric(api, "briefs_queue_depth") < baseline + 1:  # the generation of `article` has started
        assert time.monotonic() < deadline and worker.is_alive(), "the long request never reached the model"
        time.sleep(0.02)
    url = fake_slack.response_url()
    sent = time.monotonic()
    ack = slack.command("translate " + article, url)
    acked = time.monotonic()
    assert ack.status_code == 200, ack.text
    assert ack.json() == {"text": WORKING, "response_type": "ephemeral"}
    assert acked - sent < 3.0
    assert "at" not in done, "the ack waited for the generation"
    posts = fake_slack.wait_for(path_of(url), timeout=180)
    worker.join(180)
    assert done["status"] == 200
    assert posts[0].at > acked
    numbered = re.search(r"\(part \d+/(\d+)\)$", posts[0].body["text"])  # answers needing several messages
    parts = int(numbered.group(1)) if numbered else 1
    fake_slack.wait_for(path_of(url), count=parts, timeout=30)
    time.sleep(QUIET_S)
    posts = sorted(fake_slack.find(path_of(url)), key=lambda c: c.at)
    assert len(posts) == parts <= 5  # one answer (long, so maybe several messages, never more than 5)
    if parts > 1:
        assert sorted(p.body["text"].rsplit("(part ", 1)[1] for p in posts) == [f"{i}/{parts})" for i in range(1, parts + 1)]
    for post in posts:
        assert post.body["response_type"] == "ephemeral"
        assert_valid_message(post)
    footer = section_texts(posts[-1])[-1]
    assert "translate" in footer and "cached" in footer  # the HTTP request's generation, reused


def test_one_brief_per_command_and_retries_are_not_answered_again(slack, slack_gunicorn, fake_slack):
    url = fake_slack.response_url()
    body = slack.command_body(unique_hindi(), url, trigger_id="trig-" + uuid.uuid4().hex)
    before = metric(slack_gunicorn.url, "briefs_slack_total", 'outcome="duplicate"')
    assert slack.send(body, "application/x-www-form-urlencoded").json()["text"] == WORKING
    fake_slack.wait_for(path_of(url), timeout=60)
    with ThreadPoolExecutor(3) as pool:  # retries, concurrently: they may reach either worker
        retries = list(pool.map(
            lambda n: slack.send(body, "application/x-www-form-urlencoded",
                                 headers={"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"}),
            [1, 2, 3],
        ))
    assert [r.status_code for r in retries] == [200, 200, 200]
    assert all(r.text == "" for r in retries)
    assert metric(slack_gunicorn.url, "briefs_slack_total", 'outcome="duplicate"') - before == 3
    time.sleep(QUIET_S)
    [post] = fake_slack.find(path_of(url))
    assert post.body["response_type"] == "ephemeral"
    assert_valid_message(post)
    assert "generated" in section_texts(post)[-1]


def test_retried_mention_event_gets_one_threaded_reply(slack, fake_slack):
    event = mention(unique_hindi())
    event_id = "Ev" + uuid.uuid4().hex[:10]
    with ThreadPoolExecutor(3) as pool:  # the first delivery and two retries, all at once
        responses = list(pool.map(
            lambda n: slack.event(event, event_id, headers={"X-Slack-Retry-Num": str(n)} if n else None), [0, 1, 2]
        ))
    assert [r.status_code for r in responses] == [200, 200, 200]
    replies = lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") == event["ts"]  # noqa: E731
    [reply] = fake_slack.wait_for(replies, timeout=60)
    assert reply.headers["Authorization"] == f"Bearer {TOKEN}"
    assert reply.body["channel"] == "C1" and reply.body["parse"] == "none" and reply.body["link_names"] is False
    assert_valid_message(reply)
    time.sleep(QUIET_S)
    assert len(fake_slack.find(replies)) == 1


def test_bad_signature_or_stale_timestamp_is_401_and_nothing_happens(slack, fake_slack):
    url = fake_slack.response_url()
    body = slack.command_body(unique_hindi(), url)
    form = "application/x-www-form-urlencoded"
    assert slack.send(body, form, secret="not-the-secret").status_code == 401
    assert slack.send(body, form, timestamp=time.time() - 6 * 60).status_code == 401
    assert slack.send(body, form, timestamp=time.time() + 6 * 60).status_code == 401
    assert requests.post(slack.url, data=body, headers={"Content-Type": form}, timeout=10).status_code == 401
    tampered = body.replace("editor", "mallory")
    ts = str(int(time.time()))
    headers = {"Content-Type": form, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": slack_signature(SECRET, ts, body)}
    assert requests.post(slack.url, data=tampered, headers=headers, timeout=10).status_code == 401
    event = mention(unique_hindi())
    assert slack.event(event, secret="nope").status_code == 401
    time.sleep(QUIET_S)
    assert fake_slack.find(path_of(url)) == []
    assert fake_slack.find(lambda c: c.body.get("thread_ts") == event["ts"]) == []


def test_mention_in_a_thread_briefs_the_hindi_parent(slack, fake_slack):
    parent_ts = f"{time.time() - 60:.6f}"
    fake_slack.parents[("C1", parent_ts)] = {"type": "message", "user": "U2", "ts": parent_ts, "text": unique_hindi()}
    assert slack.event(mention("", thread_ts=parent_ts)).status_code == 200
    replies = lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") == parent_ts  # noqa: E731
    [reply] = fake_slack.wait_for(replies, timeout=60)
    assert_valid_message(reply)
    [fetch] = fake_slack.find(lambda c: c.method == "conversations.replies" and c.body.get("ts") == parent_ts)
    assert fetch.body["channel"] == "C1"


def test_shortcut_replies_in_the_message_thread(slack, fake_slack):
    ts = f"{time.time() - 30:.6f}"
    url = fake_slack.response_url()
    response = slack.shortcut({"type": "message", "user": "U2", "ts": ts, "text": unique_hindi()}, url)
    assert response.status_code == 200 and response.text == ""
    replies = lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") == ts  # noqa: E731
    [reply] = fake_slack.wait_for(replies, timeout=60)
    assert_valid_message(reply)
    assert fake_slack.find(path_of(url)) == []


def test_shortcut_where_the_bot_cannot_post_answers_ephemerally(slack, fake_slack):
    url = fake_slack.response_url()
    message = {"type": "message", "user": "U2", "ts": f"{time.time():.6f}", "text": unique_hindi()}
    assert slack.shortcut(message, url, channel="CNOTIN").status_code == 200
    [post] = fake_slack.wait_for(path_of(url), timeout=60)
    assert post.body["response_type"] == "ephemeral"
    assert_valid_message(post)


def test_public_command_goes_to_the_channel(slack, fake_slack):
    url = fake_slack.response_url()
    ack = slack.command("public " + unique_hindi(), url)
    assert ack.json() == {"text": WORKING, "response_type": "ephemeral"}
    [post] = fake_slack.wait_for(path_of(url), timeout=60)
    assert post.body["response_type"] == "in_channel"


def test_empty_or_non_hindi_input_gets_a_friendly_ephemeral_explanation(slack, fake_slack):
    url = fake_slack.response_url()
    usage = slack.command("", url).json()
    assert usage["response_type"] == "ephemeral" and "/brief" in usage["text"] and "Hindi" in usage["text"]
    english = slack.command("The prime minister met the cabinet on Wednesday.", url).json()
    assert english["response_type"] == "ephemeral" and "English" in english["text"]
    marathi = slack.command("मी उद्या मुंबईला जाणार आहे आणि तिथे माझ्या मित्रांना भेटणार आहे.", url).json()
    assert marathi["response_type"] == "ephemeral" and "Hindi" in marathi["text"]
    event = mention("Hello there, can you summarize this?")
    assert slack.event(event).status_code == 200
    [note] = fake_slack.wait_for(lambda c: c.method == "chat.postEphemeral" and c.body.get("thread_ts") == event["ts"])
    assert note.body["user"] == "U1" and "English" in note.body["text"]
    empty = mention("")
    assert slack.event(empty).status_code == 200
    [note] = fake_slack.wait_for(lambda c: c.method == "chat.postEphemeral" and c.body.get("thread_ts") == empty["ts"])
    assert "/brief" in note.body["text"]
    time.sleep(QUIET_S)
    assert fake_slack.find(path_of(url)) == []  # explanations came with the ack; nothing was generated
    assert fake_slack.find(lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") in {event["ts"], empty["ts"]}) == []


def test_messages_from_bots_and_from_itself_are_ignored(slack, fake_slack):
    events = [
        mention(unique_hindi(), bot_id="B0OTHER"),
        {**mention(unique_hindi()), "subtype": "bot_message", "bot_id": "B0OTHER"},
        {**mention(unique_hindi()), "user": BOT_USER, "bot_id": BOT_ID},
    ]
    for event in events:
        assert slack.event(event).status_code == 200
    control = mention(unique_hindi())  # a person's mention, sent last: answered
    assert slack.event(control).status_code == 200
    fake_slack.wait_for(lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") == control["ts"], timeout=60)
    time.sleep(QUIET_S)
    timestamps = {e["ts"] for e in events}
    assert fake_slack.find(lambda c: c.body.get("thread_ts") in timestamps) == []


def test_url_verification_challenge(slack):
    body = json.dumps({"token": "legacy", "challenge": "c-123", "type": "url_verification"})
    response = slack.send(body, "application/json")
    assert response.status_code == 200 and response.json() == {"challenge": "c-123"}


def test_secrets_never_reach_the_log(slack_gunicorn):
    log = slack_gunicorn.log()
    assert '"event": "slack"' in log
    assert SECRET not in log and TOKEN not in log


def test_input_the_pipeline_rejects_is_explained_only_to_the_sender(slack, fake_slack):
    event = mention(" ".join([HINDI] * 1100))  # over BRIEFS_MAX_ARTICLE_CHARS (100,000)
    assert slack.event(event).status_code == 200
    [note] = fake_slack.wait_for(lambda c: c.method == "chat.postEphemeral" and c.body.get("thread_ts") == event["ts"])
    assert note.body["user"] == "U1" and "could not brief" in note.body["text"]
    time.sleep(QUIET_S)
    assert fake_slack.find(lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") == event["ts"]) == []


def test_each_worker_asks_slack_who_it_is_off_the_request_path(slack_gunicorn, fake_slack):
    calls = fake_slack.wait_for(to("/api/auth.test"), count=2, timeout=30)  # one per worker, at start
    assert all(c.headers["Authorization"] == f"Bearer {TOKEN}" for c in calls)
