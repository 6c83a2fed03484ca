"""``python -m service eval-grouping [--set DIR] [--split NAME] [--mistakes] [--json] [--fit SPLIT[,SPLIT]]``.

Pairwise and B-cubed figures of story grouping on a labelled set (``grouping_eval``); ``--fit``
refits the grouping's logistic weights on one split and scores every split with them.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from service.text_table import text_table

if TYPE_CHECKING:
    from service.digest.grouping_eval import Scores

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
    p.add_argument(
        "--fit", metavar="SPLIT[,SPLIT]", help="refit the grouping weights on these splits (comma-separated), print them, score every split with them"
    )
    p.set_defaults(run=run_eval_grouping)


def run_eval_grouping(args: argparse.Namespace) -> int:
    from service.digest.grouping import GroupingWeights
    from service.digest.grouping_eval import DEFAULT_SET, evaluate, fit_weights, load_set, mistakes

    try:
        splits = load_set(args.set or DEFAULT_SET)
    except ValueError as exc:  # a line that is not JSON or has no label
        print(f"error: {exc}", file=sys.stderr)
        return 2
    fit = [name.strip() for name in args.fit.split(",") if name.strip()] if args.fit else []
    wanted = set(args.split or []) | set(fit)
    unknown = sorted(wanted - set(splits))
    if unknown:
        raise FileNotFoundError(f"no split named {', '.join(unknown)} (have: {', '.join(splits)})")
    weights = GroupingWeights()
    if fit:
        weights = fit_weights([splits[name] for name in fit])
        print(f"weights fitted on {', '.join(fit)}: {weights}")
    results = {}
    for name, items in splits.items():
        if args.split and name not in args.split:
            continue
        scores, groups = evaluate(items, weights)
        results[name] = (scores, mistakes(items, groups))
    if args.json:
        payload = {n: {**s.to_dict(), "mistakes": m} for n, (s, m) in results.items()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(_table([(n, s) for n, (s, _) in results.items()]))
    if args.mistakes:
        for name, (_, found) in results.items():
            print(f"\n{name}: {len(found)} mistakes")
            for line in found:
                print("  " + line)
    return 0


def _table(rows: list[tuple[str, Scores]]) -> str:
    return text_table(COLUMNS, [
        (name, str(s.articles), str(s.events), *(f"{v:.3f}" for v in (
            s.pair_precision, s.pair_recall, s.pair_f1, s.bcubed_precision, s.bcubed_recall, s.bcubed_f1)))
        for name, s in rows
    ])
