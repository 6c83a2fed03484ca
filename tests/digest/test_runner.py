import threading
import time
from typing import Sequence

from service.digest.articles import Article
from service.digest.runner import brief_articles
from service.digest.store import BriefOptions
from service.errors import BriefError, EmptyInput
from service.pipeline.brief import BriefRequest
from service.pipeline.types import Brief

OPTIONS = BriefOptions(mode="extractive", bullets=2, model="fake", revision=None)


class FakeBriefer:
    """Records each ``brief_many`` call; an article whose text is "empty" fails."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def brief_many(self, requests: Sequence[BriefRequest]) -> list[Brief | BriefError]:
        self.calls.append(len(requests))
        return [
            EmptyInput("nothing left") if r.data == "empty" else Brief(f"T {r.data}", r.data, [], "hi", "fake", "extractive", {})
            for r in requests
        ]


def test_batches_of_articles_and_cache_reuse(cache):
    articles = [Article(str(i), f"text {i}", "text") for i in range(5)] + [Article("bad", "empty", "text")]
    briefer = FakeBriefer()
    first = brief_articles(articles, briefer, cache, OPTIONS, batch_size=4)
    assert briefer.calls == [4, 2]  # batched, not one article at a time
    assert first.generated == 6 and first.records["bad"]["status"] == "failed"
    second = brief_articles(articles, briefer, cache, OPTIONS, batch_size=4)
    assert briefer.calls == [4, 2] and second.from_cache == 6  # nothing redone, not even the bad input
    assert second.records == first.records


def test_other_options_are_other_keys(cache):
    articles = [Article("1", "text", "text")]
    briefer = FakeBriefer()
    brief_articles(articles, briefer, cache, OPTIONS)
    brief_articles(articles, briefer, cache, BriefOptions("extractive", 3, "fake", None))
    assert briefer.calls == [1, 1]


class BlockingBriefer(FakeBriefer):
    """A briefer that claims its first batch, then lets another run go before it finishes."""

    def __init__(self, started: threading.Event, release: threading.Event) -> None:
        super().__init__()
        self.started, self.release = started, release

    def brief_many(self, requests: Sequence[BriefRequest]) -> list[Brief | BriefError]:
        self.started.set()
        assert self.release.wait(30)
        return super().brief_many(requests)


def test_two_runs_sharing_a_cache_split_the_articles(cache):
    """Two runs (as on two hosts sharing Redis) never brief the same article, and both end with all."""
    articles = [Article(str(i), f"text {i}", "text") for i in range(4)]
    started, release = threading.Event(), threading.Event()
    slow = BlockingBriefer(started, release)
    outcome: dict[str, object] = {}
    first = threading.Thread(target=lambda: outcome.update(first=brief_articles(articles, slow, cache, OPTIONS, batch_size=2)))
    first.start()
    assert started.wait(30)
    fast = FakeBriefer()
    waiter = threading.Thread(
        target=lambda: outcome.update(second=brief_articles(articles, fast, cache, OPTIONS, batch_size=2, poll_s=0.05))
    )
    waiter.start()
    deadline = time.monotonic() + 30
    while sum(fast.calls) < 2:
        assert time.monotonic() < deadline, fast.calls
        time.sleep(0.05)
    release.set()
    first.join(30)
    waiter.join(30)
    assert slow.calls == [2] and fast.calls == [2]  # each article briefed exactly once
    assert outcome["first"].records == outcome["second"].records and len(outcome["first"].records) == 4
