import json
from pathlib import Path

from service.digest.digest import Digest
from service.digest.render import render_html, render_markdown, write_digest
from service.digest.stories import Story

EVIL = '<script>alert("x")</script> & <b>bold</b>'


def _digest() -> Digest:
    story = Story(
        headline=EVIL,
        bullets=[EVIL, "plain *bullet* [link](javascript:alert(1))"],
        sources=[{"id": "a1", "title": EVIL, "title_en": None, "source": EVIL, "url": "javascript:alert(1)", "published": None}],
        published=None,
    )
    return Digest("2026-01-16", "extractive", "tiny", [story], [{"id": "bad", "error": "x", "reason": EVIL}], [], 2)


def test_html_escapes_every_text_and_drops_unsafe_links():
    html = render_html(_digest())
    assert "<script>" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html
    assert "href=\"javascript" not in html and "href" not in html.split("<main>")[1].split("</main>")[0]
    assert html.startswith("<!doctype html>") and "<style>" in html and "<link" not in html  # self-contained


def test_markdown_escapes_html_and_markdown_syntax():
    md = render_markdown(_digest())
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "](javascript" not in md
    assert r"\*bullet\*" in md


def test_written_atomically_and_identically(tmp_path: Path):
    first = [p.read_bytes() for p in write_digest(_digest(), tmp_path)]
    second = [p.read_bytes() for p in write_digest(_digest(), tmp_path)]
    assert first == second
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.html", "digest.json", "digest.md"]  # no temp files left
    assert json.loads(first[2])["stories"][0]["headline"] == EVIL  # JSON keeps the text as data
