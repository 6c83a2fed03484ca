"""Block Kit messages for a brief, within Slack's limits, with every piece of text escaped.

Slack's limits: a section's text is at most 3,000 characters, a message at most 50 blocks (and
Slack cuts a message's text near 40,000 characters). Long output is split at line, then word,
boundaries into more sections, then more messages; nothing is ever dropped silently: past
``max_messages`` the last message says how much is left out and where the full brief is.

Model output and titles are untrusted: ``escape`` turns ``&<>`` into entities, so generated text can
never form ``<!channel>``, ``<!here>``, ``<@U…>``, ``<#C…>`` or ``<http://…|…>``; a bare
``@channel``/``@here``/``@everyone`` gets a word joiner so no client highlights it. Every mrkdwn
object is also ``verbatim`` (no auto-linking), and posts set ``parse: none`` (see ``bot.py``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

SECTION_LIMIT = 3000
MAX_BLOCKS = 50
MESSAGE_CHARS = 36_000  # under Slack's ~40,000-character cut for one message
FALLBACK_LIMIT = 3000  # the notification text (``text``) next to the blocks
CONTEXT_LIMIT = 2000

_SPECIAL = re.compile(r"[&<>]")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_WORD_JOINER = "\u2060"
_TOKENS = re.compile(r"\S+\s*|\s+")

Block = dict[str, Any]


@dataclass
class Message:
    """One Slack message: the notification ``text`` and its ``blocks``."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def escape(text: str) -> str:
    """Slack mrkdwn-safe text: ``&<>`` as entities and broadcast words defused."""
    return _entities(_defuse(text))


def _entities(text: str) -> str:
    return _SPECIAL.sub(lambda m: _ENTITY[m.group()], text)


def _defuse(text: str) -> str:
    return _BROADCAST.sub(lambda m: "@" + _WORD_JOINER + m.group(1), text)


def split_escaped(raw: str, limit: int = SECTION_LIMIT) -> list[str]:
    """``escape(raw)`` cut into pieces of at most ``limit`` characters, at whitespace where possible.

    Cutting happens on the raw text, so an entity such as ``&amp;`` is never split in two.
    """
    pieces: list[str] = []
    current = ""
    for token in _TOKENS.findall(_defuse(raw)):
        escaped = _entities(token)
        if len(current) + len(escaped) > limit and current:
            pieces.append(current)
            current = ""
        if len(escaped) <= limit - len(current):
            current += escaped
            continue
        for char in token:  # one "word" longer than a section: cut it between characters
            piece = _entities(char)
            if len(current) + len(piece) > limit:
                pieces.append(current)
                current = ""
            current += piece
    if current or not pieces:
        pieces.append(current)
    return [p.rstrip() or p for p in pieces]


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(text)}


def context(text: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(text[:CONTEXT_LIMIT])]}


def pack(lines: list[str], limit: int = SECTION_LIMIT) -> list[str]:
    """Raw lines joined into as few escaped section texts of at most ``limit`` characters as fit."""
    sections: list[str] = []
    current = ""
    for line in lines:
        for piece in split_escaped(line, limit):
            candidate = piece if not current else current + "\n" + piece
            if len(candidate) <= limit:
                current = candidate
            else:
                sections.append(current)
                current = piece
    if current:
        sections.append(current)
    return sections


def model_label(model: str) -> str:
    """A model id as shown to users: a local directory by its name only (no server paths)."""
    return os.path.basename(model.rstrip("/")) if os.path.isabs(model) else model


def brief_lines(brief: dict[str, Any]) -> list[str]:
    """The raw (unescaped) lines of a brief's body: bullets, or a translation's paragraphs."""
    if brief.get("mode") == "translate":
        from service.http.briefing import translation_text

        return [p for p in translation_text(brief).split("\n\n") if p.strip()]
    lines = []
    for bullet in brief.get("bullets") or []:
        flag = " ⚠" if bullet.get("warnings") else ""
        lines.append(f"• {bullet.get('text', '').strip()}{flag}")
    return lines


def footer(brief: dict[str, Any], elapsed_s: float | None) -> str:
    parts = [model_label(str(brief.get("model", "?"))), str(brief.get("mode", "?")), "cached" if brief.get("cached") else "generated"]
    if elapsed_s is not None:
        parts.append(f"{elapsed_s:.1f} s")
    flagged = sum(1 for b in (brief.get("bullets") or brief.get("translations") or []) if b.get("warnings"))
    if flagged:
        parts.append(f"⚠ {flagged} flagged by the quality checks")
    return escape(" · ".join(parts))


def brief_messages(
    brief: dict[str, Any], *, elapsed_s: float | None = None, max_messages: int | None = None
) -> list[Message]:
    """The brief as one or more messages: a bold title, bullet sections, a context footer."""
    title = (brief.get("title") or "").strip()
    body: list[Block] = []
    if title:
        body.extend(section(f"*{piece}*") for piece in split_escaped(" ".join(title.split()), SECTION_LIMIT - 2))
    lines = brief_lines(brief)
    body.extend(section(text) for text in pack(lines or ["(the model returned no text)"]))
    fallback = split_escaped(title or (lines[0] if lines else "English brief"), FALLBACK_LIMIT - 20)[0]
    return chunk(body, context(footer(brief, elapsed_s)), fallback, max_messages, brief.get("id"))


def chunk(
    body: list[Block], last: Block, fallback: str, max_messages: int | None = None, brief_id: str | None = None
) -> list[Message]:
    """Blocks into messages of at most MAX_BLOCKS blocks and MESSAGE_CHARS characters; ``last``
    ends the final message. Past ``max_messages``, the rest is replaced by a note. ``fallback``
    (escaped, at most FALLBACK_LIMIT - 20 characters) is each message's notification text."""
    messages: list[list[Block]] = [[]]
    size = 0
    for block in body + [last]:
        length = _block_chars(block)
        if messages[-1] and (len(messages[-1]) >= MAX_BLOCKS or size + length > MESSAGE_CHARS):
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += length
    if max_messages is not None and len(messages) > max_messages:
        messages = _truncate(messages, max_messages, last, brief_id)
    total = len(messages)
    result = []
    for number, blocks in enumerate(messages, 1):
        text = fallback if total == 1 else f"{fallback} (part {number}/{total})"
        result.append(Message(text=text, blocks=blocks))
    return result


def _truncate(messages: list[list[Block]], keep: int, last: Block, brief_id: str | None) -> list[list[Block]]:
    kept = messages[:keep]
    left_out = [b for m in messages[keep:] for b in m if b is not last]
    tail = kept[-1]
    while tail and (len(tail) > MAX_BLOCKS - 2 or sum(map(_block_chars, tail)) > MESSAGE_CHARS - 2 * CONTEXT_LIMIT):
        left_out.append(tail.pop())
    dropped = sum(1 for b in left_out if b["type"] == "section")
    where = f" The full brief: GET /v1/briefs/{escape(brief_id)}" if brief_id else ""
    tail.extend([context(f"…{dropped} more sections not shown (at most {keep} messages fit here).{where}"), last])
    return kept


def notice(text: str) -> Message:
    """A short message the bot writes itself (usage, explanations, apologies): trusted mrkdwn."""
    return Message(text=text[:FALLBACK_LIMIT], blocks=[section(text[:SECTION_LIMIT])])


def _block_chars(block: Block) -> int:
    if "text" in block:
        return len(block["text"]["text"])
    return sum(len(e.get("text", "")) for e in block.get("elements", []))
