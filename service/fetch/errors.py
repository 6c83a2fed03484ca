"""Why a fetch did not happen or did not work, as typed errors (the HTTP layer maps them to problems).

``FetchRefused`` is a decision of this service (allowlist, address range, scheme, robots.txt): the
request asked for something it may not fetch, a client error. ``FetchFailed`` and ``FetchTimedOut``
are the other side's doing (down, error status, wrong content type, too large, too slow).
``FetchBusy`` is this service's capacity: the fetch could not start within its deadline (the host
is busy with other requests, its Crawl-delay would outlast the deadline, or this worker's share of
threads for fetching is in use); retry after ``retry_after`` seconds.
"""
from __future__ import annotations

from service.errors import BriefError


class FetchRefused(BriefError):
    code = "fetch_refused"
    status = 422
    title = "Fetch refused"


class FetchFailed(BriefError):
    code = "fetch_failed"
    status = 502
    title = "Fetch failed"


class FetchTimedOut(FetchFailed):
    code = "fetch_timeout"
    status = 504
    title = "Fetch timed out"


class TooLarge(FetchFailed):
    code = "fetch_too_large"
    title = "Fetched response too large"


class ErrorStatus(FetchFailed):
    """The server answered with an HTTP error status (kept in ``http_status``)."""

    def __init__(self, detail: str, http_status: int):
        super().__init__(detail)
        self.http_status = http_status


class FetchBusy(BriefError):
    code = "fetch_busy"
    status = 503
    title = "Fetching busy"

    def __init__(self, detail: str, retry_after: int = 5):
        super().__init__(detail)
        self.retry_after = max(1, int(retry_after))
