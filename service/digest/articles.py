"""Read the night's input: a folder of ``.txt``/``.html`` files or a JSONL file of articles.

Bad JSONL lines are reported (with their line number) and skipped; they never stop the run.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE_FORMATS = {".txt": "text", ".html": "html", ".htm": "html"}


class InputUnusable(Exception):
    """The input as a whole cannot be read (missing path, wrong kind of file): a usage error."""


@dataclass(frozen=True)
class Article:
    id: str
    data: bytes | str
    format: str  # "auto", "text" or "html", as ``BriefRequest.format`` takes it
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    roundup: str | None = None  # the id of the wire roundup this item was split from (``roundups``)
    origin: str | None = None  # the file or JSONL it was read from: the outlet's name of last resort

    def text_for_key(self) -> str:
        """The article content as text, for the cache key (undecodable bytes kept distinguishable)."""
        if isinstance(self.data, bytes):
            return self.data.decode("utf-8", errors="backslashreplace")
        return self.data


@dataclass(frozen=True)
class InputProblem:
    where: str
    reason: str


def read_input(path: Path) -> tuple[list[Article], list[InputProblem]]:
    if path.is_dir():
        return read_folder(path), []
    if path.is_file():
        return read_jsonl(path)
    raise InputUnusable(f"input {path} does not exist (give a folder of .txt/.html files or a .jsonl file)")


def read_folder(folder: Path) -> list[Article]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FILE_FORMATS)
    return [
        Article(id=p.stem, data=p.read_bytes(), format=FILE_FORMATS[p.suffix.lower()], origin=name_from_file(p.stem))
        for p in files
    ]


def name_from_file(stem: str) -> str:
    """An outlet-like name from a file name: "bbc-hindi-03" -> "bbc-hindi" (numbering dropped)."""
    name = re.sub(r"[\s_\-.]*\d+$", "", stem).strip(" _-.")
    return name or stem


def _text(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def parse_line(line: str) -> dict[str, Any]:
    """One JSONL record, or ``ValueError`` saying what is wrong with the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    if not (_text(record, "text") or _text(record, "html")):
        raise ValueError('no "text" or "html" field with content')
    for name in ("id", "url", "source", "published", "title"):
        if record.get(name) is not None and not isinstance(record[name], (str, int)):
            raise ValueError(f'"{name}" must be a string')
    return record


_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def _article(record: dict[str, Any], line_number: int, origin: str | None = None) -> Article:
    html = _text(record, "html")
    body = html if html and not _text(record, "text") else record["text"]
    title = _text(record, "title")
    if title and not html and _DEVANAGARI.search(title) and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"  # the cleaner takes the first line as the headline (a Hindi one: an
        # English title or URL slug is not translated; the digest uses it as it is, ``titles``)
    article_id = str(record["id"]) if record.get("id") is not None else _content_id(body, line_number)
    return Article(
        id=article_id,
        data=body,
        format="html" if body is html else "text",
        title=title,
        url=_text(record, "url"),
        source=_text(record, "source"),
        published=str(record["published"]) if record.get("published") is not None else None,
        origin=origin,
    )


def _content_id(body: str, line_number: int) -> str:
    return f"line{line_number}-{hashlib.sha256(body.encode('utf-8')).hexdigest()[:8]}"


def read_jsonl(path: Path) -> tuple[list[Article], list[InputProblem]]:
    articles: list[Article] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputUnusable(f"{path} is not UTF-8 text (byte {exc.start}); give a JSONL file") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            article = _article(parse_line(line), number, name_from_file(path.stem))
        except ValueError as exc:
            problems.append(InputProblem(f"line {number}", str(exc)))
            continue
        if article.id in seen:
            problems.append(InputProblem(f"line {number}", f'duplicate id "{article.id}"'))
            continue
        seen.add(article.id)
        articles.append(article)
    return articles, problems
