"""Assemble the digest document (the dict ``digest.json`` holds and the templates render).

Nothing time-dependent goes in except the given ``--date``: rerunning the same day over the same
input produces the same bytes (timings belong in the summary line, not in the digest).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from service.cache.base import Value
from service.digest.articles import Article, InputProblem
from service.digest.history import History, index_document, link_continuations
from service.digest.stories import BriefedArticle, Story, build_stories
from service.fetch.identity import text_hash


@dataclass(frozen=True)
class Digest:
    date: str
    mode: str
    model: str
    stories: list[Story]
    failed: list[dict[str, str]]
    input_problems: list[dict[str, str]]
    articles_read: int
    feed_problems: list[dict[str, str]] = field(default_factory=list)  # feeds that could not be read tonight
    index: str = field(default="", compare=False)  # ``index.json`` for later nights (``history``)

    @property
    def briefed(self) -> int:
        return sum(len(s.sources) for s in self.stories)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "mode": self.mode,
            "model": self.model,
            "counts": {
                "articles": self.articles_read,
                "briefed": self.briefed,
                "failed": len(self.failed),
                "input_problems": len(self.input_problems),
                "stories": len(self.stories),
                "feed_problems": len(self.feed_problems),
            },
            "stories": [s.to_dict() for s in self.stories],
            "failed": self.failed,
            "input_problems": self.input_problems,
            "feed_problems": self.feed_problems,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def fingerprint(self) -> str:
        """Hash of the digest content: what "the same digest" means for posting once."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


def assemble(
    day: str,
    mode: str,
    model: str,
    articles: list[Article],
    records: dict[str, Value],
    problems: list[InputProblem],
    bullets_per_story: int,
    *,
    feed_problems: list[InputProblem] = (),  # type: ignore[assignment]
    history: History | None = None,
    out_dir: Path = Path("."),
) -> Digest:
    """``history``: earlier digests, to mark stories that continue one of theirs (``out_dir``: where
    this digest goes, for the relative links)."""
    run_date = date.fromisoformat(day)
    briefed = [BriefedArticle(a, records[a.id]["brief"], run_date) for a in articles if records[a.id]["status"] == "ok"]
    failed = [
        {"id": a.id, "error": records[a.id]["error"], "reason": records[a.id]["reason"]}
        for a in articles
        if records[a.id]["status"] != "ok"
    ]
    members = {item.article.id: item for item in briefed}
    stories = link_continuations(build_stories(briefed, bullets_per_story), members, history or History.empty(), out_dir)
    not_briefed = [{"url": a.url, "text_hash": text_hash(a.text_for_key())} for a in articles if records[a.id]["status"] != "ok"]
    return Digest(
        date=day,
        mode=mode,
        model=model,
        stories=stories,
        failed=failed,
        input_problems=[{"where": p.where, "reason": p.reason} for p in problems],
        articles_read=len(articles) + len(problems),
        feed_problems=[{"feed": p.where, "reason": p.reason} for p in feed_problems],
        index=index_document(day, stories, members, not_briefed),
    )
