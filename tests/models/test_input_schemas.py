"""The closed input schemas: generated from the models, applied by the SDK's checker exactly as
jsonschema applies them, and agreeing with the models on what they accept."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import jsonschema
import pydantic
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.models import inputs, schemas
from oran_intent_krm.sdk import schema as checker

from tests import guide, kpt

SCHEMA_FILES = sorted((kpt.ROOT / "functions").glob("*/config.schema.json")) + sorted((kpt.ROOT / "functions/models/schemas").glob("*.json"))
# Example inputs that break their kind's schema on purpose.
MALFORMED = {"intent-to-28312-unknown-field", "intent-to-28312-near-miss-kind"}


def key_of(doc: dict) -> str:
    api_version = str(doc.get("apiVersion") or "")
    return f"{api_version.rsplit('/', 1)[0] if '/' in api_version else ''}/{doc.get('kind')}"


def committed_inputs() -> list[tuple[str, dict]]:
    """(where, document) for every document of a validated kind in the packages and the examples."""
    found = []
    paths = sorted((kpt.ROOT / "packages").rglob("*.yaml")) + sorted((kpt.ROOT / "functions").glob("*/examples/**/*.yaml"))
    for path in paths:
        if ".expected" in path.parts or any(part in MALFORMED for part in path.parts):
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            if isinstance(doc, dict) and key_of(doc) in inputs.MODELS:
                found.append((str(path.relative_to(kpt.ROOT)), doc))
    return found


INPUTS = committed_inputs()


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name if p.parent.name == "schemas" else p.parent.name)
def test_every_keyword_of_every_generated_schema_is_one_the_checker_applies(path):
    checker.check_keywords(json.loads(path.read_text()))


def test_every_kind_the_functions_read_has_its_schema():
    assert sorted(schemas.file_name(k) for k in inputs.MODELS) == sorted(p.name for p in (kpt.ROOT / "functions/models/schemas").glob("*.json"))


def test_the_committed_inputs_fit_their_schemas_and_models():
    assert len({key_of(doc) for _, doc in INPUTS}) >= 8
    for where, doc in INPUTS:
        if "28312-to-pr-bad-network" in where:  # a VLAN out of range: a value the function judges
            continue
        assert checker.validate(doc, schemas.load(key_of(doc))) == [], where
        inputs.MODELS[key_of(doc)].model_validate(doc)


def mutate(doc: dict, r: random.Random) -> dict:
    """The document with one slip: a key renamed, a key dropped, or a value replaced by another type."""
    out = copy.deepcopy(doc)
    places = []

    def walk(node):
        if isinstance(node, dict):
            for key in list(node):
                places.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(out)
    node, key = r.choice(places)
    action = r.choice(["rename", "drop", "retype"])
    if action == "rename" and len(key) > 1:
        index = r.randrange(len(key))
        node[key[:index] + key[index + 1 :]] = node.pop(key)
    elif action == "drop":
        del node[key]
    else:
        node[key] = r.choice([None, 7, "seven", [], {}, True, 1.5])
    return out


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(INPUTS), st.integers(0, 2**32))
def test_the_checker_and_jsonschema_agree_on_slips_of_the_committed_inputs(entry, seed):
    _, doc = entry
    closed = schemas.load(key_of(doc))
    slipped = mutate(doc, random.Random(seed))
    expected = jsonschema.Draft202012Validator(closed).is_valid(slipped)
    assert checker.is_valid(slipped, closed) == expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(INPUTS), st.integers(0, 2**32))
def test_the_models_accept_what_the_schemas_accept(entry, seed):
    _, doc = entry
    slipped = mutate(doc, random.Random(seed))
    try:
        inputs.MODELS[key_of(doc)].model_validate(slipped)
        model_accepts = True
    except pydantic.ValidationError:
        model_accepts = False
    if checker.is_valid(slipped, schemas.load(key_of(doc))):
        assert model_accepts, slipped


def tmf_v5(**extra) -> dict:
    body = {"@type": "Intent", "name": "I", "expression": {"@type": "TurtleExpression", "iri": "x:", "expressionValue": "@prefix a: <x:> ."}}
    return {"apiVersion": "tmf921.intent.tmforum.org/v5", "kind": "Intent", "metadata": {"name": "i"}, "spec": {**body, **extra}}


@pytest.mark.parametrize(
    "spec, accepted",
    [
        ({}, True),
        ({"x-vendor": {"anything": 1}}, True),
        ({"isBundled": False}, False),  # the official examples' misspelling of isBundle
        ({"@schemaLocation": "https://example.com/CustomIntent.schema.json", "@type": "Intent", "customField": 1}, True),
        ({"customField": 1}, False),
    ],
)
def test_tmf921_v5_is_closed_but_for_vendor_fields_and_schema_located_subclasses(spec, accepted):
    doc = tmf_v5(**spec)
    closed = schemas.load("tmf921.intent.tmforum.org/Intent")
    assert checker.is_valid(doc, closed) is accepted
    assert jsonschema.Draft202012Validator(closed).is_valid(doc) is accepted


def test_metadata_is_closed_to_what_kubernetes_has():
    doc = tmf_v5()
    doc["metadata"]["lables"] = {"a": "b"}
    [problem] = checker.validate(doc, schemas.load("tmf921.intent.tmforum.org/Intent"))
    assert problem.path == "metadata.lables" and "did you mean `labels`" in problem.message


def test_the_schemas_are_read_from_the_package_data():
    assert Path(schemas.HERE, schemas.file_name("intent.3gpp.org/Intent")).is_file()


def test_the_guides_measurement_job_as_written_fits_its_schema_and_model():
    """The guide writes a MeasurementJob without the O2 IMS request 28312-to-pr adds; a hand-written job may."""
    doc = yaml.safe_load(guide.MEASUREMENT_JOB)
    assert checker.validate(doc, schemas.load(key_of(doc))) == []
    inputs.MODELS[key_of(doc)].model_validate(doc)
