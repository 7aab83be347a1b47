"""The golden example packages, checked at unit level: their inputs and what the function makes of them."""

from __future__ import annotations

import pydantic
import pytest
from oran_intent_krm.models import tmf921, ts28312

from tests.intent_to_28312.support import EXAMPLES, example_items, expectation, generated, krm_intent, results, run, spec_of

PACKAGES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "Kptfile").exists())
# Examples whose TMF921 input breaks the closed schema on purpose, and those that fail at all.
MALFORMED = ("intent-to-28312-unknown-field", "intent-to-28312-near-miss-kind")
FAILING = ("intent-to-28312-bad-input", *MALFORMED)


def test_every_documented_example_exists():
    assert PACKAGES == sorted(
        f"intent-to-28312-{v}"
        for v in ("deploy-edge-ran", "urllc-scaling", "multi-site", "jsonld", "turtle", "bad-input", "prune", "unknown-field", "near-miss-kind")
    )


@pytest.mark.parametrize("package", [p for p in PACKAGES if p not in MALFORMED])
def test_every_tmf921_input_of_the_examples_fits_the_model(package):
    intents = [i for i in example_items(package) if i["apiVersion"].startswith("tmf921.")]
    assert intents
    for intent in intents:
        tmf921.Intent.model_validate(intent)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_tmf921_v5_example_names_its_intent_specification_as_the_v5_schema_requires(package):
    bodies = [i["spec"] for i in example_items(package) if i["apiVersion"].startswith("tmf921.") and "expression" in i["spec"]]
    for body in bodies:
        assert body.get("name") and body["expression"].get("iri"), body  # Intent_FVO: name, expression with its iri
        reference = body.get("intentSpecification")
        if reference is not None:
            assert reference.get("id") and reference.get("name"), reference


@pytest.mark.parametrize("package", MALFORMED)
def test_the_model_refuses_the_malformed_examples_as_the_function_does(package):
    [intent] = [i for i in example_items(package) if i["apiVersion"].startswith("tmf921.")]
    with pytest.raises(pydantic.ValidationError):
        tmf921.Intent.model_validate(intent)
    output, code = run(example_items(package))
    assert code == 1 and generated(output) == [i for i in example_items(package) if i["apiVersion"].startswith("intent.3gpp.org")]


@pytest.mark.parametrize("package", [p for p in PACKAGES if p not in FAILING])
def test_every_good_example_renders_valid_ts28312_intents_without_errors(package):
    output, code = run(example_items(package))
    assert code == 0, results(output, "error")
    assert generated(output)
    for intent in generated(output):
        ts28312.Intent.model_validate(intent)


def test_the_bad_input_example_still_translates_its_good_intent_in_the_function_output():
    output, code = run(example_items("intent-to-28312-bad-input"))
    assert code == 1
    assert [i["metadata"]["name"] for i in generated(output)] == ["good-intent"]
    failing = {r["resourceRef"]["name"] for r in results(output, "error")}
    assert failing == {"unknown-verb", "unparseable-constraint", "contradictory-constraints"}


def test_the_multi_site_example_makes_one_intent_per_site_cluster():
    output, _ = run(example_items("intent-to-28312-multi-site"))
    clusters = {
        i["metadata"]["name"]: i["spec"]["intentExpectations"][0]["expectationObject"]["objectContexts"][1]["contextValueRange"]
        for i in generated(output)
    }
    assert clusters == {f"edge-deployment-{s}": f"edge-cluster-{s}" for s in ("us-west-1", "us-east-1", "eu-west-1")}


def test_the_prune_example_keeps_the_current_intent_byte_for_byte_and_drops_the_orphan():
    items = example_items("intent-to-28312-prune")
    current = next(i for i in items if i["metadata"]["name"] == "deploy-edge-ran" and i["apiVersion"].startswith("intent."))
    output, code = run(items)
    assert code == 0
    (kept,) = generated(output)
    assert kept["spec"] == current["spec"]
    assert kept["metadata"]["annotations"]["krm.oran-intent.io/digest"] == current["metadata"]["annotations"]["krm.oran-intent.io/digest"]


def test_network_functions_under_an_ensure_verb_are_still_delivered():
    spec = spec_of(krm_intent("i", expectation(["maintain"], ["o-ran-du", "latency<5ms"], ["edge-a"])))
    assert [e["expectationVerb"] for e in spec["intentExpectations"]] == ["DELIVER", "ENSURE"]
