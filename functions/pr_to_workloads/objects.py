"""The per-PR and per-NF objects other than pods and networking: Namespace, ServiceAccount,
PodDisruptionBudget, the NF ConfigMap and the Nephio NFDeployment."""

from __future__ import annotations

import json
from typing import Any

from oran_intent_krm.sdk import quantity

from . import podsecurity
from .plan import CONFIG_KEY, NFPlan, PRPlan, common_labels, meta, nf_labels, selector, with_revision_labels


def namespace(plan: PRPlan, enforce: str) -> dict[str, Any]:
    labels = {**common_labels(plan), **podsecurity.namespace_labels(enforce, plan.config["podSecurityVersion"])}
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta(plan.namespace, labels)}


def service_account(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    # NFs do not call the Kubernetes API: no token, no Role, no RoleBinding.
    return {"apiVersion": "v1", "automountServiceAccountToken": False, "kind": "ServiceAccount",
            "metadata": meta(nf.name, nf_labels(plan, nf), plan.namespace)}


def disruption_budget(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    """Several replicas: drain one at a time.  One replica: a voluntary eviction waits for the
    operator (a drained DU is a cell outage), unless the pod is unhealthy anyway."""
    spec: dict[str, Any] = {"selector": {"matchLabels": selector(nf)}, "unhealthyPodEvictionPolicy": "AlwaysAllow"}
    if nf.replicas > 1:
        spec["maxUnavailable"] = 1
    else:
        spec["minAvailable"] = 1
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": meta(nf.name, nf_labels(plan, nf), plan.namespace), "spec": dict(sorted(spec.items()))}


def nf_configuration(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    """What the NF needs to know at start: its own addresses and those of the peers on each interface."""
    network = plan.network
    attachments = {a.name: a for a in nf.attachments}
    interfaces = []
    for interface in nf.interfaces():
        entry: dict[str, Any] = {"name": interface["name"], "port": interface["port"], "protocol": interface["protocol"],
                                 "role": "server" if interface["listens"] else "client"}
        if interface["name"] in attachments:
            entry["addresses"] = [f"{a}/{network.subnet.prefixlen}" for a in attachments[interface["name"]].addresses]
            entry["networkAttachment"] = attachments[interface["name"]].nad_name
        if interface["listens"]:
            entry["service"] = f"{plan.service_name(nf, interface['name'])}.{plan.namespace}.svc"
        entry["peers"] = _peers(plan, nf, interface)
        interfaces.append(entry)
    return {
        "cluster": plan.params.cluster,
        "interfaces": interfaces,
        "network": {"gateway": str(network.gateway), "masterInterface": network.master_interface,
                    "subnet": str(network.subnet), "vlan": network.vlan},
        "nf": {"name": nf.name, "nfType": nf.nf.nf_type, "performanceClass": nf.nf.performance_class,
               "provisioningRequest": plan.params.name, "replicas": nf.replicas, "source": nf.nf.source,
               "resources": {k: quantity.format_quantity(k, v) for k, v in sorted(nf.resources.items())}},
    }


def _peers(plan: PRPlan, nf: NFPlan, interface: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for peer in plan.nfs:
        if peer is nf:
            continue
        theirs = next((i for i in peer.interfaces() if i["name"] == interface["name"]), None)
        if theirs is None or not (theirs["listens"] or interface["listens"]):
            continue  # two initiating ends (e.g. two E2 nodes) are not peers
        entry: dict[str, Any] = {"nf": peer.name, "nfType": peer.nf.nf_type}
        attachment = next((a for a in peer.attachments if a.name == interface["name"]), None)
        if attachment:
            entry["addresses"] = [str(a) for a in attachment.addresses]
        if theirs["listens"]:
            entry["service"] = f"{plan.service_name(peer, interface['name'])}.{plan.namespace}.svc"
        out.append(entry)
    return out


def config_data(plan: PRPlan, nf: NFPlan) -> dict[str, str]:
    return {CONFIG_KEY: json.dumps(nf_configuration(plan, nf), indent=2, sort_keys=True) + "\n"}


def config_map(plan: PRPlan, nf: NFPlan, data: dict[str, str]) -> dict[str, Any]:
    return {"apiVersion": "v1", "data": data, "kind": "ConfigMap",
            "metadata": meta(f"{nf.name}-config", nf_labels(plan, nf), plan.namespace)}


def nf_deployment(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    network = plan.network
    family = "ipv4" if network.subnet.version == 4 else "ipv6"
    interfaces = [
        {"name": a.name, family: {"address": f"{a.addresses[0]}/{network.subnet.prefixlen}", "gateway": str(network.gateway)},
         "vlanID": network.vlan}
        for a in sorted(nf.attachments, key=lambda a: a.name)
    ]
    deployment = {
        "apiVersion": "workload.nephio.org/v1alpha1",
        "kind": "NFDeployment",
        "metadata": meta(nf.name, nf_labels(plan, nf), plan.namespace),
        "spec": {
            "interfaces": interfaces,
            "parametersRefs": [{"apiVersion": "v1", "kind": "ConfigMap", "name": f"{nf.name}-config"}],
            "provider": nf.entry["provider"],
        },
    }
    return with_revision_labels(deployment, plan)  # its operator carries the labels to the pods
