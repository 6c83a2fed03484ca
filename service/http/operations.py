"""The operations behind ``/v1`` endpoints, shared by synchronous views and async jobs.

Each takes the service and a validated, JSON-able payload (the request model's dump) and returns
the response body; a job stores exactly what the synchronous call would have answered. Its
``PRECHECKS`` entry refuses, before an answer or a job, what the whole request gets wrong (no
article, bad options), so that an async request is refused exactly as a synchronous one.
"""
from __future__ import annotations

from typing import Any, Callable

from service.errors import BriefError
from service.http.briefing import Article, BriefService, item_result, translation_text

Payload = dict[str, Any]
Operation = Callable[[BriefService, Payload, bool], Payload]


def _article(payload: Payload, **fixed: Any) -> Article:
    options = {k: payload.get(k) for k in ("mode", "bullets", "model")}
    options.update(fixed)
    return Article.from_fields(payload.get("text"), payload.get("html"), **options)


def brief(service: BriefService, payload: Payload, background: bool = False) -> Payload:
    if payload.get("url") is not None:
        return _brief_url(service, payload, background)
    return service.brief(_article(payload), background=background)


def _brief_url(service: BriefService, payload: Payload, background: bool) -> Payload:
    from service.http.fetching import fetch_article

    page = fetch_article(service.settings, payload)
    result = service.brief(_article({**payload, "url": None, "text": page.text}), background=background)
    return {**result, "url": page.url}


def translate(service: BriefService, payload: Payload, background: bool = False) -> Payload:
    result = service.brief(_article(payload, mode="translate", bullets=None), background=background)
    return {**result, "translation": translation_text(result)}


def batch(service: BriefService, payload: Payload, background: bool = False) -> Payload:
    options = {k: payload.get(k) for k in ("mode", "bullets", "model")}
    articles: list[Article | BriefError] = []
    for item in payload["articles"]:
        try:
            articles.append(Article.from_fields(item.get("text"), item.get("html"), **options))
        except BriefError as exc:
            articles.append(exc)
    results = service.batch(articles, background=background)
    items = [item_result(r, item.get("id")) for r, item in zip(results, payload["articles"])]
    return {
        "articles": items,
        "succeeded": sum(1 for i in items if i["status"] == 200),
        "failed": sum(1 for i in items if i["status"] != 200),
    }


OPERATIONS: dict[str, Operation] = {"brief": brief, "translate": translate, "batch": batch}


def check_brief(service: BriefService, payload: Payload) -> None:
    """The article and options; for a request by ``url``, the options (the page is not fetched yet)."""
    if payload.get("url") is not None:
        check_options(service, payload)
        return
    service.check(_article(payload))


def check_translate(service: BriefService, payload: Payload) -> None:
    service.check(_article(payload, mode="translate", bullets=None))


def check_options(service: BriefService, payload: Payload) -> None:
    """The options alone: a batch's articles fail one by one, in their place in the answer."""
    service.check(Article("", **{k: payload.get(k) for k in ("mode", "bullets", "model")}))


Precheck = Callable[[BriefService, Payload], None]
PRECHECKS: dict[str, Precheck] = {"brief": check_brief, "translate": check_translate, "batch": check_options}
