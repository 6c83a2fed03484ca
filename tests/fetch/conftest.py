"""Loopback outlets and fetchers allowed to reach exactly them."""
from __future__ import annotations

from typing import Callable

import pytest

from service.fetch.allowlist import Allowlist
from service.fetch.client import Fetcher, FetchPolicy
from tests.fetch.outlets import elsewhere, outlet  # noqa: F401 (fixtures)


@pytest.fixture
def fetcher_for() -> Callable[..., Fetcher]:
    def make(*hosts: str, **policy: object) -> Fetcher:
        options = {"timeout_s": 2.0, "host_delay_s": 0.0, "max_bytes": 200_000, **policy}
        return Fetcher(FetchPolicy(Allowlist.parse(hosts), **options))  # type: ignore[arg-type]

    return make
