"""Conditional GET with remembered validators: an unchanged resource costs one 304, and its body
comes from the state store. Used for feeds, sitemaps and robots.txt."""
from __future__ import annotations

from dataclasses import dataclass

from service.fetch.client import Fetcher
from service.fetch.state import FetchState, StoredResponse


@dataclass(frozen=True)
class Fetched:
    url: str  # final URL
    body: bytes
    content_type: str
    charset: str | None
    not_modified: bool  # True: a 304, the body is the stored one


def get_conditional(fetcher: Fetcher, state: FetchState | None, url: str, accept: tuple[str, ...],
                    obey_robots: bool = True, deadline: float | None = None) -> Fetched:
    stored = state.response(url) if state is not None else None
    validators = stored.validators() if stored else None
    response = fetcher.get(url, accept, validators or None, obey_robots=obey_robots, deadline=deadline)
    if response.status == 304 and stored is not None:
        return Fetched(stored.final_url, stored.body, stored.content_type, stored.charset, True)
    if state is not None:
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if etag or modified:
            state.save_response(url, StoredResponse(etag, modified, response.content_type, response.charset,
                                                    response.url, response.body))
    return Fetched(response.url, response.body, response.content_type, response.charset, False)
