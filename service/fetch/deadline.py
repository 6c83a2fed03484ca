"""One monotonic deadline for a whole exchange, enforced on every read of the socket.

A per-read timeout alone lets a server that sends one header byte every few seconds hold a
request for as long as it likes. Here the connection's socket is wrapped so that before EVERY read
(status line, header lines, body) its timeout is set to the time left until the deadline, and a
read asked for after the deadline fails at once. The TLS handshake reads inside OpenSSL, where no
wrapper can reach: a watchdog shuts the socket down if the handshake is still going at the deadline.
"""
from __future__ import annotations

import io
import os
import socket
import threading
import time
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

MIN_WAIT_S = 0.001  # socket timeouts must be positive


class DeadlinePassed(socket.timeout):
    """A read asked for after the deadline (a ``TimeoutError``, so urllib3 reports a read timeout)."""


def remaining(deadline: float) -> float:
    return deadline - time.monotonic()


class _DeadlineReader(socket.SocketIO):
    """What ``sock.makefile("rb")`` returns underneath its buffer: every ``readinto`` waits at most
    until the deadline."""

    def __init__(self, sock: socket.socket, deadline: float):
        super().__init__(sock, "rb")
        self._deadline = deadline

    def readinto(self, buffer: Any) -> int:
        left = remaining(self._deadline)
        if left <= 0:
            raise DeadlinePassed("the deadline for the whole response has passed")
        self._sock.settimeout(max(MIN_WAIT_S, left))
        return super().readinto(buffer)


class DeadlineSocket:
    """A connected socket whose reads through ``makefile`` (all of http.client's) obey the deadline;
    everything else goes to the socket itself."""

    def __init__(self, sock: socket.socket, deadline: float):
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode != "rb":
            return self._sock.makefile(mode, *args, **kwargs)
        raw = _DeadlineReader(self._sock, self._deadline)
        self._sock._io_refs += 1  # type: ignore[attr-defined]  # as socket.makefile does: close() waits for the file
        return io.BufferedReader(raw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _Watchdog:
    """Shuts a socket down at the deadline unless cancelled first (for reads no wrapper can see)."""

    def __init__(self, sock: socket.socket, deadline: float):
        self._fd = os.dup(sock.fileno())  # TLS wrapping detaches ``sock``; the duplicate stays valid
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(MIN_WAIT_S, remaining(deadline)), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._fd >= 0:
                try:
                    with socket.socket(fileno=os.dup(self._fd)) as duplicate:
                        duplicate.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1


class _DeadlineHTTP(HTTPConnection):
    deadline: float = 0.0  # set on the class made for each exchange (``pool``)

    def connect(self) -> None:
        super().connect()
        self.sock = DeadlineSocket(self.sock, self.deadline)  # type: ignore[assignment]


class _DeadlineHTTPS(HTTPSConnection):
    deadline: float = 0.0
    _watchdog: _Watchdog | None = None

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        self._watchdog = _Watchdog(sock, self.deadline)
        return sock

    def connect(self) -> None:
        try:
            super().connect()
        finally:
            if self._watchdog is not None:
                self._watchdog.cancel()
                self._watchdog = None
        self.sock = DeadlineSocket(self.sock, self.deadline)  # type: ignore[assignment]


def http_pool(address: str, port: int, deadline: float) -> urllib3.HTTPConnectionPool:
    pool = urllib3.HTTPConnectionPool(address, port, timeout=_timeout(deadline), retries=False, maxsize=1)
    pool.ConnectionCls = type("DeadlineHTTP", (_DeadlineHTTP,), {"deadline": deadline})
    return pool


def https_pool(address: str, port: int, deadline: float, **tls: Any) -> urllib3.HTTPSConnectionPool:
    pool = urllib3.HTTPSConnectionPool(address, port, timeout=_timeout(deadline), retries=False, maxsize=1, **tls)
    pool.ConnectionCls = type("DeadlineHTTPS", (_DeadlineHTTPS,), {"deadline": deadline})
    return pool


def _timeout(deadline: float) -> urllib3.Timeout:
    left = max(MIN_WAIT_S, remaining(deadline))
    return urllib3.Timeout(connect=left, read=left)
