"""Model output is data, never markup: the digest HTML escapes it, the page inserts it as text."""
from __future__ import annotations

import re

import requests
from rel_helpers import REPO

from service.digest.digest import Digest
from service.digest.render import render_html, render_markdown
from service.digest.stories import Story

EVIL = '<img src=x onerror=alert(1)><script>alert("x")</script> & "quotes" <!channel>'


def _digest_with_model_output() -> Digest:
    """Every text a model writes (headline, bullets, English title) and the model's own name set to markup.
    (tests/digest/test_render.py covers the same for input text and links.)"""
    story = Story(headline=EVIL, bullets=[EVIL, "ok"], published=None,
                  sources=[{"id": "a1", "title": "t", "title_en": EVIL, "source": "s", "url": "javascript:alert(1)", "published": None}])
    return Digest("2026-11-23", "extractive", EVIL, [story], [], [], 1)


def test_digest_html_and_markdown_escape_model_output():
    digest = _digest_with_model_output()
    html = render_html(digest)
    assert "<script>" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html
    md = render_markdown(digest)
    assert "<script>" not in md and "<img" not in md and "javascript:" not in md


def test_web_page_inserts_text_never_html(guarded):
    static = REPO / "service" / "web" / "static"
    for path in static.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|eval\(|new Function", source), path
    assert "textContent" in (static / "render.js").read_text(encoding="utf-8")
    page = requests.get(guarded.url + "/", timeout=10)
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and page.headers["X-Content-Type-Options"] == "nosniff"
