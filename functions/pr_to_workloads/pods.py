"""Pod templates and the Deployment / StatefulSet (and PVC) that run one NF."""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from typing import Any

from oran_intent_krm.sdk import quantity
from oran_intent_krm.sdk.names import unique_labels

from .plan import NFPlan, PRPlan, meta, nf_labels, selector, with_revision_labels

NETWORKS_ANNOTATION = "k8s.v1.cni.cncf.io/networks"
CONFIG_DIGEST_ANNOTATION = "workloads.oran-intent.io/config-digest"
HOSTNAME = "kubernetes.io/hostname"
HEALTH_PORT = "health"
IANA_SERVICE_NAME = 15  # the longest container port name


def container_resources(nf: NFPlan, guaranteed: bool, storage_mode: str) -> dict[str, dict[str, str]]:
    """requests == limits for everything but CPU of a Burstable NF (no CPU limit: no CFS throttling)."""
    requests: dict[str, str] = {}
    limits: dict[str, str] = {}
    for key, amount in sorted(nf.resources.items()):
        if amount == 0:
            continue
        if key == "storage":
            if storage_mode == "ephemeral":
                requests["ephemeral-storage"] = limits["ephemeral-storage"] = quantity.format_bytes(amount)
            continue
        text = quantity.format_quantity(key, amount)
        requests[key] = text
        if key != "cpu" or guaranteed:
            limits[key] = text
    return {"limits": dict(sorted(limits.items())), "requests": dict(sorted(requests.items()))}


def container_ports(nf: NFPlan) -> list[dict[str, Any]]:
    """One containerPort per (port, protocol) the NF listens on, and the probe's."""
    ports = [{"containerPort": port, "name": name, "protocol": protocol} for (port, protocol), name in sorted(port_names(nf).items())]
    ports.append({"containerPort": nf.entry["probe"]["port"], "name": HEALTH_PORT, "protocol": "TCP"})
    return ports


def port_names(nf: NFPlan) -> dict[tuple[int, str], str]:
    """The name of each (port, protocol) the NF listens on: its interfaces joined (F1-U and N3 share
    GTP-U's), as an IANA service name (at most 15 characters) that is never the probe's."""
    by_port: dict[tuple[int, str], list[str]] = {}
    for interface in nf.listening():
        by_port.setdefault((interface["port"], interface["protocol"]), []).append(interface["name"])
    joined = {key: ("-".join(sorted(names)),) for key, names in by_port.items()}
    return unique_labels(joined, max_length=IANA_SERVICE_NAME, reserved={HEALTH_PORT})


def _probes(nf: NFPlan) -> dict[str, Any]:
    probe = nf.entry["probe"]
    check = {"httpGet": {"path": probe["path"], "port": HEALTH_PORT}}
    period = 10
    return {
        "livenessProbe": {**check, "failureThreshold": 3, "periodSeconds": period, "timeoutSeconds": 2},
        "readinessProbe": {**check, "failureThreshold": 3, "periodSeconds": 5, "timeoutSeconds": 2},
        "startupProbe": {**check, "failureThreshold": max(1, -(-probe["startupSeconds"] // period)), "periodSeconds": period},
    }


def _security_context(nf: NFPlan) -> dict[str, Any]:
    uid = nf.entry["runAsUser"]
    capabilities: dict[str, Any] = {"drop": ["ALL"]}
    if nf.entry["capabilities"]:
        capabilities["add"] = sorted(set(nf.entry["capabilities"]))
    return {
        "allowPrivilegeEscalation": False,
        "capabilities": capabilities,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": uid != 0,
        "runAsUser": uid,
        "runAsGroup": uid,
    }


def _hugepage_sizes(nf: NFPlan) -> list[str]:
    return sorted(k[len("hugepages-"):] for k, v in nf.resources.items() if k.startswith("hugepages-") and v > 0)


def _storage(nf: NFPlan) -> Fraction:
    return nf.resources.get("storage", Fraction(0))


def volumes_and_mounts(plan: PRPlan, nf: NFPlan) -> tuple[list[dict], list[dict]]:
    volumes = [
        {"configMap": {"name": f"{nf.name}-config"}, "name": "config"},
        {"emptyDir": {}, "name": "tmp"},
    ]
    mounts = [
        {"mountPath": nf.entry["configPath"], "name": "config", "readOnly": True},
        {"mountPath": "/tmp", "name": "tmp"},
    ]
    storage = _storage(nf)
    if storage > 0:
        mounts.append({"mountPath": nf.entry["dataPath"], "name": "data"})
        if plan.config["storageMode"] == "ephemeral":
            volumes.append({"emptyDir": {"sizeLimit": quantity.format_bytes(storage)}, "name": "data"})
        elif nf.entry["workloadKind"] == "Deployment":
            volumes.append({"name": "data", "persistentVolumeClaim": {"claimName": f"{nf.name}-data"}})
    for size in _hugepage_sizes(nf):
        volumes.append({"emptyDir": {"medium": f"HugePages-{size}"}, "name": f"hugepages-{size.lower()}"})
        mounts.append({"mountPath": f"/hugepages-{size}", "name": f"hugepages-{size.lower()}"})
    return volumes, mounts


def _affinity(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    affinity: dict[str, Any] = {}
    terms = [
        {"key": node_label, "operator": "In", "values": [plan.params.labels[pr_label]]}
        for pr_label, node_label in sorted(plan.config["placementLabels"].items())
        if pr_label in plan.params.labels
    ]
    if terms:
        terms.sort(key=lambda t: t["key"])
        affinity["nodeAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": terms}]}}
    # Two replicas of one NF never share a node: a node failure takes down at most one.
    affinity["podAntiAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": selector(nf)}, "topologyKey": HOSTNAME}
    ]}
    return affinity


def networks_annotation(nf: NFPlan) -> str:
    return json.dumps([{"interface": a.name, "name": a.nad_name} for a in sorted(nf.attachments, key=lambda a: a.name)],
                      separators=(",", ":"), sort_keys=True)


def pod_template(plan: PRPlan, nf: NFPlan, config_data: dict[str, str]) -> dict[str, Any]:
    volumes, mounts = volumes_and_mounts(plan, nf)
    container = {
        "env": [
            {"name": "NF_CONFIG", "value": f"{nf.entry['configPath']}/nf.json"},
            {"name": "NF_NAME", "value": nf.name},
            {"name": "NF_TYPE", "value": nf.nf.nf_type},
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        ],
        "image": nf.entry["image"],
        "imagePullPolicy": "IfNotPresent",
        "name": nf.name,
        "ports": container_ports(nf),
        "resources": container_resources(nf, nf.sized.guaranteed, plan.config["storageMode"]),
        "securityContext": _security_context(nf),
        "volumeMounts": mounts,
        **_probes(nf),
    }
    uid = nf.entry["runAsUser"]
    annotations = {CONFIG_DIGEST_ANNOTATION: "sha256:" + hashlib.sha256(json.dumps(config_data, sort_keys=True).encode()).hexdigest()}
    if nf.attachments:
        annotations[NETWORKS_ANNOTATION] = networks_annotation(nf)
    spec: dict[str, Any] = {
        "affinity": _affinity(plan, nf),
        "automountServiceAccountToken": False,
        "containers": [dict(sorted(container.items()))],
        "enableServiceLinks": False,
        "securityContext": {
            "fsGroup": uid,
            "runAsNonRoot": uid != 0,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "serviceAccountName": nf.name,
        "terminationGracePeriodSeconds": 30,
        "volumes": volumes,
    }
    if nf.sized.node_selector:
        spec["nodeSelector"] = dict(sorted(nf.sized.node_selector.items()))
    template = {"metadata": {"annotations": dict(sorted(annotations.items())), "labels": nf_labels(plan, nf)}, "spec": spec}
    return with_revision_labels(template, plan)


def workload(plan: PRPlan, nf: NFPlan, config_data: dict[str, str]) -> dict[str, Any]:
    kind = nf.entry["workloadKind"]
    spec: dict[str, Any] = {
        "replicas": nf.replicas,
        "revisionHistoryLimit": 5,
        "selector": {"matchLabels": selector(nf)},
    }
    if kind == "Deployment":
        # No surge: a second pod would claim the same static addresses before the first lets go.
        spec["strategy"] = {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}
    else:
        spec["podManagementPolicy"] = "OrderedReady"
        spec["serviceName"] = plan.service_name(nf)
        spec["updateStrategy"] = {"type": "RollingUpdate"}
        if plan.config["storageMode"] == "persistent" and _storage(nf) > 0:
            spec["volumeClaimTemplates"] = [_claim("data", nf, plan)]
    spec["template"] = pod_template(plan, nf, config_data)
    return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta(nf.name, nf_labels(plan, nf), plan.namespace), "spec": spec}


def _claim(name: str, nf: NFPlan, plan: PRPlan) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": quantity.format_bytes(_storage(nf))}},
        "volumeMode": "Filesystem",
    }
    if plan.config.get("storageClassName"):
        spec["storageClassName"] = plan.config["storageClassName"]
    return {"metadata": {"labels": nf_labels(plan, nf), "name": name}, "spec": dict(sorted(spec.items()))}


def claim_for_deployment(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    claim = _claim(f"{nf.name}-data", nf, plan)
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": meta(f"{nf.name}-data", nf_labels(plan, nf), plan.namespace), "spec": claim["spec"]}
