"""Assemble the digest document (the dict ``digest.json`` holds and the templates render).

Nothing time-dependent goes in except the given ``--date``: rerunning the same day over the same
input produces the same bytes (timings belong in the summary line, not in the digest).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from service.cache.base import Value
from service.digest.articles import Article, InputProblem
from service.digest.stories import BriefedArticle, Story, build_stories


@dataclass(frozen=True)
class Digest:
    date: str
    mode: str
    model: str
    stories: list[Story]
    failed: list[dict[str, str]]
    input_problems: list[dict[str, str]]
    articles_read: int

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
            },
            "stories": [s.to_dict() for s in self.stories],
            "failed": self.failed,
            "input_problems": self.input_problems,
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
) -> Digest:
    briefed = [BriefedArticle(a, records[a.id]["brief"]) for a in articles if records[a.id]["status"] == "ok"]
    failed = [
        {"id": a.id, "error": records[a.id]["error"], "reason": records[a.id]["reason"]}
        for a in articles
        if records[a.id]["status"] != "ok"
    ]
    return Digest(
        date=day,
        mode=mode,
        model=model,
        stories=build_stories(briefed, bullets_per_story),
        failed=failed,
        input_problems=[{"where": p.where, "reason": p.reason} for p in problems],
        articles_read=len(articles) + len(problems),
    )
