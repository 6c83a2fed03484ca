"""Hindi articles with human summaries, for measuring and fitting extractive selection.

Three readers, one record type (``SummaryExample``):

* ``load_jsonl``: the shipped slice, ``tests/data/summaries/examples.jsonl`` (origin, licence and
  split in the README there);
* ``load_ilsum_csv``: a CSV with ILSUM's columns ``Id, Heading, Article, Summary`` (the ILSUM Hindi
  validation and test sets as published in a public repository; see the README for where);
* ``load_usc_corpus``: a folder with ``input/inputN.txt`` and ``human_output/outputN.txt`` (long
  Hindi articles with extractive summaries written by people, another public corpus). Articles 1-10
  are ``dev`` and 11-20 ``heldout`` (``usc_split``): the only long articles with human summaries
  found, so the length-aware part of the ranker is fitted on the first half and reported on the
  second.

``source`` names where an article comes from (ILSUM's 2022 and 2023 editions were drawn from
different newspapers); ``split`` is ``dev`` (fit and tune on it) or ``heldout`` (report only).
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

SHIPPED = Path(__file__).resolve().parents[2] / "tests" / "data" / "summaries" / "examples.jsonl"
SPLITS = ("dev", "heldout")
LONG_SHIPPED = SHIPPED.with_name("long_examples.jsonl")
USC_DEV_LAST = 10  # USC articles 1..10 are dev, the rest held-out


@dataclass(frozen=True)
class SummaryExample:
    id: str
    source: str
    split: str
    headline: str | None
    article: str
    summary: str

    @property
    def words(self) -> int:
        return len(self.article.split())

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)


def load_jsonl(path: str | Path | None = None, split: str = "all") -> list[SummaryExample]:
    """Records of ``split`` ("dev", "heldout" or "all") from a JSONL file of ``SummaryExample`` fields."""
    examples = []
    for line in Path(path or SHIPPED).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            examples.append(SummaryExample(**{k: record.get(k) for k in SummaryExample.__dataclass_fields__}))
    return [e for e in examples if split in ("all", e.split)]


def ilsum_source(example_id: str) -> str:
    """``ilsum-2022`` or ``ilsum-2023`` from an id such as ``hindi_2022_8144`` / ``hindi_2023_train_7324``."""
    match = re.match(r"hindi_(\d{4})", example_id)
    return f"ilsum-{match.group(1)}" if match else "ilsum"


def load_ilsum_csv(path: str | Path, split: str) -> list[SummaryExample]:
    """Rows of an ILSUM-style CSV (``Id, Heading, Article, Summary``), all given ``split``."""
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        SummaryExample(row["Id"], ilsum_source(row["Id"]), split, (row.get("Heading") or "").strip() or None,
                       row["Article"].strip(), row["Summary"].strip())
        for row in rows if row.get("Article", "").strip() and row.get("Summary", "").strip()
    ]


def usc_split(number: int) -> str:
    return "dev" if number <= USC_DEV_LAST else "heldout"


def load_usc_corpus(folder: str | Path, split: str | None = None) -> list[SummaryExample]:
    """``input/inputN.txt`` articles with ``human_output/outputN.txt`` summaries (no headline);
    ``split`` None: by article number (``usc_split``), otherwise that split for all."""
    folder = Path(folder)
    examples = []
    for article_path in sorted(folder.glob("input/input*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        number = re.sub(r"\D", "", article_path.stem)
        summary_path = folder / "human_output" / f"output{number}.txt"
        if summary_path.exists():
            summary = " ".join(line.strip() for line in summary_path.read_text(encoding="utf-8").splitlines() if line.strip())
            examples.append(SummaryExample(f"usc-{number}", "usc-nlp-17", split or usc_split(int(number)), None,
                                           article_path.read_text(encoding="utf-8").strip(), summary))
    return examples


def _fingerprint(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())[:200]


def without_overlap(heldout: Iterable[SummaryExample], dev: Iterable[SummaryExample]) -> list[SummaryExample]:
    """Held-out articles whose opening is not also a development article (the ILSUM sets share a few)."""
    seen = {_fingerprint(e.article) for e in dev}
    return [e for e in heldout if _fingerprint(e.article) not in seen]
