"""The ``eval`` command: ``python -m service eval --model M [--mode ...] [--references ...] [--out FILE]``."""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import replace
from pathlib import Path

from service.pipeline.types import MODES

DEFAULT_MODES = ("translate", "extractive")


def add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score a model on a reference set (chrF++, BLEU, ROUGE, guard pass rate, speed)")
    p.add_argument("--model", help="HF id or local directory (default: BRIEFS_MODEL)")
    p.add_argument("--mode", action="append", choices=[*MODES, "all"], help=f"repeatable; default: {' '.join(DEFAULT_MODES)}")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--references", help="folder of reference .json files or a .jsonl file (default: the shipped set)")
    source.add_argument("--flores", nargs=2, metavar=("SRC_FILE", "REF_FILE"), help="line-aligned Hindi and English files")
    p.add_argument("--bullets", type=int, help="most bullets per brief, each counted from its article (default: BRIEFS_BULLETS)")
    p.add_argument("--out", help="JSON results file (default: <BRIEFS_DATA_DIR>/eval/<model>-<time>.json)")
    p.set_defaults(run=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    from service.config import Settings
    from service.quality.evaluate import evaluate, reference_self_check
    from service.quality.references import load_flores, load_references
    from service.quality.report import table, write_json
    from service.runtime import build_pipeline, configure_threads

    settings = Settings.from_env()
    settings = replace(settings, model=args.model or settings.model, bullets=args.bullets or settings.bullets)
    modes = list(MODES) if args.mode and "all" in args.mode else (args.mode or list(DEFAULT_MODES))
    references = load_flores(*args.flores) if args.flores else load_references(args.references)
    configure_threads(settings)
    results = evaluate(build_pipeline(replace(settings, memory=False)), references, modes)  # the model, not the memory
    print(table(results))
    payload = {
        "model": settings.model,
        "references": args.flores or args.references or "shipped",
        "articles": len(references),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "settings": {"num_beams": settings.num_beams, "bullets": settings.bullets, "guards": settings.guards,
                     "guard_retry": settings.guard_retry, "faithfulness_policy": settings.faithfulness_policy},
        "results": [r.to_dict() for r in results],
        "reference_self_check": reference_self_check(references),
    }
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(settings.model).name or settings.model)
    out = Path(args.out) if args.out else settings.data_dir / "eval" / f"{slug}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    write_json(out, payload)
    print(f"results written to {out}")
    return 0


def add_eval_guard(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-guard", help="false-alarm rate and recall of the faithfulness guard on human translations")
    p.add_argument("--pairs", action="append", metavar="FILE",
                   help='JSONL of {"hi", "en"} pairs, repeatable, each scored alone '
                        "(default: tests/data/guard/dev.jsonl, dev-tico19.jsonl and heldout.jsonl)")
    p.add_argument("--every", type=int, default=1, help="keep one pair in N (a quicker look)")
    p.add_argument("--seed", type=int, default=12, help="seed of the planted errors")
    p.add_argument("--out", help="also write the figures as JSON to this file")
    p.add_argument("--negation-points", action="store_true",
                   help="only print the negation check's false alarms and recall under other rules")
    p.set_defaults(run=run_eval_guard)


def run_eval_guard(args: argparse.Namespace) -> int:
    import json

    from service.quality.guard_eval import load_pairs, negation_operating_points, score_guard, table

    data = Path(__file__).resolve().parents[2] / "tests" / "data" / "guard"
    files = args.pairs or [str(data / name) for name in ("dev.jsonl", "dev-tico19.jsonl", "heldout.jsonl")]
    results = {}
    if args.negation_points:
        for path in files:
            for rule, point in negation_operating_points(load_pairs([path], every=args.every), seed=args.seed).items():
                print(f"{Path(path).name}: {rule}: false alarms {point['false_alarm_rate']:.4f}, recall {point['recall']:.3f}")
        return 0
    for path in files:
        scores = score_guard(load_pairs([path], every=args.every), seed=args.seed)
        print(table(path, scores))
        results[path] = scores.to_dict()
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def add_eval_language(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-language", help="precision/recall of romanized-Hindi recognition on public data")
    p.set_defaults(run=run_eval_language)


def run_eval_language(args: argparse.Namespace) -> int:
    from service.quality.language_eval import evaluate_language, language_sets, table

    print(table(evaluate_language(language_sets())))
    return 0
