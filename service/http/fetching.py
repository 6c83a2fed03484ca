"""``POST /v1/briefs {"url": ...}``: fetch one article page under the fetch rules, then brief its text.

Off unless ``BRIEFS_FETCH_ALLOW`` lists hosts (the request is then a 422, as any unknown field
was before). With it: the same checks as the nightly job (allowlist on every hop, checked
addresses, robots.txt, one request at a time per host, timeouts, size cap, content type). The
fetch happens outside the model gate; the page's text is briefed (and cached) like posted text.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from service.config import Settings
from service.fetch.client import Fetcher, FetchPolicy
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


@lru_cache(maxsize=4)
def page_fetcher(settings: Settings) -> Fetcher:
    """One fetcher per process (its per-host turns and robots.txt rules are shared by all requests)."""
    fetcher = Fetcher(FetchPolicy.from_settings(settings))
    RobotsRules(fetcher, max_age_s=ROBOTS_MAX_AGE_S).attach()
    return fetcher


def fetch_article(settings: Settings, payload: dict[str, Any]) -> Page:
    check_url_request(settings, payload)
    return fetch_page(page_fetcher(settings), payload["url"])
