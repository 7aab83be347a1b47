"""The built-in schema checker gives the verdicts of a full JSON Schema implementation.

`jsonschema` (Draft 2020-12) is the reference: over schemas drawn from every keyword the
checker applies, and values drawn from the same small vocabulary (so that they often
half-match), the two must agree on valid / invalid every time.  The generated schemas of
the project are checked the same way in tests/models.
"""

from __future__ import annotations

import random

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import schema as schemas

from tests.sdk.test_config import SCHEMA

KEYS = ["a", "b", "cpu", "x-vendor", "@type", "name"]
STRINGS = ["", "a", "ab", "Abc", "2", "x-1", "block", "@type"]
PATTERNS = ["^a", "b$", "^x-", "^[a-z]+$", "\\d", "^@"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 2.0, 0.5, -1.5, 2.5]),
    st.sampled_from(STRINGS),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)),
    max_leaves=8,
)

TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"]
SCALARS = [None, True, False, -1, 0, 1, 2, 0.0, 1.0, 0.5, -1.5, 2.5, *STRINGS]
# How each assertion keyword's value is drawn: leaves take values, parents take schemas.
LEAVES = {
    "type": lambda r: r.choice(TYPES) if r.random() < 0.7 else r.sample(TYPES, r.randint(1, 3)),
    "enum": lambda r: r.sample(SCALARS, r.randint(1, 4)),
    "const": lambda r: r.choice(SCALARS),
    "minLength": lambda r: r.randint(0, 3),
    "maxLength": lambda r: r.randint(0, 3),
    "pattern": lambda r: r.choice(PATTERNS),
    "minimum": lambda r: r.choice([-1, 0, 1, 0.5]),
    "maximum": lambda r: r.choice([0, 1, 2, 1.5]),
    "exclusiveMinimum": lambda r: r.choice([-1, 0, 1.5]),
    "exclusiveMaximum": lambda r: r.choice([0, 2, 2.5]),
    "multipleOf": lambda r: r.choice([1, 2, 0.5, 1.5]),
    "minItems": lambda r: r.randint(0, 2),
    "maxItems": lambda r: r.randint(0, 2),
    "uniqueItems": lambda r: r.random() < 0.5,
    "required": lambda r: r.sample(KEYS, r.randint(0, 2)),
    "minProperties": lambda r: r.randint(0, 2),
    "maxProperties": lambda r: r.randint(0, 2),
    "propertyNames": lambda r: r.choice(
        [{"enum": ["a", "b", "@type"]}, {"pattern": "^x-"}, {"anyOf": [{"enum": ["a", "cpu"]}, {"pattern": "^x-"}]}, {"maxLength": 1}]
    ),
}
PARENTS = {
    "properties": lambda r, sub: {k: sub() for k in r.sample(KEYS, r.randint(0, 3))},
    "patternProperties": lambda r, sub: {k: sub() for k in r.sample(PATTERNS, r.randint(1, 2))},
    "additionalProperties": lambda r, sub: r.random() < 0.5 if r.random() < 0.4 else sub(),
    "items": lambda r, sub: r.random() < 0.5 if r.random() < 0.3 else sub(),
    "prefixItems": lambda r, sub: [sub() for _ in range(r.randint(1, 2))],
    "anyOf": lambda r, sub: [sub() for _ in range(r.randint(1, 3))],
    "oneOf": lambda r, sub: [sub() for _ in range(r.randint(1, 3))],
    "allOf": lambda r, sub: [sub() for _ in range(r.randint(1, 2))],
    "not": lambda r, sub: sub(),
    "if": lambda r, sub: sub(),
    "then": lambda r, sub: sub(),
    "else": lambda r, sub: sub(),
}


def random_schema(r, depth: int = 0) -> dict:
    """A schema of up to three keywords per level, nested at most three levels deep."""
    out = {k: LEAVES[k](r) for k in r.sample(sorted(LEAVES), r.randint(0, 3))}
    if depth < 3 and r.random() < 0.6:
        for keyword in r.sample(sorted(PARENTS), r.randint(1, 2)):
            out[keyword] = PARENTS[keyword](r, lambda: random_schema(r, depth + 1))
    return out


@st.composite
def schemas_with_refs(draw) -> dict:
    """A root schema whose parts may be reached through $ref into $defs, as pydantic writes them.

    Drawn from a seed (a failure names it) with plain `random`: hypothesis' own instrumented
    random would cost a hundred times more per schema."""
    r = random.Random(draw(st.integers(0, 2**32)))
    root = random_schema(r)
    if r.random() < 0.5:
        definitions = {name: random_schema(r, 1) for name in r.sample(["A", "B"], r.randint(1, 2))}
        ref = {"$ref": f"#/$defs/{r.choice(sorted(definitions))}"}
        where = r.choice(["root", "property", "items"])
        if where == "root":
            root = {**root, **ref}
        elif where == "property":
            root = {**root, "properties": {**root.get("properties", {}), "a": ref}}
        else:
            root = {**root, "items": ref}
        root["$defs"] = definitions
    return root


@settings(max_examples=3000, deadline=None)
@given(schemas_with_refs(), values)
def test_verdicts_match_jsonschema_over_every_keyword(schema, value):
    expected = jsonschema.Draft202012Validator(schema).is_valid(value)
    found = schemas.validate(value, schema)
    assert (not found) == expected, found


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["replicas", "strict", "ratio", "mode", "labels", "profile", "name", "extra"]), values, max_size=5))
def test_verdicts_match_jsonschema_on_a_config_schema(config):
    expected_valid = jsonschema.Draft202012Validator(SCHEMA).is_valid(config)
    assert (not schemas.validate(config, SCHEMA)) == expected_valid


@pytest.mark.parametrize(
    "schema, value, valid",
    [
        ({"propertyNames": {"pattern": "^x-"}}, {"y": 1}, False),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1, False),
        ({"enum": [1]}, True, False),
        ({"const": False}, 0, False),
        ({"const": 1}, 1.0, True),
        ({"uniqueItems": True}, [1, 1.0], False),
        ({"uniqueItems": True}, [1, True], True),
    ],
)
def test_the_differences_once_found_stay_fixed(schema, value, valid):
    assert jsonschema.Draft202012Validator(schema).is_valid(value) == valid
    assert schemas.is_valid(value, schema) == valid


def test_a_keyword_the_checker_does_not_apply_is_refused():
    with pytest.raises(ValueError, match="dependentRequired"):
        schemas.check_keywords({"properties": {"a": {"dependentRequired": {"a": ["b"]}}}})
    schemas.check_keywords(SCHEMA)


def test_an_unknown_field_names_the_field_it_was_meant_to_be():
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["expectationTargets"],
        "properties": {"expectationTargets": {"type": "array"}, "expectationContexts": {"type": "array"}},
    }
    [typo] = schemas.validate({"expectationTargts": []}, schema)
    assert typo.path == "expectationTargts"
    assert "did you mean `expectationTargets` (a required field)?" in typo.message
    assert typo.expected == "expectationTargets"
    [other] = schemas.validate({"expectationTargets": [], "expectationContxts": []}, schema)
    assert "did you mean `expectationContexts`?" in other.message
    [far] = schemas.validate({"expectationTargets": [], "colour": 1}, schema)
    assert "did you mean" not in far.message and "known fields: expectationTargets, expectationContexts" in far.message


def test_an_unknown_field_outside_a_property_names_list_is_named_too():
    schema = {"if": {"required": ["@schemaLocation"]}, "else": {"propertyNames": {"anyOf": [{"enum": ["name", "expression"]}, {"pattern": "^x-"}]}}}
    [typo] = schemas.validate({"name": "a", "expresion": {}}, schema)
    assert typo.path == "expresion" and "did you mean `expression`?" in typo.message
    assert schemas.is_valid({"name": "a", "x-vendor": 1}, schema)
    assert schemas.is_valid({"name": "a", "anything": 1, "@schemaLocation": "https://example.com/s.json"}, schema)


def test_a_near_miss_value_is_named():
    [problem] = schemas.validate("DELIVR", {"enum": ["DELIVER", "ENSURE"]})
    assert "did you mean `DELIVER`?" in problem.message


def test_a_wrong_type_in_a_union_says_every_type_allowed():
    [problem] = schemas.validate("abc", {"anyOf": [{"type": "integer"}, {"type": "null"}]})
    assert problem.message == "must be of type integer or null, not string"


def test_defaults_do_not_overwrite_given_values():
    assert schemas.apply_defaults({"replicas": 4}, SCHEMA)["replicas"] == 4
