"""``python -m service eval-selection``: selection vs lead-k, TextRank and an oracle on human summaries.

Without options it scores the shipped slices (tests/data/summaries: ILSUM and long USC articles,
both splits). The full public
sets (where to get them: tests/data/summaries/README.md) are given with ``--ilsum-dev``,
``--ilsum-heldout`` (ILSUM-style CSVs) and ``--usc`` (a folder). ``--fit FILE`` fits the ranker
on the development articles only and writes the model file (the shipped one is
service/pipeline/selection_model.json); the tables then score that model.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from service.quality.selection_data import (
    LONG_SHIPPED, SPLITS, SummaryExample, load_ilsum_csv, load_jsonl, load_usc_corpus, without_overlap,
)

if TYPE_CHECKING:
    from service.quality.selection_eval import SettingResult


def add_eval_selection(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-selection", help="ROUGE/chrF of extractive selection vs lead-k, TextRank and an oracle")
    p.add_argument("--data", help="JSONL of articles with summaries (default: tests/data/summaries/examples.jsonl)")
    p.add_argument("--ilsum-dev", metavar="CSV", help="ILSUM-style CSV (Id, Heading, Article, Summary) used as dev")
    p.add_argument("--ilsum-heldout", metavar="CSV", help="ILSUM-style CSV used as held-out")
    p.add_argument("--usc", metavar="DIR",
                   help="folder with input/inputN.txt and human_output/outputN.txt (articles 1-10 dev, 11-20 held-out)")
    p.add_argument("--min-words", type=int, default=0, metavar="N",
                   help="score only articles of at least N words (400: the long-article set)")
    p.add_argument("--split", choices=[*SPLITS, "all"], default="all", help="which split to score (default: all)")
    p.add_argument("--limit", type=int, help="score only the first N articles of each split (a quicker look)")
    p.add_argument("--model", metavar="JSON", help="a selection model file (default: the shipped one)")
    p.add_argument("--fit", metavar="JSON", help="fit the ranker on the dev articles, write it here, then score it")
    p.add_argument("--out", help="also write the figures as JSON to this file")
    p.set_defaults(run=run_eval_selection)


def _examples(args: argparse.Namespace) -> list[SummaryExample]:
    external = args.ilsum_dev or args.ilsum_heldout or args.usc
    if args.data:
        examples = load_jsonl(args.data)
    else:
        examples = [] if external else load_jsonl() + load_jsonl(LONG_SHIPPED)
    dev = load_ilsum_csv(args.ilsum_dev, "dev") if args.ilsum_dev else []
    examples += dev
    if args.ilsum_heldout:
        examples += without_overlap(load_ilsum_csv(args.ilsum_heldout, "heldout"), dev)
    if args.usc:
        examples += load_usc_corpus(args.usc)
    return [e for e in examples if e.words >= args.min_words]


def _groups(examples: list[SummaryExample], split: str, limit: int | None) -> dict[str, list[SummaryExample]]:
    """Articles per (split, dataset): ILSUM and the USC corpus are scored apart, never pooled."""
    groups: dict[str, list[SummaryExample]] = {}
    for example in examples:
        if split in ("all", example.split):
            dataset = example.source.split("-")[0]
            groups.setdefault(f"{example.split}: {dataset}", []).append(example)
    return {name: items[:limit] if limit else items for name, items in sorted(groups.items())}


def run_eval_selection(args: argparse.Namespace) -> int:
    from service.config import Settings
    from service.pipeline.ranking import load_model
    from service.quality.selection_eval import evaluate, table
    from service.quality.selection_fit import fit_model

    settings = Settings.from_env()
    examples = _examples(args)
    model = load_model(args.model) if args.model else None
    if args.fit:
        dev = [e for e in examples if e.split == "dev"]
        if not dev:
            print("error: --fit needs dev articles (--ilsum-dev or a JSONL with split=dev)")
            return 2
        model = fit_model(dev, settings.bullets)
        Path(args.fit).write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"model written to {args.fit}")
    figures = {}
    for name, items in _groups(examples, args.split, args.limit).items():
        results = evaluate(items, settings.bullets, model)
        print(table(f"{name} ({len(items)} articles)", results))
        figures[name] = [_figures(r) for r in results]
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


def _figures(result: "SettingResult") -> dict:
    from service.quality.selection_metrics import METRICS

    diffs: dict[str, dict] = {"lead": {}, "lead_words": {}}
    for baseline, by_length in diffs.items():
        for label, only_long in (("all", False), ("long", True)):
            diff = result.paired("rouge2", only_long, baseline)
            by_length[label] = None if diff is None else vars(diff)
    return {
        "setting": result.setting,
        "articles": len(result.long_article),
        "long_articles": sum(result.long_article),
        "means": {s: {m: round(result.mean(s, m), 2) for m in METRICS} for s in result.scores},
        "project_minus_baseline_rouge2": diffs,
        "bad_picks": result.bad_picks,
        "select_ms_per_article": round(result.select_ms, 3),
    }
