"""Loopback HTTP servers that play news outlets: feeds, sitemaps, article pages, robots.txt, and
the ways outlets go wrong (slow, broken, huge, redirecting elsewhere). Every request is logged,
so tests can assert what was asked for, with which headers, and what the answer was."""
from __future__ import annotations

import hashlib
import html
import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass
class Resource:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    validators: bool = True  # send ETag and Last-Modified, answer conditional requests with 304
    delay_s: float = 0.0  # before the status line
    trickle_s: float = 0.0  # pause between 1 KiB pieces of the body
    location: str | None = None  # a redirect
    endless: bool = False  # a body that never ends (no Content-Length), for the size cap
    headers: dict[str, str] = field(default_factory=dict)  # sent as they are

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int = 0
    started: float = 0.0
    ended: float = 0.0


TLS_DIR = Path(__file__).resolve().parents[1] / "data" / "tls"  # a test CA and a certificate for news.test


@dataclass
class Outlet:
    routes: dict[str, Resource] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    tls: bool = False  # serve https with the news.test certificate

    def __post_init__(self) -> None:
        outlet = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, started=time.monotonic())
                outlet.hits.append(hit)
                try:
                    outlet._answer(self, hit)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    hit.ended = time.monotonic()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS_DIR / "server.pem", TLS_DIR / "server.key")
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str, host: str | None = None) -> str:
        return f"{'https' if self.tls else 'http'}://{host or '127.0.0.1'}:{self.port}{path}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def max_concurrent(self) -> int:
        events = sorted([(h.started, 1) for h in self.hits] + [(h.ended, -1) for h in self.hits])
        level = peak = 0
        for _, step in events:
            level += step
            peak = max(peak, level)
        return peak

    def _answer(self, handler: BaseHTTPRequestHandler, hit: Hit) -> None:
        resource = self.routes.get(handler.path.split("#", 1)[0])
        if resource is None:
            resource = Resource(b"not found", "text/plain", status=404, validators=False)
        if resource.delay_s:
            time.sleep(resource.delay_s)
        if resource.location:
            hit.status = resource.status if resource.status in (301, 302, 303, 307, 308) else 302
            handler.send_response(hit.status)
            handler.send_header("Location", resource.location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if resource.validators and resource.status == 200 and _not_modified(handler.headers, resource):
            hit.status = 304
            handler.send_response(304)
            handler.send_header("ETag", resource.etag)
            handler.end_headers()
            return
        hit.status = resource.status
        handler.send_response(resource.status)
        handler.send_header("Content-Type", resource.content_type)
        for name, value in resource.headers.items():
            handler.send_header(name, value)
        if resource.validators:
            handler.send_header("ETag", resource.etag)
            handler.send_header("Last-Modified", LAST_MODIFIED)
        if resource.endless:
            handler.send_header("Connection", "close")
            handler.end_headers()
            piece = b"<p>" + b"x" * 65536 + b"</p>"
            for _ in range(10_000):  # bounded: stops long before this when the client hangs up
                handler.wfile.write(piece)
            return
        handler.send_header("Content-Length", str(len(resource.body)))
        handler.end_headers()
        if not resource.trickle_s:
            handler.wfile.write(resource.body)
            return
        for start in range(0, len(resource.body), 1024):
            handler.wfile.write(resource.body[start : start + 1024])
            handler.wfile.flush()
            time.sleep(resource.trickle_s)


def _not_modified(headers, resource: Resource) -> bool:  # type: ignore[no-untyped-def]
    """RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it."""
    if headers.get("If-None-Match") is not None:
        return headers["If-None-Match"] == resource.etag
    return headers.get("If-Modified-Since") == LAST_MODIFIED


@pytest.fixture
def outlet() -> Iterator[Outlet]:
    server = Outlet()
    yield server
    server.stop()


@pytest.fixture
def elsewhere() -> Iterator[Outlet]:
    """A second loopback server that is on no allowlist: it must never receive a request."""
    server = Outlet()
    yield server
    server.stop()


# --- Feeds and sitemaps -------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    url: str
    title: str
    published: str | None = None  # ISO datetime with offset, or None for an undated entry


def rss(title: str, items: list[Item]) -> bytes:
    from email.utils import format_datetime
    from datetime import datetime

    entries = "".join(
        f"<item><title>{html.escape(i.title)}</title><link>{html.escape(i.url)}</link>"
        + (f"<pubDate>{format_datetime(datetime.fromisoformat(i.published))}</pubDate>" if i.published else "")
        + f"<guid>{html.escape(i.url)}</guid></item>"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>http://example.invalid/</link><description>news</description>{entries}</channel></rss>").encode()


def atom(title: str, items: list[Item]) -> bytes:
    entries = "".join(
        f'<entry><title>{html.escape(i.title)}</title><link rel="alternate" href="{html.escape(i.url)}"/>'
        f"<id>{html.escape(i.url)}</id>" + (f"<updated>{i.published}</updated>" if i.published else "") + "</entry>"
        for i in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(title)}</title><id>urn:outlet</id><updated>2026-01-15T00:00:00Z</updated>{entries}</feed>").encode()


def news_sitemap(publication: str, items: list[Item]) -> bytes:
    urls = "".join(
        f"<url><loc>{html.escape(i.url)}</loc><news:news><news:publication><news:name>{html.escape(publication)}</news:name>"
        f"<news:language>hi</news:language></news:publication>"
        + (f"<news:publication_date>{i.published}</news:publication_date>" if i.published else "")
        + f"<news:title>{html.escape(i.title)}</news:title></news:news></url>"
        for i in items
    )
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


# --- Article pages in several site styles ---------------------------------------------------------

def _paragraphs(text: str, tag: str = "p") -> str:
    return "\n".join(f"<{tag}>{html.escape(line.strip())}</{tag}>" for line in text.splitlines() if line.strip())


def headline_of(text: str) -> str:
    """The scraped text's headline: its first line of some length (the corpus keeps it near the top)."""
    return next(line.strip() for line in text.splitlines() if len(line.strip()) > 40)


def classic_page(text: str, canonical: str, published: str | None = None) -> str:
    """A semantic page: nav, <article> with <h1>, an aside of related links, a footer."""
    title = headline_of(text)
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return f"""<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="canonical" href="{html.escape(canonical)}">{meta}</head><body>
<header><nav><a href="/">होम</a> | <a href="/desh">देश</a> | <a href="/videsh">विदेश</a> | <a href="/khel">खेल</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
{_paragraphs(text)}
</article>
<aside><h3>ये भी पढ़ें</h3><ul><li><a href="/other-1">दूसरी खबर का शीर्षक यहां</a></li><li><a href="/other-2">तीसरी खबर</a></li></ul></aside></main>
<footer><p>© 2026 समाचार डेस्क. सर्वाधिकार सुरक्षित.</p></footer></body></html>"""


def div_page(text: str, canonical: str, published: str | None = None) -> str:
    """Div soup: no <article>, JSON-LD metadata, share buttons and ad slots between paragraphs."""
    title = headline_of(text)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "url": canonical}
    if published:
        ld["datePublished"] = published
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = "\n".join(
        f'<div class="para">{html.escape(line)}</div>' + ('\n<div class="ad-slot">Advertisement</div>' if n % 4 == 3 else "")
        for n, line in enumerate(lines)
    )
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)} - News Hindi</title><meta property="og:url" content="{html.escape(canonical)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head><body>
<div id="top-menu"><ul><li><a href="/">Home</a></li><li><a href="/india">India</a></li><li><a href="/world">World</a></li></ul></div>
<div id="wrapper"><div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<div class="story-body"><div class="headline"><h2>{html.escape(title)}</h2></div>
{body}
</div></div><div id="footer">About us | Contact | Privacy policy</div></body></html>"""


def amp_page(text: str, canonical: str, published: str | None = None) -> str:
    """An AMP-style page: <html amp>, amp-img, the story in a content div of <p>s."""
    title = headline_of(text)
    time_tag = f'<time datetime="{published}">{published[:10]}</time>' if published else ""
    return f"""<!doctype html><html amp lang="hi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="canonical" href="{html.escape(canonical)}"><meta name="viewport" content="width=device-width"></head><body>
<amp-sidebar id="sidebar"><a href="/">मुख्य पृष्ठ</a><a href="/rajya">राज्य</a></amp-sidebar>
<div class="content"><h1 class="title">{html.escape(title)}</h1>{time_tag}
<amp-img src="/photo.jpg" width="600" height="400" alt="फोटो"></amp-img>
{_paragraphs(text)}
</div><div class="tags">टैग: जयशंकर, रूस, भारत</div></body></html>"""
