"""The editors' page at ``/``: paste or open a Hindi article, get the English brief with its sources.

Plain HTML, CSS and two small ES modules served by Flask: no build step, nothing from outside the
service. The page only talks to the public API (``POST /v1/briefs``, ``GET /v1/jobs/<id>``).
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, render_template

bp = Blueprint("web", __name__, static_folder="static", template_folder="templates", static_url_path="/web/static")

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
        async_chars=settings.web_async_chars,
    )
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def init_app(app: Flask) -> None:
    """Register the page. Articles over ``BRIEFS_WEB_ASYNC_CHARS`` go through ``?async=true``."""
    if app.config["BRIEFS_SETTINGS"].web_async_chars < 1:
        raise ValueError("BRIEFS_WEB_ASYNC_CHARS must be 1 or more")
    app.register_blueprint(bp)
