"""The Flask app factory: a table of contents of what the service is made of.

``create_app()`` reads ``BRIEFS_*`` settings; tests pass ``settings``, a ``pipeline`` (say, around
a failing model) or a ``cache``. Nothing here loads the model: the warm-up thread or the first
request does, inside the worker process (never in gunicorn's master).
"""
from __future__ import annotations

from typing import Any

from flask import Flask

from service.config import Settings
from service.pipeline.brief import BriefPipeline


def create_app(settings: Settings | None = None, pipeline: BriefPipeline | None = None, cache: Any = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        JSON_AS_ASCII=False,
        BRIEFS_SETTINGS=settings,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    register_extensions(app, settings, pipeline, cache)
    register_blueprints(app)
    register_errorhandlers(app)
    return app


def register_extensions(app: Flask, settings: Settings, pipeline: BriefPipeline | None, cache: Any) -> None:
    from service.http import bodies, fetching, requestlog
    from service.http.state import Services

    from service import security

    bodies.init_app(app)  # a chunked body over the size limit is a 413 too
    requestlog.init_app(app)
    fetching.check_settings(settings)  # a bad BRIEFS_FETCH_ALLOW entry stops the start, named
    security.init_app(app, settings)  # API keys and rate limits: off unless keys are configured
    Services.build(settings, pipeline=pipeline, cache=cache).init_app(app)


def register_blueprints(app: Flask) -> None:
    from service import api, web

    api.init_app(app)
    web.init_app(app)


def register_errorhandlers(app: Flask) -> None:
    from service.http import problems

    problems.init_app(app)
