"""Sentence-boundary precision and recall of the segment stage, on text whose sentences are known.

Two sources, neither written here:

* news documents of human-translated parallel sets (``tests/data/guard``: WMT14 newstest2014 and
  FLORES-200 dev for development; newstest2019 (NTREX-128) and FLORES-200 devtest held out), one
  sentence a row, consecutive rows of a document joined three ways: ``spaced`` (one space between
  sentences), ``glued`` (no space after a sentence's end mark, as BBC Hindi pages scraped
  paragraph by paragraph read: "...नज़र आते हैं.अमदीनेजाद ने...") and ``wrapped`` (the spaced text
  broken into lines of about 60 characters, as print layouts and ``<br>`` leave it; the segment
  stage must join the lines again);
* the story lines of ``tests/data/outlets`` whose sentence ends were marked by hand (README there).

A predicted boundary counts when it falls where a gold one is (whitespace ignored). The outlet
texts' boundaries next to a labelled boilerplate piece inside a sentence (a related headline glued
to the next sentence) are the cleaner's to find, and are not scored here.
"""
from __future__ import annotations

import argparse
import json
import re
import textwrap
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from service.pipeline.outlets_eval import reader
from service.pipeline.segment import rejoin_broken_lines, split_paragraph
from service.text_table import text_table

PARALLEL = Path(__file__).resolve().parents[2] / "tests" / "data" / "guard"
PARALLEL_SPLITS = {"dev": "dev.jsonl", "heldout": "heldout.jsonl"}
WRAP_WIDTH = 60
MIN_SENTENCES = 3
FLORES_RUN = 5
_ENDS_WITH_MARK = re.compile(r"[।॥?!.][’”\"')\]]*$")
_INNER_END = re.compile(r"[।॥?!](?:[’”\"')\]]*)\s+\S")
# A Hindi row that ends a sentence inside with a '.' after a finite verb ("... बढ़ गए. इसके बाद"):
# its translator made two sentences where the English has one. Only verbs and auxiliaries that end
# a Hindi clause are listed (never a short form), so the segmenter's abbreviation rules choose nothing.
_HINDI_VERB_FULL_STOP = re.compile(
    r"(?<!\S)(?:है|हैं|था|थी|थे|थीं|गया|गई|गयी|गए|गये|हुआ|हुई|हुए|हुईं|दिया|दिए|किया|किए|लिया|लिए|सकता|सकती|"
    r"सकते|जाता|जाती|जाते|होता|होती|होते|रहा|रही|रहे|होगा|होगी|होंगे|जाएगा|जाएगी|जाएंगे|जाएँगे|चाहिए|लीं|दीं|कीं)"
    r"\.[’”\"')\]]*\s+\S")
# The row's English side holding two sentences ("... in 2009. The ..."): its Hindi row holds two as
# well, with a '.' the Hindi filter above cannot tell from an abbreviation's. Decided on the English
# text only, so the Hindi segmenter's own rules never choose its gold.
_ENGLISH_INNER_END = re.compile(r"\b(\w+)[.?!][\"”’')\]]*\s+[\"“‘(]?[A-Z0-9]")
_ENGLISH_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr vs no mt rep sen gov gen col lt u.s inc co corp".split())


def _english_has_two_sentences(english: str) -> bool:
    return any(m.group(1).casefold() not in _ENGLISH_ABBREVIATIONS and not m.group(1).isupper()
               for m in _ENGLISH_INNER_END.finditer(english))


@dataclass
class BoundaryCounts:
    gold: int = 0
    predicted: int = 0
    right: int = 0
    texts: int = 0

    def add(self, gold: set[int], predicted: set[int]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.right += len(gold & predicted)
        self.texts += 1

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def documents(split: str) -> list[list[str]]:
    """The parallel set's documents of ``split``: runs of at least ``MIN_SENTENCES`` consecutive
    Hindi sentences of one document (rows without a document, FLORES', in runs of
    ``FLORES_RUN`` lines). A row holding two sentences, or ending without a mark, breaks a run:
    its gold boundaries would be wrong; so does a Hindi row with a full stop after a finite verb inside
    (``_HINDI_VERB_FULL_STOP``)."""
    rows = [json.loads(line) for line in (PARALLEL / PARALLEL_SPLITS[split]).read_text(encoding="utf-8").splitlines()]
    by_doc: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for row in rows:
        line = int(row.get("line") or 0)
        doc = str(row["doc"]) if row.get("doc") else f"lines-{line // FLORES_RUN}"
        hindi = " ".join(unicodedata.normalize("NFC", row["hi"]).split())
        by_doc[(row["set"], doc)].append((line, "" if _english_has_two_sentences(row.get("en") or "") else hindi))
    docs = []
    for sentences in by_doc.values():
        run: list[str] = []
        for _, text in [*sorted(sentences), (0, "")]:
            if text and _ENDS_WITH_MARK.search(text) and not _INNER_END.search(text) \
                    and not _HINDI_VERB_FULL_STOP.search(text):
                run.append(text)
                continue
            if len(run) >= MIN_SENTENCES:
                docs.append(run)
            run = []
    return docs


def _offsets(pieces: Iterable[str], text: str) -> set[int]:
    """Where each piece but the last ends in ``text`` (as the index of the next non-space character)."""
    ends, at = [], 0
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            found = at
        at = found + len(piece)
        ends.append(_skip_space(text, at))
    return set(ends[:-1])


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _segment_lines(lines: list[str]) -> list[str]:
    """What the pipeline does with a text's lines: join broken sentences, split each line."""
    return [piece for line in rejoin_broken_lines(lines) for piece in split_paragraph(line)]


def score_parallel(split: str) -> dict[str, BoundaryCounts]:
    counts = {style: BoundaryCounts() for style in ("spaced", "glued", "wrapped")}
    for sentences in documents(split):
        spaced = " ".join(sentences)
        glued = "".join(sentences)
        for style, text in (("spaced", spaced), ("glued", glued)):
            gold = _offsets(sentences, text)
            counts[style].add(gold, _offsets(split_paragraph(text), text))
        lines = textwrap.wrap(spaced, WRAP_WIDTH, break_long_words=False, break_on_hyphens=False)
        joined = " ".join(lines)  # == spaced: textwrap only breaks at single spaces
        counts["wrapped"].add(_offsets(sentences, joined), _offsets(_segment_lines(lines), joined))
    return counts


def score_outlets(split: str) -> BoundaryCounts:
    counts = BoundaryCounts()
    story_labels = reader().STORY_LABELS
    for article in reader().load_articles(split=split):
        if not article.sentence_ends:
            continue
        lines = [(offset, line) for (offset, line), label in zip(article.lines, article.labels) if label in story_labels]
        if not lines:
            continue
        # The story lines as one text, lines separated by one space, and the map back to ``text``.
        joined, where = "", []
        for offset, line in lines:
            if joined:
                joined += " "
                where.append(None)
            for i in range(len(line)):
                where.append(offset + i)
            joined += line
        back = {pos: i for i, pos in enumerate(where) if pos is not None}
        spans = article.boilerplate_spans
        near_boilerplate = {back[p] for a, b in spans for p in range(max(a - 2, 0), b + 3) if p in back}
        gold = {_skip_space(joined, back[end]) for end in article.sentence_ends if end in back}
        # A story line ends a sentence unless the next line continues it (label C).
        labels = [label for label in article.labels if label in story_labels]
        starts = [i for i, pos in enumerate(where) if pos is not None and (i == 0 or where[i - 1] is None)]
        gold |= {start for start, label in zip(starts[1:], labels[1:]) if label != "C"}
        gold = {g for g in gold if g < len(joined)} - near_boilerplate
        predicted = _offsets(_segment_lines([line for _, line in lines]), joined) - near_boilerplate
        counts.add(gold, predicted)
    return counts


def add_eval_segmentation(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-segmentation", help="sentence-boundary P/R/F1 on text whose sentences are known")
    p.set_defaults(run=run_eval_segmentation)


def _row(split: str, source: str, c: BoundaryCounts) -> tuple[str, ...]:
    return (split, source, str(c.texts), str(c.gold), f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}")


def run_eval_segmentation(args: argparse.Namespace) -> int:
    rows: list[tuple[str, ...]] = []
    for split in PARALLEL_SPLITS:
        total = BoundaryCounts()
        parts: list[tuple[str, BoundaryCounts]] = [*score_parallel(split).items(), ("outlets (hand-marked)", score_outlets(split))]
        for source, counts in parts:
            rows.append(_row(split, source, counts))
            for name in ("gold", "predicted", "right", "texts"):
                setattr(total, name, getattr(total, name) + getattr(counts, name))
        rows.append(_row(split, "all", total))
    header = ("split", "text", "texts", "boundaries", "precision", "recall", "F1")
    print(text_table(header, rows))
    return 0
