"""An article page, fetched and read: the story text (the pipeline's own extraction, trafilatura),
its canonical URL, title and publication date (htmldate, from the page's markup and URL)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import htmldate
import trafilatura
from trafilatura.utils import decode_file

from service.fetch.client import PAGE_TYPES, Fetcher
from service.fetch.identity import canonical_url, text_hash
from service.pipeline.ingest import ingest


@dataclass(frozen=True)
class Page:
    url: str  # canonical: the page's rel=canonical (or og:url) if it gives one, else where it was fetched from
    fetched_url: str
    title: str | None
    text: str  # headline and story, as the pipeline's ingest extracts them
    text_hash: str
    published: str | None  # ISO date from the page's markup or URL, if any

    def to_record(self) -> dict[str, str | None]:
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, str | None]) -> "Page":
        return cls(**record)  # type: ignore[arg-type]


def decode_html(body: bytes, charset: str | None, max_bytes: int) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(body, max_size=max_bytes)


def read_page(html: str, fetched_url: str) -> Page:
    """``BriefError`` (from ingest) if the page has no readable text."""
    document = ingest(html, "html")
    metadata = trafilatura.extract_metadata(html, default_url=fetched_url, extensive=False)
    declared = canonical_url(metadata.url) if metadata is not None and metadata.url else None
    published = htmldate.find_date(html, extensive_search=False, original_date=True, url=fetched_url)
    return Page(
        url=declared or canonical_url(fetched_url) or fetched_url,
        fetched_url=fetched_url,
        title=document.html_title,
        text=document.text,
        text_hash=text_hash(document.text),
        published=published,
    )


def fetch_page(fetcher: Fetcher, url: str, deadline: float | None = None) -> Page:
    """The page at ``url``, asked for without tracking parameters (utm_*, fbclid...); ``deadline``:
    see ``Fetcher.get``."""
    response = fetcher.get(canonical_url(url) or url, PAGE_TYPES, deadline=deadline)
    return read_page(decode_html(response.body, response.charset, fetcher.policy.max_bytes), response.url)
