"""The one way this service fetches a URL: checked, paced, bounded, and connected to a checked address.

For every request, and again for every redirect hop (redirects are followed here, never by the
HTTP library): the URL must be http(s) on a host ``BRIEFS_FETCH_ALLOW`` lists; robots.txt must
allow it; the host name is resolved and EVERY address it resolves to must be a public one (or
the allowlist names that address literally); then the connection is made to that checked
address, with the real host name only in the Host header and TLS name check, so a second DNS
answer cannot move the request elsewhere (no DNS-rebinding gap). Responses are bounded by a
deadline for the whole response (not only per read) and a byte cap counted while streaming
(after decompression), and must have a content type of the expected kind.
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


RobotsCheck = Callable[[Target], None]  # raises FetchRefused when robots.txt forbids the URL


class Fetcher:
    """Fetches under a ``FetchPolicy``. Thread-safe: per-host turns come from the shared pacer."""

    def __init__(self, policy: FetchPolicy, resolver: Resolver = system_resolver, pacer: HostPacer | None = None):
        self.policy = policy
        self.resolver = resolver
        self.pacer = pacer or HostPacer(policy.host_delay_s)
        self.robots: RobotsCheck | None = None  # set by ``RobotsRules.attach``
        self.requests_made = 0

    def get(self, url: str, accept: tuple[str, ...], validators: dict[str, str] | None = None,
            obey_robots: bool = True) -> Response:
        """GET ``url`` following up to ``max_redirects`` redirects, each hop checked like the first."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            target = self.policy.allow.check(current)
            if obey_robots and self.robots is not None:
                self.robots(target)
            addresses = self.addresses(target)
            with self.pacer.turn(f"{target.host}:{target.port}"):  # the whole exchange, body included
                deadline = time.monotonic() + self.policy.timeout_s
                pool, response = self._open(target, addresses, validators, deadline)
                try:
                    status, headers = response.status, {k.lower(): v for k, v in response.headers.items()}
                    if status in REDIRECTS and headers.get("location"):
                        current = urljoin(target.url, headers["location"].strip())
                        continue
                    return self._answer(target, status, headers, response, accept, bool(validators), deadline)
                finally:
                    response.close()
                    pool.close()
        raise FetchFailed(f"{url} redirected more than {self.policy.max_redirects} times.")

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
        literal = self.policy.allow.literal_addresses()
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
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            pool = _pool(target, address, remaining, self.policy.ca_file)
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
                raise FetchTimedOut(f"{target.url} did not answer within {self.policy.timeout_s:g} s.") from None
            except (ProtocolError, HTTPError, OSError) as exc:
                last_error = exc
            pool.close()
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
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchTimedOut(f"{target.url} took longer than {self.policy.timeout_s:g} s to send.")
                _limit_wait(response, remaining)
                chunk = response.read1(CHUNK)  # what has arrived (read() would wait for a whole chunk)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise TooLarge(f"{target.url} is larger than {cap:,} bytes (BRIEFS_FETCH_MAX_BYTES); reading stopped there.")
                chunks.append(chunk)
        except Urllib3Timeout:
            raise FetchTimedOut(f"{target.url} stopped sending for {self.policy.timeout_s:g} s.") from None
        except (ProtocolError, HTTPError, OSError) as exc:
            raise FetchFailed(f"Reading {target.url} failed: {_reason(exc)}") from None
        return b"".join(chunks)


def _limit_wait(response, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """The next read waits at most until the deadline, not a fresh full timeout."""
    sock = getattr(getattr(response, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(max(0.001, seconds))


def _pool(target: Target, address: str, timeout_s: float, ca_file: str | None) -> urllib3.HTTPConnectionPool:
    """A one-connection pool to the checked ``address``; the host name goes only into Host and TLS."""
    timeout = urllib3.Timeout(connect=timeout_s, read=timeout_s)
    if target.scheme == "https":
        name = None if literal_address(target.host) else target.host
        return urllib3.HTTPSConnectionPool(
            address, target.port, timeout=timeout, retries=False, maxsize=1,
            server_hostname=name, assert_hostname=target.host, cert_reqs="CERT_REQUIRED", ca_certs=ca_file or certifi.where(),
        )
    return urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, retries=False, maxsize=1)


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
