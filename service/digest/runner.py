"""Brief a night's articles in batches, persisting each batch's results as soon as it finishes.

One ``brief_many`` call per batch of articles (the pipeline batches their sentences into one model
call per task), never one article at a time. Articles whose result is already in the cache are
skipped, so rerunning after a crash redoes nothing already done; claims in the cache let runs on
several hosts (sharing Redis) split the articles between them.
"""
from __future__ import annotations

import logging
import os
import socket
import sys
import time
import uuid
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


CLAIM_TTL_SECONDS = 900
_ACTIVE_RUNS: set[str] = set()  # runs under way in this process (their claims are live)


def brief_articles(
    articles: list[Article],
    briefer: Briefer,
    cache: Cache,
    options: store.BriefOptions,
    batch_size: int = 8,
    ttl: int | None = None,
    claim_ttl: int = CLAIM_TTL_SECONDS,
    poll_s: float = 0.5,
) -> RunResults:
    """Brief every article (cached ones are read back), sharing the work with other runs.

    Each article is claimed in the cache (``add`` of a claim key with a TTL) before it is briefed.
    Runs on several hosts sharing one Redis therefore split the day between them: an article
    claimed elsewhere is skipped, then waited for (and briefed here after all if its claim expires
    without a result, e.g. because that host died)."""
    results = RunResults()
    owner = {"host": socket.gethostname(), "pid": os.getpid(), "run": uuid.uuid4().hex}
    keys = {a.id: store.article_key(a, options) for a in articles}
    pending = _read_done(articles, keys, cache, results)
    progress = _Progress(len(articles), results.from_cache)
    _ACTIVE_RUNS.add(owner["run"])
    try:
        while pending:
            claimed = _claim_batch(pending, keys, cache, owner, max(1, batch_size), claim_ttl)
            batch = _read_done(claimed, keys, cache, results)  # another run may have just finished some
            if batch:
                _brief_batch(batch, briefer, cache, options, keys, results, ttl)
            left = _read_done([a for a in pending if a not in claimed], keys, cache, results)
            progress.advance(len(pending) - len(left))
            pending = left
            if pending and not claimed:
                time.sleep(poll_s)  # articles other runs claimed: wait for their results or expired claims
    finally:
        _ACTIVE_RUNS.discard(owner["run"])
        progress.close()
    return results


def _claim_batch(
    pending: list[Article], keys: dict[str, str], cache: Cache, owner: Value, size: int, claim_ttl: int
) -> list[Article]:
    """Claim up to ``size`` pending articles for this run (claims held by a dead process of this
    host are taken over at once: a rerun after a crash does not wait for them to expire)."""
    batch: list[Article] = []
    for article in pending:
        if len(batch) == size:
            break
        claim = _claim_key(keys[article.id])
        if cache.add(claim, owner, ttl=claim_ttl) or _held_by_a_finished_local_run(cache.get(claim), owner):
            cache.set(claim, owner, ttl=claim_ttl)
            batch.append(article)
    return batch


def _held_by_a_finished_local_run(holder: Value | None, owner: Value) -> bool:
    """True for a claim of this host whose process is gone, or of an earlier run in this process."""
    if not holder or holder.get("host") != owner["host"] or holder.get("run") == owner["run"]:
        return False
    if holder.get("pid") == owner["pid"]:
        return holder.get("run") not in _ACTIVE_RUNS
    try:
        os.kill(int(holder["pid"]), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError, KeyError):
        return False
    return False


def _claim_key(key: str) -> str:
    return f"{key}:claim"


def _read_done(articles: list[Article], keys: dict[str, str], cache: Cache, results: RunResults) -> list[Article]:
    """Record the articles whose result is stored; return the others."""
    left = []
    for article in articles:
        record = store.load(cache, keys[article.id])
        if record is None:
            left.append(article)
        else:
            results.records[article.id] = record
            results.from_cache += 1
    return left


def _brief_batch(
    batch: list[Article], briefer: Briefer, cache: Cache, options: store.BriefOptions, keys: dict[str, str],
    results: RunResults, ttl: int | None,
) -> None:
    requests = [
        BriefRequest(data=a.data, format=a.format, mode=options.mode, bullets=options.bullets, model=options.model)
        for a in batch
    ]
    for article, outcome in zip(batch, briefer.brief_many(requests)):
        record = store.failure(outcome) if isinstance(outcome, BriefError) else store.success(outcome)
        store.save(cache, keys[article.id], record, ttl=ttl)
        if not store.is_persistent(record):
            cache.delete(_claim_key(keys[article.id]))  # a passing failure: let the next run retry at once
        results.records[article.id] = record
        results.generated += 1


def overlaid(records: dict[str, Value], overlay) -> dict[str, Value]:
    """Records with editors' corrections and the glossary applied to each brief (never stored:
    the cached records keep the model's output, so a reverted correction is undone next run)."""
    return {key: {**r, "brief": overlay(r["brief"])} if r.get("status") == "ok" else r for key, r in records.items()}
