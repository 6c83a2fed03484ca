"""Write the digest as Markdown, HTML and JSON, each atomically (temp file in the same folder + rename).

Templates live in ``prompts/``; the HTML one is autoescaped. Markdown has no autoescaping, so text
is escaped here: HTML-significant characters become entities (Markdown renderers pass raw HTML
through) and Markdown syntax characters get a backslash.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from service.digest.digest import Digest
from service.digest.history import INDEX_FILE
from service.prompts import render

OUTPUT_FILES = ("digest.md", "digest.html", "digest.json")
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]{}()#+!|~])")


def escape_markdown(text: Any) -> str:
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(_MARKDOWN_SYNTAX.sub(r"\\\1", text).split())


def safe_url(url: str | None) -> str | None:
    """Only http(s) links: a ``javascript:`` URL in the input must not become a live link."""
    return url if url and re.match(r"https?://", url, re.I) else None


def _markdown_url(url: str | None) -> str | None:
    url = safe_url(url)
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20") if url else None


def source_label(source: dict[str, Any]) -> str:
    """"<title or first words> — <outlet> — <date or "date unknown">", the same in every format."""
    return " — ".join([source["title"] or source["id"], source["source"] or source["id"], source["published"] or "date unknown"])


def render_markdown(digest: Digest) -> str:
    data = digest.to_dict()
    stories = [
        {
            "id": story["id"],
            "continues": _markdown_continues(story["continues"]),
            "headline": escape_markdown(story["headline"]),
            "bullets": [escape_markdown(b) for b in story["bullets"]],
            "sources": [
                {"label": escape_markdown(source_label(s)), "url": _markdown_url(s["url"])}
                for s in story["sources"]
            ],
        }
        for story in data["stories"]
    ]
    failed = [{"id": escape_markdown(f["id"]), "reason": escape_markdown(f["reason"])} for f in data["failed"]]
    problems = [{"where": escape_markdown(p["where"]), "reason": escape_markdown(p["reason"])} for p in data["input_problems"]]
    feed_problems = [{"feed": escape_markdown(p["feed"]), "reason": escape_markdown(p["reason"])} for p in data["feed_problems"]]
    return render(
        "digest.md.j2", digest=data, stories=stories, failed=failed, problems=problems, feed_problems=feed_problems,
        model=escape_markdown(digest.model),
    )


def _markdown_continues(link: dict[str, str] | None) -> dict[str, str] | None:
    if not link:
        return None
    target = link["link"].replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return {"headline": escape_markdown(link["headline"]), "date": escape_markdown(link["date"]), "link": target}


def render_html(digest: Digest) -> str:
    data = digest.to_dict()
    for story in data["stories"]:
        for source in story["sources"]:
            source["safe_url"] = safe_url(source["url"])
    return render("digest.html.j2", digest=data)


def _write_temp(path: Path, content: str) -> Path:
    """The content, complete and synced, in a temp file beside ``path``; removed again on failure."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)  # temp files are created 0600; the digest is for readers
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return Path(handle.name)


def write_atomic(path: Path, content: str) -> None:
    """Readers see the old file or the new one, never half of one."""
    os.replace(_write_temp(path, content), path)


def write_digest(digest: Digest, out_dir: Path) -> list[Path]:
    """All three files or none: every file is written in full (a full disk fails here, leaving
    the previous digest untouched) before any of them replaces its old version."""
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = {"digest.md": render_markdown(digest), "digest.html": render_html(digest), "digest.json": digest.to_json()}
    if digest.index:
        contents[INDEX_FILE] = digest.index  # what later nights read (continuity, articles already briefed)
    staged: dict[str, Path] = {}
    try:
        for name in contents:
            staged[name] = _write_temp(out_dir / name, contents[name])
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    for name in contents:
        os.replace(staged[name], out_dir / name)
    return [out_dir / name for name in OUTPUT_FILES]
