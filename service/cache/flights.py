"""In-process single flight: the first caller of a key leads, the others wait for its outcome."""
from __future__ import annotations

import threading
from concurrent.futures import Future

from service.cache.base import Value


class Flights:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[str, Future[Value]] = {}

    def join(self, key: str) -> tuple[Future[Value], bool]:
        """The flight for ``key`` and whether this caller leads it (and must end it)."""
        with self._lock:
            flight = self._flights.get(key)
            if flight is not None:
                return flight, False
            flight = self._flights[key] = Future()
            return flight, True

    def succeed(self, key: str, flight: Future[Value], value: Value) -> None:
        self._end(key)
        flight.set_result(value)

    def fail(self, key: str, flight: Future[Value], exc: BaseException) -> None:
        self._end(key)
        flight.set_exception(exc)

    def _end(self, key: str) -> None:
        """Forget the flight before resolving it, so later callers start afresh (and find the
        stored value) instead of joining a finished flight."""
        with self._lock:
            self._flights.pop(key, None)
