"""Earlier digests, for continuity across nights and for briefing an article only once.

Each run writes ``index.json`` beside its digest: per story its id, headline and articles (URL,
text hash, publication date and the cleaned Hindi text grouping reads). The history of a night is
every digest folder under the root (the parent of ``--out``, or ``--history DIR``) whose digest
date is in the ``days`` before tonight's. Only earlier dates count, so rerunning a night gives the
same digest; deleting an old digest folder removes it from the history.

The ``index.json`` files are indexed in ``history.sqlite3`` under the root (``history_index``):
a night reads only the index entries of the stories it might continue, never every earlier file,
so its cost does not grow with the number of nights kept. Folders without an index entry (history
written before the index existed, or by another host) are added when first seen.

Continuity: a story of tonight continues an earlier story when the average similarity between
their articles (grouping's similarity, the measure that groups a night's articles) is above
grouping's threshold: the same event, reported again with new developments. Only earlier stories
sharing at least ``MIN_SHARED_TERMS`` of the story's telling words (``history_index.story_terms``)
are compared. The most recent match is linked; that one links its own predecessor, so a
long-running story forms a chain.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from service.digest import grouping
from service.digest.history_index import INDEX_FILE, EarlierArticle, EarlierStory, HistoryIndex, story_terms
from service.digest.stories import BriefedArticle, Story
from service.fetch.identity import text_hash

__all__ = ["INDEX_FILE", "EarlierArticle", "EarlierStory", "History", "continuations", "index_document", "link_continuations", "load"]

INDEX_VERSION = 1
DEFAULT_DAYS = 7
MIN_SHARED_TERMS = 2  # telling words an earlier story must share with tonight's to be compared
CANDIDATES_PER_STORY = 5  # earlier stories compared with each story of tonight: those sharing most words


@dataclass(frozen=True)
class History:
    """The earlier digests dated in [first, tonight), through the index."""

    index: HistoryIndex | None
    first: str
    tonight: str

    @classmethod
    def empty(cls) -> "History":
        return cls(None, "", "")

    def seen(self, url: str | None, text_hash: str | None = None) -> str | None:
        """The date of the earlier digest that had this article (by URL or by text), or None."""
        if self.index is None:
            return None
        return self.index.seen(url, text_hash, self.first, self.tonight)

    def candidates(self, texts: Sequence[str]) -> list[EarlierStory]:
        """Earlier stories sharing at least ``MIN_SHARED_TERMS`` telling words with a story of these texts."""
        if self.index is None:
            return []
        return self.index.candidates(story_terms(texts), self.first, self.tonight, MIN_SHARED_TERMS, CANDIDATES_PER_STORY)


def story_id(story: Story) -> str:
    """Stable across reruns: made of the story's article ids."""
    material = "\n".join(sorted(str(s["id"]) for s in story.sources))
    return "story-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:10]


def load(root: Path, tonight: str, days: int = DEFAULT_DAYS) -> History:
    """The digests under ``root`` dated in the ``days`` before ``tonight`` (unreadable ones skipped)."""
    if not root.is_dir():
        return History.empty()
    first = (date.fromisoformat(tonight) - timedelta(days=days)).isoformat()
    index = HistoryIndex.open(root)
    index.sync(first, tonight)
    return History(index, first, tonight)


def continuations(
    stories: list[list[grouping.ArticleSignals]], history: History,
    weights: grouping.GroupingWeights = grouping.GroupingWeights(),
) -> list[EarlierStory | None]:
    """For each story of tonight (its articles), the most recent earlier story it continues, if any."""
    candidates = [history.candidates([a.text for a in story]) for story in stories]
    earlier: dict[tuple[Path, str], EarlierStory] = {(e.folder, e.id): e for found in candidates for e in found}
    if not earlier:
        return [None] * len(stories)
    keys = list(earlier)
    signals = [a for story in stories for a in story]
    signals += [grouping.ArticleSignals(a.text, a.published) for key in keys for a in earlier[key].articles]
    sim = grouping.similarity_graph(signals, weights)
    spans = _spans([len(s) for s in stories] + [len(earlier[k].articles) for k in keys])
    columns = dict(zip(keys, spans[len(stories):]))
    linked: list[EarlierStory | None] = []
    for rows, found in zip(spans, candidates):
        block = sim[rows]
        best: tuple[str, float, EarlierStory] | None = None
        for story in found:
            cols = columns[(story.folder, story.id)]
            score = float(block[:, cols].sum()) / (len(rows) * len(cols))
            if score > weights.threshold and (best is None or (story.date, score) > (best[0], best[1])):
                best = (story.date, score, story)
        linked.append(best[2] if best else None)
    return linked


def link_continuations(
    stories: list[Story], members: dict[str, BriefedArticle], history: History, out_dir: Path,
    weights: grouping.GroupingWeights = grouping.GroupingWeights(),
) -> list[Story]:
    """``stories`` with ``id`` set and, where one continues an earlier story, ``continues`` set."""
    stories = [replace(s, id=story_id(s)) for s in stories]
    if history.index is None or not stories:
        return stories
    tonight = [[members[str(src["id"])] for src in s.sources] for s in stories]
    signals = [[grouping.ArticleSignals(m.cleaned_text(), m.published()) for m in group] for group in tonight]
    found = continuations(signals, history, weights)
    return [replace(story, continues=_link(earlier, out_dir)) if earlier else story for story, earlier in zip(stories, found)]


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
