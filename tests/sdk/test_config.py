"""functionConfig binding: absent, ConfigMap, typed kind; bad config points at the field."""

from __future__ import annotations

import pytest
from oran_intent_krm.sdk import ConfigSpec, Results
from oran_intent_krm.sdk.config import CONFIG_API_VERSION, bind

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "replicas": {"type": "integer", "minimum": 1, "default": 1},
        "strict": {"type": "boolean", "default": False},
        "ratio": {"type": "number", "default": 0.5},
        "mode": {"enum": ["block", "warn"], "default": "block"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}, "default": {}},
        "profile": {"$ref": "#/$defs/Profile"},
        "name": {"anyOf": [{"type": "string", "pattern": "^[a-z]+$"}, {"type": "null"}], "default": None},
    },
    "$defs": {
        "Profile": {
            "type": "object",
            "required": ["cpu"],
            "properties": {"cpu": {"type": "string"}, "dedicated": {"type": "boolean", "default": False}},
            "additionalProperties": False,
        }
    },
}
SPEC = ConfigSpec(kind="TestConfig", load_schema=lambda: SCHEMA)
DEFAULTS = {"replicas": 1, "strict": False, "ratio": 0.5, "mode": "block", "labels": {}, "name": None}


def configmap(data):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": data}


def typed(**fields):
    return {"apiVersion": CONFIG_API_VERSION, "kind": "TestConfig", "metadata": {"name": "cfg"}, **fields}


@pytest.mark.parametrize("absent", [None, {}])
def test_absent_or_empty_config_gives_the_defaults(absent):
    results = Results()
    assert bind(absent, SPEC, results) == DEFAULTS
    assert not results


def test_kpt_eval_placeholder_configmap_gives_the_defaults():
    results = Results()
    assert bind(configmap(None), SPEC, results) == DEFAULTS


def test_configmap_strings_are_converted_to_the_schema_types():
    results = Results()
    config = bind(configmap({"replicas": "3", "strict": "true", "ratio": "0.25", "labels": "{a: b}"}), SPEC, results)
    assert config == {**DEFAULTS, "replicas": 3, "strict": True, "ratio": 0.25, "labels": {"a": "b"}}
    assert not results


def test_typed_config_is_validated_and_nested_defaults_apply():
    results = Results()
    config = bind(typed(profile={"cpu": "2"}, mode="warn"), SPEC, results)
    assert config["profile"] == {"cpu": "2", "dedicated": False}
    assert config["mode"] == "warn"


@pytest.mark.parametrize(
    "config, path, expected",
    [
        (typed(replicas=0), "replicas", ">= 1"),
        (typed(replicas="two"), "replicas", "integer"),
        (typed(mode="explode"), "mode", "one of block, warn"),
        (typed(profile={}), "profile.cpu", "a value"),
        (typed(profile={"cpu": "1", "gpu": 2}), "profile.gpu", "absent"),
        (typed(unknown=1), "unknown", "absent"),
        (typed(name="Not-Lower"), "name", "a string matching ^[a-z]+$"),
        (configmap({"replicas": "many"}), "data.replicas", "integer"),
    ],
)
def test_a_bad_config_is_an_error_that_points_at_the_field(config, path, expected):
    results = Results()
    assert bind(config, SPEC, results) is None
    assert [r.severity for r in results] == ["error"]
    assert results[0].field_path == path
    assert results[0].proposed_value == expected
    assert results[0].resource_ref == {"apiVersion": config["apiVersion"], "kind": config["kind"], "name": "cfg"}


def test_another_kind_of_config_is_refused():
    results = Results()
    other = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"}}
    assert bind(other, SPEC, results) is None
    assert results[0].field_path == "kind"
    assert "TestConfig" in results[0].message
