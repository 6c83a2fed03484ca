"""The guard on human translations nobody here wrote: false alarms on correct pairs, recall on planted errors.

Runs ``score_guard`` on one pair in 6 of the committed development set (tests/data/guard/dev.jsonl,
WMT14 newstest2014 + FLORES-200 dev), one in 4 of the second one (dev-tico19.jsonl, TICO-19) and one in
6 of the held-out set (FLORES-200 devtest + NTREX-128).
The full figures come from ``python -m service eval-guard`` (docs/quality.md). The levels below are
regression floors and ceilings a little beyond what the guard reaches today (on these samples:
false alarms 3.8% dev, 2.1% TICO-19, 5.8% held-out), not the issue's targets: the 3% false-alarm
target is NOT met on held-out (3.2% dev, 2.0% TICO-19, 5.9% held-out in full), names swapped for names that are also English words
are caught a bit more than half the time here (two in three in full), names swapped for ones that
sound like a common Hindi word of the source about 70% of the time, negation flips about 81-85%.
"""
import pytest

from service.quality.guard_eval import load_pairs, score_guard
from service.quality.perturb import plant_errors
from tests.quality.conftest import REFERENCES

GUARD_DATA = REFERENCES.parent / "guard"
FACT_KINDS = ("number", "scale", "date", "ordinal", "name")


@pytest.mark.parametrize("name, every", [("dev.jsonl", 6), ("dev-tico19.jsonl", 4), ("heldout.jsonl", 6)])
def test_false_alarms_and_recall_per_kind(name, every):
    scores = score_guard(load_pairs([GUARD_DATA / name], every=every))
    print(f"\n{name}: false-alarm rate {scores.false_alarm_rate:.3f}; "
          + ", ".join(f"{k} {scores.recall(k):.3f} ({scores.planted[k]})" for k in scores.planted))
    assert scores.pairs >= 450 and all(scores.planted[k] >= 5 for k in FACT_KINDS)
    assert scores.false_alarm_rate <= 0.08
    for kind in FACT_KINDS:
        assert scores.recall(kind) >= 0.9, kind
    assert scores.recall("name-word") >= 0.5 and scores.recall("name-hindi-word") >= 0.55
    negation = (scores.caught["negation-drop"] + scores.caught["negation-add"]) / (
        scores.planted["negation-drop"] + scores.planted["negation-add"])
    assert negation >= 0.75 and scores.recall("ordinal-elsewhere") >= 0.6


def test_planting_is_deterministic_and_changes_one_fact():
    pairs = load_pairs([GUARD_DATA / "dev.jsonl"], every=40)
    first, second = plant_errors(pairs, seed=3), plant_errors(pairs, seed=3)
    assert first == second and first
    for planted in first:
        hindi, english = pairs[planted.index]
        source_side = planted.hindi != hindi
        assert source_side == (planted.kind == "scale-word-hi") and " -> " in planted.change
        before, after = (hindi, planted.hindi) if source_side else (planted.original, planted.english)
        assert after != before and planted.original == english
        old, new = planted.change.split(" -> ")
        assert old in before and new in after


def test_a_scale_word_changed_in_the_source_is_caught():
    """``scale-word-hi``: the Hindi's spelled-out scale changed (दस लाख -> दस अरब), the English kept."""
    pairs = [("सरकार ने दस लाख रुपये की मदद दी।", "The government gave aid of ten lakh rupees.")]
    [planted] = plant_errors(pairs, kinds=("scale-word-hi",))
    assert planted.english == pairs[0][1] and "लाख" not in planted.hindi and "दस" in planted.hindi
    scores = score_guard(pairs)
    assert scores.planted["scale-word-hi"] == 1 and scores.caught["scale-word-hi"] == 1


def test_negation_operating_points_trade_recall_for_fewer_false_alarms():
    from service.quality.guard_eval import negation_operating_points

    points = list(negation_operating_points(load_pairs([GUARD_DATA / "heldout.jsonl"], every=3)).values())
    every_mismatch, shipped, strict_both = points[0], points[1], points[2]
    assert strict_both["false_alarm_rate"] <= shipped["false_alarm_rate"] <= every_mismatch["false_alarm_rate"]
    assert strict_both["recall"] <= shipped["recall"] <= every_mismatch["recall"]
    assert shipped["recall"] >= 0.75 and shipped["false_alarm_rate"] <= 0.02
