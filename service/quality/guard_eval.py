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
from service.quality.negation import CERTAIN_SHORTFALL, Polarity, english_polarity, hindi_polarity, more_negations
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


def _strict(one: Polarity, other: Polarity) -> bool:
    """``one`` has more negations and ``other`` negates nothing or is ``CERTAIN_SHORTFALL`` short."""
    return more_negations(one, other) and (other.any == 0 or one.plain - other.plain >= CERTAIN_SHORTFALL)


def _present(one: Polarity, other: Polarity) -> bool:
    return bool(one.plain) and not (other.plain or other.lexical > one.lexical)


# Rules a negation check could flag by, from more recall to more precision: (missing, unsupported).
NEGATION_RULES = {
    "every count mismatch": (more_negations, more_negations),
    "missing only where the English negates nothing or is 2 short (shipped)": (_strict, more_negations),
    "the same for an added negation": (_strict, _strict),
    "presence only": (_present, _present),
}


def negation_operating_points(pairs: list[tuple[str, str]], seed: int = 12) -> dict[str, dict[str, float]]:
    """For each of ``NEGATION_RULES``: the share of correct pairs it flags, and its recall of planted
    negation flips (``negation-drop`` and ``negation-add`` together)."""
    hindi = [hindi_polarity(h) for h, _ in pairs]
    english = [english_polarity(e) for _, e in pairs]
    flips = [p for p in plant_errors(pairs, seed=seed, kinds=("negation-drop", "negation-add"))]
    flipped = [english_polarity(p.english) for p in flips]
    points = {}
    for name, (missing, unsupported) in NEGATION_RULES.items():
        def flags(h: Polarity, e: Polarity) -> set[str]:
            return {kind for kind, hit in (("missing", missing(h, e)), ("unsupported", unsupported(e, h))) if hit}
        base = [flags(h, e) for h, e in zip(hindi, english)]
        caught = sum(bool(flags(hindi[p.index], e) - base[p.index]) for p, e in zip(flips, flipped))
        points[name] = {"false_alarm_rate": round(sum(map(bool, base)) / len(pairs), 4),
                        "recall": round(caught / len(flips), 3) if flips else 0.0}
    return points

