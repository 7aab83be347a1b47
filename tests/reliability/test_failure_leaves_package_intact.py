"""Failure leaves the package intact: whichever function fails, `kpt fn render` (run directly
on the package, no wrapper) leaves every file byte-identical, proven by hashing the tree
before and after.  The earlier stages' output, already computed when a later one fails,
must not reach the disk either.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from oran_intent_krm.sdk import yaml_io

from tests import golden
from tests.reliability import packages

BAD_TMF921_INTENT = """apiVersion: tmf921.intent.tmforum.org/v1
kind: Intent
metadata:
  name: broken
spec:
  intentExpectations:
  - expectationTargets: [{targetName: edge-cluster-us-west-1}]
    expectationVerbs: ["teleport"]
    expectationObjects: ["o-ran-du"]
"""

BAD_PROVISIONING_REQUEST = """# Written by hand, not by 28312-to-pr: pr-to-workloads reads it and cannot size it.
apiVersion: o2ims.provisioning.oran.org/v1alpha1
kind: ProvisioningRequest
metadata:
  name: hand-written
spec:
  templateName: oran-ran-workloads
  templateVersion: v0.1.0
  templateParameters:
    clusterName: edge-cluster-us-west-1
    resourceRequirements: {cpu: eight cores, memory: 16Gi, storage: 50Gi}
    networkConfig: {vlan: 100, subnet: 192.168.100.0/24, gateway: 192.168.100.1}
    networkFunctions:
    - {name: du, nfType: O-DU, resources: {cpu: eight cores, memory: 16Gi, storage: 50Gi}}
"""


def tree_hash(package: Path) -> dict[str, str]:
    """sha256 of every file, by package-relative path (the set of paths counts too)."""
    return {path: hashlib.sha256(content).hexdigest() for path, content in packages.files(package).items()}


def break_intent_to_28312(package: Path, tmp: Path) -> None:
    (package / "broken-intent.yaml").write_text(BAD_TMF921_INTENT)


def break_28312_to_pr(package: Path, tmp: Path) -> None:
    plan = package / "inventory" / "network-plan.yaml"
    plan.write_text(plan.read_text().replace("gateway: 192.168.100.1", "gateway: 10.9.9.1"))


def break_pr_to_workloads(package: Path, tmp: Path) -> None:
    (package / "hand-written-pr.yaml").write_text(BAD_PROVISIONING_REQUEST)


def break_slo_gate_validator(package: Path, tmp: Path) -> None:
    """Measurements of the revision the package renders, breaching its latency target: the gate blocks."""
    assert packages.render(package, tmp / "results-first").exit_code == 0
    [gate_file] = (package / "generated" / "management" / "assurance").glob("*.slogate.yaml")
    gate = yaml_io._yaml().load(gate_file.read_text())
    revision = gate["status"]["revision"]
    example = packages.kpt.ROOT / "functions" / "slo_gate_validator" / "examples" / "slo-gate-validator-fail-block"
    [report] = (example / "measurements").glob("*.yaml")
    doc = yaml_io._yaml().load(report.read_text())
    doc["spec"]["configDigest"] = revision["rendered"]
    doc["spec"]["revision"]["value"] = revision["podRevision"]
    doc["metadata"]["namespace"] = gate["metadata"]["namespace"]  # as the collector writes it, beside its gate
    (package / "measurements").mkdir()
    (package / "measurements" / report.name).write_text(yaml_io.dump_value(doc))


BREAKS = {
    "intent-to-28312": break_intent_to_28312,
    "28312-to-pr": break_28312_to_pr,
    "pr-to-workloads": break_pr_to_workloads,
    "slo-gate-validator": break_slo_gate_validator,
}


@pytest.mark.parametrize("function", list(BREAKS))
def test_a_failing_stage_of_the_pipeline_leaves_every_file_as_it_was(function, tmp_path):
    package = packages.exec_package(packages.SAMPLE, tmp_path / "pkg")
    packages.add_corpus(package)
    BREAKS[function](package, tmp_path)
    before = tree_hash(package)
    run = packages.render(package, tmp_path / "results")
    assert run.exit_code != 0, run.stderr
    errors = [r for r in run.results if r["severity"] == "error"]
    assert errors and {r["function"] for r in errors} == {function}, run.results
    assert tree_hash(package) == before


FAILING_EXAMPLES = [e for e in golden.examples() if golden.expected_exit_code(e) != 0]


def test_every_function_has_a_failing_golden_example():
    assert {e.parent.parent.name for e in FAILING_EXAMPLES} == {
        "intent_to_28312", "ts28312_to_pr", "pr_to_workloads", "slo_gate_validator"
    }


@pytest.mark.parametrize("example", FAILING_EXAMPLES, ids=[e.name for e in FAILING_EXAMPLES])
def test_a_failing_golden_example_leaves_every_file_as_it_was(example, tmp_path):
    package = packages.exec_package(example, tmp_path / example.name)
    before = tree_hash(package)
    run = packages.render(package, tmp_path / "results")
    assert run.exit_code != 0, run.stderr
    assert tree_hash(package) == before
