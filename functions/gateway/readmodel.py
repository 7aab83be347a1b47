"""What the gateway serves, read from the rendered packages in the repository.

One `PackageView` per intent package, built from its files alone: the TMF921 intent, the
TS 28.312 intents generated from it, their ProvisioningRequests (one per cluster), the
workloads generated from each request, the SLO gates with their verdicts, the measurement jobs
and reports, and the TS 28.312 IntentReports.  Resources are found by kind and by the SDK's
provenance annotations, never by the folders the pipeline writes them to.

A `Snapshot` is every view at one commit, plus the gateway's other records (intent
specifications, hubs, deleted report ids).  Snapshots are never changed: the single writer makes
a new one per commit and readers (the API, a status page) use whichever they picked up.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Mapping

from . import krm

INTENTS_DIR = "intents"
SPECIFICATIONS_DIR = "specifications"
HUBS_DIR = "hubs"
REPORTS_DIR = "intent-reports"
PORCH_DIR = "porch"
BLUEPRINTS_DIR = "blueprints"
INVENTORY_DIR = "inventory"

ANNOTATION_PREFIX = "intent-gateway.oran-intent.io/"
CREATED = ANNOTATION_PREFIX + "creation-date"
UPDATED = ANNOTATION_PREFIX + "last-update"
STATUS_CHANGED = ANNOTATION_PREFIX + "status-change-date"
CLUSTER_LABEL = "nephio.org/cluster-name"
# Bumped whenever PackageView changes shape: cached views of another version are not read.
VIEW_VERSION = 1


@dataclass(frozen=True)
class Workload:
    kind: str
    namespace: str
    name: str
    cluster: str


@dataclass(frozen=True)
class ProvisioningRequestView:
    name: str
    cluster: str
    obj: Mapping[str, Any]
    workloads: tuple[Workload, ...]


@dataclass(frozen=True)
class GateView:
    name: str
    target: str  # the ProvisioningRequest it judges
    phase: str  # Passed, Failed, Inconclusive (or "" before the validator ran)
    reason: str
    message: str
    obj: Mapping[str, Any]


@dataclass(frozen=True)
class PackageView:
    """An intent's package as rendered at one commit."""

    name: str
    tree: str  # git tree id of the package folder
    intent: Mapping[str, Any]  # the TMF921 Intent (KRM)
    ts_intents: tuple[Mapping[str, Any], ...]
    provisioning_requests: tuple[ProvisioningRequestView, ...]
    gates: tuple[GateView, ...]
    measurement_jobs: tuple[Mapping[str, Any], ...]
    measurement_reports: tuple[Mapping[str, Any], ...]
    intent_reports: tuple[Mapping[str, Any], ...]  # TS 28.312 IntentReports
    conditions: tuple[Mapping[str, Any], ...]  # the Kptfile's status conditions (readiness gates)
    addresses: frozenset[tuple[str, str]]  # (cluster, address) of every network attachment

    @property
    def created(self) -> str:
        return str(krm.annotations(self.intent).get(CREATED) or "")

    @property
    def updated(self) -> str:
        return str(krm.annotations(self.intent).get(UPDATED) or self.created)

    @property
    def status_changed(self) -> str:
        return str(krm.annotations(self.intent).get(STATUS_CHANGED) or self.updated)

    @property
    def clusters(self) -> list[str]:
        return sorted({pr.cluster for pr in self.provisioning_requests})

    def admin_states(self) -> set[str]:
        return {str((i.get("spec") or {}).get("intentAdminState") or "ACTIVATED") for i in self.ts_intents}


@dataclass(frozen=True)
class Snapshot:
    head: str | None
    packages: Mapping[str, PackageView] = field(default_factory=dict)
    specifications: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    hubs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    deleted_reports: Mapping[str, frozenset[str]] = field(default_factory=dict)
    blueprint: str = ""  # folder of the blueprint in the repository
    blueprint_commit: str = ""

    def with_package(self, head: str, view: PackageView | None, name: str) -> Snapshot:
        packages = dict(self.packages)
        if view is None:
            packages.pop(name, None)
        else:
            packages[name] = view
        reports = dict(self.deleted_reports)
        if view is None:
            reports.pop(name, None)
        return replace(self, head=head, packages=packages, deleted_reports=reports)

    def addresses_except(self, name: str) -> set[str]:
        """Every address another intent's package holds."""
        return {address for other, view in self.packages.items() if other != name for _, address in view.addresses}

    def address_holders(self, addresses: frozenset[tuple[str, str]], name: str) -> dict[tuple[str, str], str]:
        """(cluster, address) -> the other intent holding it, for those of `addresses` taken."""
        taken: dict[tuple[str, str], str] = {}
        for other, view in self.packages.items():
            if other == name:
                continue
            for claim in view.addresses & addresses:
                taken[claim] = other
        return taken


# Kinds read whole; of every other resource only the header (identity, labels, annotations) is read.
READ_WHOLE = {
    (krm.TMF921, "Intent"),
    (krm.TS28312, "Intent"),
    (krm.TS28312, "IntentReport"),
    (krm.O2IMS_PROVISIONING, "ProvisioningRequest"),
    (krm.SLO, "SLOGate"),
    (krm.MEASUREMENT, "MeasurementJob"),
    (krm.MEASUREMENT, "MeasurementReport"),
    (krm.NAD_GROUP, "NetworkAttachmentDefinition"),
}


def resources(path: str, content: bytes) -> list[Mapping[str, Any]]:
    """The resources of one package file: whole where the read model needs them, else their headers."""
    from oran_intent_krm.sdk import slicing

    text = content.decode("utf-8")
    if "\n---" not in text and not text.startswith("---"):
        head = slicing.header(text)
        if head is not None and (krm.group_of(head), head.get("kind")) not in READ_WHOLE:
            return [head]
    return krm.documents(text)


def package_view(name: str, tree: str, files: Mapping[str, bytes]) -> PackageView:
    """Read an intent package's files (paths relative to the package)."""
    items: list[Mapping[str, Any]] = []
    kptfile: Mapping[str, Any] = {}
    for path, content in sorted(files.items()):
        if not krm.is_yaml_file(path):
            continue
        if path == "Kptfile":
            docs = krm.documents(content)
            kptfile = docs[0] if docs else {}
            continue
        items.extend(resources(path, content))
    tmf = [i for i in items if krm.is_kind(i, krm.TMF921, "Intent")]
    intent = tmf[0] if tmf else {"apiVersion": f"{krm.TMF921}/v1", "kind": "Intent", "metadata": {"name": name}, "spec": {}}
    ts_intents = [i for i in items if krm.is_kind(i, krm.TS28312, "Intent") and _is_from(i, intent)]
    prs = [i for i in items if krm.is_kind(i, krm.O2IMS_PROVISIONING, "ProvisioningRequest")]
    pr_views = tuple(_pr_view(pr, items) for pr in sorted(prs, key=krm.name))
    gates = tuple(_gate_view(g) for g in sorted((i for i in items if krm.is_kind(i, krm.SLO, "SLOGate")), key=krm.name))
    status = kptfile.get("status") if isinstance(kptfile.get("status"), Mapping) else {}
    return PackageView(
        name=name,
        tree=tree,
        intent=intent,
        ts_intents=tuple(sorted(ts_intents, key=krm.name)),
        provisioning_requests=pr_views,
        gates=gates,
        measurement_jobs=tuple(sorted((i for i in items if krm.is_kind(i, krm.MEASUREMENT, "MeasurementJob")), key=krm.name)),
        measurement_reports=tuple(sorted((i for i in items if krm.is_kind(i, krm.MEASUREMENT, "MeasurementReport")), key=krm.name)),
        intent_reports=tuple(sorted((i for i in items if krm.is_kind(i, krm.TS28312, "IntentReport")), key=krm.name)),
        conditions=tuple(c for c in (status.get("conditions") or []) if isinstance(c, Mapping)),
        addresses=frozenset(_addresses(items, pr_views)),
    )


def view_to_json(view: PackageView) -> str:
    """A view as JSON, for the cache of views by package tree (derived data: safe to delete)."""
    data = asdict(view)
    data["addresses"] = sorted(list(a) for a in view.addresses)
    return json.dumps(data, sort_keys=True, default=str)


def view_from_json(text: str) -> PackageView:
    data = json.loads(text)
    data["provisioning_requests"] = tuple(
        ProvisioningRequestView(p["name"], p["cluster"], p["obj"], tuple(Workload(**w) for w in p["workloads"])) for p in data["provisioning_requests"]
    )
    data["gates"] = tuple(GateView(**g) for g in data["gates"])
    data["addresses"] = frozenset(tuple(a) for a in data["addresses"])
    for key in ("ts_intents", "measurement_jobs", "measurement_reports", "intent_reports", "conditions"):
        data[key] = tuple(data[key])
    return PackageView(**data)


def _is_from(obj: Mapping[str, Any], origin: Mapping[str, Any]) -> bool:
    return krm.source(obj) == krm.ref_string(origin)


def _pr_view(pr: Mapping[str, Any], items: list[Mapping[str, Any]]) -> ProvisioningRequestView:
    spec = pr.get("spec") if isinstance(pr.get("spec"), Mapping) else {}
    parameters = spec.get("templateParameters") if isinstance(spec.get("templateParameters"), Mapping) else {}
    cluster = str(parameters.get("clusterName") or "")
    workloads = tuple(
        sorted(
            (Workload(str(i.get("kind")), krm.namespace(i), krm.name(i), str(krm.labels(i).get(CLUSTER_LABEL) or cluster)) for i in krm.generated_from(items, pr)),
            key=lambda w: (w.kind, w.namespace, w.name),
        )
    )
    return ProvisioningRequestView(krm.name(pr), cluster, pr, workloads)


def _gate_view(gate: Mapping[str, Any]) -> GateView:
    spec = gate.get("spec") if isinstance(gate.get("spec"), Mapping) else {}
    status = gate.get("status") if isinstance(gate.get("status"), Mapping) else {}
    target = spec.get("targetRef") if isinstance(spec.get("targetRef"), Mapping) else {}
    return GateView(krm.name(gate), str(target.get("name") or ""), str(status.get("phase") or ""), str(status.get("reason") or ""), str(status.get("message") or ""), gate)


def _addresses(items: list[Mapping[str, Any]], prs: tuple[ProvisioningRequestView, ...]) -> set[tuple[str, str]]:
    """(cluster, address) of every Multus attachment: the CNI config's static or whereabouts IPAM."""
    cluster_of_namespace = {w.namespace: pr.cluster for pr in prs for w in pr.workloads if w.namespace}
    out: set[tuple[str, str]] = set()
    for item in items:
        if not krm.is_kind(item, krm.NAD_GROUP, "NetworkAttachmentDefinition"):
            continue
        cluster = str(krm.labels(item).get(CLUSTER_LABEL) or cluster_of_namespace.get(krm.namespace(item), ""))
        for address in cni_addresses((item.get("spec") or {}).get("config")):
            out.add((cluster, address))
    return out


def cni_addresses(config: Any) -> list[str]:
    """The addresses a CNI configuration (list) assigns: static `addresses`, whereabouts ranges."""
    try:
        parsed = json.loads(config) if isinstance(config, str) else config
    except ValueError:
        return []
    if not isinstance(parsed, Mapping):
        return []
    plugins = parsed.get("plugins") if isinstance(parsed.get("plugins"), list) else [parsed]
    out: list[str] = []
    for plugin in plugins:
        ipam = plugin.get("ipam") if isinstance(plugin, Mapping) else None
        if not isinstance(ipam, Mapping):
            continue
        for entry in ipam.get("addresses") or []:
            if isinstance(entry, Mapping) and entry.get("address"):
                out.append(str(ipaddress.ip_interface(str(entry["address"])).ip))
        if ipam.get("type") == "whereabouts" and ipam.get("range_start") and ipam.get("range_end"):
            out += _range(str(ipam["range_start"]), str(ipam["range_end"]), ipam.get("exclude") or [])
    return out


def _range(start: str, end: str, exclude: list[Any]) -> list[str]:
    first, last = ipaddress.ip_address(start), ipaddress.ip_address(end)
    excluded = [ipaddress.ip_network(str(e), strict=False) for e in exclude]
    return [str(type(first)(v)) for v in range(int(first), int(last) + 1) if not any(type(first)(v) in net for net in excluded)]


def json_records(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """`<dir>/<id>.json` files -> id -> record."""
    out = {}
    for path, content in files.items():
        if path.endswith(".json"):
            out[path.rsplit("/", 1)[-1][: -len(".json")]] = json.loads(content)
    return out
