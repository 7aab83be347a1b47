"""An intent's package: the blueprint cloned the way Porch clones one, with the intent written in.

The clone of blueprint `B` for intent `N` (a DNS label) is B's files with:

- B's own TMF921 intents, the outputs its pipeline generated from them (by provenance) and its
  inventory (WorkloadClusters, SiteNetworkPlans) left out;
- `intent.yaml`: the TMF921 intent, as a `tmf921.intent.tmforum.org/v1` Intent named N;
- `inventory/`: the repository's inventory, the clusters every intent may target;
- the Kptfile named N, with `upstream`/`upstreamLock` naming the blueprint and its commit,
  as `kpt pkg get` and Porch's clone write them;
- the package context (`kptfile.kpt.dev` ConfigMap) naming N;
- `gateway-address-reservations.yaml`: pr-to-workloads' functionConfig holding the addresses
  other intents of the repository already use, so no two intents share an address on a cluster.

Nothing here reads what an intent asks for: rendering decides everything.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import krm

RESERVATIONS = "gateway-address-reservations.yaml"
INTENT_FILE = "intent.yaml"
INVENTORY_DIR = "inventory"
PR_TO_WORKLOADS = "pr-to-workloads"
PR_TO_WORKLOADS_CONFIG = ("fn.oran-intent.io/v1alpha1", "PrToWorkloadsConfig")
INVENTORY_KINDS = ((krm.NEPHIO_INFRA, "WorkloadCluster"), (krm.FN, "SiteNetworkPlan"))


class BlueprintError(ValueError):
    """The blueprint cannot be cloned for intents."""


@dataclass(frozen=True)
class Upstream:
    repo: str  # URL of the repository the blueprint is in
    directory: str  # the blueprint's folder in it, e.g. /blueprints/intent-to-krm
    commit: str  # the commit the clone is made from


def check_blueprint(files: Mapping[str, bytes]) -> None:
    """Refuse a blueprint the gateway cannot clone: no Kptfile, no pr-to-workloads step, or its config
    somewhere the reservations cannot be merged into."""
    if "Kptfile" not in files:
        raise BlueprintError("the blueprint has no Kptfile at its top")
    step = _pr_to_workloads_step(krm.documents(files["Kptfile"])[0])
    if step is None:
        raise BlueprintError("the blueprint's pipeline has no pr-to-workloads step: the gateway cannot keep addresses apart")
    if step.get("configMap") is not None:
        raise BlueprintError("the blueprint configures pr-to-workloads with configMap: use configPath so the address reservations can be merged in")
    config_path = step.get("configPath")
    if config_path:
        docs = krm.documents(files.get(str(config_path), b""))
        if len(docs) != 1 or (docs[0].get("apiVersion"), docs[0].get("kind")) != PR_TO_WORKLOADS_CONFIG:
            raise BlueprintError(f"the blueprint's pr-to-workloads configPath {config_path} does not hold one PrToWorkloadsConfig")


def clone(
    blueprint: Mapping[str, bytes],
    inventory: Mapping[str, bytes],
    name: str,
    intent: Mapping[str, Any],
    reserved: Iterable[str],
    upstream: Upstream,
    target: Path,
    offset: int = 0,
) -> None:
    """Write intent `name`'s package into the empty folder `target`."""
    files: dict[str, bytes] = {}
    for path, content in sorted(blueprint.items()):
        kept = content if not krm.is_yaml_file(path) or path == "Kptfile" else _without_blueprint_resources(content)
        if kept is not None:
            files[path] = kept
    files["Kptfile"] = _kptfile(blueprint["Kptfile"], name, upstream, intent).encode()
    for path, content in list(files.items()):
        if krm.is_yaml_file(path) and path != "Kptfile":
            files[path] = _with_package_context(content, name)
    for path, content in sorted(inventory.items()):
        files[f"{INVENTORY_DIR}/{path}"] = content
    files[INTENT_FILE] = krm.dump(intent).encode()
    config_path = _config_path(files["Kptfile"])
    files[config_path] = _reservations(files.get(config_path), reserved, offset).encode()
    for path, content in files.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)


def replace_intent(package: Path, intent: Mapping[str, Any], reserved: Iterable[str], offset: int = 0) -> None:
    """Rewrite an existing package (checked out into `package`) with a new intent and reservations."""
    (package / INTENT_FILE).write_text(krm.dump(intent))
    kptfile = package / "Kptfile"
    config_path = _config_path(kptfile.read_bytes())
    current = package / config_path
    current.write_text(_reservations(current.read_bytes() if current.exists() else None, reserved, offset))


def base_offset(blueprint: Mapping[str, bytes]) -> int:
    """The addressOffset the blueprint's own pr-to-workloads config asks for (0 without one)."""
    step = _pr_to_workloads_step(krm.documents(blueprint["Kptfile"])[0])
    config_path = (step or {}).get("configPath")
    if not config_path or str(config_path) not in blueprint:
        return 0
    docs = krm.documents(blueprint[str(config_path)])
    return int(docs[0].get("addressOffset") or 0) if docs else 0


def _without_blueprint_resources(content: bytes) -> bytes | None:
    """A blueprint file without its intents, their outputs and its inventory; None if nothing is left."""
    docs = krm.documents(content)
    keep = [d for d in docs if not _blueprint_only(d)]
    if len(keep) == len(docs):
        return content
    if not keep:
        return None
    text = content.decode()
    kept = [d for d in krm.load_round_trip(text) if not _blueprint_only(d)]
    return krm.dump_round_trip(kept).encode()


def _blueprint_only(obj: Mapping[str, Any]) -> bool:
    if krm.is_kind(obj, krm.TMF921, "Intent") or krm.generated(obj):
        return True
    return any(krm.is_kind(obj, group, kind) for group, kind in INVENTORY_KINDS)


def _kptfile(content: bytes, name: str, upstream: Upstream, intent: Mapping[str, Any]) -> str:
    [doc] = krm.load_round_trip(content.decode())
    doc["metadata"]["name"] = name
    info = doc.setdefault("info", {})
    description = _intent_description(intent)
    info["description"] = f"TMF921 intent {name}" + (f": {description}" if description else "") + f" (from blueprint {upstream.directory.rsplit('/', 1)[-1]})"
    git = {"repo": upstream.repo, "directory": upstream.directory, "ref": "main"}
    doc["upstream"] = {"type": "git", "git": dict(git), "updateStrategy": "resource-merge"}
    doc["upstreamLock"] = {"type": "git", "git": {**git, "commit": upstream.commit}}
    _move_after(doc, ("upstream", "upstreamLock"), "info")
    step = _pr_to_workloads_step(doc)
    if step is not None and not step.get("configPath"):
        step["configPath"] = RESERVATIONS
    return krm.dump_round_trip([doc])


def _intent_description(intent: Mapping[str, Any]) -> str:
    spec = intent.get("spec") if isinstance(intent.get("spec"), Mapping) else {}
    return " ".join(str(spec.get("description") or "").split())


def _move_after(doc: Any, keys: tuple[str, ...], anchor: str) -> None:
    """Place keys right after `anchor` (kpt's own Kptfile order), keeping everything else."""
    items = [(k, doc[k]) for k in list(doc.keys())]
    for key in list(doc.keys()):
        del doc[key]
    moved = [(k, v) for k, v in items if k in keys]
    for key, value in items:
        if key in keys:
            continue
        doc[key] = value
        if key == anchor:
            for mkey, mvalue in moved:
                doc[mkey] = mvalue
    for key, value in moved:
        if key not in doc:
            doc[key] = value


def _pr_to_workloads_step(kptfile: Mapping[str, Any]) -> Any:
    from oran_intent_krm.tools.render import function_of

    pipeline = kptfile.get("pipeline") or {}
    for step in pipeline.get("mutators") or []:
        if function_of(str(step.get("image") or "")) == PR_TO_WORKLOADS or step.get("exec") == PR_TO_WORKLOADS:
            return step
    return None


def _config_path(kptfile: bytes) -> str:
    step = _pr_to_workloads_step(krm.documents(kptfile)[0])
    return str((step or {}).get("configPath") or RESERVATIONS)


def _with_package_context(content: bytes, name: str) -> bytes:
    docs = krm.documents(content)
    if not any(_is_package_context(d) for d in docs):
        return content
    rt = krm.load_round_trip(content.decode())
    for doc in rt:
        if _is_package_context(doc):
            doc.setdefault("data", {})["name"] = name
    return krm.dump_round_trip(rt).encode()


def _is_package_context(obj: Mapping[str, Any]) -> bool:
    return obj.get("apiVersion") == "v1" and obj.get("kind") == "ConfigMap" and krm.name(obj) == "kptfile.kpt.dev"


def _reservations(current: bytes | None, reserved: Iterable[str], offset: int) -> str:
    addresses = sorted(set(reserved), key=lambda a: (ipaddress.ip_address(a).version, int(ipaddress.ip_address(a))))
    if current:
        [doc] = krm.load_round_trip(current.decode())
        doc["reservedAddresses"] = addresses
        if offset:
            doc["addressOffset"] = offset
        else:
            doc.pop("addressOffset", None)
        return krm.dump_round_trip([doc])
    header = (
        "# Written by the intent gateway before every render: the addresses other intents of this\n"
        "# repository hold, so pr-to-workloads never hands them out again (one address plan per cluster),\n"
        "# and, while other renders run, an addressOffset that keeps this one's addresses apart from theirs.\n"
    )
    api_version, kind = PR_TO_WORKLOADS_CONFIG
    config: dict[str, Any] = {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {"name": "address-reservations", "annotations": {krm.LOCAL_CONFIG: "true"}},
    }
    if offset:
        config["addressOffset"] = offset
    config["reservedAddresses"] = addresses
    return header + krm.dump(config)
