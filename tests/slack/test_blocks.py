"""Formatting, escaping, splitting and input parsing, as plain functions."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from slack_fakes import slack_signature
from slack_sdk.signature import SignatureVerifier

from service.config import Settings
from service.slack.blocks import MAX_BLOCKS, SECTION_LIMIT, brief_messages, escape, split_escaped
from service.slack.text import language_problem, parse_command, plain_text

HOSTILE = "<!channel> <!here> <@U123> <#C9|general> <http://x|y> & <b>bold</b> @here @channel @everyone"


def brief(bullets: list[str], **extra) -> dict:
    return {"title": "Title", "bullets": [{"text": b, "warnings": []} for b in bullets],
            "model": "Helsinki-NLP/opus-mt-hi-en", "mode": "extractive", "cached": False, "id": "k1", **extra}


def all_texts(messages) -> list[str]:
    texts = []
    for message in messages:
        texts.append(message.text)
        for block in message.blocks:
            texts.append(block["text"]["text"] if "text" in block else block["elements"][0]["text"])
    return texts


def test_escape_defuses_mentions_links_and_entities():
    escaped = escape(HOSTILE)
    assert "<" not in escaped and ">" not in escaped
    assert escaped.startswith("&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C9|general&gt; &lt;http://x|y&gt; &amp; ")
    assert not re.search(r"@(here|channel|everyone)\b", escaped)
    assert escape("&amp;") == "&amp;amp;"  # model text that looks like an entity stays literal


def test_model_output_in_every_part_of_the_message_is_escaped():
    messages = brief_messages(brief([HOSTILE, "ok"], title=HOSTILE, model="<!channel>", warnings=[HOSTILE]))
    for text in all_texts(messages):
        assert "<" not in text and ">" not in text
        assert not re.search(r"&(?!amp;|lt;|gt;)", text)


def test_long_output_splits_into_valid_sections_and_messages():
    bullets = [f"sentence {i} " + "word & more " * 50 for i in range(400)] + ["x" * 7000]
    messages = brief_messages(brief(bullets), elapsed_s=2.5)
    assert len(messages) > 1
    sections = []
    for message in messages:
        assert 1 <= len(message.blocks) <= MAX_BLOCKS
        for block in message.blocks:
            if block["type"] == "section":
                assert 0 < len(block["text"]["text"]) <= SECTION_LIMIT
                sections.append(block["text"]["text"])
    assert messages[-1].blocks[-1]["type"] == "context" and "2.5 s" in messages[-1].blocks[-1]["elements"][0]["text"]
    body = "\n".join(sections)
    assert body.count("• sentence ") == 400 and body.count("&amp;") == 400 * 50  # nothing lost, no entity cut
    assert "x" * 7000 == "".join(re.findall(r"x{100,}", body))


def test_past_the_message_limit_the_rest_is_announced_not_dropped_silently():
    bullets = ["y" * 2900 for _ in range(300)]
    messages = brief_messages(brief(bullets), max_messages=2)
    assert len(messages) == 2
    assert all(len(m.blocks) <= MAX_BLOCKS for m in messages)
    note = messages[-1].blocks[-2]["elements"][0]["text"]
    assert "more sections not shown" in note and "/v1/briefs/k1" in note
    shown = sum(b["type"] == "section" for m in messages for b in m.blocks)
    total = sum(b["type"] == "section" for m in brief_messages(brief(bullets)) for b in m.blocks)
    assert shown + int(re.search(r"…(\d+) more sections", note).group(1)) == total


def test_split_never_cuts_an_entity():
    for raw in ["&" * 1000, "a<" * 800, "ab " * 1500]:
        pieces = split_escaped(raw, 100)
        assert all(len(p) <= 100 for p in pieces)
        assert "".join(pieces).replace(" ", "") == escape(raw).replace(" ", "")
        for piece in pieces:
            assert re.fullmatch(r"([^&]|&amp;|&lt;|&gt;)*", piece)


def test_translation_mode_renders_paragraphs():
    data = {"title": None, "bullets": [], "mode": "translate", "model": "/srv/models/marian", "cached": True,
            "sentences": [{"index": 0, "paragraph": 0, "text": "a"}, {"index": 1, "paragraph": 1, "text": "b"}],
            "translations": [{"text": "First <p>.", "source_indexes": [0]}, {"text": "Second.", "source_indexes": [1]}]}
    [message] = brief_messages(data)
    assert message.blocks[0]["text"]["text"] == "First &lt;p&gt;.\nSecond."
    assert "marian · translate · cached" in message.blocks[-1]["elements"][0]["text"]
    assert "/srv" not in str(message.blocks)  # no server paths


def test_slack_markup_in_input_becomes_plain_text():
    assert plain_text("<@UBOT>  भारत &amp; <https://x.in/a|रूस>  <#C1|news> <!here> &lt;b&gt;") == "भारत & रूस #news <b>"
    command = parse_command("PUBLIC translate भारत ने\nरूस से बात की")
    assert command.public and command.mode == "translate" and command.text == "भारत ने\nरूस से बात की"
    assert parse_command("").help and parse_command("help").help and parse_command("public").help
    assert not parse_command("भारत").help


def test_language_explanations():
    assert language_problem("भारत ने रूस के युद्ध ग्रस्त इलाकों में मौजूद नागरिकों की सुरक्षा पर बात की।") is None
    assert "English" in language_problem("The minister spoke to reporters on Monday.")
    assert "no words" in language_problem("123 456 !!!")
    assert "no text" in language_problem("   ")
    romanized = language_problem("Videsh mantri ne Moscow mein Lavrov se mulakat ki aur vyapar par baat ki.")
    assert "Latin letters" in romanized and "Devanagari" in romanized


def test_signature_is_slacks_v0_hmac():
    body, ts = "token=x&text=%E0%A4%AD", "1700000000"
    assert slack_signature("s3cret", ts, body) == SignatureVerifier("s3cret").generate_signature(timestamp=ts, body=body)


def test_secrets_are_not_printed_by_config_or_repr():
    secret, token = "sig-secret-not-to-print", "xoxb-token-not-to-print"
    settings = Settings.from_env({"SLACK_SIGNING_SECRET": secret, "SLACK_BOT_TOKEN": token})
    assert settings.slack_bot_token == token and token not in repr(settings) and secret not in repr(settings)
    env = {**os.environ, "SLACK_SIGNING_SECRET": secret, "SLACK_BOT_TOKEN": token}
    out = subprocess.run([sys.executable, "-m", "service", "config"], capture_output=True, text=True, env=env,
                         timeout=60, check=True).stdout
    assert "SLACK_SIGNING_SECRET" in out and "SLACK_COMMAND" in out
    assert secret not in out and token not in out


def test_manifest_matches_the_code():
    import yaml

    from service.slack import ROUTE
    from service.slack.bot import SHORTCUT_ID

    manifest = yaml.safe_load((Path(__file__).resolve().parents[2] / "slack" / "manifest.yml").read_text())
    features, settings = manifest["features"], manifest["settings"]
    [command] = features["slash_commands"]
    [shortcut] = features["shortcuts"]
    assert command["command"] == Settings().slack_command and shortcut["callback_id"] == SHORTCUT_ID
    assert shortcut["type"] == "message"
    assert settings["event_subscriptions"]["bot_events"] == ["app_mention"]
    urls = [command["url"], settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"]]
    assert all(url == "https://HOST" + ROUTE for url in urls)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "app_mentions:read", "channels:history", "groups:history"} <= scopes
