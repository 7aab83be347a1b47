"""Reading TS 28.312 Rel-18 as its models define it: where a standard target may sit, and the type of its value."""

import pytest

from tests.ts28312_to_pr.builders import deliver, ensure, intent, run, site, target

CLUSTER = "edge-cluster-us-west-1"
EXPECTATION = "spec.intentExpectations[1]"


def plan_with(targets, object_type="Radio_Service"):
    ensured = ensure(list(targets))
    ensured["expectationObject"]["objectType"] = object_type
    return run([intent("ran", [deliver(["o-ran-du"], CLUSTER), ensured]), *site(CLUSTER, 0)])


def slo_targets(result):
    assert result.exit_code == 0, result.errors()
    return [(t["metric"], t["operator"], t["threshold"], t.get("unit")) for t in result.one("SLOGate")["spec"]["sloTargets"]]


def test_a_per_ue_throughput_xlthpt_is_read_in_kbps():
    found = slo_targets(plan_with([target("DlThptPerUE", "IS_GREATER_THAN", {"guaThpt": 1000000})]))
    assert ("throughput_p95_mbps", ">", 1000, "Mbps") in found


def test_an_xlthpt_range_bounds_the_guaranteed_throughput_at_both_ends():
    found = slo_targets(plan_with([target("DlThptPerUE", "IS_WITHIN_RANGE", [{"guaThpt": 100000}, {"guaThpt": 2000000}])]))
    assert ("throughput_p95_mbps", ">=", 100, "Mbps") in found and ("throughput_p95_mbps", "<=", 2000, "Mbps") in found


def test_a_latency_without_a_unit_context_is_in_the_ms_of_its_model():
    assert slo_targets(plan_with([target("DlLatency", "IS_LESS_THAN", 10)]))[0] == ("latency_p95_ms", "<", 10, "ms")


def test_a_per_ue_throughput_that_is_a_bare_number_is_an_error_naming_the_xlthpt():
    result = plan_with([target("DlThptPerUE", "IS_GREATER_THAN", 1000)])
    assert result.exit_code == 1
    (error,) = result.errors()
    assert error["field"]["path"] == f"{EXPECTATION}.expectationTargets[0].targetValueRange"
    assert "XLThpt" in error["message"] and "guaThpt" in error["field"]["proposedValue"]


def test_an_xlthpt_without_a_guaranteed_throughput_is_an_error():
    result = plan_with([target("DlThptPerUE", "IS_GREATER_THAN", {"maxThpt": 1000})])
    assert [e["field"]["path"] for e in result.errors()] == [f"{EXPECTATION}.expectationTargets[0].targetValueRange"]


def test_a_number_with_a_unit_context_is_still_read_for_hand_written_intents():
    assert slo_targets(plan_with([target("DlThptPerUE", "IS_GREATER_THAN", 2, "Gbps")]))[-1] == ("throughput_p95_mbps", ">", 2000, "Mbps")


@pytest.mark.parametrize("object_type", ["RAN_SUBNETWORK", "5GC_SUBNETWORK", "RAN_SubNetwork"])
def test_a_latency_target_under_an_object_type_whose_model_lacks_it_is_an_error(object_type):
    result = plan_with([target("DlLatency", "IS_LESS_THAN", 10)], object_type)
    assert result.exit_code == 1 and result.kind("SLOGate") == []
    (error,) = result.errors()
    assert error["field"]["path"] == f"{EXPECTATION}.expectationObject.objectType"
    assert error["field"]["proposedValue"] == "Radio_Service or EDGE_SERVICE_SUPPORT"


@pytest.mark.parametrize("object_type", ["Radio_Service", "EDGE_SERVICE_SUPPORT", "EdgeService_Support", "Edge_Service_Support", "RADIO_SERVICE"])
def test_every_spelling_of_an_object_type_that_defines_the_target_is_read(object_type):
    assert slo_targets(plan_with([target("DlLatency", "IS_LESS_THAN", 10)], object_type))[0][:3] == ("latency_p95_ms", "<", 10)


def test_an_unknown_object_type_is_an_error_listing_the_standard_ones():
    result = plan_with([target("reliability", "IS_GREATER_THAN", 0.99, "ratio")], "RadioService")
    (error,) = result.errors()
    assert error["field"]["path"] == f"{EXPECTATION}.expectationObject.objectType"
    assert error["field"]["proposedValue"] == "RAN_SUBNETWORK | EDGE_SERVICE_SUPPORT | 5GC_SUBNETWORK | Radio_Service"


def test_vendor_targets_may_sit_under_any_object_type():
    assert slo_targets(plan_with([target("reliability", "IS_GREATER_THAN", 99, "%")], "RAN_SUBNETWORK"))[0][:3] == ("success_rate", ">", 0.99)
