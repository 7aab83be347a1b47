"""TMF921 v5 Intent resources whose expression is JSON-LD in TM Forum Intent Ontology terms."""

from __future__ import annotations

import copy
import json

import pytest

from tests.intent_to_28312.support import by_verb, errors, jsonld_body, object_context, spec_of, targets, translated, v5_intent, warnings

TIO_34 = "http://tio.models.tmforum.org/tio/v3.4.0/IntentCommonModel/"

# The official TMF921 v5 example Intent_create_example_01 (abridged as in the reference note).
OFFICIAL_EXAMPLE_01 = {
    "@type": "Intent",
    "name": "EventLiveBroadcast",
    "description": "Intent for ordering live broadcast service for an event",
    "version": "1.0",
    "priority": "1",
    "isBundle": False,
    "context": "Autonomous services",
    "validFor": {"startDateTime": "2023-10-23T00:30:00.00Z", "endDateTime": "2024-10-19T23:30:00.00Z"},
    "intentSpecification": {"@type": "IntentSpecificationRef", "id": "EventLiveBroadcast_IntentSpec", "name": "EventLiveBroadcast"},
    "expression": {
        "@type": "JsonLdExpression",
        "iri": "https://mycsp.com:8080/tmf-api/rdfs/expression-example-1",
        "expressionValue": {
            "@context": {
                "icm": TIO_34,
                "idan": "http://www.idan-tmforum-catalyst.org/IntentDrivenAutonomousNetworks#",
                "cat": "http://www.operator.com/Catalog#",
                "elb": "http://www.operator.com/Catalog/EventWirelessAccess#",
                "t": "http://www.w3.org/2006/time#",
            },
            "idan:EventLiveBroadcast000001": {
                "@type": "icm:Intent",
                "icm:intentOwner": "idan:Salesforce",
                "icm:hasExpectation": {
                    "idan:Delivery_service": {
                        "@type": "icm:DeliveryExpectation",
                        "icm:target": "_:service",
                        "icm:params": {"icm:targetDescription": "cat:EventWirelessAccess"},
                    },
                    "idan:Property_service": {
                        "@type": "icm:PropertyExpectation",
                        "icm:target": "_:service",
                        "icm:params": {"elb:numberOfParticipants": [{"icm:atMost": "200"}]},
                    },
                    "idan:Reporting": {
                        "@type": "icm:ReportingExpectation",
                        "icm:target": "idan:EventLiveBroadcast",
                        "icm:params": {"icm:reportingEvent": ["icm:StateComplies", "icm:StateDegrades"]},
                    },
                },
            },
        },
    },
}


def ran_old_style(tio: str = TIO_34, prefix: str = "icm") -> dict:
    """Intent_create_example_01's shape, asking for RAN functions on an edge cluster."""
    p = prefix
    return {
        "@context": {p: tio, "ex": "http://example.com/ran#"},
        "ex:EdgeRan": {
            "@type": f"{p}:Intent",
            f"{p}:hasExpectation": {
                "ex:Delivery_ran": {
                    "@type": f"{p}:DeliveryExpectation",
                    f"{p}:target": "_:ran",
                    f"{p}:params": {f"{p}:targetDescription": ["o-ran-cu", "o-ran-du"], "ex:targetCluster": "edge-cluster-us-west-1"},
                },
                "ex:Property_ran": {
                    "@type": f"{p}:PropertyExpectation",
                    f"{p}:target": "_:ran",
                    f"{p}:params": {"ex:latency": [{f"{p}:atMost": "10ms"}], "ex:throughput": [{f"{p}:atLeast": "1Gbps"}]},
                },
                "ex:Reporting": {
                    "@type": f"{p}:ReportingExpectation",
                    f"{p}:target": "ex:EdgeRan",
                    f"{p}:params": {f"{p}:reportingEvent": [f"{p}:StateComplies"], f"{p}:reportingInterval": "PT5M"},
                },
            },
        },
    }


def ran_new_style() -> dict:
    base = "http://tio.models.tmforum.org/tio/v3.6.0/"
    return {
        "@context": {
            "icm": base + "IntentCommonModel/",
            "log": base + "LogicalOperators/",
            "set": base + "SetOperators/",
            "quan": base + "QuantityOntology/",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "ex": "http://example.com/ran#",
        },
        "@graph": [
            {"@id": "ex:I1", "@type": "icm:Intent", "log:allOf": [{"@id": "ex:PE1"}, {"@id": "ex:DE1"}]},
            {"@id": "ex:DE1", "@type": "icm:DeliveryExpectation", "icm:target": {"@id": "ex:ran"}, "log:allOf": [{"@id": "ex:CX1"}]},
            {"@id": "ex:CX1", "@type": "icm:Context", "ex:networkFunction": ["o-ran-du", "o-ran-ru"], "ex:dataCenter": "edge-cluster-*"},
            {"@id": "ex:PE1", "@type": "icm:PropertyExpectation", "icm:target": {"@id": "ex:ran"}, "log:allOf": [{"@id": "ex:CO1"}, {"@id": "ex:CO2"}]},
            {
                "@id": "ex:CO1",
                "@type": "log:Condition",
                "set:forAll": {"icm:valuesOfTargetProperty": {"@id": "ex:latency"}, "quan:smaller": {"quan:unit": "ms", "rdf:value": 5}},
            },
            {
                "@id": "ex:CO2",
                "@type": "log:Condition",
                "set:forAll": {
                    "icm:valuesOfTargetProperty": {"@id": "ex:throughput"},
                    "quan:inRange": [{"quan:unit": "Mbps", "rdf:value": 100}, {"quan:unit": "Gbps", "rdf:value": 1}],
                },
            },
        ],
    }


def test_the_official_example_01_translates_with_warnings_for_what_the_ran_pipeline_cannot_use():
    spec, problems = translated(v5_intent("event-live-broadcast", OFFICIAL_EXAMPLE_01))
    assert spec["userLabel"] == "EventLiveBroadcast"
    assert spec["intentPriority"] == 90
    deliver, ensure = spec["intentExpectations"]
    assert object_context(deliver, "DeliveryDescription")["contextValueRange"] == ["EventWirelessAccess"]
    assert ensure["expectationTargets"] == [
        {"targetName": "numberOfParticipants", "targetCondition": "IS_EQUAL_TO_OR_LESS_THAN", "targetValueRange": 200, "targetContexts": []}
    ]
    assert {"contextAttribute": "ReportingEvents", "contextCondition": "IS_ALL_OF", "contextValueRange": ["StateComplies", "StateDegrades"]} in spec["intentContexts"]
    messages = " ".join(w.message for w in warnings(problems))
    assert "not a network function" in messages and "no target cluster" in messages and "not a known metric" in messages
    assert not errors(problems)


def test_valid_for_becomes_the_target_assurance_time_of_every_expectation():
    # TS 28.312 models TargetAssuranceTime as an expectation context (TargetAssuranceTimeContext), not an intent one.
    spec = spec_of(v5_intent("e", OFFICIAL_EXAMPLE_01))
    window = {
        "contextAttribute": "TargetAssuranceTime",
        "contextCondition": "IS_EQUAL_TO",
        "contextValueRange": {"startTime": "2023-10-23T00:30:00.00Z", "endTime": "2024-10-19T23:30:00.00Z"},
    }
    assert window not in spec["intentContexts"]
    assert spec["intentExpectations"] and all(window in e["expectationContexts"] for e in spec["intentExpectations"])


def test_old_style_params_give_network_functions_clusters_and_targets():
    spec = spec_of(v5_intent("edge-ran", jsonld_body(ran_old_style())))
    deliver, ensure = spec["intentExpectations"]
    assert object_context(deliver, "NfType")["contextValueRange"] == ["o-ran-cu", "o-ran-du"]
    assert object_context(deliver, "TargetCluster")["contextValueRange"] == "edge-cluster-us-west-1"
    assert [(t["targetName"], t["targetCondition"], t["targetValueRange"]) for t in ensure["expectationTargets"]] == [
        ("DlLatency", "IS_EQUAL_TO_OR_LESS_THAN", 10),
        ("DlThptPerUE", "IS_EQUAL_TO_OR_GREATER_THAN", {"guaThpt": 1000000}),
    ]
    assert spec["observationPeriod"] == 300


def test_new_style_conditions_and_contexts():
    spec = spec_of(v5_intent("ran", jsonld_body(ran_new_style())))
    deliver = by_verb(spec, "DELIVER")[0]
    assert spec["intentExpectations"][0] is deliver  # ordered by node id, not by listing order
    assert object_context(deliver, "NfType")["contextValueRange"] == ["o-ran-du", "o-ran-ru"]
    assert object_context(deliver, "TargetClusterSelector")["contextValueRange"] == "edge-cluster-*"
    assert [(t["targetName"], t["targetCondition"], t["targetValueRange"]) for t in targets(spec)] == [
        ("DlLatency", "IS_LESS_THAN", 5),
        ("DlThptPerUE", "IS_WITHIN_RANGE", [{"guaThpt": 100000}, {"guaThpt": 1000000}]),
    ]


@pytest.mark.parametrize(
    "tio",
    [
        "http://tio.models.tmforum.org/tio/v1.0.0/IntentCommonModel#",
        "http://tio.models.tmforum.org/tio/v3.4.0/IntentCommonModel/",
        "http://tio.models.tmforum.org/tio/v3.6.0/IntentCommonModel/",
    ],
)
@pytest.mark.parametrize("prefix", ["icm", "tio"])
def test_terms_match_on_local_names_whatever_the_ontology_version_or_prefix(tio, prefix):
    reference = spec_of(v5_intent("edge-ran", jsonld_body(ran_old_style())))
    assert spec_of(v5_intent("edge-ran", jsonld_body(ran_old_style(tio, prefix)))) == reference


def test_full_iris_instead_of_compact_ones_read_the_same():
    text = json.dumps(ran_old_style())
    expanded = json.loads(text.replace('"icm:', '"' + TIO_34))
    assert spec_of(v5_intent("edge-ran", jsonld_body(expanded))) == spec_of(v5_intent("edge-ran", jsonld_body(ran_old_style())))


def test_an_expression_value_given_as_json_text_reads_like_the_object():
    as_text = spec_of(v5_intent("edge-ran", jsonld_body(json.dumps(ran_old_style()))))
    assert as_text == spec_of(v5_intent("edge-ran", jsonld_body(ran_old_style())))


def test_quantities_as_value_and_unit_nodes_in_old_style_params():
    doc = ran_old_style()
    params = doc["ex:EdgeRan"]["icm:hasExpectation"]["ex:Property_ran"]["icm:params"]
    params["ex:latency"] = [{"icm:smaller": {"@value": 500, "quan:unit": "us"}}]
    params["ex:throughput"] = [{"icm:greater": {"rdf:value": 2, "quan:unit": "unit:GigaBIT-PER-SEC"}}]
    values = {t["targetName"]: (t["targetCondition"], t["targetValueRange"]) for t in targets(spec_of(v5_intent("e", jsonld_body(doc))))}
    assert values == {"DlLatency": ("IS_LESS_THAN", 0.5), "DlThptPerUE": ("IS_GREATER_THAN", {"guaThpt": 2000000})}


def test_contradictions_are_found_in_json_ld_too():
    doc = ran_old_style()
    doc["ex:EdgeRan"]["icm:hasExpectation"]["ex:Property_ran"]["icm:params"]["ex:latency"] = [{"icm:atMost": "5ms"}, {"icm:atLeast": "10ms"}]
    spec, problems = translated(v5_intent("e", jsonld_body(doc)))
    assert spec is None
    assert any("contradictory constraints on DlLatency" in p.message for p in errors(problems))


def test_a_dangling_reference_is_an_error():
    doc = ran_new_style()
    doc["@graph"][0]["log:allOf"].append({"@id": "ex:Missing"})
    _, problems = translated(v5_intent("e", jsonld_body(doc)))
    assert any("ex:Missing is not described" in p.message for p in errors(problems))


def test_any_of_over_expectations_has_no_rel18_form():
    doc = ran_new_style()
    doc["@graph"][0]["log:anyOf"] = doc["@graph"][0].pop("log:allOf")
    _, problems = translated(v5_intent("e", jsonld_body(doc)))
    assert any("log:anyOf" in p.message for p in errors(problems))


def test_a_delivery_expectation_naming_nothing_to_deliver_is_an_error():
    doc = ran_old_style()
    del doc["ex:EdgeRan"]["icm:hasExpectation"]["ex:Delivery_ran"]["icm:params"]["icm:targetDescription"]
    _, problems = translated(v5_intent("e", jsonld_body(doc)))
    assert any("names nothing to deliver" in p.message for p in errors(problems))


def test_the_input_document_is_not_modified():
    body = jsonld_body(ran_new_style())
    before = copy.deepcopy(body)
    spec_of(v5_intent("e", body))
    assert body == before


def test_lifecycle_status_and_priority_of_the_v5_body():
    body = jsonld_body(ran_old_style(), priority="0", lifecycleStatus="Suspended")
    spec = spec_of(v5_intent("e", body))
    assert (spec["intentPriority"], spec["intentAdminState"]) == (100, "DEACTIVATED")
