"""Measure romanized-Hindi recognition: ``python -m service eval-language``.

Positives are Hindi in Latin letters written by people (Dakshina romanized sentences; code-mixed
Hinglish from CMU Hinglish DoG and Hinglish-TOP); negatives are English news sentences (the
English sides of FLORES-200 and NTREX-128/newstest). Each text goes through the service's own
``identify``; a positive is recognised when it comes out ``hi-Latn``, a negative is a false
refusal when it does not come out ``en``. The tuning sets chose the thresholds in ``romanized``;
the held-out sets were not looked at while choosing them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from service.pipeline.language import ROMANIZED_HINDI, identify

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


@dataclass(frozen=True)
class LanguageSet:
    name: str
    romanized: bool  # True: Hindi in Latin letters; False: English
    split: str  # tune | held-out
    texts: list[str]


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (DATA / "language" / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _english(name: str, prefix: str) -> list[str]:
    rows = [json.loads(line) for line in (DATA / "guard" / name).read_text(encoding="utf-8").splitlines() if line]
    return [row["en"] for row in rows if row["set"].startswith(prefix)]


def language_sets() -> list[LanguageSet]:
    return [
        LanguageSet("hinglish-dog-train (code-mixed)", True, "tune", _lines("hinglish-dog-train.txt")),
        LanguageSet("english flores200-dev", False, "tune", _english("dev.jsonl", "flores")),
        LanguageSet("english newstest2014", False, "tune", _english("dev.jsonl", "wmt14")),
        LanguageSet("dakshina-test (romanized)", True, "held-out", _lines("dakshina-test.txt")),
        LanguageSet("hinglish-dog-dev (code-mixed)", True, "held-out", _lines("hinglish-dog-dev.txt")),
        LanguageSet("hinglish-top-test (code-mixed)", True, "held-out", _lines("hinglish-top-test.txt")),
        LanguageSet("english flores200-devtest", False, "held-out", _english("heldout.jsonl", "flores")),
        LanguageSet("english ntrex128", False, "held-out", _english("heldout.jsonl", "ntrex")),
    ]


def evaluate_language(sets: list[LanguageSet]) -> dict[str, dict]:
    """Per set: texts and the share called romanized Hindi; per split: precision and recall."""
    out: dict[str, dict] = {"sets": {}, "splits": {}}
    for split in ("tune", "held-out"):
        tp = fp = fn = refused_english = english = 0
        for data in (s for s in sets if s.split == split):
            codes = [identify(text).code for text in data.texts]
            called = sum(code == ROMANIZED_HINDI for code in codes)
            out["sets"][data.name] = {"split": split, "texts": len(codes), "called_romanized": called,
                                      "rate": round(called / len(codes), 4)}
            if data.romanized:
                tp += called
                fn += len(codes) - called
            else:
                fp += called
                english += len(codes)
                refused_english += sum(code != "en" for code in codes)
        out["splits"][split] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "english_not_passed_as_english": round(refused_english / english, 4) if english else 0.0,
        }
    return out


def table(result: dict[str, dict]) -> str:
    lines = [f"{'set':<34} {'split':<9} {'texts':>6} {'called hi-Latn':>15}"]
    for name, row in result["sets"].items():
        lines.append(f"{name:<34} {row['split']:<9} {row['texts']:>6} {row['rate']:>15.3f}")
    for split, row in result["splits"].items():
        lines.append(f"{split}: precision {row['precision']:.3f}, recall {row['recall']:.3f}, "
                     f"English news not passed as English {row['english_not_passed_as_english']:.4f}")
    return "\n".join(lines)
