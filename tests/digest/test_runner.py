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


def test_articles_with_the_same_content_are_briefed_once(cache):
    """Two ids, one text (syndicated copy): one model input, both articles get the record."""
    articles = [Article("a", "same text", "text"), Article("b", "other", "text"), Article("c", "same text", "text")]
    briefer = FakeBriefer()
    results = brief_articles(articles, briefer, cache, OPTIONS, batch_size=8)
    assert briefer.calls == [2]
    assert results.records["a"] == results.records["c"] and results.generated == 3
    assert sorted(results.records) == ["a", "b", "c"]
