"""The address check refuses every non-public range; tested on the check itself, never by connecting."""
from __future__ import annotations

import pytest

from service.fetch.addresses import check_address, refusal
from service.fetch.allowlist import Allowlist
from service.fetch.client import Fetcher, FetchPolicy
from service.fetch.errors import FetchRefused

REFUSED = {
    "127.0.0.1": "loopback", "127.8.9.10": "loopback", "::1": "loopback",
    "10.0.0.5": "private", "172.16.4.4": "private", "192.168.1.1": "private", "fc00::1": "private",
    "169.254.169.254": "link-local",  # AWS, GCP, Azure metadata
    "fd00:ec2::254": "private",  # AWS metadata over IPv6
    "100.100.100.200": "not a public",  # Alibaba metadata (shared address space)
    "192.0.0.192": "not a public",  # Oracle Cloud metadata (IETF protocol assignments)
    "fe80::a9fe:a9fe": "link-local",
    "0.0.0.0": "unspecified", "::": "unspecified",
    "224.0.0.251": "multicast", "239.255.255.250": "multicast", "ff02::1": "multicast",
    "240.0.0.1": "a reserved address", "255.255.255.255": "the broadcast address", "198.18.0.1": "private", "2001:db8::1": "private",
    "::ffff:169.254.169.254": "is an IPv6 address embedding 169.254.169.254, a link-local",
    "::ffff:10.0.0.1": "is an IPv6 address embedding 10.0.0.1, a private address",
    "64:ff9b::a9fe:a9fe": "embedding 169.254.169.254",  # NAT64 to the metadata service
    "2002:a9fe:a9fe::1": "not a public",  # 6to4 tunnel
    "2001:0:4136:e378:8000:63bf:3fff:fdd2": "private",  # Teredo
}


@pytest.mark.parametrize("address, why", REFUSED.items())
def test_non_public_addresses_are_refused(address, why):
    with pytest.raises(ValueError, match=why):
        check_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert refusal(check_address(address)) is None


def test_an_address_listed_literally_is_allowed_and_only_that_one():
    assert str(check_address("127.0.0.1", {"127.0.0.1"})) == "127.0.0.1"
    with pytest.raises(ValueError, match="loopback"):
        check_address("127.0.0.2", {"127.0.0.1"})
    with pytest.raises(ValueError, match="link-local"):
        check_address("169.254.169.254", {"127.0.0.1"})


@pytest.mark.parametrize("answers", [["169.254.169.254"], ["10.1.2.3"], ["93.184.215.14", "127.0.0.1"], ["fd00:ec2::254"]])
def test_a_listed_name_resolving_to_a_refused_address_is_never_connected(answers):
    """DNS rebinding: the name is listed, but what it resolves to is checked before any connection."""
    asked: list[tuple[str, int]] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append((host, port))
        return answers

    fetcher = Fetcher(FetchPolicy(Allowlist.parse(["news.example", "metadata.example:8080"])), resolver=resolver)
    for url in ("http://news.example/feed.xml", "http://metadata.example:8080/latest/meta-data/"):
        with pytest.raises(FetchRefused, match="resolves to .* never fetched"):
            fetcher.get(url, (), obey_robots=False)
    assert asked == [("news.example", 80), ("metadata.example", 8080)]
    assert fetcher.requests_made == 0


def test_a_name_listed_is_not_allowed_to_loopback_by_resolving_there():
    """Only a literally listed address may be non-public: "localhost" resolving to 127.0.0.1 is refused."""
    fetcher = Fetcher(FetchPolicy(Allowlist.parse(["localhost:9"])), resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchRefused, match="loopback"):
        fetcher.get("http://localhost:9/", (), obey_robots=False)
    assert fetcher.requests_made == 0


def test_an_address_entry_admits_only_its_own_port():
    """Issue 20 item 8: `127.0.0.1:18101` in the list must not let a listed name reach 127.0.0.1:18102."""
    allow = Allowlist.parse(["news.test:18102", "127.0.0.1:18101", "news.test:18101"])
    fetcher = Fetcher(FetchPolicy(allow), resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchRefused, match="127.0.0.1 is a loopback address"):
        fetcher.addresses(allow.check("http://news.test:18102/page"))
    assert fetcher.addresses(allow.check("http://news.test:18101/page")) == ["127.0.0.1"]
    assert fetcher.requests_made == 0


def test_an_address_entry_without_a_port_admits_only_the_default_port():
    allow = Allowlist.parse(["news.test:8443", "127.0.0.1"])
    fetcher = Fetcher(FetchPolicy(allow), resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchRefused, match="loopback"):
        fetcher.addresses(allow.check("https://news.test:8443/"))
    assert allow.literal_addresses(80, "http") == {"127.0.0.1"}
    assert allow.literal_addresses(443, "https") == {"127.0.0.1"}
    assert allow.literal_addresses(8443, "https") == allow.literal_addresses(80, "https") == set()
