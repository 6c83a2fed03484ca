"""Print eval results as a table and write them as JSON for comparing models and modes."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from service.quality.evaluate import ModeResult
from service.text_table import text_table

_COLUMNS = ("mode", "articles", "chrf++", "bleu", "rouge1", "rouge2", "rougeL", "guard pass", "s/article")


def table(results: list[ModeResult]) -> str:
    rows = []
    for r in results:
        d = r.to_dict()
        m = d["metrics"]
        rows.append((
            r.mode, str(r.articles),
            *(_fmt(m.get(k)) for k in ("chrf++", "bleu", "rouge1", "rouge2", "rougeL")),
            _fmt(None if d["guard_pass_rate"] is None else 100 * d["guard_pass_rate"]) + ("%" if d["guard_pass_rate"] is not None else ""),
            _fmt(d["seconds_per_article"], 3),
        ))
    return text_table(_COLUMNS, rows)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
