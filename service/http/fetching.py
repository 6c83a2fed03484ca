"""``POST /v1/briefs {"url": ...}``: fetch one article page under the fetch rules, then brief its text.

Off unless ``BRIEFS_FETCH_ALLOW`` lists hosts (the request is then a 422, as any unknown field
was before). With it: the same checks as the nightly job (allowlist on every hop, checked
addresses, robots.txt, one request at a time per host, size cap, content type). The fetch happens
outside the model gate; the page's text is briefed (and cached) like posted text.

A slow or dead site must not tie up the service: the whole fetch (waiting for the host's turn,
its pause, robots.txt, redirects, connect, headers, body) ends within ``BRIEFS_FETCH_TIMEOUT`` of
the request's start; at most ``BRIEFS_FETCH_HOST_QUEUE`` requests wait for one busy host; and
fetches hold at most ``BRIEFS_FETCH_THREAD_SHARE`` of this worker's threads at once, so health
checks and posted articles are always answered. What cannot start is a 503 ``fetch_busy`` with
``Retry-After`` at once.
"""
from __future__ import annotations

import threading
import time
from functools import lru_cache
from typing import Any

from service.config import Settings
from service.fetch.client import Fetcher, FetchPolicy
from service.fetch.errors import FetchBusy
from service.fetch.pages import Page, fetch_page
from service.fetch.robots import RobotsRules
from service.http.problems import InvalidRequest

ROBOTS_MAX_AGE_S = 3600.0  # a long-running service re-reads a site's robots.txt after an hour


def check_url_request(settings: Settings, payload: dict[str, Any]) -> None:
    """Refuse at once (before any job is queued): fetching off, the article also given as text,
    or a URL the allowlist refuses. Nothing is resolved or sent here."""
    if not settings.fetch_allow:
        raise InvalidRequest(
            "url: this service never fetches URLs unless BRIEFS_FETCH_ALLOW lists the host; "
            "send the article itself as `text` or `html`."
        )
    if payload.get("text") or payload.get("html"):
        raise InvalidRequest("Give the article as one of `text`, `html` or `url`, not several.")
    page_fetcher(settings).policy.allow.check(payload["url"])


def check_settings(settings: Settings) -> None:
    """At start: a bad ``BRIEFS_FETCH_ALLOW`` entry is a ``ValueError`` naming it, not a failing request later."""
    FetchPolicy.from_settings(settings)


def fetch_slots(settings: Settings) -> int:
    """How many fetches one worker runs at once: its share of the request threads, at least 1."""
    return max(1, int(settings.threads * settings.fetch_thread_share))


@lru_cache(maxsize=4)
def page_fetcher(settings: Settings) -> Fetcher:
    """One fetcher per process (its per-host turns and robots.txt rules are shared by all requests)."""
    fetcher = Fetcher(FetchPolicy.from_settings(settings))
    RobotsRules(fetcher, max_age_s=ROBOTS_MAX_AGE_S).attach()
    return fetcher


@lru_cache(maxsize=4)
def _slots(settings: Settings) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(fetch_slots(settings))


def fetch_article(settings: Settings, payload: dict[str, Any]) -> Page:
    check_url_request(settings, payload)
    deadline = time.monotonic() + settings.fetch_timeout_s
    slots = _slots(settings)
    if not slots.acquire(blocking=False):
        raise FetchBusy(f"This worker is already fetching {fetch_slots(settings)} pages (BRIEFS_FETCH_THREAD_SHARE "
                        f"of BRIEFS_THREADS); retry shortly or send the article's text.",
                        retry_after=settings.fetch_timeout_s)
    try:
        return fetch_page(page_fetcher(settings), payload["url"], deadline)
    finally:
        slots.release()
