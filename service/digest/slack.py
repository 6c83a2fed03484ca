"""Post the digest to Slack once: ``chat.postMessage`` to a channel, or an incoming webhook.

"Once" is per digest content and destination: a marker is kept both in the cache (shared by hosts)
and as a file in the output folder (survives without a cache). A rerun that produces the same
digest finds the marker and does not post again; a changed digest is a new digest and is posted.
A short-lived claim (cache ``add``) keeps two concurrent runs from both posting.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.cache.base import Cache
from service.digest.digest import Digest
from service.digest.render import source_label, write_atomic

log = logging.getLogger(__name__)

SECTION_LIMIT = 3000  # characters in one section's text (Slack's limit)
MAX_STORY_BLOCKS = 45  # a message holds at most 50 blocks
CLAIM_TTL_SECONDS = 300
_SLACK_SPECIAL = re.compile(r"[&<>]")


@dataclass(frozen=True)
class Destination:
    channel: str | None = None
    webhook_url: str | None = None

    @property
    def name(self) -> str:
        if self.channel:
            return f"channel:{self.channel}"
        # The webhook URL is a secret: only its hash is ever stored or logged.
        return "webhook:" + hashlib.sha256((self.webhook_url or "").encode()).hexdigest()[:16]


def escape(text: str) -> str:
    """Slack mrkdwn: ``&<>`` as entities, so model output cannot form ``<!channel>`` or ``<@U…>``."""
    return _SLACK_SPECIAL.sub(lambda m: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[m.group()], text)


def _clip(text: str, limit: int = SECTION_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def blocks(digest: Digest) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, Block Kit blocks) for the digest."""
    title = f"News digest — {digest.date}"
    counts = f"{len(digest.stories)} stories from {digest.briefed} articles"
    if digest.failed:
        counts += f"; {len(digest.failed)} could not be briefed"
    result: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _clip(title, 150)}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(counts)}]},
    ]
    for story in digest.stories[:MAX_STORY_BLOCKS]:
        lines = [f"*{escape(story.headline)}*"] + [f"• {escape(b)}" for b in story.bullets]
        lines += ["_" + escape(source_label(s)) + "_" for s in story.sources]
        result.append({"type": "section", "text": {"type": "mrkdwn", "text": _clip("\n".join(lines))}})
    if len(digest.stories) > MAX_STORY_BLOCKS:
        more = len(digest.stories) - MAX_STORY_BLOCKS
        result.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"…and {more} more stories in the digest files."}]})
    return f"{title}: {counts}", result


def _marker_key(digest: Digest, destination: Destination) -> str:
    return f"nightly-slack:{digest.fingerprint()}:{destination.name}"


def _marker_file(out_dir: Path, key: str) -> Path:
    return out_dir / f".slack-posted-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def _send(destination: Destination, text: str, message_blocks: list[dict[str, Any]]) -> None:
    if destination.channel:
        from slack_sdk import WebClient

        kwargs: dict[str, Any] = {"token": os.environ.get("SLACK_BOT_TOKEN")}
        if os.environ.get("SLACK_API_URL"):
            kwargs["base_url"] = os.environ["SLACK_API_URL"]
        WebClient(**kwargs).chat_postMessage(channel=destination.channel, text=text, blocks=message_blocks)
    else:
        from slack_sdk.webhook import WebhookClient

        response = WebhookClient(destination.webhook_url or "").send(text=text, blocks=message_blocks)
        if response.status_code != 200:
            raise RuntimeError(f"webhook answered HTTP {response.status_code}: {response.body[:200]}")


def post_once(digest: Digest, destination: Destination, cache: Cache, out_dir: Path) -> bool:
    """Post unless this digest was already posted there. True if this call posted it."""
    key = _marker_key(digest, destination)
    marker = _marker_file(out_dir, key)
    if marker.exists() or (cache.get(key) or {}).get("posted"):
        log.info("nightly: digest already posted to %s; not posting again", destination.name)
        return False
    if not cache.add(f"{key}:claim", {"claimed": True}, ttl=CLAIM_TTL_SECONDS):
        log.info("nightly: another run is posting this digest to %s", destination.name)
        return False
    text, message_blocks = blocks(digest)
    _send(destination, text, message_blocks)
    record = {"posted": True, "destination": destination.name, "digest": digest.fingerprint()}
    cache.set(key, record)
    write_atomic(marker, json.dumps(record, sort_keys=True) + "\n")
    return True
