"""Story grouping at a newsroom's scale: ``python -m bench.grouping`` (``--smoke``: a few seconds).

(1) Grouping n articles (``group_articles``, the nightly digest's grouping; full: 100 / 500 /
    2,000 / 10,000, smoke: 30 / 90): seconds and peak memory (the process's peak RSS, each size
    measured in its own forked process), beside the pre-issue-19 grouping (per-pair Python loops
    and the n^3 clustering loop, ``tests/digest/reference_grouping.py``) on the smallest night, as a
    ratio measured in the same run. Nights: ``bench.grouping_nights`` (real articles, then real
    headlines and sentences recombined); ``--corpus DIR`` adds a folder of public Hindi news text
    to the pool (docs/performance.md names the one measured).
(2) Continuity lookups with 10 / 100 / 1,000 earlier nights (smoke: 2 / 8): the seconds a night
    spends finding the earlier stories its 20 stories (smoke: 6) continue (``history.load`` then
    ``history.continuations``) once the index exists, the one-time migration of the ``index.json``
    files into the index, and what reading every earlier ``index.json`` costs (what the history
    did before the index), with the default 7-day window and with a window covering every night.

Targets (2 cores): 2,000 articles <= 30 s; 10,000 <= 300 s with peak RSS <= 2 GB; lookup time
flat from 10 to 1,000 nights. ``rows(smoke)`` gives the table's rows to ``bench.nightly``.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

FULL_SIZES = (100, 500, 2000, 10000)
SMOKE_SIZES = (30, 90)
FULL_NIGHTS = (10, 100, 1000)
SMOKE_NIGHTS = (2, 8)
STORIES_PER_NIGHT = 20
SMOKE_STORIES_PER_NIGHT = 6
TARGET_SECONDS = {2000: 30.0, 10000: 300.0}
TARGET_PEAK_MB = {10000: 2048.0}
_POOL: list[Any] = []  # set before forking: children read it without pickling


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    try:
        status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
        return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_mb = peak / 1024 / (1024 if sys.platform == "darwin" else 1)
        return peak_mb, peak_mb


def _in_child(job: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``job`` in a forked process (a clean peak-memory reading) and return its result."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=lambda: queue.put(job()))
    process.start()
    result = queue.get()
    process.join()
    return result


def _group_job(size: int, reference: bool) -> Callable[[], dict[str, Any]]:
    def job() -> dict[str, Any]:
        from bench.grouping_nights import night
        from service.digest import grouping

        articles = night(size, _POOL)
        start_rss, _ = _rss_mb()
        started = time.perf_counter()
        if reference:
            from tests.digest import reference_grouping

            weights = grouping.GroupingWeights()
            sim = reference_grouping.similarity_matrix(articles, weights)
            groups = reference_grouping.attach_short_reports(articles, reference_grouping.cluster(sim, weights.threshold), sim)
        else:
            groups = grouping.group_articles(articles)
        seconds = time.perf_counter() - started
        _, peak = _rss_mb()
        return {"seconds": seconds, "peak_rss_mb": peak, "added_mb": peak - start_rss, "groups": len(groups),
                "largest": max(len(g) for g in groups)}
    return job


def grouping_rows(sizes: tuple[int, ...]) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        found = _in_child(_group_job(size, reference=False))
        target_s, target_mb = TARGET_SECONDS.get(size), TARGET_PEAK_MB.get(size)
        met = None
        if target_s or target_mb:
            met = (target_s is None or found["seconds"] <= target_s) and (target_mb is None or found["peak_rss_mb"] <= target_mb)
        target = ", ".join(t for t in (f"<= {target_s:.0f} s" if target_s else "", f"<= {target_mb:.0f} MB" if target_mb else "") if t)
        rows.append({"bench": "grouping", "what": f"group {size:,} articles", "n": size, **found,
                     "target": target or None, "met": met})
    smallest = sizes[0]
    old = _in_child(_group_job(smallest, reference=True))
    rows.append({"bench": "grouping", "what": f"group {smallest:,} articles, pre-issue-19 loops", "n": smallest, **old,
                 "target": None, "met": None,
                 "note": f"{old['seconds'] / max(rows[0]['seconds'], 1e-9):.1f}x the time of the new grouping, same groups: "
                         f"{old['groups'] == rows[0]['groups']}"})
    return rows


def _write_night(root: Path, day: date, number: int, rng: random.Random, stories_per_night: int) -> None:
    from service.fetch.identity import text_hash

    stories = []
    for s in range(stories_per_night):
        source = rng.choice(_POOL)
        texts = [_retold(source, rng) for _ in range(rng.randint(1, 3))]
        articles = [{"url": f"https://news.example/{day}/{s}/{i}", "text_hash": text_hash(f"{day}{s}{i}"),
                     "published": day.isoformat(), "text": text} for i, text in enumerate(texts)]
        stories.append({"id": f"story-{number:05d}-{s:02d}", "headline": source.headline, "articles": articles})
    folder = root / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    document = {"version": 1, "date": day.isoformat(), "stories": stories, "seen": []}
    (folder / "index.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def _retold(article: Any, rng: random.Random) -> str:
    """One outlet's report of a pool article's event: its headline and most of its sentences."""
    kept = [s for s in article.sentences if rng.random() < 0.8] or article.sentences[:1]
    return f"{article.headline}\n\n{' '.join(kept[:10])}"


def _tonight(root: Path, tonight: date, rng: random.Random, count: int) -> list[list[Any]]:
    """Tonight's stories: half retell a story of the last night (its articles again), half are other articles."""
    from service.digest.grouping import ArticleSignals

    last = json.loads((root / (tonight - timedelta(days=1)).isoformat() / "index.json").read_text(encoding="utf-8"))
    stories = []
    for s in range(count):
        if s % 2 == 0:
            earlier = last["stories"][s]["articles"]
            stories.append([ArticleSignals(a["text"], tonight) for a in earlier])
        else:
            article = rng.choice(_POOL)
            stories.append([ArticleSignals(f"{article.headline}\n\n{' '.join(article.sentences)}", tonight)])
    return stories


def _signals(article: Any) -> Any:
    from service.digest.grouping import ArticleSignals

    return ArticleSignals(f"{article.headline}\n\n{' '.join(article.sentences)}")


def _read_every_index(root: Path) -> int:
    """What the history did before the index: parse every earlier ``index.json``."""
    return sum(len(json.loads(p.read_text(encoding="utf-8"))["stories"]) for p in sorted(root.glob("*/index.json")))


def continuity_rows(nights: tuple[int, ...], stories_per_night: int = STORIES_PER_NIGHT) -> list[dict[str, Any]]:
    from service.digest import history

    rows = []
    history.continuations([[_signals(_POOL[0])]], history.History.empty())  # warm the word-frequency tables
    for count in nights:
        rng = random.Random(count)
        with tempfile.TemporaryDirectory(prefix="bench-history-") as folder:
            root = Path(folder)
            first = date(2024, 1, 1)
            for k in range(count):
                _write_night(root, first + timedelta(days=k), k, rng, stories_per_night)
            tonight = first + timedelta(days=count)
            stories = _tonight(root, tonight, rng, stories_per_night)
            started = time.perf_counter()
            history.load(root, tonight.isoformat()).index.close()  # type: ignore[union-attr]
            migration = time.perf_counter() - started
            started = time.perf_counter()
            _read_every_index(root)
            read_all = time.perf_counter() - started
            for days, label in ((history.DEFAULT_DAYS, "7-day window"), (count, "all nights")):
                started = time.perf_counter()
                earlier = history.load(root, tonight.isoformat(), days)
                found = history.continuations(stories, earlier)
                seconds = time.perf_counter() - started
                earlier.index.close()  # type: ignore[union-attr]
                rows.append({"bench": "grouping", "what": f"continuity lookup, {count:,} earlier nights, {label}", "n": count,
                             "seconds": seconds, "linked": sum(1 for f in found if f), "stories": len(stories),
                             "migration_s": migration, "read_every_index_s": read_all, "target": "flat in nights", "met": None})
    for label in ("7-day window", "all nights"):
        same = [r for r in rows if r["what"].endswith(label)]
        if len(same) > 1 and label == "7-day window":
            same[-1]["met"] = same[-1]["seconds"] <= 2 * same[0]["seconds"] + 0.05
    return rows


def rows(smoke: bool) -> list[dict[str, Any]]:
    """Every row of this benchmark (``bench.nightly`` includes them)."""
    global _POOL
    from bench.grouping_nights import article_pool
    from service.digest.grouping import group_articles

    corpus = os.environ.get("BENCH_GROUPING_CORPUS")
    _POOL = article_pool(Path(corpus) if corpus else None)
    group_articles([_signals(a) for a in _POOL[:3]])  # load the word lists once, before the forks
    if smoke:
        return grouping_rows(SMOKE_SIZES) + continuity_rows(SMOKE_NIGHTS, SMOKE_STORIES_PER_NIGHT)
    return grouping_rows(FULL_SIZES) + continuity_rows(FULL_NIGHTS)


def table(found: list[dict[str, Any]]) -> str:
    lines = [f"{'what':<58} {'seconds':>9} {'peak RSS MB':>12}  {'target':<22} met  notes", "-" * 120]
    for row in found:
        peak = f"{row['peak_rss_mb']:.0f}" if "peak_rss_mb" in row else ""
        met = {True: "yes", False: "NO", None: ""}[row["met"]]
        notes = row.get("note", "")
        if "groups" in row and not notes:
            notes = f"{row['groups']} groups, largest {row['largest']}"
        if "migration_s" in row:
            notes = (f"{row['linked']}/{row['stories']} linked; first-use migration {row['migration_s']:.2f} s; "
                     f"reading every index.json {row['read_every_index_s']:.2f} s")
        lines.append(f"{row['what']:<58} {row['seconds']:>9.3f} {peak:>12}  {row['target'] or '':<22} {met:<4} {notes}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.grouping", description=__doc__.split("\n\n")[0])
    p.add_argument("--smoke", action="store_true", help="small nights, a few seconds")
    p.add_argument("--corpus", type=Path, help="a folder of public Hindi news .txt files added to the article pool")
    p.add_argument("--json", type=Path, help="also write the rows here")
    args = p.parse_args(argv)
    if args.corpus:
        os.environ["BENCH_GROUPING_CORPUS"] = str(args.corpus)
    found = rows(args.smoke)
    print(table(found))
    if args.json:
        args.json.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
