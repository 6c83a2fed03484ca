"""``python -m bench.grouping --smoke``: the rows ``bench.nightly`` includes, on small nights."""
from __future__ import annotations

from bench import grouping as bench_grouping


def test_smoke_rows_time_grouping_and_continuity_and_match_the_old_grouping():
    rows = bench_grouping.rows(smoke=True)
    sizes = [r["n"] for r in rows if r["what"].startswith("group ") and "pre-issue" not in r["what"]]
    assert sizes == list(bench_grouping.SMOKE_SIZES)
    for row in rows:
        assert row["seconds"] > 0 and {"bench", "what", "target", "met"} <= set(row)
    old = next(r for r in rows if "pre-issue-19" in r["what"])
    assert old["note"].endswith("same groups: True")
    lookups = [r for r in rows if r["what"].startswith("continuity lookup")]
    assert [r["n"] for r in lookups] == [n for n in bench_grouping.SMOKE_NIGHTS for _ in range(2)]
    assert all(r["linked"] >= r["stories"] // 2 for r in lookups)  # half of tonight's stories retell last night's
    assert "group 30 articles" in bench_grouping.table(rows)
