"""TS 28.312 Rel-18 semantics of the output: each standard target under an expectation object type whose model
defines it, values of the type the model gives them, TargetAssuranceTime as an expectation context."""

from __future__ import annotations

import pytest
from oran_intent_krm.models import terms, ts28312

from tests.intent_to_28312.support import errors, expectation, krm_intent, spec_of, translated, v5_intent
from tests.intent_to_28312.test_jsonld import OFFICIAL_EXAMPLE_01
from tests.intent_to_28312.test_krm_form import GUIDE_DEPLOY_EDGE_RAN, GUIDE_URLLC_SCALING

UNIT = "unit"


def ensure(*constraints: str, **contexts: str) -> dict:
    return spec_of(krm_intent("i", expectation(["maintain"], list(constraints) or None, ["performance"], contexts or None)))


def by_type(spec: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in spec["intentExpectations"]:
        out.setdefault(e["expectationObject"]["objectType"], []).extend(e["expectationTargets"])
    return out


def test_latency_and_throughput_are_radio_service_targets_not_ran_subnetwork_ones():
    deliver, ensured = spec_of(GUIDE_DEPLOY_EDGE_RAN)["intentExpectations"]
    assert deliver["expectationObject"]["objectType"] == "RAN_SUBNETWORK"
    assert ensured["expectationObject"]["objectType"] == "Radio_Service"
    assert [t["targetName"] for t in ensured["expectationTargets"]] == ["DlLatency", "DlThptPerUE"]


def test_a_per_ue_throughput_is_a_ts28541_xlthpt_in_kbps_without_a_unit_context():
    (target,) = by_type(ensure("throughput>1Gbps"))["Radio_Service"]
    assert target == {"targetName": "DlThptPerUE", "targetCondition": "IS_GREATER_THAN", "targetValueRange": {"guaThpt": 1000000}, "targetContexts": []}


@pytest.mark.parametrize(
    "constraint, value",
    [("throughput>100MBps", {"guaThpt": 800000}), ("throughput>=2.5Mbps", {"guaThpt": 2500}), ("throughput>500bps", {"guaThpt": 0.5})],
)
def test_any_data_rate_is_converted_exactly_to_the_kbps_of_the_xlthpt(constraint, value):
    (target,) = by_type(ensure(constraint))["Radio_Service"]
    assert target["targetValueRange"] == value


def test_a_throughput_range_is_a_pair_of_xlthpt():
    (target,) = by_type(ensure("throughput between 100 Mbps and 1 Gbps"))["Radio_Service"]
    assert (target["targetCondition"], target["targetValueRange"]) == ("IS_WITHIN_RANGE", [{"guaThpt": 100000}, {"guaThpt": 1000000}])


def test_a_latency_is_a_number_in_the_ms_of_ts28541_dllatency():
    (target,) = by_type(ensure("latency<500us"))["Radio_Service"]
    assert (target["targetValueRange"], target["targetContexts"]) == (0.5, [])


@pytest.mark.parametrize(
    "constraint, name, object_type, value",
    [
        ("WeakRSRPRatio<5", "WeakRSRPRatio", "RAN_SUBNETWORK", 5),
        ("WeakRSRPRatio<0.05ratio", "WeakRSRPRatio", "RAN_SUBNETWORK", 5),
        ("AveDLPrbLoad<70%", "AveDLPrbLoad", "RAN_SUBNETWORK", 70),
        ("maxNumberofUEs<100", "maxNumberofUEs", "EDGE_SERVICE_SUPPORT", 100),
        ("MaxNumberofPDUsessions<1000", "MaxNumberofPDUsessions", "5GC_SUBNETWORK", 1000),
    ],
)
def test_every_standard_target_sits_under_an_object_type_whose_model_defines_it(constraint, name, object_type, value):
    (target,) = by_type(ensure(constraint))[object_type]
    assert (target["targetName"], target["targetValueRange"]) == (name, value)
    assert object_type in terms.STANDARD_TARGETS[name][0]


def test_targets_of_different_models_get_one_ensure_expectation_each():
    spec = ensure("latency<10ms", "WeakRSRPRatio<5", "reliability>=99.999%")
    found = [(e["expectationObject"]["objectType"], [t["targetName"] for t in e["expectationTargets"]]) for e in spec["intentExpectations"]]
    assert found == [("RAN_SUBNETWORK", ["WeakRSRPRatio"]), ("Radio_Service", ["DlLatency", "reliability"])]
    assert [e["expectationId"] for e in spec["intentExpectations"]] == ["i-1", "i-2"]
    ts28312.IntentSpec.model_validate(spec)


def test_vendor_targets_stay_generic_with_their_unit_context():
    targets = by_type(spec_of(GUIDE_URLLC_SCALING))["Radio_Service"]
    reliability = next(t for t in targets if t["targetName"] == "reliability")
    assert reliability["targetValueRange"] == 0.99999
    assert reliability["targetContexts"] == [{"contextAttribute": UNIT, "contextCondition": "IS_EQUAL_TO", "contextValueRange": "ratio"}]


def test_a_standard_target_with_a_unit_of_another_dimension_is_an_error():
    spec, problems = translated(krm_intent("i", expectation(["maintain"], ["WeakRSRPRatio<5ms"], ["performance"])))
    assert spec is None
    (error,) = errors(problems)
    assert "WeakRSRPRatio is a ratio in %" in error.message and error.path == "spec.intentExpectations[0].expectationObjects[0]"


def test_target_assurance_time_is_an_expectation_context_where_the_model_defines_it():
    spec = spec_of(v5_intent("e", OFFICIAL_EXAMPLE_01))
    assert not [c for c in spec["intentContexts"] if c["contextAttribute"] == "TargetAssuranceTime"]
    for e in spec["intentExpectations"]:
        (window,) = [c for c in e["expectationContexts"] if c["contextAttribute"] == "TargetAssuranceTime"]
        assert window["contextValueRange"] == {"startTime": "2023-10-23T00:30:00.00Z", "endTime": "2024-10-19T23:30:00.00Z"}


def test_the_model_refuses_a_standard_target_under_an_object_type_that_does_not_define_it():
    spec = spec_of(GUIDE_DEPLOY_EDGE_RAN)
    spec["intentExpectations"][1]["expectationObject"]["objectType"] = "RAN_SUBNETWORK"
    with pytest.raises(ValueError, match="DlLatency is a target of the Radio_Service and EDGE_SERVICE_SUPPORT"):
        ts28312.IntentSpec.model_validate(spec)


def test_the_model_refuses_a_per_ue_throughput_that_is_a_bare_number():
    spec = spec_of(GUIDE_DEPLOY_EDGE_RAN)
    spec["intentExpectations"][1]["expectationTargets"][1]["targetValueRange"] = 1000
    with pytest.raises(ValueError, match="XLThpt"):
        ts28312.IntentSpec.model_validate(spec)
