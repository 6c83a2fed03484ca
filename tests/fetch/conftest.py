"""Loopback outlets and fetchers allowed to reach exactly them."""
from __future__ import annotations

from typing import Callable, Iterator

import pytest

from service.fetch.allowlist import Allowlist
from service.fetch.client import Fetcher, FetchPolicy
from tests.fetch.outlets import Outlet


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


@pytest.fixture
def fetcher_for() -> Callable[..., Fetcher]:
    def make(*hosts: str, **policy: object) -> Fetcher:
        options = {"timeout_s": 2.0, "host_delay_s": 0.0, "max_bytes": 200_000, **policy}
        return Fetcher(FetchPolicy(Allowlist.parse(hosts), **options))  # type: ignore[arg-type]

    return make
