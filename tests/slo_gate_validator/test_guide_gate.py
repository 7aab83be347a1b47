"""The guide's SLOGate, as the guide writes it (no targetRef, no intentRef): bound to the package's only
ProvisioningRequest with an info result saying so; with none or several, an error saying what to add."""

from __future__ import annotations

from tests.slo_gate_validator import builders as b

GUIDE_GATE = {
    "apiVersion": "gate.slo.nephio.org/v1alpha1",
    "kind": "SLOGate",
    "metadata": {"name": "edge-ran-gate"},
    "spec": {
        "sloTargets": [
            {"metric": "latency_p95_ms", "threshold": 10, "operator": "<="},
            {"metric": "success_rate", "threshold": 0.995, "operator": ">="},
            {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">="},
        ],
        "measurementWindow": "5m",
        "evaluationPeriod": "30s",
    },
}


def package_with_guide_gate(*requests):
    pr = b.provisioning_request()
    loads = b.workloads(pr)
    return [b.kptfile(), pr, *requests, *loads, GUIDE_GATE]


def test_with_one_request_the_gate_binds_to_it_and_says_so():
    out, results, code = b.run(package_with_guide_gate())
    assert code == 0, results
    [bound] = [r for r in results if r.get("tags", {}).get("reason") == "BoundToOnlyRequest"]
    assert bound["severity"] == "info" and bound["field"]["path"] == "spec.targetRef"
    assert f"judges ProvisioningRequest {b.PR_NAME}, the package's only one" in bound["message"]
    assert "targetRef" not in b.find(out, "SLOGate")["spec"]  # the user's gate is not rewritten
    record_or_status = b.find(out, "SLOGate")["status"]
    assert record_or_status["phase"] == "Inconclusive" and b.PR_NAME in record_or_status["message"]


def test_with_two_requests_the_error_says_exactly_what_to_add():
    out, results, code = b.run(package_with_guide_gate(b.provisioning_request("other-edge")))
    assert code == 1
    [error] = [r for r in results if r["severity"] == "error"]
    assert error["field"]["path"] == "spec.targetRef"
    assert (
        "add under spec `targetRef: {apiVersion: o2ims.provisioning.oran.org/v1alpha1, kind: ProvisioningRequest, "
        f"name: <one of: {b.PR_NAME}, other-edge>}}`" in error["message"]
    )


def test_without_any_request_the_error_says_so():
    items = [b.kptfile(), GUIDE_GATE]
    _, results, code = b.run(items)
    assert code == 1
    [error] = [r for r in results if r["severity"] == "error"]
    assert "the package has no ProvisioningRequest" in error["message"]


def test_a_gate_naming_its_target_is_never_rebound():
    _, results, _ = b.run(b.package())
    assert not any(r.get("tags", {}).get("reason") == "BoundToOnlyRequest" for r in results)
