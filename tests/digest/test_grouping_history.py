"""The history index (issue 19): ``index.json`` folders migrated on first use, reruns and deletions
followed, lookups confined to the date window and to stories sharing telling words."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from service.digest import history
from service.digest.grouping import ArticleSignals
from service.digest.grouping_eval import load_set, signals
from service.digest.history_index import DB_FILE, story_terms

DATA = Path(__file__).resolve().parents[1] / "data" / "grouping"


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    """Cleaned texts of public labelled articles by id."""
    items = {a.id: a for split in load_set(DATA).values() for a in split}
    return {i: signals(items[i].text, items[i].published).text for i in ("dev-047", "dev-048", "dev-049", "dev-021", "dev-022")}


def _night(root: Path, day: str, stories: dict[str, list[str]], seen: list[dict[str, str]] = ()) -> Path:
    folder = root / day
    folder.mkdir(parents=True, exist_ok=True)
    document = {
        "version": 1, "date": day, "seen": list(seen),
        "stories": [{"id": sid, "headline": texts[0].split("\n")[0],
                     "articles": [{"url": f"https://news.example/{sid}/{i}", "text_hash": f"{sid}-{i}", "published": day,
                                   "text": text} for i, text in enumerate(texts)]}
                    for sid, texts in stories.items()],
    }
    (folder / "index.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def _stored_folders(root: Path) -> list[str]:
    with sqlite3.connect(root / DB_FILE) as db:
        return [row[0] for row in db.execute("SELECT folder FROM nights ORDER BY folder")]


def test_index_json_history_is_migrated_on_first_use_and_links_the_continuing_story(tmp_path, reports):
    _night(tmp_path, "2026-01-10", {"story-announce": [reports["dev-047"]], "story-train": [reports["dev-021"]]},
           seen=[{"url": "https://news.example/failed", "text_hash": "h-failed"}])
    _night(tmp_path, "2025-06-01", {"story-old": [reports["dev-049"]]})  # outside a 7-day window
    assert not (tmp_path / DB_FILE).exists()
    earlier = history.load(tmp_path, "2026-01-12")
    assert _stored_folders(tmp_path) == ["2025-06-01", "2026-01-10"]  # every folder migrated once
    assert earlier.seen("https://news.example/failed") == "2026-01-10"
    assert earlier.seen(None, "story-announce-0") == "2026-01-10"
    assert earlier.seen("https://news.example/story-old/0") is None  # outside the window
    tonight = [[ArticleSignals(reports["dev-048"])], [ArticleSignals(reports["dev-049"])]]
    found = history.continuations(tonight, earlier)
    assert found[0] is not None and found[0].id == "story-announce" and found[0].date == "2026-01-10"
    assert found[1] is None  # the other meeting's report: its earlier telling is outside the window


def test_a_rerun_is_read_again_a_deleted_night_is_dropped_and_indexed_nights_are_not_reopened(tmp_path, reports):
    _night(tmp_path, "2026-01-10", {"story-a": [reports["dev-047"]]})
    old = _night(tmp_path, "2026-01-09", {"story-b": [reports["dev-021"]]})
    history.load(tmp_path, "2026-01-12").index.close()
    _night(tmp_path, "2026-01-10", {"story-c": [reports["dev-047"]]})  # tonight's rerun of that night, new ids
    os.utime(tmp_path / "2026-01-10" / "index.json", ns=(1, 1))
    (old / "index.json").write_text("not json any more", encoding="utf-8")
    os.utime(old / "index.json", ns=(2, 2))
    earlier = history.load(tmp_path, "2026-01-12")
    ids = {s.id for s in earlier.candidates([reports["dev-048"]])}
    assert ids == {"story-c"}
    assert {s.id for s in earlier.candidates([reports["dev-022"]])} == {"story-b"}  # unreadable now: kept as indexed
    earlier.index.close()
    (tmp_path / "2026-01-10" / "index.json").unlink()
    (tmp_path / "2026-01-10").rmdir()
    earlier = history.load(tmp_path, "2026-01-12")
    assert _stored_folders(tmp_path) == ["2026-01-09"]
    assert earlier.candidates([reports["dev-048"]]) == []


def test_lookups_read_only_stories_sharing_telling_words_inside_the_window(tmp_path, reports):
    for day in range(1, 30):
        _night(tmp_path, f"2026-01-{day:02d}", {f"story-{day}": [reports["dev-021"] if day % 2 else reports["dev-049"]]})
    earlier = history.load(tmp_path, "2026-01-30")
    found = earlier.candidates([reports["dev-022"]])
    assert found and all("2026-01-23" <= s.date < "2026-01-30" for s in found)
    assert len(found) <= history.CANDIDATES_PER_STORY
    assert {s.articles[0].text for s in found} == {reports["dev-021"]}  # the derailment, not the meetings
    assert story_terms([reports["dev-021"]]) and len(story_terms([reports["dev-021"]])) <= 40


def test_a_history_folder_that_cannot_hold_the_index_is_indexed_in_memory(tmp_path, reports):
    _night(tmp_path, "2026-01-10", {"story-announce": [reports["dev-047"]]})
    (tmp_path / DB_FILE).mkdir()  # something that is not a database sits where the index would go
    earlier = history.load(tmp_path, "2026-01-12")
    assert [s.id for s in earlier.candidates([reports["dev-048"]])] == ["story-announce"]
    assert (tmp_path / DB_FILE).is_dir()
