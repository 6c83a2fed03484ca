"""Raw loopback TCP servers that misbehave below HTTP: they trickle the status line or header lines,
or accept and never answer. Threaded socket servers on 127.0.0.1 (shared by tests/fetch and
tests/reliability). Each keeps misbehaving for at most ``limit_s`` and then closes, so a client
that does not enforce its own deadline is held about that long (what the tests measure against)."""
from __future__ import annotations

import socket
import socketserver
import threading
import time
from typing import Iterator

STATUS = b"HTTP/1.1 200 OK\r\n"


class SlowServer:
    """``mode``: "headers" (status line at once, then one header line every ``step_s``), "status" (the
    status line one byte every ``step_s``) or "silent" (reads the request, sends nothing)."""

    def __init__(self, mode: str, step_s: float = 0.25, limit_s: float = 30.0):
        self.mode, self.step_s, self.limit_s = mode, step_s, limit_s
        self.connections = 0
        self.closed = threading.Event()
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                server.connections += 1
                try:
                    server._serve(self.request)
                except OSError:
                    pass

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "/page") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self, conn: socket.socket) -> None:
        conn.recv(65536)
        ends = time.monotonic() + self.limit_s
        pieces: Iterator[bytes]
        if self.mode == "headers":
            conn.sendall(STATUS)
            pieces = (f"X-Slow-{i}: {'x' * 20}\r\n".encode() for i in range(1_000_000))
        elif self.mode == "status":
            head = b"HTTP/1.1 200 "  # then a reason phrase that never ends
            pieces = (head[i:i + 1] if i < len(head) else b"K" for i in range(1_000_000))
        else:
            pieces = iter(())
        for piece in pieces:
            if time.monotonic() >= ends or self.closed.is_set():
                return
            conn.sendall(piece)
            time.sleep(self.step_s)
        while time.monotonic() < ends and not self.closed.is_set():
            time.sleep(0.05)

    def stop(self) -> None:
        self.closed.set()
        self._server.shutdown()
        self._server.server_close()
