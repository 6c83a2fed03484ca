"""Measure the faithfulness guard on human translations: false alarms on correct pairs, recall on planted errors.

``python -m service eval-guard --pairs FILE.jsonl [--pairs ...] [--every N] [--seed S] [--out FILE]``

* false-alarm rate: the share of correct pairs (a person's translation) the guard flags;
* recall per kind of planted error (``perturb.KINDS``): a planted pair counts as caught when the
  guard reports a problem it does not report on the untouched pair, so a pair that was already
  flagged for something else does not inflate recall.

The pairs are checked one sentence at a time with no article context (names are learnt from the
sentence itself), the hardest setting for the name checks.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from service.quality.faithfulness import check_faithfulness
from service.quality.perturb import KINDS, plant_errors


@dataclass
class GuardScores:
    pairs: int
    flagged: int
    planted: Counter = field(default_factory=Counter)
    caught: Counter = field(default_factory=Counter)
    alarms: Counter = field(default_factory=Counter)  # (kind, problem) of the false alarms

    @property
    def false_alarm_rate(self) -> float:
        return self.flagged / self.pairs if self.pairs else 0.0

    def recall(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.planted)
        planted = sum(self.planted[k] for k in kinds)
        return sum(self.caught[k] for k in kinds) / planted if planted else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "false_alarms": self.flagged,
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "recall": {k: {"planted": self.planted[k], "caught": self.caught[k], "recall": round(self.recall(k), 4)}
                       for k in KINDS if self.planted[k]},
            "recall_all": round(self.recall(), 4),
            "false_alarms_by_check": {f"{kind}/{problem}": n for (kind, problem), n in self.alarms.most_common()},
        }


def load_pairs(paths: Iterable[str | Path], every: int = 1) -> list[tuple[str, str]]:
    """``{"hi", "en"}`` JSON lines (extra keys ignored); ``every`` keeps one pair in N, in order."""
    pairs = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        pairs += [(row["hi"], row["en"]) for row in rows]
    return pairs[::every]


def _failures(hindi: str, english: str) -> set[tuple[str, str, str]]:
    return {(c.kind, c.value, c.problem) for c in check_faithfulness(hindi, english).failures}


def score_guard(pairs: list[tuple[str, str]], seed: int = 12) -> GuardScores:
    baseline = [_failures(hindi, english) for hindi, english in pairs]
    scores = GuardScores(pairs=len(pairs), flagged=sum(bool(f) for f in baseline))
    for failures in baseline:
        scores.alarms.update({(kind, problem) for kind, _, problem in failures})
    for planted in plant_errors(pairs, seed=seed):
        scores.planted[planted.kind] += 1
        if _failures(planted.hindi, planted.english) - baseline[planted.index]:
            scores.caught[planted.kind] += 1
    return scores


def table(name: str, scores: GuardScores) -> str:
    lines = [f"{name}: {scores.pairs} correct pairs, {scores.flagged} flagged "
             f"(false-alarm rate {scores.false_alarm_rate:.3f})",
             f"  {'planted error':<12} {'planted':>8} {'caught':>8} {'recall':>8}"]
    for kind in KINDS:
        if scores.planted[kind]:
            lines.append(f"  {kind:<12} {scores.planted[kind]:>8} {scores.caught[kind]:>8} {scores.recall(kind):>8.3f}")
    lines.append(f"  {'all':<12} {sum(scores.planted.values()):>8} {sum(scores.caught.values()):>8} {scores.recall():>8.3f}")
    return "\n".join(lines)
