"""Which IP addresses this service may connect to when it fetches a URL.

Only globally routable unicast addresses, unless the allowlist names the address itself (a test
server on ``127.0.0.1:PORT``). Refused: private, loopback, link-local (cloud metadata at
169.254.169.254), unique-local (``fd00:ec2::254``), shared (100.64/10: Alibaba's metadata),
IETF protocol assignments (192.0.0.0/24: Oracle's metadata), unspecified, broadcast, multicast,
reserved and documentation ranges, IPv6 tunnels (6to4, Teredo) and IPv6 forms that embed a
refused IPv4 address (IPv4-mapped, NAT64).
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Callable, Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Ranges ``is_global`` lets through (in some Python versions) that are still no place to fetch from:
# IETF assignments (Oracle's metadata), the 6to4 relay, local NAT64, Teredo and other IETF
# assignments, documentation, and 6to4 (a tunnel to any IPv4 address).
_ALSO_REFUSED = [
    ipaddress.ip_network(n)
    for n in ("192.0.0.0/24", "192.88.99.0/24", "64:ff9b:1::/48", "2001::/23", "2001:db8::/32", "2002::/16")
]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a connection to ``address`` reaches in the end (IPv4-mapped, NAT64)."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: IPAddress) -> str | None:
    """Why ``address`` may not be connected to, or None if it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            why = refusal(inner)
            return f"an IPv6 address embedding {inner}, {why}" if why else None
    for label, test in (
        ("an unspecified address", address.is_unspecified),
        ("a loopback address", address.is_loopback),
        ("a link-local address (where cloud metadata services live)", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("the broadcast address", address == _BROADCAST),
        ("a reserved address", address.is_reserved),
        ("a private address", address.is_private),
    ):
        if test:
            return label
    if not address.is_global or any(address in net for net in _ALSO_REFUSED):
        return "not a public address"
    return None


def check_address(address: str, listed_literally: Iterable[str] = ()) -> IPAddress:
    """The parsed address if this service may connect to it; ``ValueError`` saying why not.

    ``listed_literally``: addresses the allowlist names as such; they are allowed whatever their range.
    """
    parsed = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id ("fe80::1%eth0")
    if any(_same(parsed, entry) for entry in listed_literally):
        return parsed
    why = refusal(parsed)
    if why:
        raise ValueError(f"{parsed} is {why}")
    return parsed


def _same(address: IPAddress, entry: str) -> bool:
    try:
        return ipaddress.ip_address(entry) == address
    except ValueError:
        return False


def literal_address(host: str) -> IPAddress | None:
    """The address if ``host`` is written as an IP address (``127.0.0.1``, ``::1``), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the system resolver, as a connection would use it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))
