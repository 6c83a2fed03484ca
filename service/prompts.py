"""Templates and task prefixes, kept as data files in ``prompts/`` (not code)."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=1)
def _tasks() -> dict[str, dict[str, str]]:
    return tomllib.loads((PROMPTS_DIR / "tasks.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _messages(name: str) -> dict[str, Any]:
    return tomllib.loads((PROMPTS_DIR / f"{name}.toml").read_text(encoding="utf-8"))


def message(catalog: str, key: str, /, **values: Any) -> str:
    """A user-facing message from ``prompts/<catalog>.toml`` (``key`` may be dotted: ``language.other``)."""
    entry: Any = _messages(catalog)
    for part in key.split("."):
        entry = entry[part]
    return entry.format(**values)


def task_prefix(task: str, architecture: str) -> str:
    table = _tasks().get(task, {})
    return table.get(architecture, table.get("default", ""))


@lru_cache(maxsize=2)
def environment(autoescape: bool = False) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PROMPTS_DIR),
        autoescape=autoescape,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context: Any) -> str:
    """Render ``prompts/<template>``; HTML templates (``*.html.j2``) are autoescaped."""
    return environment(template.endswith(".html.j2")).get_template(template).render(**context)
