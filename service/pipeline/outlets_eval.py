"""How the clean stage does on real outlets' texts: story lines lost, boilerplate that reaches the
sentences selection would brief, and whether real-size pages are accepted.

Data: ``tests/data/outlets`` (public texts from many Hindi outlets: scraped pages, news-API
snippets, BBC Hindi XL-Sum texts, wire copy; labelled line by line, README there).
``python -m service eval-ingest`` prints, for the development and held-out parts:

* lines: story lines (H, S, L, C) the cleaner lost, boilerplate lines (B) it kept, headline right
  (a line is scored without the sentence a news API cut, which the cleaner is meant to drop);
* picks: the sentences ``select_sentences`` picks (5 a text, as a default brief does) that are
  boilerplate: from a boilerplate line, holding a labelled boilerplate piece of a story line (a
  related headline glued into a sentence, the BBC app plug), or a news-API cut ("[1364 chars]");
* pages: every text wrapped in real-size page markup (100 kB to just under BRIEFS_MAX_HTML_BYTES)
  and ingested with the default limits: pages refused, and the extraction time.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from service.config import Settings
from service.errors import BriefError
from service.pipeline.clean import clean_article
from service.pipeline.ingest import ingest
from service.pipeline.boilerplate import is_truncated
from service.pipeline.segment import split_paragraph, split_sentences
from service.pipeline.select import select_sentences
from service.quality.cleaning_eval import kept_lines
from service.text_table import text_table

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "outlets"
SPLITS = ("dev", "heldout")
PICKS_PER_TEXT = 5
PAGE_SIZES = (100_000, 1_000_000, 2_000_000)
LARGE_PAGE_EVERY = 5
_CUT = re.compile(r"\[\+?\s*\d[\d,]*\s*chars?\]", re.IGNORECASE)


@lru_cache(maxsize=1)
def reader() -> ModuleType:
    """tests/data/outlets/reader.py, loaded by path (the data ships beside its reader)."""
    spec = importlib.util.spec_from_file_location("outlets_reader", DATA / "reader.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Counts:
    articles: int = 0
    story_lines: int = 0
    story_lost: int = 0
    boilerplate_lines: int = 0
    boilerplate_kept: int = 0
    headlines: int = 0
    headlines_right: int = 0
    picks: int = 0
    boilerplate_picks: int = 0
    errors: list[str] = field(default_factory=list)


def _is_boilerplate_pick(sentence: str, article: Any, story: list[str], boilerplate: list[str]) -> bool:
    text = _norm(sentence)
    if _CUT.search(text):
        return True
    if any(len(_norm(piece)) >= 8 and _norm(piece) in text for piece in article.boilerplate_text()):
        return True
    return any(text in line for line in boilerplate) and not any(text in line for line in story)


def score(articles: list[Any]) -> Counts:
    counts = Counts()
    story_labels = reader().STORY_LABELS
    for article in articles:
        counts.articles += 1
        lines = [line for _, line in article.lines]
        cleaned = clean_article(article.text, "hi")
        # The sentence a news API cut ("... [1364 chars]") is meant to go: a line is scored on the rest.
        scored = [" ".join(s for s in split_paragraph(line) if not is_truncated(s)) if is_truncated(line) else line
                  for line in lines]
        labels = "".join(label if text.strip() else "X" for label, text in zip(article.labels, scored))
        for line, label, kept in zip(lines, labels, kept_lines(scored, cleaned)):
            if label in story_labels:
                counts.story_lines += 1
                counts.story_lost += not kept
                if not kept:
                    counts.errors.append(f"{article.id} story lost: {_norm(line)[:100]}")
            elif label == "B":
                counts.boilerplate_lines += 1
                counts.boilerplate_kept += kept
                if kept:
                    counts.errors.append(f"{article.id} boilerplate kept: {_norm(line)[:100]}")
        if "H" in article.labels:
            counts.headlines += 1
            expected = _norm(lines[article.labels.index("H")])
            counts.headlines_right += bool(cleaned.headline) and _norm(cleaned.headline) in expected
        story = [_norm(line) for line, label in zip(lines, article.labels) if label in story_labels]
        boilerplate = [_norm(line) for line, label in zip(lines, article.labels) if label == "B"]
        picked = select_sentences(split_sentences(cleaned.paragraphs), PICKS_PER_TEXT, cleaned.headline)
        for sentence in picked:
            counts.picks += 1
            if _is_boilerplate_pick(sentence.text, article, story, boilerplate):
                counts.boilerplate_picks += 1
                counts.errors.append(f"{article.id} boilerplate picked: {_norm(sentence.text)[:100]}")
    return counts


def page_markup(text: str, size: int) -> str:
    """``text`` as a news page's article body inside ``size`` bytes of page furniture (scripts,
    styles, navigation and related-story lists, as real pages carry), for the size checks."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    head = "<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\"><title>खबर</title>"
    nav = "<nav>" + "".join(f"<a href=\"/section/{i}\">सेक्शन {i}</a>" for i in range(40)) + "</nav>"
    body = f"<body>{nav}<article>{paragraphs}</article>"
    tail = "</body></html>"
    filler_unit = ("<script>window.__DATA__ = {\"items\": [" + ",".join(f"{{\"id\": {i}, \"t\": \"खबर {i}\"}}" for i in range(50))
                   + "]};</script>\n<style>.c{margin:0;padding:0}</style>\n")
    used = len((head + body + tail).encode())
    repeats = max(0, (size - used) // len(filler_unit.encode()))
    return head + filler_unit * repeats + "</head>" + body + tail


def page_checks(articles: list[Any], settings: Settings) -> list[tuple[str, int, int, float, float]]:
    """(size label, pages, refused, median s, max s) for each page size, default limits: every
    text at 100 kB, every ``LARGE_PAGE_EVERY``-th text at the larger sizes (the time goes to
    building and parsing megabytes of markup, the same for every text)."""
    rows = []
    sizes = [*PAGE_SIZES, settings.max_html_bytes - 1_000]
    for size in sizes:
        refused, times = 0, []
        sample = articles if size <= PAGE_SIZES[0] else articles[::LARGE_PAGE_EVERY]
        for article in sample:
            page = page_markup(article.text, size)
            started = time.perf_counter()
            try:
                ingest(page, "html", settings.max_article_chars, settings.max_html_bytes)
            except BriefError:
                refused += 1
            times.append(time.perf_counter() - started)
        times.sort()
        rows.append((f"{size / 1e6:.1f} MB", len(sample), refused, times[len(times) // 2], times[-1]))
    return rows


def real_pages(folder: Path, settings: Settings) -> list[tuple[str, int, str, float]]:
    """(file, bytes, outcome, seconds) for each .html file in ``folder``, default limits."""
    rows = []
    for path in sorted(folder.glob("*.html")):
        data = path.read_bytes()
        started = time.perf_counter()
        try:
            document = ingest(data.decode("utf-8", "replace"), "html", settings.max_article_chars, settings.max_html_bytes)
            outcome = f"accepted, {len(document.text):,} characters of text"
        except BriefError as exc:
            outcome = f"refused: {exc.code}"
        rows.append((path.name, len(data), outcome, time.perf_counter() - started))
    return rows


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "-"


def add_eval_ingest(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval-ingest", help="story lost, boilerplate picked and page limits on real outlets' texts")
    p.add_argument("--data", help="labelled articles (JSONL; default: tests/data/outlets/articles.jsonl)")
    p.add_argument("--errors", action="store_true", help="also list every line and pick the cleaner got wrong")
    p.add_argument("--html-dir", type=Path, help="also ingest every .html file in this folder (real pages) and time it")
    p.add_argument("--no-pages", action="store_true", help="skip the page-size checks")
    p.set_defaults(run=run_eval_ingest)


def run_eval_ingest(args: argparse.Namespace) -> int:
    load = reader().load_articles
    parts = [(name, load(args.data, name)) for name in SPLITS]
    scored = [(name, score(articles)) for name, articles in parts]
    print("lines and picks (tests/data/outlets)")
    print(text_table(
        ("split", "texts", "story lines lost", "boilerplate lines kept", "headline right", "picked sentences that are boilerplate"),
        [(name, str(c.articles), _pct(c.story_lost, c.story_lines), _pct(c.boilerplate_kept, c.boilerplate_lines),
          f"{c.headlines_right}/{c.headlines}", _pct(c.boilerplate_picks, c.picks)) for name, c in scored],
    ))
    settings = Settings()
    if not args.no_pages:
        everything = [a for _, articles in parts for a in articles]
        print(f"\npages: every text wrapped in page markup, default limits (BRIEFS_MAX_HTML_BYTES={settings.max_html_bytes:,})")
        print(text_table(("page size", "pages", "refused", "median s", "max s"),
                     [(s, str(n), str(r), f"{m:.3f}", f"{x:.3f}") for s, n, r, m, x in page_checks(everything, settings)]))
    if args.html_dir:
        print(f"\nreal pages in {args.html_dir}")
        print(text_table(("file", "bytes", "outcome", "s"),
                     [(f, f"{b:,}", o, f"{t:.3f}") for f, b, o, t in real_pages(args.html_dir, settings)]))
    if args.errors:
        for name, counts in scored:
            for error in counts.errors:
                print(f"[{name}] {error}")
    return 0
