"""Building ProvisioningRequests and running pr-to-workloads on them, for the tests."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from oran_intent_krm.pr_to_workloads.main import FUNCTION

PR_API = "o2ims.provisioning.oran.org/v1alpha1"

EDGE_NFS = [
    {"name": "cu-cp", "nfType": "O-CU-CP", "source": "o-ran-cu", "performanceClass": "standard", "replicas": 1,
     "dedicatedCpu": False, "resources": {"cpu": "2000m", "memory": "4Gi", "storage": "10Gi"}},
    {"name": "cu-up", "nfType": "O-CU-UP", "source": "o-ran-cu", "performanceClass": "standard", "replicas": 1,
     "dedicatedCpu": False, "resources": {"cpu": "2000m", "memory": "4Gi", "storage": "10Gi"}},
    {"name": "du", "nfType": "O-DU", "source": "o-ran-du", "performanceClass": "standard", "replicas": 1,
     "dedicatedCpu": False, "resources": {"cpu": "4000m", "memory": "8Gi", "storage": "30Gi"}},
]


def pr(name: str = "deploy-edge-ran-edge-cluster-us-west-1", **params: Any) -> dict[str, Any]:
    """The guide's edge-ran PR in the shape of docs/pipeline.md section 2; keyword arguments replace
    templateParameters fields (None removes one)."""
    template = {
        "clusterName": "edge-cluster-us-west-1",
        "labels": {"nephio.org/region": "us-west-1", "nephio.org/site-type": "edge"},
        "performanceClass": "standard",
        "resourceRequirements": {"cpu": "8000m", "memory": "16Gi", "storage": "50Gi"},
        "networkConfig": {"vlan": 100, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1", "masterInterface": "eth1"},
        "networkFunctions": copy.deepcopy(EDGE_NFS),
    }
    for key, value in params.items():
        if value is None:
            template.pop(key, None)
        else:
            template[key] = value
    return {
        "apiVersion": PR_API,
        "kind": "ProvisioningRequest",
        "metadata": {"name": name, "labels": {"intent.source": "tmf921", "workflow.stage": "provisioning"}},
        "spec": {"name": name, "description": "Edge RAN deployment", "templateName": "oran-ran",
                 "templateVersion": "v1.0.0", "templateParameters": template},
    }


def nf(name: str, nf_type: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "nfType": nf_type, **fields}


def config(**fields: Any) -> dict[str, Any]:
    return {"apiVersion": "fn.oran-intent.io/v1alpha1", "kind": "PrToWorkloadsConfig", **fields}


class Run:
    def __init__(self, text: str, code: int):
        self.text, self.code = text, code
        data = yaml.safe_load(text)
        self.items: list[dict[str, Any]] = data.get("items") or []
        self.results: list[dict[str, Any]] = data.get("results") or []

    def generated(self) -> list[dict[str, Any]]:
        return [i for i in self.items if "krm.oran-intent.io/generated-by" in (i["metadata"].get("annotations") or {})]

    def get(self, kind: str, name: str) -> dict[str, Any]:
        found = [i for i in self.items if i["kind"] == kind and i["metadata"]["name"] == name]
        assert len(found) == 1, f"{kind}/{name}: {len(found)} found among {[(i['kind'], i['metadata']['name']) for i in self.items]}"
        return found[0]

    def kinds(self, kind: str) -> list[dict[str, Any]]:
        return [i for i in self.generated() if i["kind"] == kind]

    def errors(self) -> list[dict[str, Any]]:
        return [r for r in self.results if r["severity"] == "error"]

    def error_paths(self) -> list[str]:
        return [r.get("field", {}).get("path") for r in self.errors()]


def run(*items: dict[str, Any], function_config: dict[str, Any] | None = None) -> Run:
    resource_list: dict[str, Any] = {"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": list(items)}
    if function_config is not None:
        resource_list["functionConfig"] = function_config
    text, code = FUNCTION.process(yaml.safe_dump(resource_list, sort_keys=False).encode())
    return Run(text, code)


def container(workload: dict[str, Any]) -> dict[str, Any]:
    return workload["spec"]["template"]["spec"]["containers"][0]
