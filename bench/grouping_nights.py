"""Nights of Hindi articles for ``bench.grouping``: real articles, then real headlines and sentences recombined.

The pool is every article of the labelled grouping sets (``tests/data/grouping``, public Hindi news;
cleaned as the nightly digest cleans them) plus, with ``--corpus DIR``, every ``.txt`` file under
DIR cut into articles (a short line without a sentence end starts an article: the layout of the
public corpora the labelled sets were drawn from, e.g. RYD1E/Hindi-News-Mining-of-Covid-19-Outbreak's
``Corpora`` folder). A night of n articles takes the pool's articles in a fixed shuffled order, and
when the pool is smaller, adds articles made of a real headline and 4-14 real sentences, most from
that headline's article and some from two others (as another outlet's report of the same event
reads: the same facts, partly in other sentences). Seeded: the same night every run.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from service.digest.grouping import ArticleSignals
from service.pipeline.segment import split_paragraph

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "data" / "grouping"
HEADLINE_MAX_CHARS = 200
SENTENCE_ENDS = ("।", ".", "?", "!", "|")


@dataclass(frozen=True)
class PoolArticle:
    headline: str
    sentences: list[str]
    published: date | None


def _labelled_pool() -> list[PoolArticle]:
    from service.digest.grouping_eval import load_set, signals

    pool = []
    for items in load_set(LABELLED).values():
        for item in items:
            found = signals(item.text, item.published)
            headline, _, body = found.text.partition("\n")
            sentences = [s for p in body.split("\n") for s in split_paragraph(p)]
            if sentences:
                pool.append(PoolArticle(headline.strip(), sentences, found.published))
    return pool


def _is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= HEADLINE_MAX_CHARS and not line.endswith(SENTENCE_ENDS)


def _corpus_pool(folder: Path) -> list[PoolArticle]:
    pool: list[PoolArticle] = []
    for path in sorted(folder.rglob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        headline, body = None, []
        for line in lines + [""]:
            if not line or _is_headline(line):
                sentences = [s for p in body for s in split_paragraph(p)]
                if headline and len(sentences) >= 2:
                    pool.append(PoolArticle(headline, sentences, None))
                headline, body = line, []
            else:
                body.append(line)
    return pool


def article_pool(corpus: Path | None = None) -> list[PoolArticle]:
    pool = _labelled_pool()
    if corpus:
        pool += _corpus_pool(corpus)
    return pool


def night(size: int, pool: list[PoolArticle], seed: int = 19) -> list[ArticleSignals]:
    """``size`` articles: the pool's own first (shuffled), then recombined ones; all dated within two days."""
    rng = random.Random(seed)
    order = pool[:]
    rng.shuffle(order)
    tonight = date(2020, 4, 15)
    chosen = [ArticleSignals(f"{a.headline}\n\n{' '.join(a.sentences)}", a.published or tonight) for a in order[:size]]
    while len(chosen) < size:
        main, *others = rng.sample(pool, 3)
        count = rng.randint(4, 14)
        own = rng.sample(main.sentences, min(len(main.sentences), max(1, count * 2 // 3)))
        borrowed = [rng.choice(o.sentences) for o in others for _ in range(rng.randint(0, 2))]
        body = own + borrowed
        rng.shuffle(body)
        when = (main.published or tonight) + timedelta(days=rng.randint(0, 1))
        chosen.append(ArticleSignals(f"{main.headline}\n\n{' '.join(body)}", when))
    return chosen
