"""Turn groups of briefed articles into stories: one headline, merged bullets, the sources.

The headline is chosen by ``titles.story_headline`` (a translated headline, the best-titled
article's, most central first; else an English title the input gave; else the lead sentence).
Bullets are taken from the central article first, then from the others, skipping any bullet whose
Hindi source sentence repeats one already taken (outlets report the same facts in near-identical
sentences), so the merged list says each thing once. Each source line names the outlet and the
article's title (``titles.source_entry``); publication dates come from ``publication.choose``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.digest import grouping, publication, titles
from service.digest.articles import Article
from service.errors import BriefError
from service.pipeline.ingest import ingest

DUPLICATE_BULLET_SIMILARITY = 0.6


@dataclass(frozen=True)
class BriefedArticle:
    article: Article
    brief: dict[str, Any]  # Brief.to_dict()
    run_date: date | None = field(default=None, compare=False)  # the digest's date: no publication date after it

    @property
    def bullets(self) -> list[dict[str, Any]]:
        return self.brief.get("bullets") or self.brief.get("translations") or []

    def cleaned_text(self) -> str:
        headline = self.brief.get("title_source") or ""
        body = " ".join(s["text"] for s in self.brief.get("sentences", []))
        return f"{headline}\n\n{body}".strip()

    @cached_property
    def publication(self) -> publication.PublicationDate:
        """The given ``published`` field, else the page's markup (HTML input), else the URL, else a
        stamp or dateline the text marks as the report's own; else unknown (``publication``)."""
        try:
            text = ingest(self.article.data, self.article.format).text
        except BriefError:
            text = ""
        html = None
        if self.article.format == "html":
            html = self.article.data.decode("utf-8", errors="replace") if isinstance(self.article.data, bytes) else self.article.data
        return publication.choose(text, given=self.article.published, html=html, url=self.article.url, reference=self.run_date)

    def published(self) -> date | None:
        return self.publication.value


@dataclass(frozen=True)
class Story:
    headline: str
    bullets: list[str]
    sources: list[dict[str, str | None]]
    published: str | None  # the latest publication date among its articles, ISO
    id: str = ""  # stable anchor (``history.story_id``), set when the digest is assembled
    continues: dict[str, str] | None = None  # the earlier digest's story this one continues (``history``)

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline, "bullets": self.bullets, "sources": self.sources, "published": self.published,
            "id": self.id, "continues": self.continues,
        }


def _source(item: BriefedArticle) -> dict[str, Any]:
    return titles.source_entry(item.article, item.brief, item.publication.iso, item.publication.how)


def _bullets(item: BriefedArticle) -> list[dict[str, Any]]:
    return [b for b in item.bullets if b.get("text", "").strip()]


def _merge_bullets(members: list[BriefedArticle], limit: int) -> list[str]:
    candidates = [(b.get("source_text") or b["text"], b["text"]) for m in members for b in _bullets(m)]
    if not candidates:
        return []
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform([c[0] or "-" for c in candidates])
    similarity = (vectors @ vectors.T).toarray()
    chosen: list[int] = []
    seen_text: set[str] = set()
    for index, (_, text) in enumerate(candidates):
        key = " ".join(text.lower().split())
        if not key or key in seen_text:
            continue
        if any(similarity[index, c] >= DUPLICATE_BULLET_SIMILARITY for c in chosen):
            continue
        chosen.append(index)
        seen_text.add(key)
        if len(chosen) == limit:
            break
    return [candidates[i][1] for i in chosen]


def _centrality_order(group: list[int], sim: np.ndarray) -> list[int]:
    scores = {i: float(sim[i, group].sum()) for i in group}
    return sorted(group, key=lambda i: (-scores[i], i))


def build_stories(items: list[BriefedArticle], bullets_per_story: int) -> list[Story]:
    """Group ``items`` (in input order) into stories, most important first (size, then recency)."""
    if not items:
        return []
    published = [item.published() for item in items]
    signals = [grouping.ArticleSignals(item.cleaned_text(), when) for item, when in zip(items, published)]
    groups, sim = grouping.grouped_with_scores(signals)
    stories: list[tuple[tuple[Any, ...], Story]] = []
    for group in groups:
        order = _centrality_order(group, sim)
        members = [items[i] for i in order]
        merged = _merge_bullets(members, bullets_per_story + len(members))
        headline, repeated = titles.story_headline([(m.article, m.brief) for m in members])
        merged = [b for b in merged if b != repeated][: bullets_per_story + len(members) - 1]
        latest = max((published[i] for i in group if published[i]), default=None)
        story = Story(
            headline=headline,
            bullets=merged,
            sources=[_source(items[i]) for i in order],
            published=latest.isoformat() if latest else None,
        )
        stories.append(((-len(group), -(latest.toordinal() if latest else 0), min(group)), story))
    return [story for _, story in sorted(stories, key=lambda pair: pair[0])]
