"""``python -m service eval-grouping`` on a small labelled set cut from the public one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from service.digest.grouping_eval import evaluate, load_split

DATA = Path(__file__).resolve().parents[1] / "data" / "grouping"
# Two outlets' reports of one announcement, another meeting of the same people, two reports of one
# derailment and a derailment near the same region four days earlier.
PICK = ("dev-047", "dev-048", "dev-049", "dev-021", "dev-022", "dev-023")


@pytest.fixture
def small_set(tmp_path: Path) -> Path:
    lines = [line for line in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines()
             if json.loads(line)["id"] in PICK]
    (tmp_path / "mini.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_json_figures_are_those_of_the_grouping(small_set: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["eval-grouping", "--set", str(small_set), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)["mini"]
    expected, _ = evaluate(load_split(small_set / "mini.jsonl"))
    assert printed["articles"] == 6 and printed["events"] == 4
    assert printed["pair_f1"] == pytest.approx(expected.pair_f1)
    assert printed["bcubed_f1"] == pytest.approx(expected.bcubed_f1)
    assert isinstance(printed["mistakes"], list)


def test_table_mistakes_and_refit(small_set: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["eval-grouping", "--set", str(small_set), "--mistakes", "--fit", "mini"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("weights fitted on mini: GroupingWeights(")
    assert "pair F1" in out and "B3 F1" in out and "mini: " in out


def test_unknown_split_and_unlabelled_lines_are_usage_errors(small_set: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["eval-grouping", "--set", str(small_set), "--split", "nosuch"]) == 2
    assert "no split named nosuch (have: mini)" in capsys.readouterr().err
    (small_set / "mini.jsonl").write_text(json.dumps({"id": "x", "text": "पाठ"}) + "\n", encoding="utf-8")
    assert main(["eval-grouping", "--set", str(small_set)]) == 2
    assert 'needs an "event" label' in capsys.readouterr().err
