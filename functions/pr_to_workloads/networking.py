"""Multus NetworkAttachmentDefinitions, Services and NetworkPolicies of a PR's NFs."""

from __future__ import annotations

import json
from typing import Any

from oran_intent_krm.sdk.names import unique_labels

from .plan import NFPlan, PRPlan, common_labels, meta, nf_labels, selector
from .pods import HEALTH_PORT, port_names

NAD_API = "k8s.cni.cncf.io/v1"
DEFAULT_DENY = "default-deny"
DNS_PEER = {
    "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
    "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
}


def cni_config(plan: PRPlan, nad_name: str, addresses: list) -> dict[str, Any]:
    """The NAD's CNI configuration list: one main plugin on the PR's VLAN with static (or, for
    several replicas, whereabouts range) IPAM over the allocated addresses."""
    network, config = plan.network, plan.config
    cni = config["cniType"]
    plugin: dict[str, Any] = {"type": cni}
    if cni == "vlan":
        plugin.update({"master": network.master_interface, "vlanId": network.vlan})
    else:
        plugin["master"] = f"{network.master_interface}.{network.vlan}"
        plugin["mode"] = config["macvlanMode"] if cni == "macvlan" else "l2"
    plugin["ipam"] = ipam(plan, addresses)
    return {"cniVersion": config["cniVersion"], "name": nad_name, "plugins": [plugin]}


def ipam(plan: PRPlan, addresses: list) -> dict[str, Any]:
    network = plan.network
    prefix = network.subnet.prefixlen
    if len(addresses) == 1:
        return {"type": "static", "addresses": [{"address": f"{addresses[0]}/{prefix}", "gateway": str(network.gateway)}]}
    # A pod template cannot give each replica its own static address: whereabouts hands out
    # exactly the block reserved for the NF's replicas.
    first, last = addresses[0], addresses[-1]
    block = {int(a) for a in addresses}
    skipped = [type(first)(v) for v in range(int(first), int(last) + 1) if v not in block]
    out: dict[str, Any] = {
        "type": "whereabouts",
        "range": str(network.subnet),
        "range_start": str(first),
        "range_end": str(last),
        "gateway": str(network.gateway),
    }
    if skipped:
        out["exclude"] = [f"{a}/{a.max_prefixlen}" for a in skipped]
    return out


def nads(plan: PRPlan, nf: NFPlan) -> list[dict[str, Any]]:
    out = []
    for attachment in sorted(nf.attachments, key=lambda a: a.name):
        config = cni_config(plan, attachment.nad_name, attachment.addresses)
        out.append({
            "apiVersion": NAD_API,
            "kind": "NetworkAttachmentDefinition",
            "metadata": meta(attachment.nad_name, nf_labels(plan, nf), plan.namespace),
            "spec": {"config": json.dumps(config, sort_keys=True)},
        })
    return out


def service_names(nfs: list[NFPlan]) -> dict[tuple[str, str], str]:
    """`<nf>-<interface>` for each interface an NF listens on and `<nf>` for a StatefulSet's governing
    Service, keyed (nf, interface) and (nf, ""); a digest suffix where two would read alike (the `f1u`
    Service of an NF `cu` and the governing Service of an NF `cu-f1u`)."""
    wanted: dict[tuple[str, str], tuple[str, ...]] = {}
    for nf in nfs:
        for interface in nf.listening():
            wanted[(nf.name, interface["name"])] = (nf.name, interface["name"])
        if nf.entry["workloadKind"] == "StatefulSet":
            wanted[(nf.name, "")] = (nf.name,)
    return unique_labels(wanted)


def policy_names(nfs: list[NFPlan]) -> dict[str, str]:
    """Each NF's NetworkPolicy is named after it, unless the NF is named like the namespace's default-deny."""
    return unique_labels({nf.name: (nf.name,) for nf in nfs}, reserved={DEFAULT_DENY})


def services(plan: PRPlan, nf: NFPlan) -> list[dict[str, Any]]:
    """A ClusterIP Service per interface the NF listens on (service_names); StatefulSets also get
    their governing headless Service (stable pod DNS names)."""
    out = []
    ports = port_names(nf)
    for interface in nf.listening():
        out.append(_service(plan, nf, plan.service_name(nf, interface["name"]), [{
            "name": interface["name"],
            "port": interface["port"],
            "protocol": interface["protocol"],
            "targetPort": ports[(interface["port"], interface["protocol"])],
        }]))
    if nf.entry["workloadKind"] == "StatefulSet":
        headless = _service(plan, nf, plan.service_name(nf), [{"name": HEALTH_PORT, "port": nf.entry["probe"]["port"], "protocol": "TCP",
                                                                "targetPort": HEALTH_PORT}])
        headless["spec"]["clusterIP"] = "None"
        headless["spec"]["publishNotReadyAddresses"] = True
        headless["spec"] = dict(sorted(headless["spec"].items()))
        out.append(headless)
    return out


def _service(plan: PRPlan, nf: NFPlan, name: str, ports: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(name, nf_labels(plan, nf), plan.namespace),
        "spec": {"ports": ports, "selector": selector(nf), "type": "ClusterIP"},
    }


def default_deny(plan: PRPlan) -> dict[str, Any]:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(DEFAULT_DENY, common_labels(plan), plan.namespace),
        "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
    }


def nf_policy(plan: PRPlan, nf: NFPlan) -> dict[str, Any]:
    """Ingress only from the peers of each interface the NF listens on, egress only to the
    interfaces its peers listen on, to configured external CIDRs per interface, and to DNS."""
    ingress, egress = [], []
    own = {i["name"] for i in nf.interfaces()}
    for interface in nf.listening():
        peers = [p for p in plan.nfs if p is not nf and interface["name"] in {i["name"] for i in p.interfaces()}]
        if peers:
            ingress.append({"from": [{"podSelector": {"matchLabels": selector(p)}} for p in peers],
                            "ports": [_port(interface)]})
    for peer in plan.nfs:
        if peer is nf:
            continue
        ports = [_port(i) for i in peer.listening() if i["name"] in own]
        if ports:
            egress.append({"ports": _unique(ports), "to": [{"podSelector": {"matchLabels": selector(peer)}}]})
    for interface in nf.interfaces():
        cidrs = plan.config["egressCidrs"].get(interface["name"]) or []
        if cidrs:
            egress.append({"ports": [_port(interface)], "to": [{"ipBlock": {"cidr": c}} for c in sorted(set(cidrs))]})
    egress.append({"ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}], "to": [DNS_PEER]})
    spec: dict[str, Any] = {"egress": egress, "podSelector": {"matchLabels": selector(nf)}, "policyTypes": ["Ingress", "Egress"]}
    if ingress:
        spec["ingress"] = ingress
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": meta(plan.policy_names[nf.name], nf_labels(plan, nf), plan.namespace), "spec": dict(sorted(spec.items()))}


def _port(interface: dict[str, Any]) -> dict[str, Any]:
    return {"port": interface["port"], "protocol": interface["protocol"]}


def _unique(ports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for port in ports:
        key = (port["port"], port["protocol"])
        if key not in seen:
            seen.add(key)
            out.append(port)
    return out
