"""The examples' inputs and outputs hold to the models, and each example ends as its .expected/ says."""

from pathlib import Path

import pytest
import yaml
from oran_intent_krm.models.o2ims import ProvisioningRequest, RanTemplateParameters, SiteNetworkPlan, WorkloadCluster
from oran_intent_krm.models.slo import MeasurementJob, SLOGate

from tests.ts28312_to_pr.builders import run

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "functions" / "ts28312_to_pr" / "examples").iterdir())
OUTPUT_MODELS = {"ProvisioningRequest": ProvisioningRequest, "SLOGate": SLOGate, "MeasurementJob": MeasurementJob}


def package(example: Path):
    """The example's resources and the functionConfig its Kptfile declares."""
    kptfile = yaml.safe_load((example / "Kptfile").read_text())
    step = kptfile["pipeline"]["mutators"][0]
    items = []
    for path in sorted(example.rglob("*.yaml")):
        if ".expected" in path.parts or path.name == step.get("configPath"):
            continue
        items += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    config = None
    if "configPath" in step:
        config = yaml.safe_load((example / step["configPath"]).read_text())
    elif "configMap" in step:
        config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "function-input"},
                  "data": {k: str(v) for k, v in step["configMap"].items()}}
    return items, config


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_outputs_validate_against_the_models(example):
    items, config = package(example)
    result = run(items, config)
    expected = yaml.safe_load((example / ".expected" / "config.yaml").read_text()).get("exitCode", 0)
    assert result.exit_code == expected, result.errors()
    for item in result.items:
        model = OUTPUT_MODELS.get(item["kind"])
        if model is not None:
            model.model_validate(item)
        if item["kind"] == "ProvisioningRequest":
            RanTemplateParameters.model_validate(item["spec"]["templateParameters"])
    if expected == 0:
        assert result.kind("ProvisioningRequest")


@pytest.mark.parametrize("example", [e for e in EXAMPLES if "bad-network" not in e.name], ids=lambda e: e.name)
def test_example_inventories_validate_against_the_models(example):
    items, _ = package(example)
    for item in items:
        if item["kind"] == "WorkloadCluster":
            WorkloadCluster.model_validate(item)
        elif item["kind"] == "SiteNetworkPlan":
            SiteNetworkPlan.model_validate(item)


def test_the_multi_site_example_gives_one_request_per_edge_site():
    items, config = package(next(e for e in EXAMPLES if e.name.endswith("multi-site")))
    result = run(items, config)
    clusters = sorted(p["spec"]["templateParameters"]["clusterName"] for p in result.kind("ProvisioningRequest"))
    assert clusters == ["edge-cluster-eu-west-1", "edge-cluster-us-east-1", "edge-cluster-us-west-1"]
    vlans = {p["spec"]["templateParameters"]["networkConfig"]["vlan"] for p in result.kind("ProvisioningRequest")}
    assert vlans == {100, 101, 102}
