"""The clean stage measured line by line on labelled public pages (tests/data/cleaning).

The floors sit a little under the figures docs/quality.md reports, so a change that makes the
cleaner drop story lines or keep boilerplate on pages nobody here wrote fails here.
"""
from __future__ import annotations

import pytest

from service.cli import main
from service.pipeline.types import CleanArticle
from service.quality.cleaning_eval import kept_lines, load_pages, score

FLOORS = {"story_precision": 0.97, "story_recall": 0.95, "boilerplate_precision": 0.9, "boilerplate_recall": 0.93}


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_cleaner_stays_above_its_floors(split):
    counts = score(load_pages(split=split))
    assert counts.pages >= 30 and counts.story_kept + counts.story_removed >= 100
    for name, floor in FLOORS.items():
        assert getattr(counts, name) >= floor, (split, name, getattr(counts, name), counts.errors)
    assert counts.headlines_right >= 0.9 * counts.headlines, counts.errors


def test_both_parts_hold_plenty_of_story_and_of_boilerplate():
    pages = load_pages()
    assert len({p.url for p in pages}) == len(pages) and all(set(p.labels) & set("HS") for p in pages)
    for split in ("dev", "heldout"):
        labels = "".join(p.labels for p in pages if p.split == split)
        assert labels.count("B") >= 40 and labels.count("S") + labels.count("H") >= 100, split


def test_a_cleaner_that_keeps_everything_scores_zero_boilerplate_recall():
    counts = score(load_pages(split="dev"), lambda text, language: CleanArticle(None, text.splitlines()))
    assert counts.story_recall == 1.0 and counts.boilerplate_recall == 0.0 and counts.story_precision < 0.8


def test_each_cleaned_unit_counts_for_the_line_it_came_from():
    lines = ["Hindi News खेल भारत जीता मैच", "भारत जीता मैच", "भारत ने मैच जीत लिया।"]
    assert kept_lines(lines, CleanArticle("भारत जीता मैच", ["भारत ने मैच जीत लिया।"])) == [False, True, True]
    assert kept_lines(["नई दिल्ली: भारत ने मैच जीत लिया।"], CleanArticle(None, ["भारत ने मैच जीत लिया।"])) == [True]


def test_command_prints_both_parts(capsys):
    assert main(["eval-cleaning"]) == 0
    out = capsys.readouterr().out
    assert "story kept P" in out and "\ndev " in out and "\nheldout " in out and "\nall " in out
