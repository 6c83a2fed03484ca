"""How well the clean stage tells story from site boilerplate, line by line, on labelled public pages.

Each page in ``tests/data/cleaning/pages.jsonl`` (public Hindi news pages nobody here wrote; origin
and labelling in the README there) is the text a scraper got, with one label per non-blank line:
``H`` headline, ``S`` story, ``B`` boilerplate (including a repeat of a line already seen), ``X`` not
scored (crossheads, and a last line the stored excerpt cut short). A line counts as kept when the
cleaned article still holds it: the headline, or a paragraph that is the line or most of its
Devanagari text (the cleaner only cuts pieces out of lines), so a cut dateline, credit or English
SEO copy does not make a story line "removed". Each cleaned unit is claimed by one line only, so a repeated headline that the cleaner
dropped counts as removed.

``python -m service eval-cleaning`` prints line-level precision and recall of "story kept" and
"boilerplate removed" for the development and held-out parts.
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from service.pipeline.clean import clean_article
from service.pipeline.segment import split_paragraph
from service.pipeline.types import CleanArticle
from service.text_table import text_table

LABELLED_PAGES = Path(__file__).resolve().parents[2] / "tests" / "data" / "cleaning" / "pages.jsonl"
SPLITS = ("dev", "heldout")
STORY, BOILERPLATE, NOT_SCORED = frozenset("HS"), frozenset("B"), frozenset("X")
KEPT_SHARE = 0.5  # a cleaned paragraph holding at least this share of a line keeps that line
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LIST_MARK = re.compile(r"^(?:[-–—•·▪►✓*]+|\(?\d{1,2}[.)]|\d{1,2}\s*[-–])\s*")
JOINED_MIN_CHARS = 3  # a line shorter than this is never counted as kept inside a joined unit

Cleaner = Callable[[str, str], CleanArticle]


@dataclass(frozen=True)
class LabelledPage:
    id: str
    url: str
    split: str
    lines: tuple[str, ...]
    labels: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def load_pages(path: str | Path | None = None, split: str = "all") -> list[LabelledPage]:
    """The labelled pages of ``split`` ("dev", "heldout" or "all"); each label must match a line."""
    pages = []
    for row in Path(path or LABELLED_PAGES).read_text(encoding="utf-8").splitlines():
        record = json.loads(row)
        lines = tuple(line for line in record["excerpt"].split("\n") if line.strip())
        if len(lines) != len(record["labels"]) or set(record["labels"]) - (STORY | BOILERPLATE | NOT_SCORED):
            raise ValueError(f"{record['id']}: {len(record['labels'])} labels for {len(lines)} lines, or an unknown label")
        if split in ("all", record["split"]):
            pages.append(LabelledPage(record["id"], record["url"], record["split"], lines, record["labels"]))
    return pages


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u200b", "").split())


def _weight(text: str) -> int:
    """How much text a line holds: its Devanagari letters (an English SEO copy of a Hindi title cut
    from a line takes nothing from its story), or all its characters when it has none."""
    return len(_DEVANAGARI.findall(text)) or len(text)


def kept_lines(lines: Iterable[str], article: CleanArticle) -> list[bool]:
    """For each input line, whether the cleaned article still holds it (see the module docstring).

    Each cleaned unit goes to the unclaimed line it covers most (a title also sits inside a
    breadcrumb trail that ends with it; the title line is the one it came from). A unit that the
    cleaner joined from several lines (a sentence broken across lines, a list's items as one
    sentence) then keeps each still unclaimed line whose text it holds."""
    normalized = [_norm(line) for line in lines]
    kept = [False] * len(normalized)
    units = [_norm(u) for u in ([article.headline] if article.headline else []) + list(article.paragraphs)]
    claimed = set()
    for number, unit in enumerate(units):
        # An image tag ("![<title>](https://…)") holds the title's words but is never where a unit came from.
        shares = [(_weight(unit) / _weight(line), -i) for i, line in enumerate(normalized)
                  if unit and not kept[i] and not line.startswith("![") and _held_in(unit, line)
                  and _weight(unit) >= KEPT_SHARE * _weight(line)]
        if shares:
            kept[-max(shares)[1]] = True
            claimed.add(number)
    for unit in (u for number, u in enumerate(units) if number not in claimed):
        for i, line in enumerate(normalized):
            piece = _LIST_MARK.sub("", line).strip(" ,;")
            if not kept[i] and len(piece) >= JOINED_MIN_CHARS and _tail_in(piece, unit):
                kept[i] = True
    return kept


def _held_in(unit: str, line: str) -> bool:
    """``unit`` is ``line`` or a piece of it, or the line's sentences with some cut out (a boilerplate
    sentence taken from the middle of a paragraph)."""
    if unit in line:
        return True
    sentences = split_paragraph(unit)
    return len(sentences) > 1 and all(sentence.rstrip("।.") in line for sentence in sentences)


CUT_PREFIX_MAX_WORDS = 4  # a credit or byline the cleaner cut from a line's start ("Image Source : PTI")


def _tail_in(piece: str, unit: str) -> bool:
    """``piece`` (a line) is inside ``unit``, allowing for a few words the cleaner cut from its start."""
    words = piece.split()
    for start in range(min(CUT_PREFIX_MAX_WORDS, len(words) - 1) + 1):
        tail = " ".join(words[start:])
        if _weight(tail) < KEPT_SHARE * _weight(piece):
            break
        if tail in unit:
            return True
    return False


@dataclass
class LineCounts:
    """Confusion counts over scored lines: story kept / removed, boilerplate kept / removed."""

    story_kept: int = 0
    story_removed: int = 0
    boilerplate_kept: int = 0
    boilerplate_removed: int = 0
    pages: int = 0
    headlines: int = 0
    headlines_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, label: str, kept: bool) -> None:
        if label in STORY:
            self.story_kept += kept
            self.story_removed += not kept
        elif label in BOILERPLATE:
            self.boilerplate_kept += kept
            self.boilerplate_removed += not kept

    @property
    def story_precision(self) -> float:
        return _ratio(self.story_kept, self.story_kept + self.boilerplate_kept)

    @property
    def story_recall(self) -> float:
        return _ratio(self.story_kept, self.story_kept + self.story_removed)

    @property
    def boilerplate_precision(self) -> float:
        return _ratio(self.boilerplate_removed, self.boilerplate_removed + self.story_removed)

    @property
    def boilerplate_recall(self) -> float:
        return _ratio(self.boilerplate_removed, self.boilerplate_removed + self.boilerplate_kept)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score(pages: Iterable[LabelledPage], cleaner: Cleaner = clean_article) -> LineCounts:
    counts = LineCounts()
    for page in pages:
        article = cleaner(page.text, "hi")
        counts.pages += 1
        for line, label, kept in zip(page.lines, page.labels, kept_lines(page.lines, article)):
            counts.add(label, kept)
            if (label in STORY and not kept) or (label in BOILERPLATE and kept):
                verdict = "story removed" if label in STORY else "boilerplate kept"
                counts.errors.append(f"{page.id} {verdict}: {_norm(line)[:100]}")
        if "H" in page.labels:
            counts.headlines += 1
            expected = _norm(page.lines[page.labels.index("H")])
            counts.headlines_right += bool(article.headline) and _norm(article.headline) in expected
    return counts


def table(rows: list[tuple[str, LineCounts]]) -> str:
    header = ("split", "pages", "story lines", "boilerplate lines", "story kept P", "story kept R",
              "boilerplate removed P", "boilerplate removed R", "headline right")
    body = [
        (name, str(c.pages), str(c.story_kept + c.story_removed), str(c.boilerplate_kept + c.boilerplate_removed),
         f"{c.story_precision:.3f}", f"{c.story_recall:.3f}", f"{c.boilerplate_precision:.3f}",
         f"{c.boilerplate_recall:.3f}", f"{c.headlines_right}/{c.headlines}")
        for name, c in rows
    ]
    return text_table(header, body)


def add_eval_cleaning(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-cleaning", help="line-level precision/recall of the clean stage on labelled public pages")
    p.add_argument("--data", help=f"labelled pages (JSONL; default: {LABELLED_PAGES.relative_to(LABELLED_PAGES.parents[3])})")
    p.add_argument("--split", choices=[*SPLITS, "all"], default="all", help="default: each part, then all")
    p.add_argument("--errors", action="store_true", help="also list every line the cleaner got wrong")
    p.set_defaults(run=run_eval_cleaning)


def run_eval_cleaning(args: argparse.Namespace) -> int:
    names = list(SPLITS) + ["all"] if args.split == "all" else [args.split]
    rows = [(name, score(load_pages(args.data, name))) for name in names]
    print(table(rows))
    if args.errors:
        for name, counts in rows[: len(rows) - (args.split == "all")]:
            for error in counts.errors:
                print(f"[{name}] {error}")
    return 0
