"""o2ims-sdk/examples: the guide's ProvisioningRequests, stored as written by Nephio's CRD and rendered by pr-to-workloads."""

from __future__ import annotations

import shutil
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from oran_intent_krm.models.crd import object_problems
from oran_intent_krm.models.o2ims import RanTemplateParameters

from tests import kpt

EXAMPLES = kpt.ROOT / "o2ims-sdk" / "examples"
README = kpt.ROOT / "o2ims-sdk" / "README.md"
CRD = yaml.safe_load((kpt.ROOT / "deploy" / "external-crds" / "o2ims.provisioning.oran.org_provisioningrequests.yaml").read_text())
WORKLOAD_TEMPLATE = "oran-ran-workloads"
KPTFILE = """\
apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: example
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - image: ghcr.io/oran-intent/pr-to-workloads:v0.1.0
"""

# The user guide's "Generated ProvisioningRequest", verbatim.
GUIDE_FORM = """
apiVersion: o2ims.provisioning.oran.org/v1alpha1
kind: ProvisioningRequest
metadata:
  name: edge-ran-deployment
  labels:
    intent.source: "tmf921"
    workflow.stage: "provisioning"
spec:
  targetCluster: "edge-cluster-us-west-1"
  resourceRequirements:
    cpu: "8000m"        # 8 cores for O-RAN functions
    memory: "16Gi"      # 16GB for user plane processing
    storage: "50Gi"     # Storage for logs and configs
  networkConfig:
    vlan: 100           # RAN VLAN
    subnet: "192.168.100.0/24"
    gateway: "192.168.100.1"
  description: "Edge RAN deployment for high-performance 5G services"
"""


def load(path: Path) -> dict:
    [doc] = list(yaml.safe_load_all(path.read_text()))
    return doc


EVERY = sorted(EXAMPLES.glob("*.yaml"), key=lambda p: p.name)
FOR_WORKLOADS = [p for p in EVERY if load(p)["spec"]["templateName"] == WORKLOAD_TEMPLATE]


def test_the_example_the_guide_applies_is_where_the_guide_says():
    assert (EXAMPLES / "pr-minimal.yaml") in FOR_WORKLOADS
    assert len(EVERY) >= 4


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.name)
def test_every_example_is_stored_by_nephios_crd_exactly_as_written(path):
    doc = load(path)
    assert (doc["apiVersion"], doc["kind"]) == ("o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest")
    assert "namespace" not in doc["metadata"], "the CRD is cluster-scoped"
    # The API server checks metadata as ObjectMeta whatever the CRD says: check it as a ConfigMap's.
    kubernetes_validate.validate({"apiVersion": "v1", "kind": "ConfigMap", "metadata": doc["metadata"]}, "1.32", strict=True)
    assert object_problems(CRD, {**doc, "metadata": {"name": doc["metadata"]["name"]}}) == []
    # Nephio's O2 IMS operator fails a request without it.
    assert isinstance(doc["spec"]["templateParameters"].get("clusterName"), str)


@pytest.mark.parametrize("path", FOR_WORKLOADS, ids=lambda p: p.name)
def test_each_workload_example_renders_with_pr_to_workloads(tmp_path, path):
    package = tmp_path / "example"
    package.mkdir()
    (package / "Kptfile").write_text(KPTFILE)
    shutil.copy(path, package)
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    cluster = load(path)["spec"]["templateParameters"]["clusterName"]
    assert "as required" in run.stderr  # pr-to-workloads' sizing summary: the NFs add up to the request
    workloads = [
        d
        for f in sorted((package / "generated").rglob("*.yaml"))
        for d in yaml.safe_load_all(f.read_text())
        if d["kind"] in ("Deployment", "StatefulSet")
    ]
    assert workloads and {w["metadata"]["labels"]["nephio.org/cluster-name"] for w in workloads} == {cluster}


def test_the_full_example_is_in_the_form_28312_to_pr_writes():
    RanTemplateParameters.model_validate(load(EXAMPLES / "pr-edge-ran.yaml")["spec"]["templateParameters"])


def test_the_cluster_request_is_left_to_nephios_operator():
    [cluster_request] = [p for p in EVERY if p not in FOR_WORKLOADS]
    assert load(cluster_request)["spec"]["templateName"] == "nephio-workload-cluster"


def test_the_guides_literal_form_is_not_what_the_crd_stores():
    """Why the examples put the guide's fields under templateParameters (docs/from-the-guide.md)."""
    doc = yaml.safe_load(GUIDE_FORM)
    found = "\n".join(object_problems(CRD, {**doc, "metadata": {"name": doc["metadata"]["name"]}}))
    for field in ("targetCluster", "resourceRequirements", "networkConfig", "'templateName' is a required property"):
        assert field in found


def test_the_readme_lists_every_example():
    text = README.read_text()
    assert [p.name for p in EVERY if p.name not in text] == []
