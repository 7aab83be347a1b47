"""The built-in schema checker agrees with a full JSON Schema implementation."""

from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import schema as schemas

from tests.sdk.test_config import SCHEMA

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-2, 2, allow_nan=False), st.sampled_from([1.0, 2.0, 0.0]), st.sampled_from(["block", "warn", "abc", "Abc", "2", ""])
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["cpu", "dedicated", "a", "x"]), inner, max_size=3)), max_leaves=6)
configs = st.dictionaries(st.sampled_from(["replicas", "strict", "ratio", "mode", "labels", "profile", "name", "extra"]), values, max_size=5)


@settings(max_examples=400, deadline=None)
@given(configs)
def test_verdicts_match_jsonschema(config):
    expected_valid = jsonschema.Draft202012Validator(SCHEMA).is_valid(config)
    assert (not schemas.validate(config, SCHEMA)) == expected_valid


def test_defaults_do_not_overwrite_given_values():
    assert schemas.apply_defaults({"replicas": 4}, SCHEMA)["replicas"] == 4
