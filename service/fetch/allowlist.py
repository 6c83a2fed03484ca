"""``BRIEFS_FETCH_ALLOW``: the hosts this service may fetch from, and the check of every URL against it.

An entry is a host (``example.com``: only the URL scheme's default port, 80 for http and 443 for
https) or ``host:port`` (``127.0.0.1:8080``, ``[::1]:8080``: that port only). Hosts compare after IDNA
encoding, lower-casing and dropping a trailing dot. There are no wildcards: an entry such as
``*.example.com`` is refused at start (it would never match anything), so ``news.example.com`` must
be listed itself. The check runs on the URL before any name is resolved: an unlisted host costs no
DNS query, and nothing is ever sent to it.

An entry written as an IP address is also the only way a non-public address may be connected to
(a test server on loopback), and only on the entry's port: ``127.0.0.1:18101`` lets a listed name
that resolves to 127.0.0.1 reach port 18101, never 127.0.0.1's other ports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable
from urllib.parse import SplitResult, quote, urlsplit

from service.fetch.addresses import literal_address
from service.fetch.errors import FetchRefused

SCHEMES = {"http": 80, "https": 443}
_HOST_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789.-_")
MAX_URL_LENGTH = 2048
_PATH_SAFE = "/%?&=:;,+@!$'()*[]~-._"  # already-encoded URLs pass unchanged; raw Devanagari gets encoded


def normalize_host(host: str) -> str:
    host = host.strip().strip("[]").rstrip(".").lower()
    if literal_address(host) is not None:
        return str(literal_address(host))
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{host!r} is not a valid host name") from None


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (host and port) and what to ask for."""

    url: str
    scheme: str
    host: str  # normalized
    port: int
    path: str  # path and query, as sent in the request line

    @property
    def origin(self) -> str:
        default = SCHEMES[self.scheme] == self.port
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")

    @property
    def host_header(self) -> str:
        return self.origin.split("://", 1)[1]


@dataclass(frozen=True)
class Allowlist:
    entries: frozenset[tuple[str, int | None]]  # (host, port or None for the scheme's default)

    @classmethod
    def parse(cls, items: Iterable[str]) -> "Allowlist":
        entries = set()
        for item in items:
            item = item.strip()
            if not item:
                continue
            parsed = urlsplit(f"//{item}")
            try:
                port = parsed.port
            except ValueError:
                raise ValueError(f"BRIEFS_FETCH_ALLOW entry {item!r}: the port is not a number from 0 to 65535") from None
            if not parsed.hostname or parsed.path or parsed.query or parsed.username is not None:
                raise ValueError(f"BRIEFS_FETCH_ALLOW entry {item!r}: give a host or host:port, nothing else")
            if "*" in item:
                raise ValueError(f"BRIEFS_FETCH_ALLOW entry {item!r}: wildcards are not supported; list each host "
                                 "(news.example.com, www.example.com) itself")
            host = normalize_host(parsed.hostname)
            if literal_address(host) is None and not set(host) <= _HOST_CHARACTERS:
                raise ValueError(f"BRIEFS_FETCH_ALLOW entry {item!r}: not a host name")
            entries.add((host, port))
        return cls(frozenset(entries))

    def __bool__(self) -> bool:
        return bool(self.entries)

    def literal_addresses(self, port: int, scheme: str) -> set[str]:
        """Entries written as IP addresses that admit ``port``: only these may be non-public (a test
        server on loopback), and only on the port their entry names (no port: the scheme's default)."""
        return {host for host, _ in self.entries if literal_address(host) is not None and self.allows(host, port, scheme)}

    def allows(self, host: str, port: int, scheme: str) -> bool:
        return (host, port) in self.entries or (port == SCHEMES[scheme] and (host, None) in self.entries)

    def check(self, url: str) -> Target:
        """The URL as a ``Target`` if it may be fetched; ``FetchRefused`` saying why not."""
        if not self.entries:
            raise FetchRefused("Fetching is off: BRIEFS_FETCH_ALLOW lists no hosts.")
        if len(url) > MAX_URL_LENGTH:
            raise FetchRefused(f"The URL is longer than {MAX_URL_LENGTH} characters.")
        parts = _split(url)
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            raise FetchRefused(f"Only http and https URLs are fetched, not {scheme or 'a URL without a scheme'}: {url[:200]}")
        if parts.username is not None or parts.password is not None:
            raise FetchRefused("URLs with a user name or password are not fetched.")
        if not parts.hostname:
            raise FetchRefused(f"The URL has no host: {url[:200]}")
        try:
            host = normalize_host(parts.hostname)
            port = parts.port or SCHEMES[scheme]
        except ValueError as exc:
            raise FetchRefused(f"The URL's host or port is not valid: {exc}") from None
        if not self.allows(host, port, scheme):
            shown = f"[{host}]" if ":" in host else host
            raise FetchRefused(f"{shown}:{port} is not in BRIEFS_FETCH_ALLOW, so it is not fetched.")
        path = quote(parts.path or "/", safe=_PATH_SAFE) + (f"?{quote(parts.query, safe=_PATH_SAFE)}" if parts.query else "")
        origin = Target("", scheme, host, port, "").origin
        return Target(url=origin + path, scheme=scheme, host=host, port=port, path=path)


def _split(url: str) -> SplitResult:
    if any(ch in url for ch in "\r\n\t\x00 "):
        raise FetchRefused("The URL holds spaces or control characters; percent-encode them.")
    try:
        return urlsplit(url.strip())
    except ValueError as exc:
        raise FetchRefused(f"The URL cannot be parsed: {exc}") from None
