"""The Slack bot's blueprint: ``POST /slack/events`` for slash commands, events and shortcuts.

The route exists only when both ``SLACK_SIGNING_SECRET`` and ``SLACK_BOT_TOKEN`` are set; otherwise
the blueprint registers nothing and ``/slack/events`` is a plain 404. The bolt app (``bot.py``) is
built per Flask app, inside the worker process, around that app's ``Services`` (cache, BriefService).
See docs/slack.md.
"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, request
from flask.sansio.blueprints import BlueprintSetupState

from service.config import Settings

EXTENSION = "slack"
ROUTE = "/slack/events"
log = logging.getLogger("service.slack")

bp = Blueprint("slack", __name__)


def enabled(settings: Settings) -> bool:
    return bool(settings.slack_signing_secret and settings.slack_bot_token)


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    settings: Settings = state.app.config["BRIEFS_SETTINGS"]
    if not enabled(settings):
        if settings.slack_signing_secret or settings.slack_bot_token:
            log.warning("Slack bot off: set both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable it")
        return
    from service.http.state import EXTENSION as SERVICES
    from service.slack.bot import SlackBot

    state.app.extensions[EXTENSION] = SlackBot(settings, state.app.extensions[SERVICES])
    state.add_url_rule(ROUTE, "events", _events, methods=["POST"])


def _events():
    return current_app.extensions[EXTENSION].handler.handle(request)
