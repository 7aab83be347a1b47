"""What the function writes: a valid TS 28.312 Intent per TMF921 intent, traced, deterministic, pruned."""

from __future__ import annotations

import copy

import pytest
import yaml
from oran_intent_krm.models import tmf921, ts28312
from oran_intent_krm.sdk.ownership import GENERATED_BY, SOURCE

from tests.intent_to_28312.support import (
    expectation,
    generated,
    jsonld_body,
    krm_intent,
    results,
    run,
    run_text,
    spec_of,
    turtle_body,
    v5_intent,
)
from tests.intent_to_28312.test_jsonld import OFFICIAL_EXAMPLE_01, ran_new_style
from tests.intent_to_28312.test_krm_form import GUIDE_DEPLOY_EDGE_RAN, GUIDE_URLLC_SCALING
from tests.intent_to_28312.test_turtle import RAN_TURTLE

ALL_FORMS = [
    GUIDE_DEPLOY_EDGE_RAN,
    GUIDE_URLLC_SCALING,
    v5_intent("event-live-broadcast", OFFICIAL_EXAMPLE_01),
    v5_intent("ran-new-style", jsonld_body(ran_new_style())),
    v5_intent("ran-turtle", turtle_body(RAN_TURTLE)),
]


def test_one_intent_per_tmf921_intent_named_labelled_and_placed_as_documented():
    output, code = run([GUIDE_DEPLOY_EDGE_RAN])
    assert code == 0
    (intent,) = generated(output)
    assert intent["apiVersion"] == "intent.3gpp.org/v1alpha1" and intent["kind"] == "Intent"
    assert intent["metadata"]["name"] == "deploy-edge-ran"
    assert intent["metadata"]["labels"] == {"intent.source": "tmf921"}
    notes = intent["metadata"]["annotations"]
    assert notes["config.kubernetes.io/path"] == "generated/management/ts28312/intent_deploy-edge-ran.yaml"
    assert notes[SOURCE] == "tmf921.intent.tmforum.org/v1/Intent/deploy-edge-ran"
    assert notes[GENERATED_BY].startswith("intent-to-28312@")


def test_the_namespace_is_kept_and_separates_files():
    output, _ = run([krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1"]), namespace="ran")])
    (intent,) = generated(output)
    assert intent["metadata"]["namespace"] == "ran"
    assert intent["metadata"]["annotations"]["config.kubernetes.io/path"] == "generated/management/ts28312/ran/intent_i.yaml"


@pytest.mark.parametrize("source", ALL_FORMS, ids=lambda s: s["metadata"]["name"])
def test_every_output_validates_against_the_ts28312_model(source):
    (intent,) = generated(run([source])[0])
    ts28312.Intent.model_validate(intent)


@pytest.mark.parametrize("source", ALL_FORMS, ids=lambda s: s["metadata"]["name"])
def test_every_input_form_validates_against_the_tmf921_model(source):
    tmf921.Intent.model_validate(source)


def test_only_standard_conditions_and_object_types_appear():
    conditions, object_types = set(), set()
    for source in ALL_FORMS:
        spec = generated(run([source])[0])[0]["spec"]
        for e in spec["intentExpectations"]:
            object_types.add(e["expectationObject"]["objectType"])
            for ctx in e["expectationObject"].get("objectContexts", []) + e["expectationContexts"]:
                conditions.add(ctx["contextCondition"])
            for t in e["expectationTargets"]:
                conditions.add(t["targetCondition"])
                conditions.update(c["contextCondition"] for c in t["targetContexts"])
    assert object_types <= set(ts28312.ObjectType.__args__) and {"RAN_SUBNETWORK", "Radio_Service"} <= object_types
    assert conditions <= set(ts28312.Condition.__args__)


def test_any_version_of_the_tmf921_group_is_read():
    source = copy.deepcopy(GUIDE_DEPLOY_EDGE_RAN)
    source["apiVersion"] = "tmf921.intent.tmforum.org/v5"
    (intent,) = generated(run([source])[0])
    assert intent["metadata"]["annotations"][SOURCE] == "tmf921.intent.tmforum.org/v5/Intent/deploy-edge-ran"


def test_a_hand_written_guide_28312_intent_passes_through_and_is_never_emitted():
    guide_style = {
        "apiVersion": "intent.3gpp.org/v28.312",
        "kind": "Intent",
        "metadata": {"name": "edge-ran-intent"},
        "spec": {"intentExpectations": [{"expectationId": "deploy-oran-functions", "expectationVerb": "DELIVER"}]},
    }
    output, code = run([guide_style, GUIDE_DEPLOY_EDGE_RAN])
    assert code == 0
    assert guide_style in output["items"]
    assert [i["metadata"]["name"] for i in output["items"] if i["apiVersion"] == "intent.3gpp.org/v28.312"] == ["edge-ran-intent"]
    assert [i["metadata"]["name"] for i in generated(output)] == ["deploy-edge-ran"]


def test_other_resources_pass_through_untouched():
    other = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}, "data": {"a": "1"}}
    output, _ = run([other, GUIDE_DEPLOY_EDGE_RAN])
    assert other in output["items"]


def test_a_second_render_changes_nothing():
    first, _ = run([GUIDE_DEPLOY_EDGE_RAN, GUIDE_URLLC_SCALING])
    text_second, code = run_text(yaml.safe_dump({"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": first["items"]}))
    assert code == 0
    assert text_second["items"] == first["items"]


def test_reordering_the_input_gives_the_same_output():
    forward, _ = run(ALL_FORMS)
    backward, _ = run(list(reversed(ALL_FORMS)))
    key = lambda i: (i["apiVersion"], i["metadata"]["name"])  # noqa: E731
    assert sorted(generated(forward), key=key) == sorted(generated(backward), key=key)


def test_reordering_objects_within_an_expectation_gives_the_same_intent():
    a = krm_intent("i", expectation(["deploy"], ["o-ran-du", "o-ran-cu", "latency<5ms", "throughput>1Gbps"], ["c2", "c1"]))
    b = krm_intent("i", expectation(["deploy"], ["throughput>1Gbps", "o-ran-cu", "latency<5ms", "o-ran-du"], ["c1", "c2"]))
    assert spec_of(a) == spec_of(b)


def test_an_intent_whose_tmf921_source_is_gone_is_pruned():
    first, _ = run([GUIDE_DEPLOY_EDGE_RAN, GUIDE_URLLC_SCALING])
    remaining = [i for i in first["items"] if i["metadata"]["name"] != "urllc-scaling" or i["apiVersion"] != GUIDE_URLLC_SCALING["apiVersion"]]
    second, code = run(remaining)
    assert code == 0
    assert [i["metadata"]["name"] for i in generated(second)] == ["deploy-edge-ran"]
    assert any("pruned" in r["message"] and r["resourceRef"]["name"] == "urllc-scaling" for r in results(second, "info"))


def test_an_intent_whose_source_became_invalid_is_kept_until_the_source_is_fixed():
    first, _ = run([GUIDE_DEPLOY_EDGE_RAN])
    broken = copy.deepcopy(GUIDE_DEPLOY_EDGE_RAN)
    broken["spec"]["intentExpectations"][0]["expectationVerbs"] = ["teleport"]
    items = [broken if i["apiVersion"] == broken["apiVersion"] else i for i in first["items"]]
    second, code = run(items)
    assert code == 1
    assert generated(second) == generated(first)  # a run with an error prunes nothing
    assert not any("pruned" in r["message"] for r in results(second))


def test_a_changed_source_updates_its_intent_in_place():
    first, _ = run([GUIDE_DEPLOY_EDGE_RAN])
    changed = copy.deepcopy(GUIDE_DEPLOY_EDGE_RAN)
    changed["spec"]["intentExpectations"][1]["expectationObjects"] = ["latency<5ms"]
    items = [changed if i["apiVersion"] == changed["apiVersion"] else i for i in first["items"]]
    (intent,) = generated(run(items)[0])
    assert intent["spec"]["intentExpectations"][1]["expectationTargets"][0]["targetValueRange"] == 5


@pytest.mark.parametrize(
    "priority, expected",
    [("0", 100), ("1", 90), ("4", 60), ("9", 10), ("10", 1), ("25", 1), (3, 70), ("high", 80), ("Low", 20), ("critical", 100)],
)
def test_tmf_priority_maps_to_intent_priority(priority, expected):
    spec = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1"]), priority=priority))
    assert spec["intentPriority"] == expected


@pytest.mark.parametrize(
    "status, expected",
    [("Created", "ACTIVATED"), ("Active", "ACTIVATED"), ("Settled", "ACTIVATED"), ("suspended", "DEACTIVATED"), ("onHold", "DEACTIVATED"), ("Terminated", "DEACTIVATED"), ("cancelled", "DEACTIVATED")],
)
def test_lifecycle_status_maps_to_admin_state(status, expected):
    spec = spec_of(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1"]), lifecycleStatus=status))
    assert spec["intentAdminState"] == expected


def test_configuration_sets_the_intent_level_defaults():
    config = {"apiVersion": "fn.oran-intent.io/v1alpha1", "kind": "IntentTo28312Config", "defaultPriority": 70, "observationPeriod": 300, "intentPreemptionCapability": True}
    (intent,) = generated(run([GUIDE_DEPLOY_EDGE_RAN], config)[0])
    assert (intent["spec"]["intentPriority"], intent["spec"]["observationPeriod"], intent["spec"]["intentPreemptionCapability"]) == (70, 300, True)


def test_a_config_map_works_as_function_config():
    config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"defaultDirection": "DL_AND_UL"}}
    (intent,) = generated(run([GUIDE_DEPLOY_EDGE_RAN], config)[0])
    names = [t["targetName"] for t in intent["spec"]["intentExpectations"][1]["expectationTargets"]]
    assert names == ["DlLatency", "DlThptPerUE", "UlLatency", "UlThptPerUE"]


def test_timestamps_in_valid_for_are_written_as_text():
    text = (
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
        "- apiVersion: tmf921.intent.tmforum.org/v1\n  kind: Intent\n  metadata: {name: i}\n  spec:\n"
        "    validFor: {startDateTime: 2025-01-01T00:00:00Z}\n"
        "    intentExpectations:\n    - {expectationVerbs: [deploy], expectationObjects: [o-ran-du], expectationTargets: [c1]}\n"
    )
    output, code = run_text(text)
    (intent,) = generated(output)
    window = intent["spec"]["intentExpectations"][0]["expectationContexts"][0]["contextValueRange"]
    assert window == {"startTime": "2025-01-01T00:00:00Z"}
