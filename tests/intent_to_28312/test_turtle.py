"""TMF921 v5 intents whose expression is Turtle, read with rdflib only when one is present."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.intent_to_28312.support import (
    by_verb,
    errors,
    object_context,
    resource_list,
    spec_of,
    targets,
    translated,
    turtle_body,
    v5_intent,
)
from tests.kpt import ROOT

PREFIXES = """\
@prefix icm: <http://tio.models.tmforum.org/tio/v3.6.0/IntentCommonModel/> .
@prefix log: <http://tio.models.tmforum.org/tio/v3.6.0/LogicalOperators/> .
@prefix set: <http://tio.models.tmforum.org/tio/v3.6.0/SetOperators/> .
@prefix quan: <http://tio.models.tmforum.org/tio/v3.6.0/QuantityOntology/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <http://example.com/ran#> .
"""

RAN_TURTLE = PREFIXES + textwrap.dedent(
    """\
    ex:I1 a icm:Intent ; log:allOf ex:DE1, ex:PE1, ex:RE1 .
    ex:DE1 a icm:DeliveryExpectation ; icm:target ex:ran ; log:allOf ex:CX1 .
    ex:CX1 a icm:Context ; ex:networkFunction "o-ran-du", "o-ran-ru" ; ex:dataCenter "edge-cluster-us-east-1" .
    ex:PE1 a icm:PropertyExpectation ; icm:target ex:ran ; log:allOf ex:CO1, ex:CO2 .
    ex:CO1 a log:Condition ;
      set:forAll [ icm:valuesOfTargetProperty ex:latency ; quan:atMost [ quan:unit "ms" ; rdf:value 2 ] ] .
    ex:CO2 a log:Condition ;
      set:forAll [ icm:valuesOfTargetProperty ex:availability ; quan:atLeast [ quan:unit "%" ; rdf:value 99.99 ] ] .
    ex:RE1 a icm:ReportingExpectation ; icm:target ex:ran ; icm:reportingInterval "PT5M" .
    """
)


def test_turtle_intent_translates_like_its_json_ld_twin():
    spec = spec_of(v5_intent("ran-turtle", turtle_body(RAN_TURTLE, priority="0")))
    deliver = by_verb(spec, "DELIVER")[0]
    assert object_context(deliver, "NfType")["contextValueRange"] == ["o-ran-du", "o-ran-ru"]
    assert object_context(deliver, "TargetCluster")["contextValueRange"] == "edge-cluster-us-east-1"
    assert [(t["targetName"], t["targetCondition"], t["targetValueRange"]) for t in targets(spec)] == [
        ("DlLatency", "IS_EQUAL_TO_OR_LESS_THAN", 2),
        ("availability", "IS_EQUAL_TO_OR_GREATER_THAN", 0.9999),
    ]
    assert (spec["intentPriority"], spec["observationPeriod"]) == (100, 300)


def test_rdf_lists_for_in_range():
    text = PREFIXES + textwrap.dedent(
        """\
        ex:I1 a icm:Intent ; log:allOf ex:DE1, ex:PE1 .
        ex:DE1 a icm:DeliveryExpectation ; icm:target ex:ran ; icm:context [ ex:networkFunction "o-ran-du" ; ex:targetCluster "c1" ] .
        ex:PE1 a icm:PropertyExpectation ; icm:target ex:ran ; log:allOf ex:CO1 .
        ex:CO1 a log:Condition ; set:forAll [ icm:valuesOfTargetProperty ex:jitter ;
          quan:inRange ( [ quan:unit "us" ; rdf:value 100 ] [ quan:unit "ms" ; rdf:value 1 ] ) ] .
        """
    )
    (target,) = targets(spec_of(v5_intent("r", turtle_body(text))))
    assert (target["targetName"], target["targetCondition"], target["targetValueRange"]) == ("jitter", "IS_WITHIN_RANGE", [0.1, 1])


def test_larger_from_intend_examples_reads_as_greater():
    text = RAN_TURTLE.replace("quan:atLeast", "quan:larger")
    conditions = {t["targetName"]: t["targetCondition"] for t in targets(spec_of(v5_intent("r", turtle_body(text))))}
    assert conditions["availability"] == "IS_GREATER_THAN"


def test_a_turtle_syntax_error_is_reported_at_the_expression():
    _, problems = translated(v5_intent("r", turtle_body(PREFIXES + "ex:I1 a icm:Intent ; ; log:allOf .")))
    (error,) = errors(problems)
    assert error.message.startswith("Turtle syntax error")
    assert error.path == "spec.expression.expressionValue"
    assert error.expected == "valid Turtle (RDF 1.1)"


def test_turtle_that_is_not_a_string_is_an_error():
    _, problems = translated(v5_intent("r", turtle_body({"not": "turtle"})))
    assert "non-empty string of Turtle" in errors(problems)[0].message


def _modules_after_render(items) -> set[str]:
    script = textwrap.dedent(
        """
        import sys
        from oran_intent_krm.intent_to_28312.main import FUNCTION
        FUNCTION.process(sys.stdin.buffer.read())
        print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in ("rdflib", "pydantic"))))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], input=resource_list(items), capture_output=True, cwd=ROOT, check=True)
    return set(done.stdout.decode().split())


def test_rdflib_and_pydantic_are_not_imported_without_a_turtle_intent():
    from tests.intent_to_28312.test_krm_form import GUIDE_DEPLOY_EDGE_RAN

    assert _modules_after_render([GUIDE_DEPLOY_EDGE_RAN]) == set()


def test_rdflib_is_imported_when_a_turtle_intent_is_present():
    assert "rdflib" in _modules_after_render([v5_intent("r", turtle_body(RAN_TURTLE))])
