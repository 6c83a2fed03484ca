import json
from pathlib import Path

import pytest

from service.digest.articles import InputUnusable, read_input


def test_jsonl_bad_lines_are_reported_with_their_number_and_skipped(tmp_path: Path):
    path = tmp_path / "day.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "पहला लेख।", "source": "X", "extra": [1, 2]}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "b", "title": "शीर्षक"}),
        "",
        json.dumps({"id": "a", "text": "दोहराया गया आईडी।"}),
        json.dumps({"id": "c", "html": "<html><body><p>पाठ</p></body></html>", "url": "https://x.test/c"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, problems = read_input(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert articles[1].format == "html" and articles[1].url == "https://x.test/c"
    assert [p.where for p in problems] == ["line 2", "line 3", "line 4", "line 6"]
    assert "not valid JSON" in problems[0].reason and "duplicate" in problems[3].reason


def test_folder_reads_txt_and_html_in_name_order(tmp_path: Path):
    (tmp_path / "b.html").write_text("<p>ख</p>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("क", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    articles, problems = read_input(tmp_path)
    assert [(a.id, a.format) for a in articles] == [("a", "text"), ("b", "html")] and problems == []


def test_missing_input_is_a_usage_error(tmp_path: Path):
    with pytest.raises(InputUnusable):
        read_input(tmp_path / "nope.jsonl")
