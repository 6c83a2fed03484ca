"""Brief a night's articles in batches, persisting each batch's results as soon as it finishes.

One ``brief_many`` call per batch of articles (the pipeline batches their sentences into one model
call per task), never one article at a time. Articles whose result is already in the cache are
skipped, so rerunning after a crash redoes nothing already done.
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Iterator, Protocol, Sequence, TextIO

from service.cache.base import Cache, Value
from service.digest import store
from service.digest.articles import Article
from service.errors import BriefError
from service.pipeline.brief import BriefRequest
from service.pipeline.types import Brief

log = logging.getLogger(__name__)


class Briefer(Protocol):
    def brief_many(self, requests: Sequence[BriefRequest]) -> list[Brief | BriefError]: ...


@dataclass
class RunResults:
    records: dict[str, Value] = field(default_factory=dict)  # article id -> store record
    generated: int = 0  # articles briefed by the model in this run (not from the cache)
    from_cache: int = 0


def _batches(items: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Progress:
    """A tqdm bar on a terminal; a plain log line per batch otherwise (cron, Kubernetes logs)."""

    def __init__(self, total: int, done: int, stream: TextIO | None = None):
        self.total, self.done = total, done
        self.stream = stream or sys.stderr
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=done, unit="article", desc="briefing", file=self.stream)

    def advance(self, count: int) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
        else:
            print(f"nightly: briefed {self.done}/{self.total} articles", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def brief_articles(
    articles: list[Article],
    briefer: Briefer,
    cache: Cache,
    options: store.BriefOptions,
    batch_size: int = 8,
    crash_after: int | None = None,
    ttl: int | None = None,
) -> RunResults:
    """Brief every article (cached ones are read back). ``crash_after`` exits the process hard once
    that many articles were persisted in this run: how the tests simulate a kill midway."""
    results = RunResults()
    keys = {a.id: store.article_key(a, options) for a in articles}
    pending: list[Article] = []
    for article in articles:
        record = store.load(cache, keys[article.id])
        if record is None:
            pending.append(article)
        else:
            results.records[article.id] = record
            results.from_cache += 1
    progress = _Progress(len(articles), results.from_cache)
    try:
        for batch in _batches(pending, max(1, batch_size)):
            requests = [
                BriefRequest(data=a.data, format=a.format, mode=options.mode, bullets=options.bullets, model=options.model)
                for a in batch
            ]
            for article, outcome in zip(batch, briefer.brief_many(requests)):
                record = store.failure(outcome) if isinstance(outcome, BriefError) else store.success(outcome)
                store.save(cache, keys[article.id], record, ttl=ttl)
                results.records[article.id] = record
                results.generated += 1
            progress.advance(len(batch))
            if crash_after is not None and results.generated >= crash_after:
                log.warning("nightly: exiting hard after %d articles (crash simulation)", results.generated)
                os._exit(137)
    finally:
        progress.close()
    return results
