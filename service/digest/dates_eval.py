"""``python -m service eval-dates``: how often the publication date read from an article's text is
right, wrong or unknown, on ``tests/data/dates`` (public articles whose publication day is known).

Each article is judged as the nightly sees an article that came with no ``published`` field, no
HTML and no URL: from its text alone (the URL is where some labels came from, so it is withheld).
Two settings:

- **nightly**: the run's date is the articles' day (``nightly --date`` over that day's articles);
- **no run date**: no window at all; a dateline without a year cannot be placed and stays unknown;
- **previous method**: what the digest did before (the first complete date in the first 12 lines).

Right = within one day of the label (a wire dateline carries the day the copy was filed; print
editions and late-night uploads appear the next day), wrong = any other date, unknown = none.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from service.digest import publication

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "dates" / "articles.jsonl"
SPLITS = ("dev", "heldout")
TOLERANCE_DAYS = 1


@dataclass(frozen=True)
class Labelled:
    id: str
    split: str
    outlet: str
    published: date
    text: str


@dataclass(frozen=True)
class Outcome:
    item: Labelled
    found: publication.PublicationDate

    @property
    def verdict(self) -> str:
        if self.found.value is None:
            return "unknown"
        return "right" if abs((self.found.value - self.item.published).days) <= TOLERANCE_DAYS else "wrong"


def load(path: Path = DEFAULT_DATA) -> list[Labelled]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        items.append(Labelled(record["id"], record["split"], record["outlet"], date.fromisoformat(record["published"]), record["text"]))
    return items


def judge(items: list[Labelled], nightly: bool) -> list[Outcome]:
    return [Outcome(item, publication.choose(item.text, reference=item.published if nightly else None)) for item in items]


def judge_previous(items: list[Labelled]) -> list[Outcome]:
    """The method this replaced: the first complete date anywhere in the first 12 lines."""
    from service.digest import dates

    return [Outcome(item, publication.PublicationDate(dates.header_date(item.text), "header")) for item in items]


def table(outcomes: list[Outcome]) -> dict[str, int]:
    counts = Counter(o.verdict for o in outcomes)
    counts["exact"] = sum(1 for o in outcomes if o.found.value == o.item.published)
    counts["articles"] = len(outcomes)
    return {k: counts.get(k, 0) for k in ("articles", "right", "exact", "wrong", "unknown")}


def _percent(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.1f}%)" if whole else "0"


def add_eval_dates(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-dates", help="publication dates read from text: right / wrong / unknown on tests/data/dates")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL (default: tests/data/dates/articles.jsonl)")
    p.add_argument("--mistakes", action="store_true", help="list every wrong date and where it came from")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(run=run_eval_dates)


def run_eval_dates(args: argparse.Namespace) -> int:
    items = load(args.data)
    figures: dict[str, dict[str, dict[str, int]]] = {}
    mistakes: list[Outcome] = []
    for setting, nightly in (("nightly", True), ("no run date", False), ("previous method", None)):
        figures[setting] = {}
        for split in SPLITS:
            part = [i for i in items if i.split == split]
            outcomes = judge_previous(part) if nightly is None else judge(part, nightly)
            figures[setting][split] = table(outcomes)
            mistakes += [o for o in outcomes if o.verdict == "wrong" and nightly]
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 0
    outlets = len({i.outlet for i in items})
    print(f"{len(items)} articles from {outlets} outlets ({args.data}); right = within {TOLERANCE_DAYS} day of the label\n")
    print("| setting | split | articles | right | of which exact | wrong | unknown |")
    print("|---|---|---|---|---|---|---|")
    for setting, by_split in figures.items():
        for split, row in by_split.items():
            n = row["articles"]
            print(f"| {setting} | {split} | {n} | {_percent(row['right'], n)} | {row['exact']} | {_percent(row['wrong'], n)} "
                  f"| {_percent(row['unknown'], n)} |")
    if args.mistakes:
        print("\nWrong dates (nightly setting):")
        for o in mistakes:
            print(f"- {o.item.split} {o.item.id}: read {o.found.iso} ({o.found.how}), labelled {o.item.published.isoformat()}")
    return 0
