"""``python -m service eval-roundups``: wire roundups found and split, normal articles left alone.

On ``tests/data/dates/articles.jsonl`` by default: the records marked ``roundup`` must be split
into their items (counted against the desk slugs a reader counts in them: ``expected_items``),
every other article must stay whole. ``--corpus DIR`` runs over every ``.txt`` file under DIR
instead (for example a checkout of a public corpus of day files), each paragraph of 300 or more
characters alone: it prints every paragraph it split, with its items' first words, for reading.
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
    """Every paragraph (line) of every day file, judged alone: a roundup is one pasted block; a
    whole day file is several unrelated articles anyway."""
    files = sorted(root.rglob("*.txt"))
    paragraphs = split = 0
    for path in files:
        seen: set[str] = set()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if len(line) < 300 or line in seen:
                continue
            seen.add(line)
            paragraphs += 1
            items = split_roundup(line)
            if items:
                split += 1
                print(f"{path.relative_to(root)}: {len(items)} items: " + " | ".join(i.text[:30] for i in items[:3]))
    print(f"\n{len(files)} files, {paragraphs} distinct paragraphs of 300+ characters, {split} split into items")
    return 0
