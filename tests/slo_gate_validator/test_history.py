"""What the validator remembers between renders: baselines for relative criteria, revisions to roll back to."""

import json

import yaml
from oran_intent_krm.assurance.revision import config_digest
from oran_intent_krm.slo_gate_validator.main import FUNCTION

from tests.slo_gate_validator import builders as b

CONDITION = "gate.slo.nephio.org.SLOGate." + b.PR_NAME


def _render(items, config=None):
    text, code = FUNCTION.process(b.resource_list_text(items, config).encode())
    out = yaml.safe_load(text)
    return out["items"], out.get("results") or [], code, b.without_results(text)


def _replace(items, kind, new):
    return [i for i in items if i["kind"] != kind] + new


def _new_revision(items, values, tag="v2.0.0", window=("2025-06-01T11:00:00Z", "2025-06-01T11:05:00Z")):
    """The package after the PR changed: new workloads, and measurements of them."""
    pr = b.provisioning_request()
    loads = b.workloads(pr, image_tag=tag)
    kept = [i for i in items if i["kind"] not in ("Namespace", "Deployment", "MeasurementReport")]
    return kept + loads + [b.report(b.guide_series(values, start=window[0]), config_digest(loads), start=window[0], end=window[1])], loads


def _workloads(items):
    return sorted((i for i in items if i["kind"] in ("Namespace", "Deployment")), key=lambda i: (i["kind"], i["metadata"]["name"]))


def _content(items):
    def strip(obj):
        obj = json.loads(json.dumps(obj))
        notes = obj["metadata"]["annotations"]
        for key in [k for k in notes if "config.kubernetes.io/" in k and not k.startswith("krm.")]:
            del notes[key]
        return obj

    return [json.dumps(strip(i)) for i in _workloads(items)]


def test_a_failed_gate_rolls_back_to_the_last_passed_workloads():
    passed, _, code, _ = _render(b.package(gate_spec={"onFailure": "rollback"}))
    assert code == 0
    failing, new_loads = _new_revision(passed, {"latency_p95_ms": 14})
    out, results, code, _ = _render(failing)
    assert code == 0  # the rollback is written, so the render must succeed
    assert _content(out) == _content(passed)  # same content, same key order
    status = b.find(out, "SLOGate")["status"]
    assert status["phase"] == "Failed"
    assert status["rollback"]["fromRevision"] == config_digest(new_loads)
    assert status["rollback"]["toRevision"] == config_digest(_workloads(passed))
    condition = next(c for c in b.find(out, "Kptfile")["status"]["conditions"] if c["type"] == CONDITION)
    assert (condition["status"], condition["reason"]) == ("True", "RolledBack")
    assert any(r["tags"].get("reason") == "RolledBack" and r["severity"] == "warning" for r in results)


def test_a_rolled_back_package_renders_the_same_again():
    passed, _, _, _ = _render(b.package(gate_spec={"onFailure": "rollback"}))
    failing, _ = _new_revision(passed, {"latency_p95_ms": 14})
    _, _, _, first = _render(failing)
    second, code = FUNCTION.process(first.encode())
    assert (b.without_results(second), code) == (first, 0)


def test_a_rollback_holds_when_the_failed_workloads_are_generated_again():
    passed, _, _, _ = _render(b.package(gate_spec={"onFailure": "rollback"}))
    failing, new_loads = _new_revision(passed, {"latency_p95_ms": 14})
    rolled, _, _, _ = _render(failing)
    regenerated = [i for i in rolled if i["kind"] not in ("Namespace", "Deployment")] + new_loads  # as pr-to-workloads would
    again, _, code, _ = _render(regenerated)
    assert code == 0
    assert _content(again) == _content(passed)
    assert b.find(again, "SLOGate")["status"] == b.find(rolled, "SLOGate")["status"]


def test_a_rollback_with_nothing_on_record_fails_the_render_whatever_the_enforcement():
    items = b.package({"latency_p95_ms": 14}, gate_spec={"onFailure": "rollback", "enforcement": "warn"})
    out, results, code, _ = _render(items)
    assert code == 1
    error = next(r for r in results if r["severity"] == "error")
    assert error["tags"]["reason"] == "NothingToRollBackTo"
    assert error["field"]["path"] == "spec.onFailure"


def test_a_dry_run_gate_only_says_what_it_would_restore():
    passed, _, _, _ = _render(b.package(gate_spec={"onFailure": "rollback", "enforcement": "dryRun"}))
    failing, new_loads = _new_revision(passed, {"latency_p95_ms": 14})
    out, results, code, _ = _render(failing)
    assert code == 0
    assert _content(out) == _content(new_loads)
    assert any(r["tags"].get("reason") == "WouldRollBack" for r in results)


def test_measuring_the_restored_revision_again_clears_the_rollback():
    passed, _, _, _ = _render(b.package(gate_spec={"onFailure": "rollback"}))
    failing, _ = _new_revision(passed, {"latency_p95_ms": 14})
    rolled, _, _, _ = _render(failing)
    fresh = b.report(b.guide_series(start="2025-06-01T12:00:00Z"), config_digest(_workloads(rolled)), start="2025-06-01T12:00:00Z", end="2025-06-01T12:05:00Z")
    out, _, code, _ = _render(_replace(rolled, "MeasurementReport", [fresh]))
    assert (code, b.find(out, "SLOGate")["status"]["phase"]) == (0, "Passed")
    assert "rollback" not in b.find(out, "SLOGateRecord")["spec"]


def _relative_gate():
    targets = [dict(t) for t in b.GUIDE_TARGETS]
    targets[0]["maxRegression"] = "10%"
    return {"targets": targets}


def test_a_relative_criterion_compares_with_the_last_passed_evaluation():
    first, _, _, _ = _render(b.package({"latency_p95_ms": 7}, gate_spec=_relative_gate()))
    later = b.report(b.guide_series({"latency_p95_ms": 8}, start="2025-06-01T11:00:00Z"), config_digest(_workloads(first)), start="2025-06-01T11:00:00Z", end="2025-06-01T11:05:00Z")
    out, _, code, text = _render(_replace(first, "MeasurementReport", [later]))
    target = b.find(out, "SLOGate")["status"]["targets"][0]
    assert code == 1
    assert (target["verdict"], target["reason"], target["relative"]) == ("Failed", "Regressed", {"maxRegression": "10%", "baselineValue": 7, "limit": 7.7})
    second, _ = FUNCTION.process(text.encode())
    assert b.without_results(second) == text


def test_re_rendering_a_passed_evaluation_keeps_its_own_baseline():
    first, _, _, _ = _render(b.package({"latency_p95_ms": 7}, gate_spec=_relative_gate()))
    later = b.report(b.guide_series({"latency_p95_ms": 7.5}, start="2025-06-01T11:00:00Z"), config_digest(_workloads(first)), start="2025-06-01T11:00:00Z", end="2025-06-01T11:05:00Z")
    out, _, code, text = _render(_replace(first, "MeasurementReport", [later]))
    assert code == 0
    history = b.find(out, "SLOGateRecord")["spec"]["passedEvaluations"]
    assert [h["window"]["end"] for h in history] == ["2025-06-01T11:05:00Z", b.WINDOW_END]
    again, _ = FUNCTION.process(text.encode())
    assert b.without_results(again) == text
    status = yaml.safe_load(again)["items"]
    assert b.find(status, "SLOGate")["status"]["targets"][0]["relative"]["baselineValue"] == 7
