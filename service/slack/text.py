"""What users send: Slack-formatted text in, plain article text and options out; is it Hindi?

Slack sends message text in its own markup: ``&amp; &lt; &gt;`` entities, ``<@U123>`` user
mentions, ``<#C1|name>`` channels, ``<!here>`` specials and ``<http://…|label>`` links. The article
is the text a person would read: mentions and specials dropped, links as their label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.pipeline.language import NAMES, ROMANIZED_HINDI, identify
from service.prompts import message

_ANGLE = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"[ \t\u00a0]+")
OPTIONS = {"public", "help", "extractive", "abstractive", "translate"}
MODES = {"extractive", "abstractive", "translate"}


def plain_text(slack_text: str) -> str:
    """Slack markup to plain text (mentions and ``<!…>`` specials removed, links as their label)."""

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith(("@", "!")):
            return ""
        if target.startswith("#"):
            return "#" + (label or target[1:])
        return label or target

    text = _ANGLE.sub(replace, slack_text or "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.strip().splitlines())


@dataclass(frozen=True)
class Command:
    """``/brief [public] [extractive|abstractive|translate] <text>``, or ``/brief help``."""

    text: str
    public: bool = False
    mode: str | None = None
    help: bool = False


def parse_command(slack_text: str) -> Command:
    text = plain_text(slack_text)
    public, mode, wants_help = False, None, False
    while text:
        word, *rest = text.split(maxsplit=1)
        keyword = word.lower()
        if keyword not in OPTIONS:
            break
        public |= keyword == "public"
        wants_help |= keyword == "help"
        mode = keyword if keyword in MODES else mode
        text = rest[0] if rest else ""
    return Command(text=text, public=public, mode=mode, help=wants_help or not text)


def language_problem(text: str) -> str | None:
    """None when ``text`` is Hindi; otherwise a friendly explanation of why it is not briefed."""
    if not text.strip():
        return message("slack", "language.empty")
    guess = identify(text)
    if guess.code == "hi":
        return None
    if guess.code == "zxx":
        return message("slack", "language.no_words")
    if guess.code == "en":
        return message("slack", "language.english")
    if guess.code == ROMANIZED_HINDI:
        return message("slack", "language.romanized")
    if guess.code == "ur":
        return message("slack", "language.urdu")
    return message("slack", "language.other", name=NAMES.get(guess.code, f"not Hindi (`{guess.code}`)"))
