"""Inputs for 28312-to-pr tests: intents in the upstream stage's shape, inventory, and a runner."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml
from oran_intent_krm.ts28312_to_pr.main import FUNCTION

LOCAL = {"config.kubernetes.io/local-config": "true"}


def context(attribute: str, condition: str, value: Any) -> dict:
    return {"contextAttribute": attribute, "contextCondition": condition, "contextValueRange": value}


def target(name: str, condition: str, value: Any, unit: str | None = None) -> dict:
    out = {"targetName": name, "targetCondition": condition, "targetValueRange": value}
    if unit is not None:
        out["targetContexts"] = [context("unit", "IS_EQUAL_TO", unit)]
    return out


def deliver(nfs: list[str], cluster: str | list[str] | None = None, selector: str | None = None, eid: str = "d-1",
            instance: str = "SubNetwork=ran") -> dict:
    contexts = [context("NfType", "IS_ALL_OF", nfs)]
    if isinstance(cluster, list):
        contexts.append(context("TargetCluster", "IS_ONE_OF", cluster))
    elif cluster is not None:
        contexts.append(context("TargetCluster", "IS_EQUAL_TO", cluster))
    if selector is not None:
        contexts.append(context("TargetClusterSelector", "IS_EQUAL_TO", selector))
    return {
        "expectationId": eid,
        "expectationVerb": "DELIVER",
        "expectationObject": {"objectType": "RAN_SUBNETWORK", "objectInstance": instance, "objectContexts": contexts},
        "expectationTargets": [],
        "expectationContexts": [],
    }


def ensure(targets: list[dict], eid: str = "e-1", instance: str = "SubNetwork=ran") -> dict:
    return {
        "expectationId": eid,
        "expectationVerb": "ENSURE",
        "expectationObject": {"objectType": "Radio_Service", "objectInstance": instance},
        "expectationTargets": targets,
    }


def intent(name: str, expectations: list[dict], api_version: str = "intent.3gpp.org/v1alpha1", **spec: Any) -> dict:
    return {
        "apiVersion": api_version,
        "kind": "Intent",
        "metadata": {"name": name, "labels": {"intent.source": "tmf921"}},
        "spec": {
            "userLabel": name,
            "intentAdminState": "ACTIVATED",
            "intentPriority": 50,
            "intentPreemptionCapability": False,
            "observationPeriod": 60,
            "intentContexts": [],
            "intentExpectations": expectations,
            **spec,
        },
    }


def guide_intent() -> dict:
    """The guide's deploy-edge-ran intent as the upstream stage writes it."""
    return intent(
        "deploy-edge-ran",
        [
            deliver(["o-ran-cu", "o-ran-du"], "edge-cluster-us-west-1", eid="deploy-edge-ran-1", instance="SubNetwork=deploy-edge-ran"),
            ensure(
                [target("DlLatency", "IS_LESS_THAN", 10, "ms"), target("DlThptPerUE", "IS_GREATER_THAN", 1000, "Mbps")],
                eid="deploy-edge-ran-2",
                instance="SubNetwork=deploy-edge-ran",
            ),
        ],
    )


def cluster(name: str, region: str = "us-west-1", site_type: str = "edge", master: str | None = "eth1") -> dict:
    spec: dict[str, Any] = {"clusterName": name, "cnis": ["macvlan"]}
    if master is not None:
        spec["masterInterface"] = master
    return {
        "apiVersion": "infra.nephio.org/v1alpha1",
        "kind": "WorkloadCluster",
        "metadata": {
            "name": name,
            "labels": {"nephio.org/region": region, "nephio.org/site-type": site_type},
            "annotations": dict(LOCAL),
        },
        "spec": spec,
    }


def plan(cluster_name: str, vlan: Any = 100, subnet: Any = "192.168.100.0/24", gateway: Any = "192.168.100.1",
         name: str | None = None, **extra: Any) -> dict:
    return {
        "apiVersion": "fn.oran-intent.io/v1alpha1",
        "kind": "SiteNetworkPlan",
        "metadata": {"name": name or cluster_name, "annotations": dict(LOCAL)},
        "spec": {"clusterName": cluster_name, "vlan": vlan, "subnet": subnet, "gateway": gateway, **extra},
    }


def site(name: str, index: int, region: str = "us-west-1") -> list[dict]:
    """A cluster and its own network: VLAN 100+index, 192.168.(100+index).0/24."""
    return [
        cluster(name, region),
        plan(name, 100 + index, f"192.168.{100 + index}.0/24", f"192.168.{100 + index}.1"),
    ]


def guide_package() -> list[dict]:
    return [guide_intent(), *site("edge-cluster-us-west-1", 0)]


@dataclass
class Run:
    items: list[dict]
    results: list[dict]
    exit_code: int
    text: str

    def kind(self, kind: str) -> list[dict]:
        return [i for i in self.items if i.get("kind") == kind]

    def one(self, kind: str) -> dict:
        found = self.kind(kind)
        assert len(found) == 1, [i["metadata"]["name"] for i in found]
        return found[0]

    def errors(self) -> list[dict]:
        return [r for r in self.results if r["severity"] == "error"]

    def error_paths(self) -> list[tuple[str, str]]:
        return [(r.get("resourceRef", {}).get("name", ""), r.get("field", {}).get("path", "")) for r in self.errors()]


def resource_list(items: list[dict], config: dict | None = None) -> str:
    body = {"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": copy.deepcopy(items)}
    if config is not None:
        body["functionConfig"] = config
    return yaml.safe_dump(body, sort_keys=False)


def run(items: list[dict], config: dict | None = None) -> Run:
    text, code = FUNCTION.process(resource_list(items, config).encode())
    out = yaml.safe_load(text)
    return Run(out.get("items") or [], out.get("results") or [], code, text)


def config(**fields: Any) -> dict:
    return {"apiVersion": "fn.oran-intent.io/v1alpha1", "kind": "ProvisioningPlanConfig", "metadata": {"name": "plan"}, **fields}
