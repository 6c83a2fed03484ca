"""robots.txt, read once per site per run (RFC 9309), and obeyed for every URL fetched.

- 2xx: the rules for our product token (``hindi-briefs``), else for ``*``; ``Crawl-delay`` raises
  the pause between requests to that host.
- 4xx (no robots.txt): everything may be fetched.
- 5xx, a timeout, a refused connection: the site is taken as fully disallowed for this run
  (RFC 9309 section 2.3.1.4: "unreachable").
The file is fetched conditionally (a 304 when unchanged) and through the same checks as any URL.
For a request with a deadline (the HTTP service), waiting for another thread's robots.txt request
and fetching it count against that deadline; a robots.txt fetch cut short by the caller's deadline
(or one that could not start, ``FetchBusy``) decides nothing and is not remembered.
"""
from __future__ import annotations

import threading
import time

from protego import Protego

from service.fetch.allowlist import Target
from service.fetch.client import ANY_TYPE, ROBOTS_TOKEN, Fetcher
from service.fetch.conditional import get_conditional
from service.fetch.errors import ErrorStatus, FetchBusy, FetchFailed, FetchRefused, FetchTimedOut
from service.fetch.state import FetchState

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: parse at least 500 KiB; more is ignored


class RobotsRules:
    def __init__(self, fetcher: Fetcher, state: FetchState | None = None, max_age_s: float | None = None):
        """``max_age_s``: how long one site's rules are used before fetching robots.txt again
        (None: for the life of this object, one nightly run)."""
        self.fetcher = fetcher
        self.state = state
        self.max_age_s = max_age_s
        self._rules: dict[str, tuple[float, Protego | None, str]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def attach(self) -> "RobotsRules":
        self.fetcher.robots = self.check
        return self

    def check(self, target: Target, deadline: float | None = None) -> None:
        rules, why = self._for_site(target, deadline)
        if rules is None:
            raise FetchRefused(f"{target.url} is not fetched: {why}.")
        if not rules.can_fetch(target.url, ROBOTS_TOKEN):
            raise FetchRefused(f"{target.origin}/robots.txt disallows {target.path} for {ROBOTS_TOKEN}.")

    def _for_site(self, target: Target, deadline: float | None) -> tuple[Protego | None, str]:
        origin = target.origin
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        wait = -1 if deadline is None else max(0.0, deadline - time.monotonic())
        if not lock.acquire(timeout=wait):  # one robots.txt request per site, however many threads ask at once
            raise FetchBusy(f"{origin}/robots.txt is being read for another request; retry shortly.",
                            retry_after=self.fetcher.policy.timeout_s)
        try:
            known = self._rules.get(origin)
            if known and (self.max_age_s is None or time.monotonic() - known[0] < self.max_age_s):
                return known[1], known[2]
            rules, why = self._fetch(target, deadline)
            self._rules[origin] = (time.monotonic(), rules, why)
            return rules, why
        finally:
            lock.release()

    def _fetch(self, target: Target, deadline: float | None) -> tuple[Protego | None, str]:
        url = f"{target.origin}/robots.txt"
        try:
            fetched = get_conditional(self.fetcher, self.state, url, ANY_TYPE, obey_robots=False, deadline=deadline)
        except FetchTimedOut:
            if deadline is not None:
                raise  # the caller's deadline ended it: no verdict to keep about the site
            return None, f"its robots.txt did not arrive within {self.fetcher.policy.timeout_s:g} s, so the site counts as disallowed"
        except ErrorStatus as exc:
            if 400 <= exc.http_status < 500:
                return Protego.parse(""), ""  # no robots.txt: no rules
            return None, f"its robots.txt is unreachable ({exc.detail}), so the site counts as disallowed"
        except (FetchFailed, FetchRefused) as exc:  # down, too slow, or redirected somewhere not allowed
            return None, f"its robots.txt is unreachable ({exc.detail}), so the site counts as disallowed"
        rules = Protego.parse(fetched.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(ROBOTS_TOKEN)
        if delay:
            self.fetcher.pacer.set_delay(f"{target.host}:{target.port}", float(delay))
        return rules, ""

