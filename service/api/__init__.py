"""HTTP surfaces as blueprints, and the one SpecTree that documents them.

``spec`` is created unbound here and bound to the app in ``init_app`` (the extension pattern). Its
decorators only DOCUMENT (``skip_validation=True``): views validate with the same pydantic models
themselves so that every error, including a schema violation or a text/plain body, takes the one
problem+json shape. Only operations decorated with ``spec.validate`` appear (``mode="strict"``).
"""
from __future__ import annotations

from flask import Blueprint, Flask
from spectree import SpecTree

from service.api.schemas import Problem

spec = SpecTree(
    "flask",
    title="Hindi news briefs",
    version="1",
    description="Hindi news in, English briefs out. Errors are application/problem+json (RFC 9457).",
    mode="strict",
    validation_error_model=Problem,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    page_templates={},
)


def blueprints() -> list[Blueprint]:
    """Every blueprint this service serves. Slack and the web page register theirs here too."""
    from service import slack
    from service.api import compat, docs, editorial, health, metrics, v1

    return [v1.bp, compat.bp, health.bp, metrics.bp, docs.bp, slack.bp, editorial.bp]


def init_app(app: Flask) -> None:
    from service.api.paths import register_converters

    register_converters(app)
    for blueprint in blueprints():
        app.register_blueprint(blueprint)
    spec.app = app
