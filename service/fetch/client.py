"""The one way this service fetches a URL: checked, paced, bounded, and connected to a checked address.

For every request, and again for every redirect hop (redirects are followed here, never by the
HTTP library): the URL must be http(s) on a host and port ``BRIEFS_FETCH_ALLOW`` lists; robots.txt
must allow it; the host name is resolved and EVERY address it resolves to must be a public one (or
the allowlist names that address literally, with that port); then the connection is made to that
checked address, with the real host name only in the Host header and TLS name check, so a second
DNS answer cannot move the request elsewhere (no DNS-rebinding gap).

Time: one monotonic deadline per exchange (connect, TLS, status line, headers, body), enforced on
every read (``deadline.py``: a server trickling header lines cannot extend it). Given a ``deadline``
(the HTTP service), the whole ``get`` lives inside it: waiting for the host's turn, its pause
(Crawl-delay), robots.txt and every redirect hop; what cannot start before it fails at once
(``FetchBusy``). Without one (the nightly job) each hop gets ``timeout_s`` once its turn begins.
Bodies are capped while streaming (after decompression) and must be of the expected content type.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin

import certifi
import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, ProtocolError, TimeoutError as Urllib3Timeout

from service.fetch.addresses import Resolver, check_address, literal_address, system_resolver
from service.fetch.allowlist import Allowlist, Target
from service.fetch.deadline import http_pool, https_pool, remaining
from service.fetch.errors import ErrorStatus, FetchFailed, FetchRefused, FetchTimedOut, TooLarge
from service.fetch.pacing import HostPacer

REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json", "application/json", "application/x-rss+xml")
PAGE_TYPES = ("text/html", "application/xhtml+xml")
ANY_TYPE: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchPolicy:
    allow: Allowlist
    timeout_s: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "hindi-briefs/1.0"
    host_delay_s: float = 1.0
    ca_file: str | None = None  # CA bundle for https (None: certifi's)
    host_queue: int | None = None  # requests with a deadline that may wait for one busy host (None: no cap)

    @classmethod
    def from_settings(cls, settings) -> "FetchPolicy":  # type: ignore[no-untyped-def]
        contact = f" (+{settings.fetch_contact})" if settings.fetch_contact else ""
        return cls(
            allow=Allowlist.parse(settings.fetch_allow),
            timeout_s=settings.fetch_timeout_s,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            user_agent=f"{ROBOTS_TOKEN}/1.0{contact}",
            host_delay_s=settings.fetch_host_delay_s,
            host_queue=settings.fetch_host_queue,
        )


ROBOTS_TOKEN = "hindi-briefs"  # the product token robots.txt groups are matched against


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 to a conditional request
    content_type: str
    charset: str | None
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased


RobotsCheck = Callable[[Target, "float | None"], None]  # (target, deadline); FetchRefused when robots.txt forbids it


class Fetcher:
    """Fetches under a ``FetchPolicy``. Thread-safe: per-host turns come from the shared pacer."""

    def __init__(self, policy: FetchPolicy, resolver: Resolver = system_resolver, pacer: HostPacer | None = None):
        self.policy = policy
        self.resolver = resolver
        self.pacer = pacer or HostPacer(policy.host_delay_s, policy.host_queue)
        self.robots: RobotsCheck | None = None  # set by ``RobotsRules.attach``
        self.requests_made = 0

    def get(self, url: str, accept: tuple[str, ...], validators: dict[str, str] | None = None,
            obey_robots: bool = True, deadline: float | None = None) -> Response:
        """GET ``url`` following up to ``max_redirects`` redirects, each hop checked like the first.

        ``deadline`` (``time.monotonic()`` seconds): everything, queueing included, ends by then."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_deadline(current, deadline)
            target = self.policy.allow.check(current)
            if obey_robots and self.robots is not None:
                self.robots(target, deadline)
            addresses = self.addresses(target)
            with self.pacer.turn(f"{target.host}:{target.port}", deadline):  # the whole exchange, body included
                ends = deadline if deadline is not None else time.monotonic() + self.policy.timeout_s
                self._check_deadline(current, ends)
                pool, response = self._open(target, addresses, validators, ends)
                try:
                    status, headers = response.status, {k.lower(): v for k, v in response.headers.items()}
                    if status in REDIRECTS and headers.get("location"):
                        current = urljoin(target.url, headers["location"].strip())
                        continue
                    return self._answer(target, status, headers, response, accept, bool(validators), ends)
                finally:
                    response.close()
                    pool.close()
        raise FetchFailed(f"{url} redirected more than {self.policy.max_redirects} times.")

    def _check_deadline(self, url: str, deadline: float | None) -> None:
        if deadline is not None and remaining(deadline) <= 0:
            raise FetchTimedOut(self._too_slow(url))

    def _too_slow(self, url: str) -> str:
        return (f"{url[:200]} did not answer within {self.policy.timeout_s:g} s in all "
                "(connecting, headers and body; BRIEFS_FETCH_TIMEOUT).")

    def _answer(self, target: Target, status: int, headers: dict[str, str], response, accept: tuple[str, ...],  # type: ignore[no-untyped-def]
                conditional: bool, deadline: float) -> Response:
        if status == 304 and conditional:
            return Response(target.url, 304, "", None, b"", headers)
        if status != 200:
            raise ErrorStatus(f"{target.url} answered HTTP {status}.", status)
        content_type, charset = _content_type(headers.get("content-type", ""))
        if accept and content_type not in accept:
            raise FetchFailed(f"{target.url} sent {content_type or 'no content type'}, expected one of: {', '.join(accept)}.")
        return Response(target.url, 200, content_type, charset, self._read(target, headers, response, deadline), headers)

    def addresses(self, target: Target) -> list[str]:
        """The checked addresses to connect to for ``target`` (``FetchRefused`` if any is refused)."""
        literal = self.policy.allow.literal_addresses(target.port, target.scheme)
        if literal_address(target.host) is not None:
            names = [target.host]
        else:
            try:
                names = self.resolver(target.host, target.port)
            except OSError as exc:
                raise FetchFailed(f"Cannot resolve {target.host}: {exc}") from None
        if not names:
            raise FetchFailed(f"{target.host} resolves to no address.")
        for address in names:
            try:
                check_address(address, literal)
            except ValueError as exc:
                raise FetchRefused(f"{target.host} resolves to {exc}; such addresses are never fetched.") from None
        return names

    def _open(self, target: Target, addresses: list[str], validators: dict[str, str] | None, deadline: float):  # type: ignore[no-untyped-def]
        headers = {
            "Host": target.host_header,
            "User-Agent": self.policy.user_agent,
            "Accept-Encoding": "gzip, deflate",
            "Accept": "*/*",
            **(validators or {}),
        }
        last_error: Exception | None = None
        for address in addresses:
            if remaining(deadline) <= 0:
                break
            pool = _pool(target, address, deadline, self.policy.ca_file)
            try:
                self.requests_made += 1
                return pool, pool.urlopen(
                    "GET", target.path, headers=headers, redirect=False, retries=False,
                    preload_content=False, decode_content=True, assert_same_host=False,
                )
            except NewConnectionError as exc:  # refused, unreachable (urllib3 makes it a TimeoutError subclass)
                last_error = exc
            except Urllib3Timeout:
                pool.close()
                raise FetchTimedOut(self._too_slow(target.url)) from None
            except (ProtocolError, HTTPError, OSError) as exc:
                last_error = exc
            pool.close()
            if remaining(deadline) <= 0:  # a TLS handshake the watchdog cut, or a refusal at the last moment
                raise FetchTimedOut(self._too_slow(target.url))
        if last_error is None:
            raise FetchTimedOut(self._too_slow(target.url))
        raise FetchFailed(f"Cannot connect to {target.url}: {_reason(last_error)}")

    def _read(self, target: Target, headers: dict[str, str], response, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
        cap = self.policy.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and "content-encoding" not in headers and int(declared) > cap:
            raise TooLarge(f"{target.url} is {int(declared):,} bytes; the limit is {cap:,} (BRIEFS_FETCH_MAX_BYTES).")
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                if remaining(deadline) <= 0:
                    raise FetchTimedOut(self._too_slow(target.url))
                chunk = response.read1(CHUNK)  # what has arrived; each socket read waits at most until the deadline
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise TooLarge(f"{target.url} is larger than {cap:,} bytes (BRIEFS_FETCH_MAX_BYTES); reading stopped there.")
                chunks.append(chunk)
        except Urllib3Timeout:
            raise FetchTimedOut(self._too_slow(target.url)) from None
        except (ProtocolError, HTTPError, OSError) as exc:
            if remaining(deadline) <= 0:
                raise FetchTimedOut(self._too_slow(target.url)) from None
            raise FetchFailed(f"Reading {target.url} failed: {_reason(exc)}") from None
        return b"".join(chunks)


def _pool(target: Target, address: str, deadline: float, ca_file: str | None) -> urllib3.HTTPConnectionPool:
    """A one-connection pool to the checked ``address``; the host name goes only into Host and TLS."""
    if target.scheme == "https":
        name = None if literal_address(target.host) else target.host
        return https_pool(
            address, target.port, deadline,
            server_hostname=name, assert_hostname=target.host, cert_reqs="CERT_REQUIRED", ca_certs=ca_file or certifi.where(),
        )
    return http_pool(address, target.port, deadline)


def _content_type(value: str) -> tuple[str, str | None]:
    mimetype, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip('"').lower()
    return mimetype.strip().lower(), charset


def _reason(exc: Exception | None) -> str:
    if exc is None:
        return "no address to connect to"
    reason = getattr(exc, "reason", None) or exc
    return str(reason).split(": ", 1)[-1][:200]
