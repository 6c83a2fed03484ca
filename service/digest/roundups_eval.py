"""``python -m service eval-roundups``: wire roundups found and split, normal articles left alone.

On ``tests/data/dates/articles.jsonl`` by default: the records marked ``roundup`` must be split
into their items (counted against the desk slugs a reader counts in them: ``expected_items``),
every other article must stay whole. ``--corpus DIR`` runs over every ``.txt`` file under DIR
instead (for example a checkout of a public corpus of day files), one text block per blank-line
separated chunk of lines: it prints how many files and chunks were split, and each split's
first words, for reading.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from service.digest.dates_eval import DEFAULT_DATA
from service.digest.roundups import split_roundup


def add_eval_roundups(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-roundups", help="wire roundups split into items; normal articles never split")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL (default: tests/data/dates/articles.jsonl)")
    p.add_argument("--corpus", type=Path, help="a folder of .txt day files to scan instead (prints every split)")
    p.set_defaults(run=run_eval_roundups)


def run_eval_roundups(args: argparse.Namespace) -> int:
    if args.corpus:
        return _scan(args.corpus)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    print("| split | roundups | split into items | items found / expected | normal articles | split by mistake |")
    print("|---|---|---|---|---|---|")
    for split in ("dev", "heldout"):
        part = [r for r in rows if r["split"] == split]
        roundups = [r for r in part if r.get("roundup")]
        normal = [r for r in part if not r.get("roundup")]
        found = [split_roundup(r["text"]) for r in roundups]
        items = sum(len(f) for f in found if f)
        expected = sum(int(r.get("expected_items", 0)) for r in roundups)
        false_splits = [r["id"] for r in normal if split_roundup(r["text"])]
        print(f"| {split} | {len(roundups)} | {sum(1 for f in found if f)} | {items} / {expected} | {len(normal)} | {len(false_splits)} |")
        for name in false_splits:
            print(f"  split by mistake: {name}")
    return 0


def _scan(root: Path) -> int:
    files = sorted(root.rglob("*.txt"))
    split_files = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        items = split_roundup(text)
        if items:
            split_files += 1
            print(f"{path.relative_to(root)}: {len(items)} items: " + " | ".join(i.text[:40].replace('\n', ' ') for i in items[:4]))
    print(f"\n{len(files)} files, {split_files} split into items")
    return 0
