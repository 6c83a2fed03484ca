"""The bot in an app served from this process (werkzeug on loopback) around a model we control."""
from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import requests
from slack_servers import SECRET, TOKEN, serve_app
from slack_fakes import SlackSigner, section_texts, to

from service.config import Settings

HINDI = "प्रधानमंत्री ने बुधवार को दिल्ली में मंत्रिमंडल की बैठक की और नई योजना की घोषणा की।"
HOSTILE = "Alert <!channel> <!here> <@U123> see <http://evil.example|this link> & AT&T @everyone"


def unique_hindi() -> str:
    return f"{HINDI} यह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def signer(server) -> SlackSigner:
    return SlackSigner(server.url + "/slack/events", SECRET)


def test_hostile_model_output_cannot_ping_or_link(inprocess, fake_slack):
    inprocess.generator.reply = HOSTILE
    try:
        url = fake_slack.response_url()
        assert signer(inprocess).command("public " + unique_hindi(), url).status_code == 200
        [post] = fake_slack.wait_for(to(urlsplit(url).path), timeout=60)
    finally:
        inprocess.generator.reply = None
    texts = section_texts(post)
    joined = "\n".join(texts)
    assert "&lt;!channel&gt;" in joined and "&lt;@U123&gt;" in joined and "AT&amp;T" in joined
    for text in texts:
        assert "<" not in text and ">" not in text
        assert not re.search(r"&(?!amp;|lt;|gt;)", text)  # every & is an entity
        assert not re.search(r"@(everyone|here|channel)\b", text)
    assert post.body["response_type"] == "in_channel"


def test_model_failure_gets_an_apology_with_a_request_id_and_the_bot_keeps_working(inprocess, fake_slack):
    bot = signer(inprocess)
    inprocess.generator.explode = True
    try:
        url = fake_slack.response_url()
        assert bot.command(unique_hindi(), url).status_code == 200
        [apology] = fake_slack.wait_for(to(urlsplit(url).path), timeout=60)
    finally:
        inprocess.generator.explode = False
    assert apology.body["response_type"] == "ephemeral"
    assert "Sorry" in apology.body["text"] and re.search(r"request id `[0-9a-f]{12}`", apology.body["text"])
    assert "CUDA" not in apology.body["text"]
    url = fake_slack.response_url()
    assert bot.command(unique_hindi(), url).status_code == 200
    [answer] = fake_slack.wait_for(to(urlsplit(url).path), timeout=60)
    assert "Sorry" not in answer.body["text"] and "generated" in section_texts(answer)[-1]


def test_without_both_slack_settings_the_route_is_absent(tiny_models, tmp_path, fake_slack):
    base = Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False, slack_api_url=fake_slack.api_url)
    body = SlackSigner("", SECRET).command_body(HINDI, fake_slack.response_url())
    for variant in ({}, {"slack_signing_secret": SECRET}, {"slack_bot_token": TOKEN}):
        server = serve_app(Settings(**{**base.__dict__, **variant}))
        try:
            response = requests.post(server.url + "/slack/events", data=body, timeout=10,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert response.status_code == 404
            assert requests.get(server.url + "/healthz", timeout=10).status_code == 200
        finally:
            server.stop()


def test_an_editors_correction_is_what_slack_answers(inprocess, fake_slack):
    """A correction posted over the API (after the brief was cached) is the bot's answer for that sentence."""
    text = unique_hindi()
    sentence = text.split("।")[0] + "।"
    bot = signer(inprocess)
    url = fake_slack.response_url()
    assert bot.command(text, url).status_code == 200
    fake_slack.wait_for(to(urlsplit(url).path), timeout=60)  # made and cached before the correction
    correction = "The Prime Minister chaired a cabinet meeting in Delhi on Wednesday & announced a new scheme."
    created = requests.post(inprocess.url + "/v1/corrections", json={"source": sentence, "translation": correction}, timeout=10)
    assert created.status_code == 201, created.text
    try:
        url = fake_slack.response_url()
        assert bot.command(text, url).status_code == 200
        [answer] = fake_slack.wait_for(to(urlsplit(url).path), timeout=60)
        assert any(correction.replace("&", "&amp;") in t for t in section_texts(answer)), section_texts(answer)
    finally:
        requests.delete(f"{inprocess.url}/v1/corrections/{created.json()['id']}", timeout=10)
