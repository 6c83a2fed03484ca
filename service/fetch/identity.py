"""How one article is recognised under several links, in two feeds, or on a later night:
its canonical URL (courlan's normalisation) and the hash of its text."""
from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from service.cache.keys import normalize_text


def text_hash(text: str) -> str:
    """The same story served under two URLs (syndication, a changed slug) hashes the same."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str | None:
    """Lower-cased scheme and host, default port dropped, tracking parameters (utm_*, fbclid...)
    removed, remaining query parameters sorted, fragment dropped; None if not an http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
            return None
        normalized = normalize_url(url.strip())  # not strict: it would drop article ids in the query
    except ValueError:
        return None
    parts = urlsplit(normalized)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
