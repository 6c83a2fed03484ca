"""The Slack bot: a bolt ``App`` whose listeners ack at once and brief afterwards.

Process model. ``process_before_response=True``: bolt runs each ack function on the HTTP request
thread and answers Slack as soon as it returns; the generation runs afterwards as a bolt *lazy
listener* on ``executor`` (this worker's ``slack`` threads). With bolt's default (``False``, meant
for long-running servers) the ack function itself is queued on that same small pool, so while
every pool thread waits for the model, acks wait too and miss Slack's 3 seconds.

Each piece of work calls the same ``BriefService`` as ``POST /v1/briefs`` (same cache, same single
flight, same generation gate), so an article briefed by the API and by Slack costs one generation.

Before any listener: bolt verifies the signature and the 5-minute timestamp window (401), then
``_screen`` drops other bots' events and anything already seen: event ids, and trigger ids of
commands and shortcuts, are claimed with the cache's atomic ``add`` (SQLite or Redis: shared by
every gunicorn worker), so Slack's retries (``X-Slack-Retry-Num``) never produce a second answer.
Nothing on the ack path calls Slack's Web API: bolt's ``authorize`` answers from memory, with the
bot's ids that a background ``auth.test`` learns at start.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from prometheus_client import Counter
from slack_bolt import App, BoltContext
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from service.config import Settings
from service.errors import BriefError
from service.prompts import message
from service.slack.blocks import Message, brief_messages, escape, notice
from service.slack.text import language_problem, parse_command, plain_text

SHORTCUT_ID = "brief_in_english"
DEDUPE_TTL_SECONDS = 3600  # Slack retries within minutes; an hour covers every retry
WORK_THREADS = 4  # briefs being generated or posted at once per worker (more wait in the queue)
RESPONSE_URL_POSTS = 5  # Slack: a response_url takes at most 5 posts
AUTH_TEST_RETRY_S = (0, 5, 30, 120, 600, 3600)  # delays before each background auth.test attempt

SLACK = Counter("briefs_slack_total", "Slack requests and answers by kind and outcome", ["kind", "outcome"])
log = logging.getLogger("service.slack")
access_log = logging.getLogger("briefs.access")


def usage(command: str) -> str:
    return message("slack", "usage", command=command)


class SlackBot:
    PROCESS_BEFORE_RESPONSE = True  # see the module docstring; bench/slack_ack.py measures both

    def __init__(self, settings: Settings, services: Any):
        self.settings = settings
        self.briefs = services.briefs
        self.cache = services.cache
        base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
        self.client = WebClient(token=settings.slack_bot_token, base_url=base_url, timeout=15)
        self.executor = ThreadPoolExecutor(max_workers=WORK_THREADS, thread_name_prefix="slack")
        bolt_logger = logging.getLogger("service.slack.bolt")
        bolt_logger.addFilter(_not_about_the_env_token)
        self.identity: dict[str, Any] = {}  # auth.test's answer (bot_id, user_id), filled in the background
        self.app = App(
            name="briefs",
            signing_secret=settings.slack_signing_secret,
            # bolt's own client has no token, so bolt asks ``authorize`` (no network) instead of
            # calling auth.test during a request: an ack never waits for Slack's Web API.
            client=WebClient(base_url=base_url, timeout=15),
            authorize=self._authorizer(),
            process_before_response=self.PROCESS_BEFORE_RESPONSE,
            listener_executor=self.executor,
            logger=bolt_logger,
        )
        self.language_id_ready = threading.Event()
        threading.Thread(target=self._warm_up, name="slack-warm-up", daemon=True).start()
        self.app.use(self._screen)
        self.app.command(settings.slack_command)(ack=self._ack_command, lazy=[self.run_command])
        self.app.event("app_mention")(ack=_ack, lazy=[self.run_mention])
        self.app.shortcut(SHORTCUT_ID)(ack=_ack, lazy=[self.run_shortcut])
        self.handler = SlackRequestHandler(self.app)

    def _warm_up(self) -> None:
        """Off the request path: load the language identifier (~1 s; until then acks skip the
        language check and the lazy listener does it) and learn the bot's ids from auth.test (until
        then the bot's own events are still dropped by ``_screen``, which drops every bot_id)."""
        try:
            language_problem("भारत")
            self.language_id_ready.set()
        except Exception:  # acks keep skipping the check; the lazy listeners still make it
            log.exception("slack: could not load the language identifier")
        for delay in AUTH_TEST_RETRY_S:
            time.sleep(delay)
            try:
                answer = self.client.auth_test()
                self.identity = {"bot_id": answer.get("bot_id"), "user_id": answer.get("user_id")}
                return
            except Exception as exc:  # Slack unreachable or the token refused: try again later
                log.warning("slack: auth.test failed (%s); retrying in the background", _error_name(exc))

    def _authorizer(self) -> Callable[..., AuthorizeResult]:
        """bolt's ``authorize`` (a plain function: bolt passes arguments by their names)."""

        def authorize(enterprise_id: str | None, team_id: str | None, user_id: str | None) -> AuthorizeResult:
            return AuthorizeResult(
                enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token=self.settings.slack_bot_token,
                bot_id=self.identity.get("bot_id"), bot_user_id=self.identity.get("user_id"),
            )

        return authorize

    # -- before any listener ------------------------------------------------------------------

    def _screen(self, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        body = req.body or {}
        kind, ident = _identity(body)
        if kind == "event":
            event = body.get("event") or {}
            if event.get("bot_id") or event.get("subtype") == "bot_message":
                SLACK.labels(kind, "ignored_bot").inc()
                return BoltResponse(status=200, body="")
        if ident is not None:
            key = f"slack:seen:{body.get('team_id') or (body.get('team') or {}).get('id', '')}:{ident}"
            if not self.cache.add(key, {"at": time.time()}, ttl=DEDUPE_TTL_SECONDS):
                retry = (req.headers.get("x-slack-retry-num") or [None])[0]
                SLACK.labels(kind, "duplicate").inc()
                _log(kind, "duplicate", None, retry_num=retry)
                return BoltResponse(status=200, body="")
        return next()

    # -- slash command -------------------------------------------------------------------------

    def _ack_command(self, ack: Callable[..., None], command: dict[str, Any], context: BoltContext) -> None:
        """Runs on the request thread: only cheap checks (the language one once its model is loaded)."""
        parsed = parse_command(command.get("text", ""))
        problem = None
        if parsed.help:
            problem, outcome = usage(self.settings.slack_command), "usage"
        elif self.language_id_ready.is_set() and (problem := language_problem(parsed.text)):
            outcome = "not_hindi"
        if problem:
            context["answered"] = True  # the lazy listener gets a copy of the context
            ack(response_type="ephemeral", text=problem)
        else:
            ack(response_type="ephemeral", text=message("slack", "working"))
            outcome = "acked"
        SLACK.labels("command", outcome).inc()

    def run_command(self, command: dict[str, Any], respond: Callable[..., Any], context: BoltContext) -> None:
        if context.get("answered"):
            return
        parsed = parse_command(command.get("text", ""))
        problem = language_problem(parsed.text)
        if problem:
            SLACK.labels("command", "not_hindi").inc()
            respond(text=problem, response_type="ephemeral", replace_original=False)
            return
        response_type = "in_channel" if parsed.public else "ephemeral"

        def deliver(messages: list[Message], outcome: str) -> None:
            for message in messages:
                kind = response_type if outcome == "brief" else "ephemeral"
                result = respond(**message.payload(), response_type=kind, replace_original=False)
                if getattr(result, "status_code", 200) >= 300:
                    raise RuntimeError(f"response_url answered HTTP {result.status_code}")

        self._answer("command", parsed.text, parsed.mode, deliver, max_messages=RESPONSE_URL_POSTS)

    # -- @mention --------------------------------------------------------------------------------

    def run_mention(self, event: dict[str, Any]) -> None:
        channel, user = event.get("channel"), event.get("user")
        thread = event.get("thread_ts") or event.get("ts")
        text = plain_text(event.get("text", ""))
        if not text and event.get("thread_ts") and event.get("thread_ts") != event.get("ts"):
            text = plain_text(self._parent_text(channel, event["thread_ts"]))
            if not text:
                return self._ephemeral(channel, user, thread, "I could not read the message this thread starts with.")
        elif not text:
            return self._ephemeral(channel, user, thread, usage(self.settings.slack_command))
        problem = language_problem(text)
        if problem:
            SLACK.labels("mention", "not_hindi").inc()
            return self._ephemeral(channel, user, thread, problem)

        def deliver(messages: list[Message], outcome: str) -> None:
            for message in messages:
                if outcome == "rejected":
                    self._ephemeral(channel, user, thread, message.text)
                else:
                    self._post(channel, thread, message)

        self._answer("mention", text, None, deliver)

    def _parent_text(self, channel: str, thread_ts: str) -> str:
        try:
            replies = self.client.conversations_replies(channel=channel, ts=thread_ts, limit=1, inclusive=True)
        except SlackApiError as exc:
            log.warning("slack: conversations.replies failed: %s", exc.response.get("error"))
            return ""
        messages = replies.get("messages") or []
        return messages[0].get("text", "") if messages else ""

    # -- message shortcut ------------------------------------------------------------------------

    def run_shortcut(self, shortcut: dict[str, Any], respond: Callable[..., Any]) -> None:
        message = shortcut.get("message") or {}
        channel = (shortcut.get("channel") or {}).get("id")
        thread = message.get("thread_ts") or message.get("ts")
        text = plain_text(message.get("text", ""))
        problem = language_problem(text)
        if problem:
            SLACK.labels("shortcut", "not_hindi").inc()
            respond(text=problem, response_type="ephemeral", replace_original=False)
            return

        def deliver(messages: list[Message], outcome: str) -> None:
            if outcome == "rejected":
                respond(**messages[0].payload(), response_type="ephemeral", replace_original=False)
                return
            for number, message in enumerate(messages):
                try:
                    self._post(channel, thread, message)
                except SlackApiError as exc:  # e.g. not_in_channel: show it to the user instead
                    log.info("slack: chat.postMessage failed (%s); answering ephemerally", exc.response.get("error"))
                    for rest in messages[number:][:RESPONSE_URL_POSTS]:
                        respond(**rest.payload(), response_type="ephemeral", replace_original=False)
                    return

        self._answer("shortcut", text, None, deliver)

    # -- shared ----------------------------------------------------------------------------------

    def _answer(
        self,
        kind: str,
        text: str,
        mode: str | None,
        deliver: Callable[[list[Message], str], None],
        max_messages: int | None = None,
    ) -> None:
        """Brief ``text`` and ``deliver(messages, outcome)`` it: outcome "brief", "rejected" (the
        input's fault: tell only the user) or "error" (ours: an apology with a request id). Every
        failure becomes a message to the user and a log line; nothing propagates to bolt."""
        from service.http.briefing import Article

        request_id = uuid.uuid4().hex[:12]
        started = time.perf_counter()
        cached = None
        try:
            brief = self.briefs.brief(Article(text, "text", mode=mode), background=True)
            cached = brief.get("cached")
            messages = brief_messages(brief, elapsed_s=time.perf_counter() - started, max_messages=max_messages)
            outcome = "brief"
        except BriefError as exc:
            if exc.status >= 500:
                log.warning("slack %s: %s (%s), request %s", kind, exc.code, exc.detail, request_id)
                messages, outcome = [notice(_apology(request_id))], "error"
            else:
                messages, outcome = [notice(message("slack", "rejected", detail=escape(exc.detail)))], "rejected"
        except Exception:
            log.exception("slack %s: briefing failed, request %s", kind, request_id)
            messages, outcome = [notice(_apology(request_id))], "error"
        try:
            deliver(messages, outcome)
        except Exception as exc:  # Slack unreachable or refusing: log it, keep serving
            log.warning("slack %s: could not post the answer (%s), request %s", kind, _error_name(exc), request_id)
            outcome = "post_failed"
        SLACK.labels(kind, outcome).inc()
        _log(kind, outcome, request_id, cached=cached, duration_ms=round((time.perf_counter() - started) * 1000, 1))

    def _post(self, channel: str, thread_ts: str, message: Message) -> None:
        self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, **message.payload(),
            parse="none", link_names=False, unfurl_links=False, unfurl_media=False,
        )

    def _ephemeral(self, channel: str, user: str, thread_ts: str | None, text: str) -> None:
        message = notice(text)
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **message.payload())
        except SlackApiError as exc:
            log.warning("slack: chat.postEphemeral failed: %s", exc.response.get("error"))


def _not_about_the_env_token(record: logging.LogRecord) -> bool:
    """bolt also reads SLACK_BOT_TOKEN from the environment and warns that the ``client`` we give it
    wins; that is intended (the token reaches bolt through ``_authorizer``), so the warning is noise."""
    return "`token` will be unused" not in record.getMessage()


def _ack(ack: Callable[..., None]) -> None:
    ack()


def _identity(body: dict[str, Any]) -> tuple[str, str | None]:
    """(kind, id to dedupe by): events by event id, commands and shortcuts by trigger id."""
    if body.get("type") == "event_callback":
        return "event", body.get("event_id")
    if body.get("command"):
        return "command", body.get("trigger_id")
    if body.get("type") in {"message_action", "shortcut", "block_actions"}:
        return "shortcut", body.get("trigger_id")
    return str(body.get("type") or "other"), None


def _apology(request_id: str) -> str:
    return message("slack", "apology", request_id=request_id)


def _error_name(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error"))
    return type(exc).__name__


def _log(kind: str, outcome: str, request_id: str | None, **fields: Any) -> None:
    """One structured line per Slack answer; never the text, the user or any token."""
    access_log.info(
        "slack",
        extra={"fields": {"event": "slack", "kind": kind, "outcome": outcome, "request_id": request_id, **fields}},
    )
