"""Whole renders: what a verdict writes, and how enforcement decides the render's outcome."""

import pytest
import yaml
from oran_intent_krm.assurance.revision import config_digest
from oran_intent_krm.slo_gate_validator.main import FUNCTION

from tests.slo_gate_validator import builders as b

CONDITION = "gate.slo.nephio.org.SLOGate." + b.PR_NAME


def _condition(items):
    conditions = b.find(items, "Kptfile")["status"]["conditions"]
    return next(c for c in conditions if c["type"] == CONDITION)


def _gates(items):
    return [g["conditionType"] for g in (b.find(items, "Kptfile").get("info") or {}).get("readinessGates") or []]


def test_a_passing_gate_writes_status_condition_readiness_gate_and_record():
    items, results, code = b.run(b.package())
    gate = b.find(items, "SLOGate")
    assert code == 0
    assert gate["status"]["phase"] == "Passed"
    assert [t["verdict"] for t in gate["status"]["targets"]] == ["Passed"] * 3
    assert gate["status"]["evidence"]["window"] == {"start": b.WINDOW_START, "end": b.WINDOW_END}
    assert (_condition(items)["status"], _gates(items)) == ("True", [CONDITION])
    record = b.find(items, "SLOGateRecord")
    assert record["metadata"]["annotations"]["config.kubernetes.io/local-config"] == "true"
    assert record["spec"]["lastPassedRevision"]["configDigest"] == gate["status"]["revision"]["rendered"]
    assert [r["severity"] for r in results] == ["info"]


def test_a_failing_blocking_gate_is_an_error_and_fails_the_render():
    items, results, code = b.run(b.package({"latency_p95_ms": 12}))
    assert code == 1
    errors = [r for r in results if r["severity"] == "error"]
    assert [e["field"]["path"] for e in errors] == ["status.phase", "spec.sloTargets[0].threshold"]
    assert errors[1]["field"]["currentValue"] == 12
    assert errors[1]["field"]["proposedValue"] == "<= 10 ms"
    assert errors[1]["resourceRef"]["kind"] == "SLOGate"


def test_a_failing_warn_gate_warns_and_does_not_gate_approval():
    items, results, code = b.run(b.package({"latency_p95_ms": 12}, gate_spec={"enforcement": "warn"}))
    assert code == 0
    assert {r["severity"] for r in results} == {"warning"}
    assert _condition(items)["status"] == "False"
    assert _gates(items) == []


def test_a_failing_dry_run_gate_is_only_reported():
    items, results, code = b.run(b.package({"latency_p95_ms": 12}, gate_spec={"enforcement": "dryRun"}))
    assert code == 0
    assert {r["severity"] for r in results} == {"info"}
    assert b.find(items, "SLOGate")["status"]["phase"] == "Failed"


def test_an_inconclusive_gate_warns_and_its_condition_is_unknown():
    items, results, code = b.run(b.package(digest="sha256:" + "0" * 64))
    assert code == 0
    assert _condition(items)["status"] == "Unknown"
    assert _condition(items)["reason"] == "StaleRevision"
    assert [r["severity"] for r in results] == ["warning"]


def test_the_default_enforcement_comes_from_the_config():
    items = b.package({"latency_p95_ms": 12})
    del b.find(items, "SLOGate")["spec"]["enforcement"]
    _, _, code = b.run(items, {"defaultEnforcement": "warn"})
    assert code == 0


def test_a_second_render_changes_nothing():
    for values in ({}, {"latency_p95_ms": 12}):
        first, _ = FUNCTION.process(b.resource_list_text(b.package(values, gate_spec={"enforcement": "warn"})).encode())
        second, _ = FUNCTION.process(b.without_results(first).encode())
        assert b.without_results(second) == b.without_results(first)


def test_other_conditions_and_readiness_gates_in_the_kptfile_are_kept():
    items = b.package()
    kptfile = b.find(items, "Kptfile")
    kptfile["info"] = {"readinessGates": [{"conditionType": "other.example.org"}]}
    kptfile["status"] = {"conditions": [{"type": "other.example.org", "status": "True"}]}
    out, _, _ = b.run(items)
    assert _gates(out) == ["other.example.org", CONDITION]
    assert [c["type"] for c in b.find(out, "Kptfile")["status"]["conditions"]] == ["other.example.org", CONDITION]


def test_conditions_and_readiness_gates_of_gates_no_longer_there_are_removed():
    out, _, _ = b.run(b.package())
    without_gate = [i for i in out if i["kind"] != "SLOGate"]
    again, results, _ = b.run(without_gate)
    assert b.find(again, "Kptfile")["status"]["conditions"] == []
    assert _gates(again) == []
    assert not [i for i in again if i["kind"] == "SLOGateRecord"]  # pruned with its gate
    assert any("pruned" in r["message"] for r in results)


def test_the_readiness_gate_is_left_alone_when_not_managed():
    items, _, _ = b.run(b.package(), {"manageReadinessGates": False})
    assert _gates(items) == []


def test_untouched_items_keep_their_exact_text():
    text = b.resource_list_text(b.package()).replace("templateName: oran-edge", "templateName: oran-edge  # kept")
    out, _ = FUNCTION.process(text.encode())
    assert "templateName: oran-edge  # kept" in out


def test_a_malformed_report_is_an_error_with_its_field_path():
    items = b.package()
    b.find(items, "MeasurementReport")["spec"]["metrics"][0]["periods"][3]["value"] = "fast"
    _, results, code = b.run(items)
    assert code == 1
    problem = next(r for r in results if r["resourceRef"]["kind"] == "MeasurementReport")
    assert problem["field"] == {"path": "spec.metrics[0].periods[3].value", "currentValue": "fast", "proposedValue": "a number, NaN or null"}


def test_a_malformed_gate_is_an_error_with_its_field_path():
    items = b.package(gate_spec={"measurementWindow": "five minutes"})
    out, results, code = b.run(items)
    assert code == 1
    assert results[0]["field"]["path"] == "spec.measurementWindow"
    assert b.find(out, "SLOGate")["status"]["reason"] == "InvalidSpec"


def test_an_unknown_field_of_a_gate_is_an_error_and_the_gate_is_left_as_it_was():
    items = b.package()
    spec = b.find(items, "SLOGate")["spec"]
    spec["measurementWindw"] = spec.pop("measurementWindow")
    out, results, code = b.run(items)
    assert code == 1
    [error] = [r for r in results if r["severity"] == "error"]
    assert error["field"]["path"] == "spec.measurementWindw" and "did you mean `measurementWindow`" in error["message"]
    assert "status" not in b.find(out, "SLOGate")


def test_the_newest_report_about_the_target_is_judged():
    items = b.package()
    older = b.report(b.guide_series({"latency_p95_ms": 50}), config_digest(b.workloads(b.provisioning_request())), start="2025-06-01T09:00:00Z", end="2025-06-01T09:05:00Z", name="older")
    out, _, code = b.run(items + [older])
    assert (code, b.find(out, "SLOGate")["status"]["evidence"]["report"]) == (0, b.PR_NAME)


def test_items_the_function_does_not_own_pass_through():
    items = b.package()
    other = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "b"}}
    out, _, _ = b.run(items + [other])
    assert b.find(out, "ConfigMap", "x") == other
    assert yaml.safe_dump(b.find(out, "ProvisioningRequest")) == yaml.safe_dump(b.provisioning_request())


def test_workloads_written_with_yaml_anchors_are_recorded_without_duplicating_them():
    items = b.package()
    deployment = b.find(items, "Deployment")
    labels = {"app": "cu-cp"}  # one object in two places: the YAML gets an anchor and an alias
    deployment["spec"]["selector"] = {"matchLabels": labels}
    deployment["spec"]["template"]["metadata"] = {"labels": labels}
    report = b.find(items, "MeasurementReport")
    report["spec"]["configDigest"] = config_digest([i for i in items if i["kind"] in ("Namespace", "Deployment")])
    text = b.resource_list_text(items)
    assert "&id001" in text and "*id001" in text
    out, code = FUNCTION.process(text.encode())
    parsed = yaml.safe_load(out)  # PyYAML rejects a document with the same anchor twice
    record = b.find(parsed["items"], "SLOGateRecord")
    copy_ = next(w["object"] for w in record["spec"]["lastPassedRevision"]["workloads"] if w["object"]["kind"] == "Deployment")
    assert copy_["spec"]["selector"]["matchLabels"] == copy_["spec"]["template"]["metadata"]["labels"] == labels
    assert code == 0


def test_the_same_package_in_another_order_gives_the_same_verdicts_and_outputs():
    def outputs(items):
        out, results, code = b.run(items)
        keyed = {(i["apiVersion"], i["kind"], i["metadata"]["name"]): i for i in out}
        return keyed, sorted(r["message"] for r in results), code

    items = b.package({"latency_p95_ms": 12}, gate_spec={"enforcement": "warn"})
    assert outputs(items) == outputs(list(reversed(items)))


@pytest.mark.parametrize(
    "window, period, message",
    [
        ("1m1m", "30s", "not a duration"),
        ("1s30m", "30s", "not a duration"),
        ("0s", "30s", "is zero"),
        ("5m", "0ms", "is zero"),
        (300, "30s", "write it as a string"),
        ("300", "30s", "has no unit"),
    ],
)
def test_gate_durations_are_read_by_the_one_duration_parser(window, period, message):
    out, results, code = b.run(b.package(gate_spec={"measurementWindow": window, "evaluationPeriod": period}))
    assert code == 1
    assert any(message in r["message"] for r in results if r["field"]["path"] in ("spec.measurementWindow", "spec.evaluationPeriod"))
    assert b.find(out, "SLOGate")["status"]["reason"] == "InvalidSpec"


def test_a_year_long_gate_window_is_read_as_promql_reads_it():
    from oran_intent_krm.assurance import gate

    read = gate.read_gate(b.gate(measurementWindow="1y", evaluationPeriod="1d"), {})
    assert (read.window_seconds, read.period_seconds, read.problems) == (365 * 86400, 86400, ())
