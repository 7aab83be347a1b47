"""Every package can be managed by Porch as it is, and its readiness gates follow its SLO gates."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml
from oran_intent_krm.slo_gate_validator.status import CONDITION_PREFIX

from tests import kpt
from tests.packages.support import FUNCTIONS, PACKAGES, documents, kptfile, of_kind, package_dirs, passing_report

# Any registry (`make set-registry` moves them all), a pinned release tag: Porch re-renders on every push.
PINNED_IMAGE = re.compile(r"^(?P<registry>[^\s:@]+(?::\d+)?(?:/[^\s:@/]+)*)/(?P<fn>[a-z0-9-]+):v\d+\.\d+\.\d+$")
CONDITION_OF_PHASE = {"Passed": "True", "Failed": "False", "Inconclusive": "Unknown"}
PACKAGE_IDS = [p.relative_to(PACKAGES).as_posix() for p in package_dirs()]


@pytest.fixture(params=package_dirs(), ids=PACKAGE_IDS)
def package(request):
    return request.param


def test_the_pipeline_is_the_four_functions_as_pinned_images_and_never_exec(package):
    mutators = kptfile(package)["pipeline"]["mutators"]
    assert all(set(step) <= {"image", "configPath", "configMap", "name"} for step in mutators), "Porch cannot run exec functions"
    matches = [PINNED_IMAGE.match(step["image"]) for step in mutators]
    assert all(matches), [step["image"] for step in mutators]
    assert tuple(m.group("fn") for m in matches) == FUNCTIONS
    assert len({m.group("registry") for m in matches}) == 1
    assert "validators" not in kptfile(package)["pipeline"]


def test_the_package_context_names_the_package(package):
    context = yaml.safe_load((package / "package-context.yaml").read_text())
    assert (context["apiVersion"], context["kind"], context["metadata"]["name"]) == ("v1", "ConfigMap", "kptfile.kpt.dev")
    assert context["metadata"]["annotations"]["config.kubernetes.io/local-config"] == "true"
    assert context["data"]["name"] == kptfile(package)["metadata"]["name"]


def test_each_blocking_slo_gate_is_a_readiness_gate_whose_condition_is_the_gates_verdict(package):
    docs = documents(package)
    gates = of_kind(docs, "SLOGate", "gate.slo.nephio.org")
    assert gates, "every sample package is gated"
    kf = kptfile(package)
    readiness = {g["conditionType"] for g in kf["info"].get("readinessGates", [])}
    conditions = {c["type"]: c for c in kf.get("status", {}).get("conditions", [])}
    for gate in gates:
        condition_type = CONDITION_PREFIX + gate["metadata"]["name"]
        assert (condition_type in readiness) == (gate["spec"]["enforcement"] == "block")
        assert conditions[condition_type]["status"] == CONDITION_OF_PHASE[gate["status"]["phase"]]
    assert {t for t in readiness if t.startswith(CONDITION_PREFIX)} == {CONDITION_PREFIX + g["metadata"]["name"] for g in gates}


def test_every_readiness_gate_has_its_condition(package):
    kf = kptfile(package)
    conditions = {c["type"] for c in kf.get("status", {}).get("conditions", [])}
    assert {g["conditionType"] for g in kf["info"]["readinessGates"]} <= conditions


def test_measurements_that_meet_the_slos_turn_the_readiness_gate_true(tmp_path):
    """What unblocks Porch's approval: the collector pushes a MeasurementReport of the rendered revision."""
    package = kpt.fresh_copy(PACKAGES / "basic-cu", tmp_path / "basic-cu")
    [gate] = of_kind(documents(package), "SLOGate")
    explained = subprocess.run(["slo-gate-validator", "explain", str(package), "-o", "json"], capture_output=True, text=True, env=kpt.env(), check=True)
    [evaluation] = json.loads(explained.stdout)["gates"]
    report = passing_report(gate, evaluation["revision"])
    (package / "measurements").mkdir()
    (package / "measurements" / f"{gate['metadata']['name']}.yaml").write_text(yaml.safe_dump(report, sort_keys=False))
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    condition_type = CONDITION_PREFIX + gate["metadata"]["name"]
    kf = kptfile(package)
    assert {"conditionType": condition_type} in kf["info"]["readinessGates"]
    [condition] = [c for c in kf["status"]["conditions"] if c["type"] == condition_type]
    assert condition["status"] == "True", condition
    [judged] = of_kind(documents(package), "SLOGate")
    assert judged["status"]["phase"] == "Passed"
    [tmf] = of_kind(documents(package), "Intent", "tmf921.intent.tmforum.org")
    assert [c["status"] for c in tmf["status"]["conditions"] if c["type"] == "Fulfilled"] == ["True"]


def test_measurements_that_miss_a_blocking_slo_fail_the_render_which_porch_reports_in_render_status(tmp_path):
    package = kpt.fresh_copy(PACKAGES / "basic-cu", tmp_path / "basic-cu")
    [gate] = of_kind(documents(package), "SLOGate")
    explained = subprocess.run(["slo-gate-validator", "explain", str(package), "-o", "json"], capture_output=True, text=True, env=kpt.env(), check=True)
    report = passing_report(gate, json.loads(explained.stdout)["gates"][0]["revision"])
    latency = next(m for m in report["spec"]["metrics"] if m["name"] == "latency_p95_ms")
    for period in latency["periods"]:
        period["value"] = 25.0
    (package / "report.yaml").write_text(yaml.safe_dump(report, sort_keys=False))
    before = kpt.tree_digest(package)
    results = tmp_path / "results"
    results.mkdir()
    run = kpt.render(package, "--results-dir", str(results))
    assert run.exit_code != 0
    assert kpt.tree_digest(package) == before, "a failed render changes nothing (Porch keeps the draft as it was)"
    listed = yaml.safe_load((results / "results.yaml").read_text())
    errors = [r for item in listed["items"] for r in item.get("results") or [] if r.get("severity") == "error"]
    assert any(r.get("resourceRef", {}).get("kind") == "SLOGate" for r in errors), errors


def test_a_package_fits_in_one_function_call_of_porchs_function_runner(package):
    """Each function gets the whole package in one gRPC request, at most 6 MiB by default: keep half of it spare."""
    files = [p for p in package.rglob("*") if p.is_file()]
    assert not [p for p in package.rglob("*") if p.is_symlink()]
    assert sum(p.stat().st_size for p in files if p.suffix in (".yaml", ".yml") or p.name == "Kptfile") < 6 * 1024 * 1024 // 2
