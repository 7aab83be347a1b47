"""A site plan's declared capacity holds every intent on its cluster, together, exactly."""

from __future__ import annotations

from oran_intent_krm.models.conflicts import reports_from_results

from tests.ts28312_to_pr.builders import cluster, deliver, intent, plan, run

CLUSTER = "edge-cluster-us-west-1"


def edge_intent(name: str, nfs=("o-ran-cu", "o-ran-du")) -> dict:
    return intent(name, [deliver(list(nfs), CLUSTER, eid=f"{name}-1")])


def inventory(**capacity) -> list[dict]:
    return [cluster(CLUSTER), plan(CLUSTER, capacity=capacity) if capacity else plan(CLUSTER)]


def cpu_of(result) -> dict[str, str]:
    return {pr["metadata"]["name"]: pr["spec"]["templateParameters"]["resourceRequirements"]["cpu"] for pr in result.kind("ProvisioningRequest")}


def test_intents_that_fit_are_provisioned():
    result = run([edge_intent("a"), edge_intent("b"), *inventory(cpu="12")])  # exactly full
    assert result.exit_code == 0, result.errors()
    assert cpu_of(result) == {"a-edge-cluster-us-west-1": "6000m", "b-edge-cluster-us-west-1": "6000m"}


def test_the_sum_over_intents_beyond_the_capacity_is_a_conflict_naming_intents_and_figures():
    result = run([edge_intent("a"), edge_intent("b"), *inventory(cpu="11500m", memory="64Gi")])
    assert result.exit_code == 1 and result.kind("ProvisioningRequest") == []
    errors = [r for r in result.errors() if "capacity" in r["message"]]
    assert {r["resourceRef"]["name"] for r in errors} == {"a", "b"}
    message = errors[0]["message"]
    assert "need cpu 12 together (a 6, b 6), more than the capacity cpu 11500m" in message
    assert "SiteNetworkPlan/edge-cluster-us-west-1" in message
    assert errors[0]["field"]["path"] == "spec.intentExpectations[0].expectationObject.objectContexts[1].contextValueRange"
    reports = reports_from_results(errors)
    assert reports["Intent=a"][0]["conflictingIntent"] == "Intent=b"
    assert reports["Intent=a"][0]["recommendedSolutions"] == ["MODIFY", "DELETE"]


def test_one_intent_alone_beyond_the_capacity_is_an_error_without_a_conflict():
    result = run([edge_intent("a"), *inventory(cpu="4")])
    [error] = [r for r in result.errors() if "capacity" in r["message"]]
    assert "conflictType" not in error.get("tags", {})


def test_without_a_declared_capacity_nothing_is_checked():
    result = run([edge_intent(f"i{n}") for n in range(5)] + inventory())
    assert result.exit_code == 0


def test_the_verdict_does_not_depend_on_the_order_of_the_intents():
    forward = run([edge_intent("a"), edge_intent("b"), *inventory(cpu="10")])
    backward = run([*inventory(cpu="10"), edge_intent("b"), edge_intent("a")])
    assert forward.exit_code == 1
    assert forward.results == backward.results


def test_a_capacity_that_is_not_a_quantity_is_an_error_on_the_plan():
    result = run([edge_intent("a"), *inventory(cpu="lots")])
    assert ("edge-cluster-us-west-1", "spec.capacity.cpu") in result.error_paths()
    assert result.kind("ProvisioningRequest") == []
