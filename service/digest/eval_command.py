"""``python -m service eval-grouping [--set DIR] [--split NAME] [--mistakes]``: story grouping figures."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

COLUMNS = ("split", "articles", "events", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1")


def add_eval_grouping(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval-grouping",
        help="pairwise and B-cubed precision/recall/F1 of story grouping on a labelled set of articles",
    )
    p.add_argument("--set", type=Path, help="folder of labelled .jsonl splits (default: tests/data/grouping)")
    p.add_argument("--split", action="append", help="only this split (file stem); repeatable")
    p.add_argument("--mistakes", action="store_true", help="also list wrongly joined groups and split events")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=run_eval_grouping)


def run_eval_grouping(args: argparse.Namespace) -> int:
    from service.digest.grouping_eval import DEFAULT_SET, evaluate, load_set, mistakes

    splits = load_set(args.set or DEFAULT_SET)
    unknown = sorted(set(args.split or []) - set(splits))
    if unknown:
        raise FileNotFoundError(f"no split named {', '.join(unknown)} (have: {', '.join(splits)})")
    results = {}
    for name, items in splits.items():
        if args.split and name not in args.split:
            continue
        scores, groups = evaluate(items)
        results[name] = (scores, mistakes(items, groups))
    if args.json:
        print(json.dumps({n: {**s.to_dict(), "mistakes": m} for n, (s, m) in results.items()}, ensure_ascii=False, indent=2))
        return 0
    print(_table([(n, s) for n, (s, _) in results.items()]))
    if args.mistakes:
        for name, (_, found) in results.items():
            print(f"\n{name}: {len(found)} mistakes")
            for line in found:
                print("  " + line)
    return 0


def _table(rows) -> str:
    cells = [COLUMNS] + [
        (name, str(s.articles), str(s.events), *(f"{v:.3f}" for v in (
            s.pair_precision, s.pair_recall, s.pair_f1, s.bcubed_precision, s.bcubed_recall, s.bcubed_f1)))
        for name, s in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
