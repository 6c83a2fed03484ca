"""Wire roundups: agency copy that strings several unrelated items together, split into its items.

A roundup ("‘भाषा’ की विभिन्न फाइलों से जारी मुख्य समाचार इस प्रकार हैं: दि30 ... वि1 ... अर्थ6 ...") briefed as
one article makes one story of a virus count, a rating cut and a cricket tour. It is recognised by
its shape, never by one string:

- **desk slugs**: items opening with a desk code, a few Devanagari letters glued to a number
  (``दि30``, ``वि1``, ``अर्थ6``, ``प्रादे13``, ``खेल3``), at a line start or right after the previous
  item's full stop, as agency files are pasted; at least ``MIN_ITEMS`` of them, a desk code used
  with at least two numbers, and every item long enough to be a report (``MIN_ITEM_CHARS``):
  "टी20", "एन95" or "सुपर30" inside a sentence are none of these;
- **datelines**: at least two lines opening with a full dateline (``पटना, 12 मार्च (भाषा)``) for
  different places or days;
- **markers**: at least two separator lines (``---``, ``***``, ``###``) between parts that are each
  long enough to be a report.

A line that only repeats the start of a later line (a page's teaser of the full copy) is dropped
first, so the teaser's items are not counted twice. The roundup's own introduction ("... मुख्य
समाचार इस प्रकार हैं:") is not an item. Each item keeps the roundup's dateline date as its
publication date (its own dateline has no date), and is briefed as an article of its own, with
the id ``<roundup id>#<n>``. A normal article with one dateline is never split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from service.digest import publication
from service.digest.articles import Article

MIN_ITEMS = 3  # desk slugs: fewer could be a story naming "टी20" and "जी20"
MIN_ITEM_CHARS = 80  # a headline and one sentence
MIN_PART_CHARS = 150  # a part between two markers or datelines that counts as a report

# A desk code: 1-6 Devanagari letters glued to a 1-3 digit number, where an item can begin: at a
# line start, or after the previous item's full stop (or the introduction's colon or dash), with
# at most two spaces between; followed by a space or the next word. "टी20" and "सुपर30" inside a
# sentence follow a word, not a stop.
_AFTER_STOP = r"[।.?!:\-–—)’”]"  # a stop, or the quote closing a last sentence
_SLUG = re.compile(
    rf"(?:^|(?<={_AFTER_STOP})|(?<={_AFTER_STOP}\s)|(?<={_AFTER_STOP}\s\s))"
    r"([\u0900-\u0963\u0972-\u097F]{1,6}?)(\d{1,3})(?=[\s\u0900-\u097F]|$)",
    re.M,
)
_MARKER = re.compile(r"^\s*(?:[-*=#_~•]\s*){3,}$")
_TEASER_MIN_CHARS = 200


@dataclass(frozen=True)
class Item:
    text: str
    title: str | None = None


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def drop_teasers(text: str) -> str:
    """Remove lines that only repeat the beginning of a later line (or a line seen before)."""
    lines = text.splitlines()
    squeezed = [_squeeze(line) for line in lines]
    kept = []
    for i, line in enumerate(lines):
        mine = squeezed[i]
        if mine and len(mine) >= _TEASER_MIN_CHARS and any(
            other != mine and other.startswith(mine[: len(mine) - 20]) for other in squeezed[i + 1 :]
        ):
            continue
        if mine and len(mine) >= _TEASER_MIN_CHARS and mine in squeezed[:i]:
            continue
        kept.append(line)
    return "\n".join(kept)


def _slug_items(text: str) -> list[Item] | None:
    slugs = list(_SLUG.finditer(text))
    if len(slugs) < MIN_ITEMS:
        return None
    numbers_by_code: dict[str, set[str]] = {}
    for m in slugs:
        numbers_by_code.setdefault(m.group(1), set()).add(m.group(2))
    if max(len(numbers) for numbers in numbers_by_code.values()) < 2:
        return None
    bounds = [m.start() for m in slugs] + [len(text)]
    items = []
    for m, end in zip(slugs, bounds[1:]):
        body = text[m.end():end].strip()
        if len(body) < MIN_ITEM_CHARS:
            return None
        items.append(_item(body))
    return items


def _item(body: str) -> Item:
    """An item and its title: when the copy keeps its line breaks, the last heading line before the
    story (slug words may come first); glued copy (one line) has no title we can tell apart."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    headings = []
    while len(lines) > 1 and _is_heading(lines[0]):
        headings.append(lines.pop(0))
    title = headings[-1] if headings and len(headings[-1].split()) >= 4 else None
    return Item("\n".join(lines), title)


def _is_heading(line: str) -> bool:
    return len(line) <= 150 and not re.search(r"[।.?!]$", line) and not publication.DATELINE.match(line)


def _split_at(lines: list[str], starts: list[int]) -> list[Item]:
    parts = []
    for begin, end in zip(starts, starts[1:] + [len(lines)]):
        parts.append("\n".join(lines[begin:end]).strip())
    return [Item(part) for part in parts]


def _dateline_items(text: str) -> list[Item] | None:
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if publication.DATELINE.match(line)]
    if len(starts) < 2:
        return None
    keys = {publication.DATELINE.match(lines[i]).group(0).strip() for i in starts}  # type: ignore[union-attr]
    if len(keys) < 2:
        return None
    if starts[0] > 0 and _is_heading(lines[starts[0] - 1]):
        starts = [starts[0] - 1] + starts[1:]  # the first item's headline
    items = _split_at(lines, starts)
    return items if all(len(item.text) >= MIN_PART_CHARS for item in items) else None


def _marker_items(text: str) -> list[Item] | None:
    lines = text.splitlines()
    markers = [i for i, line in enumerate(lines) if _MARKER.match(line)]
    if len(markers) < 2:
        return None
    parts, begin = [], 0
    for i in markers + [len(lines)]:
        part = "\n".join(lines[begin:i]).strip()
        if part:
            parts.append(Item(part))
        begin = i + 1
    return parts if len(parts) >= 3 and all(len(p.text) >= MIN_PART_CHARS for p in parts) else None


def split_roundup(text: str) -> list[Item] | None:
    """The items of a wire roundup, or None when ``text`` is not one (most articles)."""
    text = drop_teasers(text)
    for method in (_slug_items, _dateline_items, _marker_items):
        items = method(text)
        if items:
            return items
    return None


def _article_text(article: Article) -> str | None:
    if article.format == "html" or (article.format == "auto" and isinstance(article.data, str) and article.data.lstrip().startswith("<")):
        from service.errors import BriefError
        from service.pipeline.ingest import ingest

        try:
            return ingest(article.data, "html").text
        except BriefError:
            return None
    try:
        return article.data.decode("utf-8-sig") if isinstance(article.data, bytes) else article.data
    except UnicodeDecodeError:
        return None  # the pipeline reports it as it does for any undecodable article


def split_articles(articles: list[Article], run_date: date | None = None) -> list[Article]:
    """Every wire roundup among ``articles`` replaced by its items (in place, in order)."""
    result: list[Article] = []
    for article in articles:
        text = _article_text(article)
        items = split_roundup(text) if text else None
        if not items:
            result.append(article)
            continue
        published = article.published or publication.dateline_date(text or "", run_date)
        for number, item in enumerate(items, start=1):
            result.append(replace(
                article, id=f"{article.id}#{number}", data=item.text, format="text", title=item.title,
                published=published.isoformat() if isinstance(published, date) else published, roundup=article.id,
            ))
    return result
