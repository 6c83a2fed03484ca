"""``python -m service memory export|import`` and ``python -m service db upgrade|current``.

``memory export`` writes the translation memory, the active corrections, or both, as TMX (for
CAT tools and fine-tuning), CSV or JSON Lines; ``memory import`` loads such a file into the
memory of a model (an existing TM becomes what the model "already translated") or, with
``--as corrections``, as editors' corrections (each checked like one posted over the API).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from service.config import Settings
from service.errors import BriefError

if TYPE_CHECKING:
    from service.editorial import Editorial
    from service.editorial.formats import Unit

TM_FORMATS = ("tmx", "csv", "jsonl")  # formats.TM_FORMATS; the libraries load only when a command runs


def add_memory(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("memory", help="export or import the translation memory and corrections (TMX, CSV, JSONL)")
    actions = p.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write the memory and/or corrections to a file")
    export.add_argument("file", help="output file (.tmx, .csv, .jsonl), or - for standard output")
    export.add_argument("--format", choices=TM_FORMATS, help="default: from the file's extension")
    export.add_argument("--what", choices=["memory", "corrections", "all"], default="all")
    export.add_argument("--model", help="only this model's memory (an id, or id@revision as stored); default: every model")
    export.set_defaults(run=run_export)
    load = actions.add_parser("import", help="load a TMX, CSV or JSONL file")
    load.add_argument("file", help="input file (.tmx, .csv, .jsonl)")
    load.add_argument("--format", choices=TM_FORMATS, help="default: from the file's extension")
    load.add_argument("--as", dest="target", choices=["memory", "corrections"], default="memory",
                      help="memory (default): machine translations of --model; corrections: editors' translations")
    load.add_argument("--model", help="model whose memory to fill (default: each unit's own, else BRIEFS_MODEL)")
    load.add_argument("--replace", action="store_true", help="overwrite memory entries that exist already")
    load.set_defaults(run=run_import)


def add_db(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="the editorial database: migrate it to the newest schema, or show its revision")
    p.add_argument("action", choices=["upgrade", "current"])
    p.set_defaults(run=run_db)


def _units(editorial: "Editorial", what: str, model: str | None) -> Iterator["Unit"]:
    from service.editorial.formats import Unit
    from service.editorial.memory import model_key
    from service.editorial.sql import iso

    if what in ("memory", "all"):
        wanted = model if model is None or "@" in model else model_key(model, None)
        for e in editorial.memory.entries(wanted):
            yield Unit(e.source, e.translation, e.origin, e.model, iso(e.created_at))
    if what in ("corrections", "all"):
        for c in editorial.corrections.active():
            yield Unit(c.source, c.translation, "correction", None, iso(c.created_at), c.created_by)


def run_export(args: argparse.Namespace) -> int:
    from service.editorial import open_editorial
    from service.editorial.formats import format_of, write_units

    fmt = format_of(args.file, args.format, TM_FORMATS) if args.file != "-" or args.format else "jsonl"
    editorial = open_editorial(Settings.from_env())
    units = list(_units(editorial, args.what, args.model))
    data = write_units(units, fmt)
    if args.file == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.file).write_bytes(data)
    print(f"memory: exported {len(units)} units as {fmt.upper()}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from service.editorial import open_editorial
    from service.editorial.formats import format_of, read_units
    from service.editorial.memory import MemoryEntry, model_key

    settings = Settings.from_env()
    fmt = format_of(args.file, args.format, TM_FORMATS)
    try:
        units = read_units(Path(args.file).read_bytes(), fmt)
    except OSError as exc:
        raise FileNotFoundError(f"cannot read {args.file}: {exc.strerror}") from None
    editorial = open_editorial(settings)
    if args.target == "corrections":
        imported, skipped = _import_corrections(editorial, units, Path(args.file).name)
    else:
        default = model_key(args.model, None) if args.model else model_key(settings.model, settings.model_revision)
        entries = [
            MemoryEntry(u.source, u.translation, default if args.model or not u.model else u.model,
                        u.origin if u.origin in ("model", "retry") else "import")
            for u in units
        ]
        imported = editorial.memory.store(entries, replace=args.replace)
        skipped = len(units) - imported
    print(f"memory: imported {imported} of {len(units)} units as {args.target} ({skipped} skipped)", file=sys.stderr)
    return 0


def _import_corrections(editorial: "Editorial", units: list["Unit"], name: str) -> tuple[int, int]:
    from service.editorial.validate import english_text, hindi_sentence

    imported = skipped = 0
    for number, unit in enumerate(units, 1):
        try:
            source, translation = hindi_sentence(unit.source), english_text(unit.translation)
        except BriefError as exc:
            print(f"memory: unit {number} skipped: {exc.detail}", file=sys.stderr)
            skipped += 1
            continue
        editorial.corrections.add(source, translation, by=unit.created_by or f"import:{name}"[:64])
        imported += 1
    return imported, skipped


def run_db(args: argparse.Namespace) -> int:
    from service.editorial import db, open_editorial

    editorial = open_editorial(Settings.from_env())
    if args.action == "upgrade":
        editorial.ensure_ready()
    print(f"{editorial.backend}: schema {db.current_revision(editorial.engine)} (newest {db.head_revision()})")
    return 0
