"""Deterministic static addresses for the NF attachments, inside the PR's subnet.

Addresses are handed out in order (NF name, interface name), one per replica, from the subnet's
host addresses: never the network address, the broadcast address (IPv4), the gateway or a
configured reserved address.  The same set of attachments always gets the same addresses.
Where several PRs share a network, they share one pool, PR by PR in name order (address_plan.py).
"""

from __future__ import annotations

import ipaddress
import itertools
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence


class SubnetExhausted(ValueError):
    def __init__(self, needed: int, available: int):
        super().__init__(f"needs {needed} addresses, {available} free")
        self.needed, self.available = needed, available


@dataclass(frozen=True)
class Request:
    nf: str
    interface: str
    count: int  # one address per replica


def usable(subnet, gateway, reserved: Iterable = ()) -> Iterator:
    """Host addresses of the subnet in order, without network, broadcast, gateway and reserved ones."""
    excluded = {gateway, *reserved}
    first, last = int(subnet.network_address), int(subnet.broadcast_address)
    if subnet.num_addresses > 2:
        first += 1  # the network address (IPv6: the subnet-router anycast address)
        if subnet.version == 4:
            last -= 1  # the broadcast address
    make = ipaddress.IPv4Address if subnet.version == 4 else ipaddress.IPv6Address
    for value in range(first, last + 1):
        address = make(value)
        if address not in excluded:
            yield address


def allocate(subnet, gateway, requests: Sequence[Request], offset: int = 0, reserved: Iterable = ()) -> dict[tuple[str, str], list]:
    """Addresses per (nf, interface); raises SubnetExhausted when the subnet is too small."""
    return allocate_shared(subnet, gateway, {"": requests}, offset, reserved)[""]


def allocate_shared(
    subnet, gateway, requests: dict[str, Sequence[Request]], offset: int = 0, reserved: Iterable = ()
) -> dict[str, dict[tuple[str, str], list]]:
    """Addresses per owner (a PR) and (nf, interface) from one pool: owners in name order, each
    owner's requests as `allocate` orders them.  Raises SubnetExhausted for all of them together."""
    needed = sum(r.count for owned in requests.values() for r in owned)
    pool = usable(subnet, gateway, reserved)
    for _ in range(offset):
        if next(pool, None) is None:
            raise SubnetExhausted(needed + offset, _count_free(subnet, gateway, reserved))
    out: dict[str, dict[tuple[str, str], list]] = {}
    for owner in sorted(requests):
        out[owner] = {}
        for request in sorted(requests[owner], key=lambda r: (r.nf, r.interface)):
            chosen = list(itertools.islice(pool, request.count))
            if len(chosen) < request.count:
                raise SubnetExhausted(needed + offset, _count_free(subnet, gateway, reserved))
            out[owner][(request.nf, request.interface)] = chosen
    return out


def _count_free(subnet, gateway, reserved) -> int:
    edges = set(_edges(subnet))
    excluded = {a for a in {gateway, *reserved} if a in subnet and a not in edges}
    return max(0, subnet.num_addresses - len(edges) - len(excluded))


def _edges(subnet) -> list:
    if subnet.num_addresses <= 2:
        return []
    return [subnet.network_address] + ([subnet.broadcast_address] if subnet.version == 4 else [])
