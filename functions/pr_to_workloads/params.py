"""Reading a ProvisioningRequest's `spec.templateParameters` into plain values, reporting every problem.

Each problem is an error result naming the PR, the field path, what was found and what was
expected; a PR with any problem yields None (and so generates nothing).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from oran_intent_krm.sdk import quantity, resource

PARAMS = "spec.templateParameters"
SPLIT_RESOURCES = ("cpu", "memory", "storage")
PAIR = "O-CU"
DNS_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
CLUSTER_NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
INTERFACE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
HUGEPAGES = re.compile(r"^hugepages-(.+)$")
EXTENDED = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_NF_ALIASES = {"O-CUCP": "O-CU-CP", "O-CUUP": "O-CU-UP", "O-GNB-DU": "O-DU", "O-GNB-CU": "O-CU", "O-GNB-CU-CP": "O-CU-CP",
               "O-GNB-CU-UP": "O-CU-UP"}


@dataclass
class Network:
    vlan: int
    subnet: ipaddress.IPv4Network | ipaddress.IPv6Network
    gateway: ipaddress.IPv4Address | ipaddress.IPv6Address
    master_interface: str


@dataclass
class NFRequest:
    name: str
    nf_type: str  # a catalog type, or PAIR before expansion
    source: str
    performance_class: str
    replicas: int
    dedicated_cpu: bool
    resources: dict[str, Fraction]  # per replica, only what the PR gave
    path: str  # field path of the networkFunctions entry it came from
    pair_of: str = ""  # the CU pair's name, when expanded from one


@dataclass
class PRParams:
    pr: Any
    name: str
    cluster: str
    labels: dict[str, str]
    performance_class: str
    requirements: dict[str, Fraction]
    network: Network
    nfs: list[NFRequest] = field(default_factory=list)


class Problems:
    """Error results about one PR; `ok` tells whether any was reported."""

    def __init__(self, results, pr):
        self.results, self.pr, self.count = results, pr, 0

    def error(self, message: str, path: str, current: Any = None, expected: Any = None) -> None:
        self.count += 1
        self.results.error(message, self.pr, path, current=current, expected=expected)

    @property
    def ok(self) -> bool:
        return self.count == 0


def read(pr: Any, results, catalog_types, profiles, default_master: str) -> PRParams | None:
    problems = Problems(results, pr)
    params = (pr.get("spec") or {}).get("templateParameters") if isinstance(pr.get("spec"), Mapping) else None
    if not isinstance(params, Mapping):
        problems.error("ProvisioningRequest has no spec.templateParameters: nothing to deploy", PARAMS, params,
                       "an object with clusterName, resourceRequirements, networkConfig, networkFunctions")
        return None
    cluster = _cluster(params, problems)
    labels = _labels(params, problems)
    pr_class = _performance_class(params.get("performanceClass"), f"{PARAMS}.performanceClass", profiles, problems, "standard")
    requirements = _requirements(params, problems)
    network = _network(params.get("networkConfig"), problems, default_master)
    nfs = _network_functions(params.get("networkFunctions"), problems, catalog_types, profiles, pr_class)
    if not problems.ok:
        return None
    name = resource.name(pr)  # "" where metadata or its name is not what it should be
    return PRParams(pr, name, cluster, labels, pr_class, requirements, network, nfs)


def _cluster(params: Mapping[str, Any], problems: Problems) -> str:
    key = "clusterName" if "clusterName" in params else "targetCluster" if "targetCluster" in params else "clusterName"
    value = params.get(key)
    if not isinstance(value, str) or not value:
        problems.error("the PR names no target cluster", f"{PARAMS}.clusterName", value, "the cluster's name (DNS-1123)")
        return ""
    if len(value) > 253 or not CLUSTER_NAME.match(value):
        problems.error("clusterName is not a DNS-1123 name", f"{PARAMS}.{key}", value, "lower-case letters, digits, '-' and '.'")
    return value


def _labels(params: Mapping[str, Any], problems: Problems) -> dict[str, str]:
    value = params.get("labels") or {}
    if not isinstance(value, Mapping):
        problems.error("labels must be a map of strings", f"{PARAMS}.labels", value, "a map of strings")
        return {}
    return {str(k): str(v) for k, v in value.items()}


def _performance_class(value: Any, path: str, profiles: Mapping[str, Any], problems: Problems, default: str) -> str:
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in profiles:
        problems.error(f"unknown performanceClass {value!r}", path, value, "one of " + ", ".join(sorted(profiles)))
        return default
    return value


def _requirements(params: Mapping[str, Any], problems: Problems) -> dict[str, Fraction]:
    path = f"{PARAMS}.resourceRequirements"
    value = params.get("resourceRequirements")
    if not isinstance(value, Mapping) or not value:
        problems.error(
            "the PR has no resourceRequirements: the workloads' sizing cannot be checked against what was provisioned",
            path, value, "a map such as {cpu: 8000m, memory: 16Gi, storage: 50Gi}",
        )
        return {}
    return resources(value, path, problems)


def resources(value: Mapping[str, Any], path: str, problems: Problems) -> dict[str, Fraction]:
    """Exact quantities of a resources map; every unknown name or unparseable value is an error."""
    out: dict[str, Fraction] = {}
    for key in sorted(value, key=str):
        where = f"{path}.{key}"
        name = str(key)
        if name == "ephemeral-storage":
            name = "storage"
        if name not in SPLIT_RESOURCES and not HUGEPAGES.match(name) and not EXTENDED.match(name):
            problems.error(f"unknown resource {key!r}", where, value[key],
                           "cpu, memory, storage, hugepages-<size> or an extended resource <domain>/<name>")
            continue
        try:
            amount = quantity.parse(value[key])
        except quantity.QuantityError as exc:
            problems.error(f"unparseable quantity for {key}: {exc}", where, _scalar(value[key]), "a Kubernetes quantity such as 2000m, 4Gi or 10G")
            continue
        problem = _quantity_problem(name, amount)
        if problem:
            problems.error(f"{key} {value[key]!r} {problem}", where, _scalar(value[key]), "a valid amount")
            continue
        out[name] = out.get(name, Fraction(0)) + amount
    return out


def _quantity_problem(name: str, amount: Fraction) -> str:
    if amount < 0:
        return "is negative"
    if name == "cpu":
        return "" if (amount * 1000).denominator == 1 else "is finer than 1m"
    huge = HUGEPAGES.match(name)
    if huge:
        try:
            page = quantity.parse(huge.group(1))
        except quantity.QuantityError:
            return f"has an unknown page size {huge.group(1)!r}"
        return "" if page > 0 and (amount / page).denominator == 1 else f"is not a whole number of {huge.group(1)} pages"
    if amount.denominator != 1:
        return "is not a whole number" + (" of bytes" if "/" not in name else "")
    return ""


def _scalar(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _network(value: Any, problems: Problems, default_master: str) -> Network | None:
    path = f"{PARAMS}.networkConfig"
    if not isinstance(value, Mapping):
        problems.error("the PR has no networkConfig: the NF attachments cannot be built", path, value,
                       "an object with vlan, subnet, gateway[, masterInterface]")
        return None
    vlan = _vlan(value.get("vlan"), f"{path}.vlan", problems)
    subnet = _subnet(value.get("subnet"), f"{path}.subnet", problems)
    gateway = _gateway(value.get("gateway"), subnet, f"{path}.gateway", problems)
    master = value.get("masterInterface") or default_master
    if not isinstance(master, str) or not INTERFACE_NAME.match(master) or len(f"{master}.{vlan or 0}") > 15:
        problems.error("masterInterface is not a usable interface name", f"{path}.masterInterface", master,
                       "a node interface name; with the VLAN suffix at most 15 characters")
    if vlan is None or subnet is None or gateway is None:
        return None
    return Network(vlan, subnet, gateway, str(master))


def _vlan(value: Any, path: str, problems: Problems) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4094:
        problems.error("vlan is not a VLAN id", path, value, "an integer from 1 to 4094")
        return None
    return value


def _subnet(value: Any, path: str, problems: Problems):
    if not isinstance(value, str) or "/" not in value:
        problems.error("subnet is not a CIDR", path, value, "a network such as 192.168.100.0/24")
        return None
    try:
        return ipaddress.ip_network(value, strict=True)
    except ValueError as exc:
        try:
            expected = str(ipaddress.ip_network(value, strict=False))  # host bits set: propose the network
        except ValueError:
            expected = "a network such as 192.168.100.0/24"
        problems.error(f"subnet is not a network: {exc}", path, value, expected)
        return None


def _gateway(value: Any, subnet, path: str, problems: Problems):
    try:
        gateway = ipaddress.ip_address(str(value))
    except ValueError:
        problems.error("gateway is not an IP address", path, value, "an address inside the subnet")
        return None
    if subnet is None:
        return gateway
    if gateway.version != subnet.version or gateway not in subnet:
        problems.error("gateway is outside the subnet", path, value, f"an address inside {subnet}")
        return None
    if subnet.num_addresses > 2 and (gateway == subnet.network_address or
                                     (subnet.version == 4 and gateway == subnet.broadcast_address)):
        problems.error("gateway is the subnet's network or broadcast address", path, value, f"a host address of {subnet}")
        return None
    return gateway


def normalise_nf_type(value: Any, known) -> str | None:
    """`O-CU-CP`, `cu-cp`, `o_cu_cp`, `o-ran-du` ... as a catalog type; `O-CU` / `o-ran-cu` is the CU pair."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = re.sub(r"[\s_]+", "-", value.strip().upper())
    for prefix in ("O-RAN-", "ORAN-"):
        if text.startswith(prefix):
            text = "O-" + text[len(prefix):]
    if text in known:
        return text
    if not text.startswith("O-"):
        text = "O-" + text
    text = _NF_ALIASES.get(text, text)
    if text == PAIR or text in known:
        return text
    return None


def _network_functions(value: Any, problems: Problems, known, profiles, pr_class: str) -> list[NFRequest]:
    path = f"{PARAMS}.networkFunctions"
    if not isinstance(value, list) or not value:
        problems.error("the PR lists no networkFunctions", path, value, "a non-empty list of {name, nfType, resources, ...}")
        return []
    out = []
    for index, entry in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(entry, Mapping):
            problems.error("networkFunctions entry is not an object", where, entry, "an object")
            continue
        nf = _network_function(entry, where, problems, known, profiles, pr_class)
        if nf:
            out.append(nf)
    return out


def _network_function(entry: Mapping[str, Any], where: str, problems: Problems, known, profiles, pr_class: str):
    name = entry.get("name")
    if not isinstance(name, str) or not DNS_LABEL.match(name) or len(name) > 40:
        problems.error("network function name is not usable for Kubernetes objects", f"{where}.name", name,
                       "a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, at most 40 characters")
        name = None
    nf_type = normalise_nf_type(entry.get("nfType"), known)
    if nf_type is None:
        problems.error(f"unknown nfType {entry.get('nfType')!r}", f"{where}.nfType", entry.get("nfType"),
                       "one of " + ", ".join(sorted(set(known) | {PAIR})))
    replicas = entry.get("replicas", 1)
    if isinstance(replicas, bool) or not isinstance(replicas, int) or replicas < 1:
        problems.error("replicas must be a positive integer", f"{where}.replicas", replicas, "an integer >= 1")
        replicas = 1
    dedicated = entry.get("dedicatedCpu", False)
    if not isinstance(dedicated, bool):
        problems.error("dedicatedCpu must be true or false", f"{where}.dedicatedCpu", dedicated, "a boolean")
        dedicated = False
    nf_class = _performance_class(entry.get("performanceClass"), f"{where}.performanceClass", profiles, problems, pr_class)
    raw = entry.get("resources")
    if raw is not None and not isinstance(raw, Mapping):
        problems.error("resources must be a map of quantities", f"{where}.resources", raw, "a map such as {cpu: 2000m, memory: 4Gi}")
        raw = None
    amounts = resources(raw or {}, f"{where}.resources", problems)
    if name is None or nf_type is None:
        return None
    return NFRequest(name, nf_type, str(entry.get("source") or ""), nf_class, replicas, dedicated, amounts, where)
