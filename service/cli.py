"""``python -m service <command>``: every command registered in one place (``COMMANDS``)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from typing import Callable

from models.convert import add_convert
from service.config import Settings
from service.digest.command import add_nightly_parser
from service.editorial.cli import add_db, add_memory
from service.digest.eval_command import add_eval_grouping
from service.digest.dates_eval import add_eval_dates
from service.digest.roundups_eval import add_eval_roundups
from service.errors import BriefError
from service.quality.cleaning_eval import add_eval_cleaning
from service.pipeline.outlets_eval import add_eval_ingest
from service.pipeline.segmentation_eval import add_eval_segmentation
from service.quality.cli import add_eval, add_eval_guard, add_eval_language
from service.quality.selection_command import add_eval_selection

EXIT_BAD_INPUT = 2
EXIT_SERVICE_ERROR = 3


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    if getattr(args, "model", None):
        settings = replace(settings, model=args.model)
    return settings


def _add_brief(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="brief one Hindi article (a file, or - for standard input)")
    p.add_argument("file", help="path to a .txt or .html file, or - for standard input")
    p.add_argument("--mode", choices=["extractive", "abstractive", "translate"], help="default: BRIEFS_MODE")
    p.add_argument("--bullets", type=int, help="number of bullets (default: automatic, from the article's length, "
                   "at most BRIEFS_BULLETS)")
    p.add_argument("--model", help="HF id or local directory (default: BRIEFS_MODEL)")
    p.add_argument("--format", default="auto", choices=["auto", "text", "html"], help="input format")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(run=_run_brief)


def _run_brief(args: argparse.Namespace) -> int:
    from service.pipeline.brief import BriefRequest
    from service.prompts import render
    from service.runtime import build_pipeline, configure_threads

    settings = _settings(args)
    data = sys.stdin.buffer.read() if args.file == "-" else _read_file(args.file)
    from service.editorial import open_editorial
    from service.editorial.overlay import Overlay

    configure_threads(settings)
    editorial = open_editorial(settings)
    brief = build_pipeline(settings, editorial=editorial).brief(
        BriefRequest(data=data, format=args.format, mode=args.mode, bullets=args.bullets)
    )
    served = Overlay(editorial, settings).apply(brief.to_dict())  # editors' corrections and glossary
    if args.json:
        print(json.dumps(served, ensure_ascii=False, indent=2))
    else:
        template = "translation.txt.j2" if brief.mode == "translate" else "brief.txt.j2"
        print(render(template, brief=served), end="")
    return 0


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise FileNotFoundError(f"cannot read {path}: {exc.strerror}") from None


def _add_prefetch(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("prefetch", help="download a model into the HF cache (for Docker builds)")
    p.add_argument("model", nargs="?", help="HF id (default: BRIEFS_MODEL)")
    p.add_argument("--revision")
    p.set_defaults(run=_run_prefetch)


def _run_prefetch(args: argparse.Namespace) -> int:
    from models.prefetch import prefetch

    settings = _settings(args)
    path = prefetch(settings.model, args.revision or settings.model_revision)
    print(path)
    from models.engine import prepare

    prepared = prepare(_engine_spec(settings, args.revision))  # the CTranslate2 copy, when auto picks it
    if prepared is not None:
        print(prepared)
    return 0


def _engine_spec(settings: Settings, revision: str | None = None):
    from service.runtime import model_spec

    spec = model_spec(settings, settings.model)
    return replace(spec, revision=revision) if revision else spec


def _add_config(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="print every BRIEFS_* variable with its default and meaning, and the engine in use")
    p.set_defaults(run=lambda args: _print_config())


def _print_config() -> int:
    print("| variable | default | meaning |\n|---|---|---|")
    for env, default, doc in Settings.documentation():
        print(f"| `{env}` | `{default}` | {doc} |")
    from models.engine import describe

    settings = Settings.from_env()
    engine = describe(_engine_spec(settings))
    copy = f"; converted copy: {engine.copy} ({'present' if engine.copy_exists else 'made on first load or by prefetch'})"
    print(f"\nengine for {settings.model}: {engine.backend} ({engine.reason}{copy if engine.copy else ''})")
    return 0


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the HTTP service under gunicorn (gunicorn -c gunicorn.conf.py)")
    p.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    config = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", str(config)])
    return 0


def _add_worker(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="run an RQ worker for async jobs (needs REDIS_URL)")
    p.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    p.set_defaults(run=_run_worker)


def _run_worker(args: argparse.Namespace) -> int:
    from service.http.worker import run_worker

    return run_worker(_settings(args), burst=args.burst)


def _add_tiny_model(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "tiny-model",
        help="build tiny random-weight Marian, NLLB and mT5 models offline (for trying the stack without the hub)",
    )
    p.add_argument("--out", default=".tiny-models", help="folder to write marian/, nllb/ and mt5/ into")
    p.set_defaults(run=_run_tiny_model)


def _run_tiny_model(args: argparse.Namespace) -> int:
    from models.synthetic import build_tiny_models

    for name, path in build_tiny_models(args.out).items():
        print(f"{name}\t{path}")
    return 0


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_brief, _add_prefetch, _add_config, add_eval, add_nightly_parser, _add_serve, _add_worker, add_convert,
    _add_tiny_model, add_memory, add_db, add_eval_guard, add_eval_language, add_eval_cleaning, add_eval_ingest,
    add_eval_segmentation, add_eval_grouping, add_eval_dates, add_eval_roundups, add_eval_selection,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m service", description="Hindi news to English briefs")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args)
    except BriefError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_BAD_INPUT if exc.status < 500 else EXIT_SERVICE_ERROR)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
