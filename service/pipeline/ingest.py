"""Turn what a user sent (bytes or str, plain text or HTML) into a ``Document`` of plain text."""
from __future__ import annotations

import re
import unicodedata
from copy import deepcopy
from typing import Literal

from service.errors import EmptyInput, InputTooLarge, InvalidEncoding, NoStoryText, UnsupportedOption
from service.pipeline.types import Document

InputFormat = Literal["auto", "text", "html"]
FORMATS = ("auto", "text", "html")

# Control characters other than newline and tab; zero-width joiners (U+200C/D) are kept: Hindi uses them.
_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# One character that survives ``normalize`` and is not whitespace. Text without one is empty to
# ``ingest``; the API document uses the same pattern (ECMA-262 and Python read it alike), so what
# the document accepts as text and what the service reads as text cannot drift apart.
READABLE_CHAR = rf"[^\s{_CONTROL_CHARS}]"
_READABLE = re.compile(READABLE_CHAR)
_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<meta|<section|<main)", re.I)


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidEncoding(
            f"The input is not valid UTF-8 (byte {exc.start} is 0x{data[exc.start]:02x}); send UTF-8 text."
        ) from None


def normalize(text: str) -> str:
    """NFC, unified newlines, control characters and zero-width spaces removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text)


def has_readable_text(text: str | None) -> bool:
    """Whether ``ingest`` would find any text in this string (before HTML extraction)."""
    return bool(text) and _READABLE.search(text) is not None  # type: ignore[arg-type]


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text))


# Scripts, styles and noscript blocks carry no story text but make up most of a real page's bytes;
# trafilatura's metadata pass scans them (3 s for a 2 MB page here, 0.2 s without them). JSON-LD
# scripts hold the headline and date, so they stay.
_NOT_TEXT = '//script[not(contains(@type, "ld+json"))]|//style|//noscript'


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page, by trafilatura (never regexes over HTML).

    The page is parsed once (lxml, through trafilatura) and its scripts and styles dropped before
    extraction. Falls back to trafilatura's whole-page text when its article extractor finds
    nothing (very short pages), so a page with text never comes back empty.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return trafilatura.html2txt(html) or "", None
    for element in tree.xpath(_NOT_TEXT):
        element.drop_tree()
    metadata = trafilatura.extract_metadata(deepcopy(tree))
    text = trafilatura.extract(
        tree, include_comments=False, include_tables=False, favor_recall=True, deduplicate=False
    )
    if not text or not text.strip():
        text = trafilatura.html2txt(html) or ""
    title = metadata.title if metadata is not None and metadata.title else None
    return text, title


def ingest(
    data: bytes | str, fmt: str = "auto", max_chars: int | None = None, max_html_bytes: int | None = None
) -> Document:
    """Decode, normalize and (for HTML) extract the article text.

    Two limits, both 413 (``InputTooLarge``): ``max_html_bytes`` bounds an HTML page's markup (UTF-8
    bytes, checked before it is parsed); ``max_chars`` bounds the story text: plain text as sent, or
    the text extracted from a page. A real news page is 100 kB to 2 MB of markup around a few
    thousand characters of story, so the text limit is never applied to markup.
    """
    if fmt not in FORMATS:
        raise UnsupportedOption(f"Unknown input format '{fmt}'; use one of: {', '.join(FORMATS)}.")
    sent = decode(data)
    is_html = fmt == "html" or (fmt == "auto" and looks_like_html(sent))
    if is_html:
        _check_markup_size(data, sent, max_html_bytes)
    else:
        _check_text_length(len(sent), max_chars, "The article")
    text = normalize(sent)
    if not has_readable_text(text):
        raise EmptyInput("The article is empty: send Hindi news text or HTML.")
    if not is_html:
        return Document(text=text, source_format="text")
    body, title = html_to_text(text)
    body = normalize(body)
    if not body.strip():
        raise NoStoryText("The HTML page has no readable text: send the article page, or its text as `text`.")
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    _check_text_length(len(body), max_chars, "The story text extracted from the page")
    return Document(text=body, source_format="html", html_title=title)


def _check_markup_size(data: bytes | str, sent: str, limit: int | None) -> None:
    if limit is None:
        return
    size = len(data) if isinstance(data, bytes) else len(sent.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputTooLarge(
            f"The HTML page is {size:,} bytes; the limit is {limit:,} (BRIEFS_MAX_HTML_BYTES). "
            "Send the page without inline scripts and styles, or its story text as `text`."
        )


def _check_text_length(length: int, limit: int | None, what: str) -> None:
    if limit is not None and length > limit:
        raise InputTooLarge(f"{what} has {length:,} characters; the limit is {limit:,} (BRIEFS_MAX_ARTICLE_CHARS).")
