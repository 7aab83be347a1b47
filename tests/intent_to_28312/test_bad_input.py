"""Every kind of bad input gives an error with resource, field path and what was expected; no intent for that source."""

from __future__ import annotations

import pytest

from tests.intent_to_28312.support import (
    errors,
    expectation,
    generated,
    jsonld_body,
    krm_intent,
    results,
    run,
    translated,
    turtle_body,
    v5_intent,
)

GOOD = krm_intent("good", expectation(["deploy"], ["o-ran-du"], ["edge-cluster-a"]))

BAD = {
    "unknown verb": (
        krm_intent("bad", expectation(["teleport"], ["o-ran-du"], ["c1"])),
        "spec.intentExpectations[0].expectationVerbs[0]",
        "unknown verb 'teleport'",
    ),
    "missing verb": (
        krm_intent("bad", {"expectationObjects": ["o-ran-du"], "expectationTargets": ["c1"]}),
        "spec.intentExpectations[0].expectationVerbs",
        "no verb",
    ),
    "unparseable constraint": (
        krm_intent("bad", expectation(["maintain"], ["latency<<10ms"], ["performance"])),
        "spec.intentExpectations[0].expectationObjects[0]",
        "unparseable constraint",
    ),
    "unparseable context": (
        krm_intent("bad", expectation(["maintain"], None, ["performance"], {"latency_requirement": "fast"})),
        "spec.intentExpectations[0].expectationContexts[0].contextValue",
        "unparseable constraint",
    ),
    "unknown unit": (
        krm_intent("bad", expectation(["maintain"], ["latency<10parsecs"], ["performance"])),
        "spec.intentExpectations[0].expectationObjects[0]",
        "unknown unit 'parsecs'",
    ),
    "missing unit": (
        krm_intent("bad", expectation(["maintain"], ["latency<10"], ["performance"])),
        "spec.intentExpectations[0].expectationObjects[0]",
        "needs a unit",
    ),
    "unit of the wrong quantity": (
        krm_intent("bad", expectation(["maintain"], ["latency<10Mbps"], ["performance"])),
        "spec.intentExpectations[0].expectationObjects[0]",
        "latency is a time, not a data rate",
    ),
    "contradictory constraints": (
        krm_intent("bad", expectation(["maintain"], ["latency<5ms", "latency>10ms"], ["performance"])),
        "spec.intentExpectations[0].expectationObjects[1]",
        "contradictory constraints on DlLatency",
    ),
    "contradictory constraints across expectations": (
        krm_intent(
            "bad",
            expectation(["deploy"], ["o-ran-du", "latency<5ms"], ["c1"]),
            expectation(["maintain"], None, ["performance"], {"latency": ">10ms"}),
        ),
        "spec.intentExpectations[1].expectationContexts[0].contextValue",
        "contradictory constraints on DlLatency",
    ),
    "missing targets": (
        krm_intent("bad", expectation(["deploy"], ["o-ran-du"])),
        "spec.intentExpectations[0].expectationTargets",
        "missing targets",
    ),
    "empty targets": (
        krm_intent("bad", expectation(["deploy"], ["o-ran-du"], [])),
        "spec.intentExpectations[0].expectationTargets",
        "missing targets",
    ),
    "unknown object": (
        krm_intent("bad", expectation(["deploy"], ["warp-drive"], ["c1"])),
        "spec.intentExpectations[0].expectationObjects[0]",
        "unknown expectation object",
    ),
    "nothing to deliver or ensure": (
        krm_intent("bad", expectation(["deploy"], [], ["c1"], {"location": "us-west-1"})),
        "spec.intentExpectations[0]",
        "nothing to deliver or ensure",
    ),
    "no expectations": (krm_intent("bad"), "spec.intentExpectations", "no expectations"),
    "invalid cluster name": (
        krm_intent("bad", expectation(["deploy"], ["o-ran-du"], ["Edge_Cluster"])),
        "spec.intentExpectations[0].expectationTargets[0]",
        "not a valid cluster name",
    ),
    "expression that is not JSON-LD": (
        v5_intent("bad", jsonld_body(["not", "an", "object"])),
        "spec.expression.expressionValue",
        "not valid JSON-LD",
    ),
    "expression that is not JSON": (
        v5_intent("bad", jsonld_body("{not json")),
        "spec.expression.expressionValue",
        "not valid JSON-LD: expressionValue is not JSON",
    ),
    "JSON-LD without an intent": (
        v5_intent("bad", jsonld_body({"@graph": [{"@id": "ex:a", "@type": "icm:DeliveryExpectation"}]})),
        "spec.expression.expressionValue",
        "exactly one icm:Intent",
    ),
    "JSON-LD with a bad @type": (
        v5_intent("bad", jsonld_body({"@graph": [{"@id": "ex:a", "@type": 5}]})),
        "spec.expression.expressionValue.@graph[0].@type",
        "not valid JSON-LD: @type must be a string",
    ),
    "Turtle syntax error": (
        v5_intent("bad", turtle_body("@prefix icm: <http://tio.models.tmforum.org/tio/v3.6.0/IntentCommonModel/> .\nex:I1 a icm:Intent ;;; .")),
        "spec.expression.expressionValue",
        "Turtle syntax error",
    ),
    "unsupported expression type": (
        v5_intent("bad", {"name": "x", "expression": {"@type": "PlainTextExpression", "expressionValue": "hi"}}),
        "spec.expression.@type",
        "unsupported expression type",
    ),
    "JSON-LD expectation without a target": (
        v5_intent(
            "bad",
            jsonld_body(
                {
                    "icm:I": {
                        "@type": "icm:Intent",
                        "icm:hasExpectation": {"icm:D": {"@type": "icm:DeliveryExpectation", "icm:params": {"icm:targetDescription": "o-ran-du"}}},
                    }
                }
            ),
        ),
        "spec.expression.expressionValue.icm:I.icm:hasExpectation.icm:D",
        "missing targets",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_pure_core_reports_an_error_at_the_field_and_emits_nothing(case):
    intent, path, message = BAD[case]
    spec, problems = translated(intent)
    assert spec is None
    matching = [p for p in errors(problems) if message in p.message]
    assert matching, [p.message for p in errors(problems)]
    assert matching[0].path == path
    assert matching[0].expected


# What the function reports where the closed schema of the TMF921 Intent (models/inputs.py)
# catches a problem of shape (a missing field, a list out of place) before the translation sees it.
SCHEMA_SAYS = {
    "missing verb": "expectationVerbs is required (deploy, deliver, provision",
    "missing targets": "expectationTargets is required (cluster names",
    "expression that is not JSON-LD": "expressionValue must be of type object or string, not array",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_function_reports_it_and_still_translates_the_good_intent_beside_it(case):
    intent, path, message = BAD[case]
    message = SCHEMA_SAYS.get(case, message)
    output, code = run([intent, GOOD])
    assert code == 1
    found = [r for r in results(output, "error") if message in r["message"]]
    assert found, results(output)
    assert found[0]["resourceRef"] == {"apiVersion": intent["apiVersion"], "kind": "Intent", "name": "bad"}
    assert found[0]["field"]["path"] == path
    assert "proposedValue" in found[0]["field"]
    assert [g["metadata"]["name"] for g in generated(output)] == ["good"]
    assert intent in output["items"]  # the bad source passes through untouched


def test_an_unknown_verb_lists_the_accepted_ones():
    _, problems = translated(BAD["unknown verb"][0])
    (error,) = errors(problems)
    assert error.current == "teleport"
    for verb in ("deploy", "deliver", "provision", "maintain", "ensure", "assure", "scale"):
        assert verb in error.expected


def test_a_contradiction_names_both_constraints():
    _, problems = translated(BAD["contradictory constraints"][0])
    (error,) = errors(problems)
    assert "'latency>10ms'" in error.message and "'latency<5ms'" in error.message
    assert error.current == "latency>10ms"


def test_several_problems_in_one_intent_are_all_reported():
    intent = krm_intent("bad", expectation(["teleport"], ["latency<<1ms"], ["c1"]), expectation(["deploy"], ["o-ran-du"]))
    _, problems = translated(intent)
    assert {p.path for p in errors(problems)} >= {
        "spec.intentExpectations[0].expectationVerbs[0]",
        "spec.intentExpectations[0].expectationObjects[0]",
        "spec.intentExpectations[1].expectationTargets",
    }


def test_a_bad_priority_only_warns_and_falls_back_to_the_default():
    spec, problems = translated(krm_intent("i", expectation(["deploy"], ["o-ran-du"], ["c1"]), priority="urgent!"))
    assert spec["intentPriority"] == 50
    assert any(p.path == "spec.priority" for p in problems if p.severity == "warning")


def test_an_invalid_function_config_is_an_error_and_nothing_is_generated():
    output, code = run([GOOD], {"apiVersion": "fn.oran-intent.io/v1alpha1", "kind": "IntentTo28312Config", "defaultPriority": 500})
    assert code == 1 and not generated(output)
    assert any("defaultPriority" in r["message"] for r in results(output, "error"))
