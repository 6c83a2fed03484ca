"""The editors' page at ``/``: paste or open a Hindi article, get the English brief with its sources.

Plain HTML, CSS and two small ES modules served by Flask: no build step, nothing from outside the
service. The page only talks to the public API (``POST /v1/briefs``, ``GET /v1/jobs/<id>``).
"""
from __future__ import annotations

import os
from typing import Mapping

from flask import Blueprint, Flask, Response, current_app, render_template

bp = Blueprint("web", __name__, static_folder="static", template_folder="templates", static_url_path="/web/static")

ASYNC_CHARS = 8000  # articles longer than this (in characters) go through ?async=true with a progress bar
ASYNC_CHARS_ENV = "BRIEFS_WEB_ASYNC_CHARS"
MODES = [
    ("extractive", "Key sentences, translated (faithful, fastest)"),
    ("abstractive", "Rewritten summary (model writes the bullets)"),
    ("translate", "Full translation (no summary)"),
]
POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


@bp.get("/")
def index() -> Response:
    settings = current_app.config["BRIEFS_SETTINGS"]
    page = render_template(
        "web/index.html",
        modes=MODES,
        mode=settings.mode,
        bullets=settings.bullets,
        max_bullets=settings.max_bullets,
        async_chars=current_app.config["BRIEFS_WEB_ASYNC_CHARS"],
    )
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def async_chars(environ: Mapping[str, str] | None = None) -> int:
    """The page's async threshold: ``BRIEFS_WEB_ASYNC_CHARS`` if set to a positive integer, else 8,000."""
    raw = (os.environ if environ is None else environ).get(ASYNC_CHARS_ENV, "").strip()
    if not raw:
        return ASYNC_CHARS
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{ASYNC_CHARS_ENV}={raw!r} is not a whole number of characters") from None
    if value < 1:
        raise ValueError(f"{ASYNC_CHARS_ENV}={raw!r} must be 1 or more")
    return value


def init_app(app: Flask) -> None:
    """Register the page; ``app.config["BRIEFS_WEB_ASYNC_CHARS"]`` (or the variable) sets the async threshold."""
    app.config.setdefault("BRIEFS_WEB_ASYNC_CHARS", async_chars())
    app.register_blueprint(bp)
