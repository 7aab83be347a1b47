"""The site inventory in the package: Nephio WorkloadClusters and their SiteNetworkPlans.

Both are usually local-config (never deployed).  Every network plan is checked:
VLAN 1..4094, a valid IPv4/IPv6 network, a gateway inside it that is neither
its network nor its broadcast address, and no two sites with overlapping
subnets, whatever their VLANs.  A plan may declare what the RAN may use of its
cluster (`spec.capacity`), which capacity.py holds the intents to.
"""

from __future__ import annotations

import fnmatch
import ipaddress
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Mapping

from oran_intent_krm.sdk import quantity, resource
from oran_intent_krm.sdk.results import Results

from .intents import ClusterRequest

WORKLOAD_CLUSTER = ("infra.nephio.org/v1alpha1", "WorkloadCluster")
NETWORK_PLAN = ("fn.oran-intent.io/v1alpha1", "SiteNetworkPlan")
PLACEHOLDER_CLUSTER_NAMES = ("", "example")  # Nephio blueprints' not-yet-injected WorkloadCluster


@dataclass
class Cluster:
    name: str
    labels: dict[str, str]
    master_interface: str | None
    obj: Mapping[str, Any]


@dataclass
class NetworkPlan:
    cluster: str
    vlan: int
    subnet: ipaddress.IPv4Network | ipaddress.IPv6Network
    gateway: ipaddress.IPv4Address | ipaddress.IPv6Address
    master_interface: str | None
    obj: Mapping[str, Any]
    capacity: dict[str, Any] = field(default_factory=dict)  # resource -> quantity as written


@dataclass
class Inventory:
    clusters: dict[str, Cluster] = field(default_factory=dict)
    plans: dict[str, NetworkPlan] = field(default_factory=dict)
    invalid_plans: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    invalid_clusters: dict[str, Mapping[str, Any]] = field(default_factory=dict)  # WorkloadClusters in error

    def resolve(self, request: ClusterRequest) -> list[Cluster]:
        """The clusters a target names, sorted by name."""
        if request.mode == "name":
            found = [self.clusters[request.value]] if request.value in self.clusters else []
        elif request.mode == "glob":
            found = [c for n, c in self.clusters.items() if fnmatch.fnmatchcase(n, request.value)]
        else:
            found = [c for c in self.clusters.values() if all(c.labels.get(k) == v for k, v in request.labels)]
        return sorted(found, key=lambda c: c.name)


def load(items: list[Any], results: Results, rejected: list[Any] = ()) -> Inventory:
    """The inventory of the items; `rejected` are inventory items that failed their schema (already
    reported), remembered so that what needs them can point at them."""
    inventory = Inventory()
    for obj in rejected:
        name = resource.get_path(obj, "spec.clusterName")
        if isinstance(name, str) and name.strip():
            kind = (obj.get("apiVersion"), obj.get("kind"))
            known = inventory.invalid_clusters if kind == WORKLOAD_CLUSTER else inventory.invalid_plans if kind == NETWORK_PLAN else {}
            known.setdefault(name.strip(), obj)
    for obj in _select(items, *WORKLOAD_CLUSTER):
        cluster = _read_cluster(obj, results)
        if cluster is None:
            continue
        if cluster.name in inventory.clusters:
            first = inventory.clusters[cluster.name].obj
            results.error(
                f"cluster {cluster.name} is described twice (also by {resource.ref_string(first)})",
                obj,
                "spec.clusterName",
                current=cluster.name,
                expected="one WorkloadCluster per cluster",
            )
            continue
        inventory.clusters[cluster.name] = cluster
    by_cluster: dict[str, list[tuple[Any, NetworkPlan | None]]] = {}
    for obj in _select(items, *NETWORK_PLAN):
        plan = read_plan(obj, results)
        cluster = resource.get_path(obj, "spec.clusterName")
        if isinstance(cluster, str) and cluster.strip():
            by_cluster.setdefault(cluster.strip(), []).append((obj, plan))
    for cluster, entries in sorted(by_cluster.items()):
        first_obj, plan = entries[0]
        for obj, _ in entries[1:]:
            results.error(
                f"cluster {cluster} has a second SiteNetworkPlan (first: {resource.ref_string(first_obj)})",
                obj,
                "spec.clusterName",
                current=cluster,
                expected="one SiteNetworkPlan per cluster",
            )
        if plan is None or len(entries) > 1:
            inventory.invalid_plans[cluster] = first_obj
        else:
            inventory.plans[cluster] = plan
    for plan in check_overlaps(list(inventory.plans.values()), results):
        inventory.plans.pop(plan.cluster, None)
        inventory.invalid_plans[plan.cluster] = plan.obj
    return inventory


def _select(items: list[Any], api_version: str, kind: str) -> list[Any]:
    found = [i for i in items if i.get("apiVersion") == api_version and i.get("kind") == kind]
    return sorted(found, key=resource.identity)


def _read_cluster(obj: Mapping[str, Any], results: Results) -> Cluster | None:
    name = resource.get_path(obj, "spec.clusterName")
    if not isinstance(name, str) or name.strip() in PLACEHOLDER_CLUSTER_NAMES:
        results.warning(
            "WorkloadCluster has no cluster name yet (a placeholder awaiting injection?); it is not a target",
            obj,
            "spec.clusterName",
            current=name,
            expected="the cluster's name",
        )
        return None
    master = resource.get_path(obj, "spec.masterInterface")
    labels = {str(k): str(v) for k, v in resource.labels(obj).items()}
    return Cluster(name.strip(), labels, master if isinstance(master, str) and master else None, obj)


def read_plan(obj: Mapping[str, Any], results: Results) -> NetworkPlan | None:
    """A checked network plan, or None after reporting each problem on its field."""
    spec = obj.get("spec")
    if not isinstance(spec, Mapping):
        results.error("SiteNetworkPlan has no spec", obj, "spec", current=spec, expected="clusterName, vlan, subnet, gateway")
        return None
    cluster = spec.get("clusterName")
    ok = True
    if not isinstance(cluster, str) or not cluster.strip():
        results.error(
            "clusterName is missing", obj, "spec.clusterName", current=cluster, expected="a WorkloadCluster's clusterName"
        )
        ok = False
    vlan = spec.get("vlan")
    if isinstance(vlan, bool) or not isinstance(vlan, int) or not 1 <= vlan <= 4094:
        results.error(f"VLAN {vlan!r} is out of range: a VLAN id is an integer from 1 to 4094", obj, "spec.vlan", current=vlan, expected="an integer in 1..4094")
        ok = False
    subnet = _subnet(obj, spec.get("subnet"), results)
    gateway = _gateway(obj, spec.get("gateway"), subnet, results)
    master = spec.get("masterInterface")
    if master is not None and (not isinstance(master, str) or not master.strip()):
        results.error(
            "masterInterface must be an interface name", obj, "spec.masterInterface", current=master, expected="e.g. eth1"
        )
        ok = False
    capacity = spec.get("capacity") if isinstance(spec.get("capacity"), Mapping) else {}
    for name, value in capacity.items():
        try:
            quantity.parse(value)
        except quantity.QuantityError as exc:
            results.error(f"capacity {name} {exc}", obj, f"spec.capacity.{name}", current=str(value), expected="a Kubernetes quantity such as 64, 256Gi or 2Ti")
            ok = False
    if not ok or subnet is None or gateway is None:
        return None
    return NetworkPlan(cluster.strip(), vlan, subnet, gateway, master.strip() if master else None, obj, dict(capacity))


def _subnet(obj: Mapping[str, Any], value: Any, results: Results):
    if not isinstance(value, str) or "/" not in value:
        results.error(
            f"subnet {value!r} is not a network in CIDR form",
            obj,
            "spec.subnet",
            current=value,
            expected="e.g. 192.168.100.0/24 or fd00:100::/64",
        )
        return None
    try:
        return ipaddress.ip_network(value.strip(), strict=True)
    except ValueError as exc:
        expected = "a valid IPv4 or IPv6 network"
        try:
            expected = f"the network address {ipaddress.ip_network(value.strip(), strict=False)}"
        except ValueError:
            pass
        results.error(f"subnet {value!r} is not a valid network: {exc}", obj, "spec.subnet", current=value, expected=expected)
        return None


def _gateway(obj: Mapping[str, Any], value: Any, subnet, results: Results):
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        gateway = ipaddress.ip_address(value.strip())
    except ValueError:
        results.error(
            f"gateway {value!r} is not an IP address", obj, "spec.gateway", current=value, expected="an address inside the subnet"
        )
        return None
    if subnet is None:
        return gateway
    problem = _gateway_problem(gateway, subnet)
    if problem:
        results.error(
            f"gateway {gateway} {problem}", obj, "spec.gateway", current=str(value), expected=f"a host address of {subnet}"
        )
        return None
    return gateway


def _gateway_problem(gateway, subnet) -> str | None:
    if gateway.version != subnet.version:
        return f"is IPv{gateway.version} but subnet {subnet} is IPv{subnet.version}"
    if gateway not in subnet:
        return f"is outside subnet {subnet}"
    if subnet.num_addresses == 1:
        return f"leaves no host address in {subnet}"
    if subnet.num_addresses == 2:  # point-to-point links (RFC 3021, RFC 6164) use both addresses
        return None
    if gateway == subnet.network_address:
        return f"is the network address of {subnet}"
    if subnet.version == 4 and gateway == subnet.broadcast_address:
        return f"is the broadcast address of {subnet}"
    return None


def check_overlaps(plans: list[NetworkPlan], results: Results) -> list[NetworkPlan]:
    """Plans whose subnet overlaps another site's, on any VLAN (each pair reported once).

    The sites' RAN networks are routed to one another (midhaul, E2, the management plane), so an
    address must mean one interface across the whole plan: the sites a fan-out renders as separate
    packages included (their plans are checked together where they are all in one place, see
    packages/multi-site-edge/fan-out)."""
    bad: dict[str, NetworkPlan] = {}
    ordered = sorted(plans, key=lambda p: resource.identity(p.obj))
    for first, second in combinations(ordered, 2):
        if first.subnet.version != second.subnet.version or not first.subnet.overlaps(second.subnet):
            continue
        where = resource.file_path(first.obj)
        results.error(
            f"subnet {second.subnet} of cluster {second.cluster} (VLAN {second.vlan}) overlaps subnet {first.subnet} of "
            f"cluster {first.cluster} (VLAN {first.vlan}) in {resource.ref_string(first.obj)}"
            + (f" ({where})" if where else "")
            + ": the sites' networks are routed to each other, so every address must be unique across them",
            second.obj,
            "spec.subnet",
            current=str(second.subnet),
            expected=f"a subnet disjoint from {first.subnet}",
            tags={"reason": "OverlappingSubnets", "conflictsWith": resource.ref_string(first.obj)},
        )
        bad[first.cluster], bad[second.cluster] = first, second
    return sorted(bad.values(), key=lambda p: p.cluster)
