"""The sample package through the real `kpt fn render`: the whole pipeline, as a user runs it."""

from __future__ import annotations

import shutil

import yaml

from tests import kpt

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
BAD_INTENT = """apiVersion: tmf921.intent.tmforum.org/v1
kind: Intent
metadata:
  name: broken
spec:
  intentExpectations:
  - expectationTargets:
    - targetName: edge-cluster-us-west-1
    expectationVerbs: ["teleport"]
    expectationObjects: ["o-ran-du"]
"""


def resources(package) -> list[dict]:
    found = []
    for path in sorted(package.rglob("*.yaml")):
        found += [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict) and "kind" in d]
    return found


def of_kind(docs, kind):
    return [d for d in docs if d["kind"] == kind]


def test_the_sample_package_renders_end_to_end(tmp_path):
    package = kpt.fresh_copy(SAMPLE, tmp_path / "pkg")
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    docs = resources(package)
    [intent] = [d for d in of_kind(docs, "Intent") if d["apiVersion"] == "intent.3gpp.org/v1alpha1"]
    assert {e["expectationVerb"] for e in intent["spec"]["intentExpectations"]} == {"DELIVER", "ENSURE"}
    [pr] = of_kind(docs, "ProvisioningRequest")
    params = pr["spec"]["templateParameters"]
    assert params["clusterName"] == "edge-cluster-us-west-1"
    assert params["resourceRequirements"] == {"cpu": "8000m", "memory": "16Gi", "storage": "50Gi"}
    assert params["networkConfig"]["vlan"] == 100
    assert params["networkConfig"]["subnet"] == "192.168.100.0/24"
    assert params["networkConfig"]["gateway"] == "192.168.100.1"
    assert of_kind(docs, "Deployment") + of_kind(docs, "StatefulSet")
    [gate] = of_kind(docs, "SLOGate")
    assert gate["status"]["phase"] in ("Passed", "Failed", "Inconclusive")


def test_rendering_twice_changes_nothing(tmp_path):
    package = kpt.fresh_copy(SAMPLE, tmp_path / "pkg")
    assert kpt.render(package).exit_code == 0
    first = kpt.tree_digest(package)
    assert kpt.render(package).exit_code == 0
    assert kpt.tree_digest(package) == first


def test_the_committed_sample_package_is_already_rendered(tmp_path):
    """The GitOps gate: rendering what is committed changes nothing."""
    package = tmp_path / "pkg"
    shutil.copytree(SAMPLE, package)
    before = kpt.tree_digest(package)
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    assert kpt.tree_digest(package) == before


def test_a_failing_function_fails_the_render_and_leaves_the_package_untouched(tmp_path):
    package = kpt.fresh_copy(SAMPLE, tmp_path / "pkg")
    (package / "broken-intent.yaml").write_text(BAD_INTENT)
    before = kpt.tree_digest(package)
    results_dir = tmp_path / "results"
    results_dir.mkdir()
    run = kpt.render(package, "--results-dir", str(results_dir))
    assert run.exit_code != 0
    assert kpt.tree_digest(package) == before
    report = yaml.safe_load((results_dir / "results.yaml").read_text())
    errors = [r for item in report["items"] for r in item.get("results") or [] if r.get("severity") == "error"]
    assert errors, report
    assert any(
        r.get("resourceRef", {}).get("name") == "broken" and r.get("field", {}).get("path", "").startswith("spec.intentExpectations[0]")
        for r in errors
    ), errors
