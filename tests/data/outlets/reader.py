"""Read tests/data/outlets/articles.jsonl: public Hindi news texts from many outlets, labelled.

Standalone (standard library only) so that any evaluation or test can load it by path::

    from tests.data.outlets.reader import load_articles
    for article in load_articles(split="heldout"):
        article.text, article.lines, article.labels, article.sentence_ends, article.boilerplate_spans

Labels, one per non-blank line (README.md): H headline, S story, L list item (story), C story line
that continues the previous line's sentence, B boilerplate, X not scored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ARTICLES = Path(__file__).with_name("articles.jsonl")
STORY_LABELS = frozenset("HSLC")
LABELS = frozenset("HSLCBX")


@dataclass(frozen=True)
class OutletArticle:
    id: str
    outlet: str
    kind: str  # page | api | xlsum | wire
    url: str
    origin: str
    split: str  # dev | heldout
    text: str
    labels: str
    sentence_ends: tuple[int, ...] | None  # offsets in ``text`` where a sentence ends (None: not marked)
    boilerplate_spans: tuple[tuple[int, int], ...]  # boilerplate inside story lines: [start, end)

    @property
    def lines(self) -> list[tuple[int, str]]:
        """(offset in ``text``, line) of each non-blank line, in order; one label each."""
        out, offset = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                out.append((offset, line))
            offset += len(line) + 1
        return out

    def boilerplate_text(self) -> list[str]:
        return [self.text[a:b] for a, b in self.boilerplate_spans]


def load_articles(path: str | Path | None = None, split: str = "all") -> list[OutletArticle]:
    """The articles of ``split`` ("dev", "heldout" or "all"); each label must match a line."""
    articles = []
    for row in Path(path or ARTICLES).read_text(encoding="utf-8").splitlines():
        record = json.loads(row)
        article = OutletArticle(
            record["id"], record["outlet"], record["kind"], record["url"], record["origin"], record["split"],
            record["text"], record["labels"],
            tuple(record["sentence_ends"]) if record.get("sentence_ends") else None,
            tuple(tuple(span) for span in record.get("boilerplate_spans") or ()),
        )
        if len(article.lines) != len(article.labels) or set(article.labels) - LABELS:
            raise ValueError(f"{article.id}: {len(article.labels)} labels for {len(article.lines)} lines, or an unknown label")
        if split in ("all", article.split):
            articles.append(article)
    return articles
