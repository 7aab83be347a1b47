"""The guide's KRM form of a TMF921 intent, translated rule by rule."""

from __future__ import annotations

import pytest

from tests.intent_to_28312.support import by_verb, errors, expectation, krm_intent, object_context, spec_of, targets, translated, warnings

GUIDE_DEPLOY_EDGE_RAN = krm_intent(
    "deploy-edge-ran",
    {
        "expectationTargets": [{"targetName": "edge-cluster-us-west-1"}],
        "expectationVerbs": ["deploy"],
        "expectationObjects": ["o-ran-cu", "o-ran-du"],
    },
    {
        "expectationTargets": [{"targetName": "performance"}],
        "expectationVerbs": ["maintain"],
        "expectationObjects": ["latency<10ms", "throughput>1Gbps"],
    },
)

GUIDE_URLLC_SCALING = krm_intent(
    "urllc-scaling",
    {
        "expectationTargets": ["edge-cluster-*"],
        "expectationVerbs": ["scale"],
        "expectationObjects": ["o-ran-du"],
        "expectationContexts": [
            {"contextAttribute": "latency_requirement", "contextValue": "<1ms"},
            {"contextAttribute": "reliability", "contextValue": "99.999%"},
        ],
    },
)


def test_guide_deploy_edge_ran_becomes_deliver_then_ensure():
    spec = spec_of(GUIDE_DEPLOY_EDGE_RAN)
    deliver, ensure = spec["intentExpectations"]
    assert (deliver["expectationId"], deliver["expectationVerb"]) == ("deploy-edge-ran-1", "DELIVER")
    assert deliver["expectationObject"] == {
        "objectType": "RAN_SUBNETWORK",
        "objectInstance": "SubNetwork=deploy-edge-ran",
        "objectContexts": [
            {"contextAttribute": "NfType", "contextCondition": "IS_ALL_OF", "contextValueRange": ["o-ran-cu", "o-ran-du"]},
            {"contextAttribute": "TargetCluster", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "edge-cluster-us-west-1"},
        ],
    }
    assert deliver["expectationTargets"] == []
    assert (ensure["expectationId"], ensure["expectationVerb"]) == ("deploy-edge-ran-2", "ENSURE")
    # DlLatency and DlThptPerUE are targets of the RadioServiceExpectation model; the latency is in ms
    # (TS 28.541 dLLatency) and the throughput a TS 28.541 XLThpt in kbps, so neither needs a unit context.
    assert ensure["expectationObject"] == {"objectType": "Radio_Service", "objectInstance": "SubNetwork=deploy-edge-ran"}
    assert ensure["expectationTargets"] == [
        {"targetName": "DlLatency", "targetCondition": "IS_LESS_THAN", "targetValueRange": 10, "targetContexts": []},
        {"targetName": "DlThptPerUE", "targetCondition": "IS_GREATER_THAN", "targetValueRange": {"guaThpt": 1000000}, "targetContexts": []},
    ]


def test_guide_intent_level_attributes_take_defaults():
    spec = spec_of(GUIDE_DEPLOY_EDGE_RAN)
    assert {k: spec[k] for k in ("userLabel", "intentAdminState", "intentPriority", "intentPreemptionCapability", "observationPeriod", "intentContexts")} == {
        "userLabel": "deploy-edge-ran",
        "intentAdminState": "ACTIVATED",
        "intentPriority": 50,
        "intentPreemptionCapability": False,
        "observationPeriod": 60,
        "intentContexts": [],
    }


def test_a_label_target_such_as_performance_is_not_a_cluster():
    spec = spec_of(GUIDE_DEPLOY_EDGE_RAN)
    ensure = by_verb(spec, "ENSURE")[0]
    assert ensure["expectationContexts"] == [{"contextAttribute": "ExpectationLabel", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "performance"}]
    clusters = [object_context(e, "TargetCluster") for e in by_verb(spec, "DELIVER")]
    assert all("performance" not in str(c) for c in clusters)


def test_guide_urllc_scaling_delivers_with_a_selector_a_scaling_action_and_ensure_targets():
    spec = spec_of(GUIDE_URLLC_SCALING)
    deliver, ensure = spec["intentExpectations"]
    assert object_context(deliver, "NfType")["contextValueRange"] == ["o-ran-du"]
    assert object_context(deliver, "TargetClusterSelector") == {
        "contextAttribute": "TargetClusterSelector",
        "contextCondition": "IS_EQUAL_TO",
        "contextValueRange": "edge-cluster-*",
    }
    assert object_context(deliver, "TargetCluster") is None
    assert deliver["expectationContexts"] == [{"contextAttribute": "ScalingAction", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "SCALE"}]
    assert ensure["expectationObject"]["objectInstance"] == deliver["expectationObject"]["objectInstance"] == "SubNetwork=urllc-scaling"
    assert ensure["expectationObject"]["objectType"] == "Radio_Service"
    assert [(t["targetName"], t["targetCondition"], t["targetValueRange"], t["targetContexts"]) for t in ensure["expectationTargets"]] == [
        ("DlLatency", "IS_LESS_THAN", 1, []),  # in the ms of TS 28.541's dLLatency
        ("reliability", "IS_EQUAL_TO_OR_GREATER_THAN", 0.99999, [{"contextAttribute": "unit", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "ratio"}]),
    ]


@pytest.mark.parametrize("site", ["us-west-1", "us-east-1", "eu-west-1"])
def test_multi_site_template_targets_the_site_cluster(site):
    intent = krm_intent(f"edge-deployment-{site}", expectation(["deploy"], ["o-ran-cu", "o-ran-du", "o-ran-ru"], [f"edge-cluster-{site}"]))
    deliver = spec_of(intent)["intentExpectations"][0]
    assert object_context(deliver, "TargetCluster")["contextValueRange"] == f"edge-cluster-{site}"
    assert object_context(deliver, "NfType")["contextValueRange"] == ["o-ran-cu", "o-ran-du", "o-ran-ru"]


@pytest.mark.parametrize("verb", ["deploy", "deliver", "provision", "Deploy", "instantiate", "install"])
def test_deliver_verbs(verb):
    spec = spec_of(krm_intent("i", expectation([verb], ["o-ran-du"], ["c1"])))
    assert [e["expectationVerb"] for e in spec["intentExpectations"]] == ["DELIVER"]


@pytest.mark.parametrize("verb", ["maintain", "ensure", "assure", "guarantee"])
def test_ensure_verbs(verb):
    spec = spec_of(krm_intent("i", expectation([verb], ["latency<5ms"], ["performance"])))
    assert [e["expectationVerb"] for e in spec["intentExpectations"]] == ["ENSURE"]


@pytest.mark.parametrize("verb, action", [("scale", "SCALE"), ("scale-out", "SCALE_OUT"), ("scale_in", "SCALE_IN")])
def test_scale_verbs_deliver_with_a_scaling_action(verb, action):
    deliver = spec_of(krm_intent("i", expectation([verb], ["o-ran-du"], ["c1"])))["intentExpectations"][0]
    assert deliver["expectationVerb"] == "DELIVER"
    assert {"contextAttribute": "ScalingAction", "contextCondition": "IS_EQUAL_TO", "contextValueRange": action} in deliver["expectationContexts"]


def test_constraints_under_a_deliver_verb_are_ensured_alongside():
    spec = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du", "latency<5ms"], ["c1"])))
    assert [e["expectationVerb"] for e in spec["intentExpectations"]] == ["DELIVER", "ENSURE"]


def test_any_o_ran_function_is_a_network_function_and_the_pattern_is_configurable():
    spec = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-ric", "o-ran-cu-cp"], ["c1"])))
    assert object_context(spec["intentExpectations"][0], "NfType")["contextValueRange"] == ["o-ran-cu-cp", "o-ran-ric"]
    spec = spec_of(krm_intent("i", expectation(["deploy"], ["upf"], ["c1"])), networkFunctions=["o-ran-*", "upf"])
    assert object_context(spec["intentExpectations"][0], "NfType")["contextValueRange"] == ["upf"]


def test_several_clusters_are_one_of_and_globs_a_separate_selector():
    deliver = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["edge-b", "edge-a", "edge-a", "region-*"])))["intentExpectations"][0]
    assert object_context(deliver, "TargetCluster") == {"contextAttribute": "TargetCluster", "contextCondition": "IS_ONE_OF", "contextValueRange": ["edge-a", "edge-b"]}
    assert object_context(deliver, "TargetClusterSelector")["contextValueRange"] == "region-*"


def test_label_targets_are_configurable():
    deliver = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1", "gold"])), labelTargets=["performance", "gold"])["intentExpectations"][0]
    assert object_context(deliver, "TargetCluster")["contextValueRange"] == "c1"
    assert {"contextAttribute": "ExpectationLabel", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "gold"} in deliver["expectationContexts"]


def test_targets_may_be_strings_or_target_name_objects():
    as_strings = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1"])))
    as_objects = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], [{"targetName": "c1"}])))
    assert as_strings == as_objects


def test_contexts_that_are_not_performance_are_kept_as_expectation_contexts():
    spec = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1"], {"location": "us-west-1", "replicas": "3"})))
    assert spec["intentExpectations"][0]["expectationContexts"] == [
        {"contextAttribute": "location", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "us-west-1"},
        {"contextAttribute": "replicas", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "3"},
    ]


def test_standard_context_form_is_accepted_too():
    context = {"contextAttribute": "latency", "contextCondition": "IS_LESS_THAN", "contextValueRange": "5ms"}
    spec = spec_of(krm_intent("i", {"expectationVerbs": ["maintain"], "expectationTargets": ["performance"], "expectationContexts": [context]}))
    assert targets(spec)[0]["targetValueRange"] == 5


@pytest.mark.parametrize(
    "name, expected",
    [
        ("latency", ["DlLatency"]),
        ("delay", ["DlLatency"]),
        ("ul_latency", ["UlLatency"]),
        ("uplink latency", ["UlLatency"]),
        ("DlLatency", ["DlLatency"]),
        ("max_latency", ["DlLatency"]),
        ("throughput", ["DlThptPerUE"]),
        ("UlThptPerUE", ["UlThptPerUE"]),
        ("reliability", ["reliability"]),
        ("availability", ["availability"]),
        ("jitter", ["jitter"]),
        ("packet loss", ["packetLoss"]),
        ("success_rate", ["successRate"]),
    ],
)
def test_metric_vocabulary_maps_to_standard_target_names(name, expected):
    value = {"latency": "<5ms", "delay": "<5ms", "ul_latency": "<5ms", "uplink latency": "<5ms", "DlLatency": "<5ms", "max_latency": "<5ms", "jitter": "<1ms"}.get(name)
    value = value or {"throughput": ">1Gbps", "UlThptPerUE": ">1Gbps"}.get(name, ">=99%")
    spec = spec_of(krm_intent("i", expectation(["maintain"], None, ["performance"], {name: value})))
    assert [t["targetName"] for t in targets(spec)] == expected


def test_undirected_latency_and_throughput_follow_the_configured_direction():
    intent = krm_intent("i", expectation(["maintain"], ["latency<5ms", "throughput>1Gbps"], ["performance"]))
    assert [t["targetName"] for t in targets(spec_of(intent, defaultDirection="UL"))] == ["UlLatency", "UlThptPerUE"]
    both = [t["targetName"] for t in targets(spec_of(intent, defaultDirection="DL_AND_UL"))]
    assert both == ["DlLatency", "DlThptPerUE", "UlLatency", "UlThptPerUE"]


def test_bare_values_take_the_metric_s_better_direction():
    spec = spec_of(krm_intent("i", expectation(["maintain"], None, ["performance"], {"latency": "10ms", "reliability": "99.9%", "foo": "5ms"})))
    conditions = {t["targetName"]: t["targetCondition"] for t in targets(spec)}
    assert conditions == {"DlLatency": "IS_EQUAL_TO_OR_LESS_THAN", "reliability": "IS_EQUAL_TO_OR_GREATER_THAN", "foo": "IS_EQUAL_TO"}


def test_an_unknown_metric_is_kept_as_a_generic_target_with_a_warning():
    spec, problems = translated(krm_intent("i", expectation(["maintain"], ["cpu_load<80%"], ["performance"])))
    assert targets(spec) == [
        {"targetName": "cpu_load", "targetCondition": "IS_LESS_THAN", "targetValueRange": 0.8, "targetContexts": [{"contextAttribute": "unit", "contextCondition": "IS_EQUAL_TO", "contextValueRange": "ratio"}]}
    ]
    (warning,) = [w for w in warnings(problems) if "not a known metric" in w.message]
    assert "cpu_load" in warning.message and warning.path == "spec.intentExpectations[0].expectationObjects[0]"


def test_standard_target_names_the_vocabulary_does_not_cover_pass_without_warning():
    spec, problems = translated(krm_intent("i", expectation(["maintain"], ["WeakRSRPRatio<5"], ["performance"])))
    assert targets(spec)[0]["targetName"] == "WeakRSRPRatio"
    assert not [w for w in warnings(problems) if "not a known metric" in w.message]


def test_a_unitless_ratio_is_accepted_for_ratio_metrics():
    spec = spec_of(krm_intent("i", expectation(["maintain"], ["reliability>=0.999"], ["performance"])))
    assert targets(spec)[0]["targetValueRange"] == 0.999 and targets(spec)[0]["targetContexts"][0]["contextValueRange"] == "ratio"


def test_targets_are_sorted_and_duplicates_dropped():
    one = spec_of(krm_intent("i", expectation(["maintain"], ["throughput>1Gbps", "latency<10ms", "latency<10ms"], ["performance"])))
    other = spec_of(krm_intent("i", expectation(["maintain"], ["latency<10ms", "throughput>1000Mbps"], ["performance"])))
    assert [t["targetName"] for t in targets(one)] == ["DlLatency", "DlThptPerUE"]
    assert targets(one) == targets(other)


def test_a_range_target_keeps_both_ends():
    (target,) = targets(spec_of(krm_intent("i", expectation(["maintain"], ["latency between 1 and 5 ms"], ["performance"]))))
    assert (target["targetCondition"], target["targetValueRange"]) == ("IS_WITHIN_RANGE", [1, 5])


def test_not_equal_is_is_not_one_of_a_list():
    (target,) = targets(spec_of(krm_intent("i", expectation(["maintain"], ["latency!=5ms"], ["performance"]))))
    assert (target["targetCondition"], target["targetValueRange"]) == ("IS_NOT_ONE_OF", [5])


def test_an_intent_with_only_ensure_expectations_warns_that_no_cluster_is_named():
    spec, problems = translated(krm_intent("i", expectation(["maintain"], ["latency<5ms"], ["performance"])))
    assert spec is not None
    assert any("no DELIVER expectation" in w.message for w in warnings(problems))


def test_network_functions_whose_targets_are_only_labels_warn():
    spec, problems = translated(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["performance"])))
    assert object_context(spec["intentExpectations"][0], "TargetCluster") is None
    assert any("no target cluster" in w.message for w in warnings(problems))
    assert not errors(problems)
