"""Earlier digests, for continuity across nights and for briefing an article only once.

Each run writes ``index.json`` beside its digest: per story its id, headline and articles (URL,
text hash, publication date and the cleaned Hindi text grouping reads). The history of a night is
the ``index.json`` of every sibling folder of ``--out`` (or of ``--history DIR``) whose digest date
is in the ``days`` before tonight's. Only earlier dates count, so rerunning a night gives the same
digest; deleting an old digest folder removes it from the history.

Continuity: a story of tonight continues an earlier story when the average similarity between
their articles (grouping's ``similarity_matrix``, the measure that groups a night's articles) is
above grouping's threshold: the same event, reported again with new developments. The most recent
such story is linked; that one links its own predecessor, so a long-running story forms a chain.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from service.digest import grouping
from service.digest.stories import BriefedArticle, Story
from service.fetch.identity import text_hash

INDEX_FILE = "index.json"
INDEX_VERSION = 1
DEFAULT_DAYS = 7

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EarlierArticle:
    url: str | None
    text_hash: str
    published: date | None
    text: str


@dataclass(frozen=True)
class EarlierStory:
    date: str
    folder: Path
    id: str
    headline: str
    articles: list[EarlierArticle]


@dataclass(frozen=True)
class History:
    stories: list[EarlierStory]
    seen_urls: dict[str, str]  # canonical URL -> date of the digest it was in
    seen_hashes: dict[str, str]  # text hash -> date

    @classmethod
    def empty(cls) -> "History":
        return cls([], {}, {})

    def seen(self, url: str | None, text_hash: str | None = None) -> str | None:
        """The date of the earlier digest that had this article (by URL or by text), or None."""
        return (url and self.seen_urls.get(url)) or (text_hash and self.seen_hashes.get(text_hash)) or None


def story_id(story: Story) -> str:
    """Stable across reruns: made of the story's article ids."""
    material = "\n".join(sorted(str(s["id"]) for s in story.sources))
    return "story-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:10]


def load(root: Path, tonight: str, days: int = DEFAULT_DAYS) -> History:
    """Every digest under ``root`` dated in the ``days`` before ``tonight`` (unreadable ones skipped)."""
    first = (date.fromisoformat(tonight) - timedelta(days=days)).isoformat()
    stories: list[EarlierStory] = []
    urls: dict[str, str] = {}
    hashes: dict[str, str] = {}
    if not root.is_dir():
        return History.empty()
    for path in sorted(root.glob(f"*/{INDEX_FILE}")):
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
            day = str(index["date"])
            if not first <= day < tonight:
                continue
            for entry in index["stories"]:
                stories.append(_story(entry, day, path.parent))
            for article in index.get("seen", []):
                _remember(article, day, urls, hashes)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("history: skipping %s: %s", path, exc)
            continue
    for story in stories:
        for article in story.articles:
            _remember({"url": article.url, "text_hash": article.text_hash}, story.date, urls, hashes)
    return History(sorted(stories, key=lambda s: (s.date, s.id)), urls, hashes)


def _story(entry: dict[str, Any], day: str, folder: Path) -> EarlierStory:
    articles = [
        EarlierArticle(a.get("url"), a["text_hash"], date.fromisoformat(a["published"]) if a.get("published") else None, a["text"])
        for a in entry["articles"]
    ]
    return EarlierStory(day, folder, entry["id"], entry["headline"], articles)


def _remember(article: dict[str, Any], day: str, urls: dict[str, str], hashes: dict[str, str]) -> None:
    if article.get("url"):
        urls.setdefault(article["url"], day)
    if article.get("text_hash"):
        hashes.setdefault(article["text_hash"], day)


def link_continuations(
    stories: list[Story], members: dict[str, BriefedArticle], history: History, out_dir: Path,
    weights: grouping.GroupingWeights = grouping.GroupingWeights(),
) -> list[Story]:
    """``stories`` with ``id`` set and, where one continues an earlier story, ``continues`` set."""
    stories = [replace(s, id=story_id(s)) for s in stories]
    if not history.stories or not stories:
        return stories
    tonight = [[members[str(src["id"])] for src in s.sources] for s in stories]
    signals = [grouping.ArticleSignals(m.cleaned_text(), m.published()) for group in tonight for m in group]
    signals += [grouping.ArticleSignals(a.text, a.published) for e in history.stories for a in e.articles]
    sim = grouping.similarity_matrix(signals, weights)
    spans = _spans([len(g) for g in tonight] + [len(e.articles) for e in history.stories])
    tonight_spans, earlier_spans = spans[: len(stories)], spans[len(stories):]
    linked = []
    for story, rows in zip(stories, tonight_spans):
        best: tuple[str, float, EarlierStory] | None = None
        for earlier, cols in zip(history.stories, earlier_spans):
            score = float(sim[np.ix_(rows, cols)].mean())
            if score > weights.threshold and (best is None or (earlier.date, score) > (best[0], best[1])):
                best = (earlier.date, score, earlier)
        linked.append(replace(story, continues=_link(best[2], out_dir)) if best else story)
    return linked


def _spans(sizes: list[int]) -> list[list[int]]:
    spans, start = [], 0
    for size in sizes:
        spans.append(list(range(start, start + size)))
        start += size
    return spans


def _link(earlier: EarlierStory, out_dir: Path) -> dict[str, str]:
    page = os.path.relpath(earlier.folder.resolve() / "digest.html", out_dir.resolve())
    if not page.startswith("."):
        page = f"./{page}"  # a relative path, never read as a scheme ("javascript:...")
    return {"date": earlier.date, "id": earlier.id, "headline": earlier.headline, "link": f"{page}#{earlier.id}"}


def index_document(day: str, stories: list[Story], members: dict[str, BriefedArticle], not_briefed: list[dict[str, str | None]]) -> str:
    """``index.json``: what later nights need of tonight's digest."""
    def article(item: BriefedArticle) -> dict[str, Any]:
        published = item.published()
        return {
            "url": item.article.url,
            "text_hash": text_hash(item.article.text_for_key()),
            "published": published.isoformat() if published else None,
            "text": item.cleaned_text(),
        }

    document = {
        "version": INDEX_VERSION,
        "date": day,
        "stories": [
            {"id": s.id, "headline": s.headline, "articles": [article(members[str(src["id"])]) for src in s.sources]}
            for s in stories
        ],
        "seen": not_briefed,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
