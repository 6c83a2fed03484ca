"""Brief a night's articles in batches, persisting each batch's results as soon as it finishes.

One ``brief_many`` call per batch of articles (the pipeline batches their sentences into one model
call per task), never one article at a time. Articles whose result is already in the cache are
skipped, so rerunning after a crash redoes nothing already done; articles with the same content
(the same cache key) are briefed once. This is the in-process runner; with ``REDIS_URL`` the
nightly hands the same batches to RQ workers instead (``service.digest.rq_runner``), which run
``brief_and_store`` below.
"""
from __future__ import annotations

import logging
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
    generated: int = 0  # articles briefed for this run (by this process or its workers), not read from the cache
    from_cache: int = 0


@dataclass
class Night:
    """The night's articles by cache key: what is stored already, and what is left to brief."""

    ids_by_key: dict[str, list[str]]  # cache key -> ids of the articles with that content
    todo: dict[str, Article]  # cache key -> one article with that content, not stored yet

    @classmethod
    def plan(cls, articles: list[Article], cache: Cache, options: store.BriefOptions, results: RunResults) -> "Night":
        """Read back every stored result into ``results``; the other keys are ``todo`` (each once)."""
        night = cls({}, {})
        stored: dict[str, Value] = {}
        for article in articles:
            key = store.article_key(article, options)
            night.ids_by_key.setdefault(key, []).append(article.id)
            if key in stored or key in night.todo:
                continue
            record = store.load(cache, key)
            if record is None:
                night.todo[key] = article
            else:
                stored[key] = record
        for key, record in stored.items():
            night.resolve(key, record, results, from_cache=True)
        return night

    def resolve(self, key: str, record: Value, results: RunResults, from_cache: bool) -> int:
        """Give every article with this key its record; returns how many articles that was."""
        ids = self.ids_by_key[key]
        for article_id in ids:
            results.records[article_id] = record
        if from_cache:
            results.from_cache += len(ids)
        else:
            results.generated += len(ids)
        return len(ids)

    def batches(self, size: int) -> Iterator[list[str]]:
        """The keys still to brief, in input order, ``size`` at a time."""
        keys, size = list(self.todo), max(1, size)
        for start in range(0, len(keys), size):
            yield keys[start : start + size]


class Progress:
    """A tqdm bar on a terminal; a plain log line per batch otherwise (cron, Kubernetes logs)."""

    def __init__(self, total: int, done: int, stream: TextIO | None = None):
        self.total, self.done = total, done
        self.stream = stream or sys.stderr
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=done, unit="article", desc="briefing", file=self.stream)

    def advance(self, count: int) -> None:
        if count <= 0:
            return
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
    ttl: int | None = None,
) -> RunResults:
    """Brief every article in this process (stored ones are read back, not briefed again)."""
    results = RunResults()
    night = Night.plan(articles, cache, options, results)
    progress = Progress(len(articles), results.from_cache)
    try:
        for batch_keys in night.batches(batch_size):
            records = brief_and_store([night.todo[k] for k in batch_keys], batch_keys, briefer, cache, options, ttl)
            progress.advance(sum(night.resolve(k, records[k], results, from_cache=False) for k in batch_keys))
    finally:
        progress.close()
    return results


def brief_and_store(
    batch: Sequence[Article], keys: Sequence[str], briefer: Briefer, cache: Cache, options: store.BriefOptions,
    ttl: int | None,
) -> dict[str, Value]:
    """Brief ``batch`` with one ``brief_many`` call and store each result under its key; returns
    key -> record (failures for a passing reason are returned, not stored: the next run retries them)."""
    requests = [
        BriefRequest(data=a.data, format=a.format, mode=options.mode, bullets=options.bullets, model=options.model)
        for a in batch
    ]
    records: dict[str, Value] = {}
    for key, outcome in zip(keys, briefer.brief_many(requests)):
        record = store.failure(outcome) if isinstance(outcome, BriefError) else store.success(outcome)
        store.save(cache, key, record, ttl=ttl)
        records[key] = record
    return records


def overlaid(records: dict[str, Value], overlay) -> dict[str, Value]:
    """Records with editors' corrections and the glossary applied to each brief (never stored:
    the cached records keep the model's output, so a reverted correction is undone next run)."""
    return {key: {**r, "brief": overlay(r["brief"])} if r.get("status") == "ok" else r for key, r in records.items()}
