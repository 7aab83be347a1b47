"""One address plan per cluster: the attachments of every ProvisioningRequest rendered together.

A network is known by its cluster, master interface and VLAN.  Every PR on one network must give
it the same subnet and gateway, and their attachments are numbered together, PR by PR in name
order (then NF and interface, one address per replica): two intents on one cluster never get the
same address, and the same PRs give the same addresses whatever order they come in.  Where a
cluster's networks disagree it is a conflict, reported on each PR involved with the other named:

- one network (cluster, master interface, VLAN) with two subnets, or two gateways;
- two networks of one cluster whose subnets overlap (an address would be ambiguous on the node).

A subnet too small for all its PRs' attachments is an error naming each PR and what it needs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from oran_intent_krm.models.conflicts import conflict_tags
from oran_intent_krm.sdk import ownership, resource

from . import addressing
from .params import PARAMS
from .plan import Attachment, PRPlan

NETWORK_PATH = f"{PARAMS}.networkConfig"


@dataclass(frozen=True)
class NetworkKey:
    cluster: str
    master: str
    vlan: int

    def __str__(self) -> str:
        return f"VLAN {self.vlan} on {self.master} of cluster {self.cluster}"


def assign(plans: list[PRPlan], config: dict[str, Any], reserved: list, results) -> list[PRPlan]:
    """Give every plan's attachments their addresses; the plans left without a conflict or shortage."""
    failed: set[int] = set()
    by_network: dict[NetworkKey, list[PRPlan]] = defaultdict(list)
    for plan in sorted(plans, key=lambda p: p.params.name):
        network = plan.network
        by_network[NetworkKey(plan.params.cluster, network.master_interface, network.vlan)].append(plan)
    for key, sharing in by_network.items():
        failed |= _disagreements(key, sharing, results)
    failed |= _overlaps(by_network, results)
    for key, sharing in sorted(by_network.items(), key=lambda entry: (entry[0].cluster, entry[0].master, entry[0].vlan)):
        ready = [p for p in sharing if id(p) not in failed]
        failed |= _allocate(key, ready, config, reserved, results)
    return [p for p in plans if id(p) not in failed]


def intent_of(plan: PRPlan) -> str:
    """The name of the intent a PR was generated from (its provenance), else the PR's own name."""
    source = resource.identity_of_ref(str(resource.annotations(plan.pr).get(ownership.SOURCE) or ""))
    return source[3] if source else plan.params.name


def _disagreements(key: NetworkKey, sharing: list[PRPlan], results) -> set[int]:
    first, failed = sharing[0], set()
    for other in sharing[1:]:
        for what, mine, theirs in (("subnet", other.network.subnet, first.network.subnet), ("gateway", other.network.gateway, first.network.gateway)):
            if mine != theirs:
                _conflict(
                    other,
                    first,
                    f"{what} {mine} of {key} disagrees with {what} {theirs} given to the same network by ProvisioningRequest "
                    f"{first.params.name} (intent {intent_of(first)})",
                    f"{NETWORK_PATH}.{what}",
                    str(mine),
                    f"{theirs}, or another VLAN",
                    results,
                )
                failed |= {id(other), id(first)}
    return failed


def _overlaps(by_network: dict[NetworkKey, list[PRPlan]], results) -> set[int]:
    failed: set[int] = set()
    for (key_a, plans_a), (key_b, plans_b) in combinations(sorted(by_network.items(), key=lambda e: (e[0].cluster, e[0].master, e[0].vlan)), 2):
        if key_a.cluster != key_b.cluster:
            continue
        a, b = plans_a[0], plans_b[0]
        if a.network.subnet.version != b.network.subnet.version or not a.network.subnet.overlaps(b.network.subnet):
            continue
        for plan, other, key, other_key in ((b, a, key_b, key_a), (a, b, key_a, key_b)):
            _conflict(
                plan,
                other,
                f"subnet {plan.network.subnet} of {key} overlaps subnet {other.network.subnet} of {other_key}, "
                f"given by ProvisioningRequest {other.params.name} (intent {intent_of(other)}): an address would be ambiguous on the cluster",
                f"{NETWORK_PATH}.subnet",
                str(plan.network.subnet),
                f"a subnet disjoint from {other.network.subnet}",
                results,
            )
        failed |= {id(p) for p in plans_a + plans_b}
    return failed


def _allocate(key: NetworkKey, sharing: list[PRPlan], config: dict[str, Any], reserved: list, results) -> set[int]:
    if not sharing:
        return set()
    network = sharing[0].network
    requests = {p.params.name: _requests(p) for p in sharing}
    try:
        allocated = addressing.allocate_shared(network.subnet, network.gateway, requests, config["addressOffset"], reserved)
    except addressing.SubnetExhausted as exc:
        skipped = f" after skipping addressOffset {config['addressOffset']}" if config["addressOffset"] else ""
        count = sum(len(owned) for owned in requests.values())
        whose = "" if len(sharing) == 1 else " of ProvisioningRequests " + ", ".join(
            f"{p.params.name} (intent {intent_of(p)}, {len(requests[p.params.name])})" for p in sharing
        )
        for plan in sharing:
            others = [p for p in sharing if p is not plan]
            message = (
                f"subnet {network.subnet} of {key} is too small: {count} attachments{whose} (one address per replica) need "
                f"{exc.needed} addresses{skipped}, but only {exc.available} are free "
                "(network, gateway, broadcast and reserved addresses excluded)"
            )
            tags = conflict_tags(intent_of(plan), [intent_of(p) for p in others], "MODIFY") if others else None
            results.error(message, plan.pr, f"{NETWORK_PATH}.subnet", current=str(network.subnet),
                          expected=f"a subnet with at least {exc.needed} free host addresses", tags=tags)
        return {id(p) for p in sharing}
    for plan in sharing:
        mine = allocated[plan.params.name]
        for nf in plan.nfs:
            nf.attachments = [Attachment(i, f"{nf.name}-{i['name']}", mine[(nf.name, i["name"])]) for i in nf.interfaces() if i["attachment"]]
    return set()


def _requests(plan: PRPlan) -> list[addressing.Request]:
    return [addressing.Request(nf.name, i["name"], nf.replicas) for nf in plan.nfs for i in nf.interfaces() if i["attachment"]]


def _conflict(plan: PRPlan, other: PRPlan, message: str, path: str, current: str, expected: str, results) -> None:
    results.error(
        message,
        plan.pr,
        path,
        current=current,
        expected=expected,
        tags=conflict_tags(intent_of(plan), [intent_of(other)], "MODIFY"),
    )
