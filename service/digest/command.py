"""``python -m service nightly``: a folder or JSONL file of the day's articles, or the day's entries
of RSS/Atom feeds and news sitemaps (``--feed``, ``--feeds``), becomes one digest.

Exit codes: 0 everything briefed; 2 bad usage or unreadable input; 4 partial (some articles or
input lines failed, or the Slack post failed: the digest is still written); 5 the digest could not
be written (disk full, no permission): the previous digest is left as it was.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from service.config import Settings
from service.digest import articles as articles_mod
from service.pipeline.types import MODES

if TYPE_CHECKING:
    from service.cache.base import Cache
    from service.digest.digest import Digest
    from service.digest.runner import RunResults

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_PARTIAL = 4
EXIT_WRITE_FAILED = 5

log = logging.getLogger("service.digest")


def add_nightly_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("nightly", help="brief a day's articles into one digest grouped by story")
    p.add_argument("--input", type=Path, help="folder of .txt/.html files, or a JSONL file")
    p.add_argument("--feed", action="append", default=[], metavar="URL",
                   help="an RSS/Atom feed or news sitemap to read (repeatable; hosts must be in BRIEFS_FETCH_ALLOW)")
    p.add_argument("--feeds", type=Path, metavar="FILE", help="feeds to read: an OPML export, or one URL a line")
    p.add_argument("--out", required=True, type=Path, help="folder for digest.md, digest.html, digest.json")
    p.add_argument("--date", type=_iso_date, help="the digest's date, YYYY-MM-DD (default: today)")
    p.add_argument("--since", help="feeds: take entries published since this ISO date/datetime or duration "
                   "before the end of --date (36h, 2d); default: --date's day (BRIEFS_TIMEZONE)")
    p.add_argument("--history", type=Path, metavar="DIR",
                   help="folder holding earlier digests' folders, for continuity (default: the parent of --out)")
    p.add_argument("--history-days", type=int, default=7, metavar="N", help="earlier digests looked at (default: 7 days)")
    p.add_argument("--mode", choices=MODES, help="default: BRIEFS_MODE")
    p.add_argument("--bullets", type=int, help="bullets per article (default: automatic, from each article's length, "
                   "at most BRIEFS_BULLETS)")
    p.add_argument("--model", help="HF id or local directory (default: BRIEFS_MODEL)")
    p.add_argument("--batch-articles", type=_positive, metavar="N",
                   help="articles per batch: one model call, or one RQ job with REDIS_URL (default: BRIEFS_NIGHTLY_BATCH, 8)")
    workers = p.add_argument_group("with REDIS_URL: batches are briefed by `python -m service worker` processes")
    workers.add_argument("--queue", help="RQ queue the workers serve (default: BRIEFS_NIGHTLY_QUEUE, briefs-nightly)")
    workers.add_argument("--job-timeout", type=_positive, metavar="S",
                         help="seconds a batch may run on a worker before it is stopped and retried (default: BRIEFS_NIGHTLY_JOB_TIMEOUT, 600)")
    workers.add_argument("--in-process", action="store_true",
                         help="brief in this process even with REDIS_URL (the cache stays in Redis)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--slack-channel", help="post the digest with chat.postMessage (needs SLACK_BOT_TOKEN)")
    target.add_argument("--webhook-url", help="post the digest to a Slack incoming webhook")
    p.set_defaults(run=run_nightly)


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_nightly(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    settings = Settings.from_env()
    if args.model:
        settings = replace(settings, model=args.model)
    mode = args.mode or settings.mode
    bullets = args.bullets  # None: each article's own count (service.pipeline.select.bullet_count)
    if bullets is not None and not 1 <= bullets <= settings.max_bullets:
        return _usage_error(f"--bullets must be between 1 and {settings.max_bullets}")
    day = args.date or date.today().isoformat()
    if bool(args.input) == bool(args.feed or args.feeds):
        return _usage_error("give --input PATH, or feeds with --feed URL / --feeds FILE (not both)")
    from service.digest import history as history_mod

    history = history_mod.load(args.history or args.out.resolve().parent, day, args.history_days)
    feed_problems: list[articles_mod.InputProblem] = []
    collected = None
    if args.input:
        try:
            articles, problems = articles_mod.read_input(args.input)
        except articles_mod.InputUnusable as exc:
            return _usage_error(str(exc))
        if not articles and not problems:
            return _usage_error(f"no articles in {args.input} (.txt/.html files or JSONL lines)")
    else:
        from service.digest.feed_input import collect_night

        try:
            collected = collect_night(settings, args.feed, args.feeds, day, args.since, history)
        except ValueError as exc:
            return _usage_error(str(exc))
        articles, problems, feed_problems = collected.articles, collected.page_problems, collected.feed_problems
        for problem in feed_problems:
            print(f"nightly: feed not read {problem.where}: {problem.reason}", file=sys.stderr)
    for problem in problems:
        print(f"nightly: skipped {problem.where}: {problem.reason}", file=sys.stderr)
    from service.digest.roundups import split_articles

    articles = split_articles(articles, date.fromisoformat(day))  # wire roundups become their items

    # Heavy imports (models, scikit-learn) only when the command runs, not for every CLI call.
    from service.cache import build_cache
    from service.digest import runner
    from service.digest.digest import assemble
    from service.digest.render import write_digest
    from service.digest.store import BriefOptions

    from service.editorial import open_editorial
    from service.editorial.overlay import Overlay

    cache = build_cache(settings)
    editorial = open_editorial(settings)
    options = BriefOptions(mode=mode, bullets=bullets, model=settings.model, revision=settings.model_revision)
    results = _brief(args, settings, articles, cache, editorial, options)
    results.records = runner.overlaid(results.records, Overlay(editorial, settings).apply)  # editors' corrections
    digest = assemble(day, mode, settings.model, articles, results.records, problems, bullets or settings.bullets,
                      feed_problems=feed_problems, history=history, out_dir=args.out)
    try:
        write_digest(digest, args.out)
    except OSError as exc:
        print(
            f"error: could not write the digest to {args.out}: {exc.strerror or exc} (errno {exc.errno}); "
            "the previous digest there is unchanged. Briefs are cached: rerun once there is space.",
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    for item in digest.failed:
        print(f"nightly: failed {item['id']}: {item['reason']}", file=sys.stderr)

    slack_ok = _post(digest, args, cache)
    elapsed = time.perf_counter() - started
    if collected is not None:
        print(f"nightly: {collected.summary()}", file=sys.stderr)
    continued = sum(1 for story in digest.stories if story.continues)
    print(
        f"nightly: {digest.articles_read} articles read, {digest.briefed} briefed, {len(digest.failed)} failed, "
        f"{len(problems)} input lines skipped, {len(digest.stories)} stories ({continued} continuing earlier ones) in {elapsed:.1f}s "
        f"({results.generated} articles generated this run, {results.from_cache} from cache) -> {args.out}",
        file=sys.stderr,
    )
    return EXIT_OK if slack_ok and not digest.failed and not problems and not feed_problems else EXIT_PARTIAL


def _brief(args: argparse.Namespace, settings: Settings, articles: list, cache: "Cache", editorial, options) -> "RunResults":
    """Every article's record: briefed by RQ workers with REDIS_URL (docs/nightly.md), else here."""
    batch = args.batch_articles or settings.nightly_batch_articles
    if settings.redis_url and not args.in_process:
        from service.digest import rq_runner

        queue = rq_runner.QueueSettings.from_settings(settings, args.queue, args.job_timeout)
        return rq_runner.brief_articles(articles, cache, options, queue, batch, settings.cache_ttl_seconds)
    from service.digest import runner
    from service.runtime import build_pipeline, configure_threads

    configure_threads(settings)
    pipeline = build_pipeline(settings, editorial=editorial)
    return runner.brief_articles(articles, pipeline, cache, options, batch, settings.cache_ttl_seconds)


def _post(digest: "Digest", args: argparse.Namespace, cache: "Cache") -> bool:
    from service.digest import slack

    if not (args.slack_channel or args.webhook_url):
        return True
    destination = slack.Destination(channel=args.slack_channel, webhook_url=args.webhook_url)
    try:
        posted = slack.post_once(digest, destination, cache, args.out)
    except Exception as exc:  # Slack being down must not lose the digest that is already written
        log.error("nightly: posting to Slack failed: %s: %s", type(exc).__name__, exc)
        return False
    print(f"nightly: slack {'posted to' if posted else 'already posted to'} {destination.name}", file=sys.stderr)
    return True
