"""Exchange formats: TMX (translation memories), TBX (term bases) through translate-toolkit, and
CSV / JSON Lines for scripts and spreadsheets.

A translation unit carries its source and English plus where it came from: ``origin`` (model,
retry, import, correction), the ``model`` that made it, ``created_at`` and ``created_by``. In TMX
those are the standard ``creationdate`` / ``creationid`` attributes and ``x-origin`` / ``x-model``
properties, so other tools keep them and ours reads them back.

CSV cells are written safe to open in a spreadsheet (OWASP "CSV injection"): a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any apostrophes) gets one ``'``
in front, so Excel, LibreOffice and Google Sheets show it as text instead of running it as a
formula (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``, ``-2+3``). Reading a CSV removes exactly
one such ``'`` again, so every text survives an export and re-import unchanged (a hand-made file's
``'=...`` cell is read as ``=...``, as a spreadsheet would show it).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Iterable, Sequence

from lxml import etree
from translate.storage import tbx, tmx

from service.errors import BriefError
from service.quality.terms import GlossaryTerm

TM_FORMATS = ("tmx", "csv", "jsonl")
GLOSSARY_FORMATS = ("csv", "tbx")
SOURCE_LANG, TARGET_LANG = "hi", "en"
_TMX_DATE = "%Y%m%dT%H%M%SZ"
_CSV_FIELDS = ["source", "translation", "origin", "model", "created_at", "created_by"]
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")  # what a spreadsheet would run as a formula, after any apostrophes
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def csv_cell(value: str | None) -> str:
    """A cell that no spreadsheet runs as a formula (one ``'`` in front of a formula's first character)."""
    text = value or ""
    return "'" + text if _FORMULA_START.match(text) else text


def csv_text(cell: str) -> str:
    """The text ``csv_cell`` wrote: one apostrophe before a formula character is dropped."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


class InvalidFile(BriefError):
    code = "invalid_file"
    status = 422
    title = "Unreadable file"


@dataclass(frozen=True)
class Unit:
    """One sentence pair as exchanged."""

    source: str
    translation: str
    origin: str = "import"
    model: str | None = None
    created_at: str | None = None  # ISO 8601
    created_by: str | None = None


def format_of(name: str, given: str | None, allowed: Sequence[str]) -> str:
    fmt = (given or name.rsplit(".", 1)[-1]).lower()
    if fmt not in allowed:
        raise InvalidFile(f"Unknown format {fmt!r}; use one of: {', '.join(allowed)}.")
    return fmt


# -- translation memories ----------------------------------------------------------------------


def write_units(units: Iterable[Unit], fmt: str) -> bytes:
    if fmt == "tmx":
        return _write_tmx(units)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS)
        writer.writeheader()
        for unit in units:
            writer.writerow({name: csv_cell(value) for name, value in asdict(unit).items()})
        return out.getvalue().encode("utf-8")
    return "".join(json.dumps(asdict(u), ensure_ascii=False) + "\n" for u in units).encode("utf-8")


def read_units(data: bytes, fmt: str) -> list[Unit]:
    try:
        if fmt == "tmx":
            return _read_tmx(data)
        text = data.decode("utf-8-sig")
        if fmt == "csv":
            rows = [{k: csv_text(v) if isinstance(v, str) else v for k, v in row.items()}
                    for row in csv.DictReader(io.StringIO(text))]
        else:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    except Exception as exc:  # any way a parser can fail on a given file is that file's problem
        raise InvalidFile(f"Not a readable {fmt.upper()} file: {type(exc).__name__}: {exc}"[:500]) from None
    units = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("source"), str) or not isinstance(row.get("translation"), str):
            raise InvalidFile(f"{fmt.upper()} record {number} needs `source` and `translation` text.")
        units.append(Unit(row["source"], row["translation"], row.get("origin") or "import", row.get("model") or None,
                          row.get("created_at") or None, row.get("created_by") or None))
    return units


def _write_tmx(units: Iterable[Unit]) -> bytes:
    store = tmx.tmxfile(sourcelanguage=SOURCE_LANG, targetlanguage=TARGET_LANG)
    for unit in units:
        store.addtranslation(unit.source, SOURCE_LANG, unit.translation, TARGET_LANG)
        element = store.units[-1].xmlelement
        if unit.created_at:
            element.set("creationdate", _tmx_date(unit.created_at))
        if unit.created_by:
            element.set("creationid", unit.created_by)
        for position, (kind, value) in enumerate((("x-origin", unit.origin), ("x-model", unit.model))):
            if value:
                prop = etree.Element("prop", type=kind)
                prop.text = value
                element.insert(position, prop)
    return bytes(store)


def _read_tmx(data: bytes) -> list[Unit]:
    store = tmx.tmxfile.parsestring(data)
    units = []
    for unit in store.unit_iter():
        if not unit.source or not unit.target:
            continue
        element = unit.xmlelement
        props = {p.get("type"): (p.text or "") for p in element.iter("prop")}
        created = element.get("creationdate")
        units.append(Unit(
            str(unit.source), str(unit.target), props.get("x-origin") or "import", props.get("x-model") or None,
            _iso_date(created) if created else None, element.get("creationid"),
        ))
    return units


def _tmx_date(iso: str) -> str:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(timezone.utc).strftime(_TMX_DATE)


def _iso_date(value: str) -> str | None:
    try:
        return datetime.strptime(value, _TMX_DATE).replace(tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")
    except ValueError:
        return None


# -- glossaries --------------------------------------------------------------------------------


def read_glossary(data: bytes, fmt: str) -> list[GlossaryTerm]:
    """Terms from CSV (``hindi,english[,note]`` with or without that header) or TBX."""
    fmt = fmt.lower()
    if fmt not in GLOSSARY_FORMATS:
        raise InvalidFile(f"Unknown glossary format {fmt!r}; use one of: {', '.join(GLOSSARY_FORMATS)}.")
    try:
        if fmt == "tbx":
            pairs = [(str(u.source or ""), str(u.target or ""), u.getnotes() or None) for u in tbx.tbxfile.parsestring(data).unit_iter()]
        else:
            pairs = _csv_terms(data.decode("utf-8-sig"))
    except Exception as exc:  # any way a parser can fail on a file someone uploaded is that file's problem
        raise InvalidFile(f"Not a readable {fmt.upper()} glossary: {type(exc).__name__}: {exc}"[:500]) from None
    from service.editorial.validate import MAX_TERM_CHARS, UnsuitableCorrection, english_text, hindi_term, optional_text

    terms: dict[str, GlossaryTerm] = {}
    for number, (hindi, english, note) in enumerate(pairs, 1):
        try:
            term = GlossaryTerm(
                hindi_term(hindi), english_text(english, "english", MAX_TERM_CHARS),
                optional_text((note or "").strip()[:MAX_TERM_CHARS], "note", MAX_TERM_CHARS),  # a long note is cut, as before
            )
        except UnsuitableCorrection as exc:
            raise UnsuitableCorrection(f"glossary entry {number}: {exc.detail}") from None
        except BriefError as exc:
            raise InvalidFile(f"glossary entry {number}: {exc.detail}") from None
        if not term.tokens:
            raise UnsuitableCorrection(f"glossary entry {number}: `hindi` has no Hindi word.")
        terms[term.hindi] = term
    return list(terms.values())


def _csv_terms(text: str) -> list[tuple[str, str, str | None]]:
    rows = [r for r in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in r)]
    if rows and [c.strip().lower() for c in rows[0][:2]] in (["hindi", "english"], ["source", "target"], ["hi", "en"]):
        rows = rows[1:]
    out = []
    for number, row in enumerate(rows, 1):
        if len(row) < 2:
            raise ValueError(f"row {number} has {len(row)} column(s); expected hindi,english[,note]")
        out.append((csv_text(row[0]), csv_text(row[1]), csv_text(row[2]) if len(row) > 2 else None))
    return out


def write_glossary(terms: Sequence[GlossaryTerm], fmt: str) -> bytes:
    if fmt == "tbx":
        store = tbx.tbxfile(sourcelanguage=SOURCE_LANG, targetlanguage=TARGET_LANG)
        for term in terms:
            unit = store.addsourceunit(term.hindi)
            unit.target = term.english
            if term.note:
                unit.addnote(term.note)
        return bytes(store)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["hindi", "english", "note"])
    for term in terms:
        writer.writerow([csv_cell(term.hindi), csv_cell(term.english), csv_cell(term.note)])
    return out.getvalue().encode("utf-8")
