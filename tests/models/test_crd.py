"""CRDs generated from pydantic models are structural and valid CustomResourceDefinitions."""

from __future__ import annotations

from typing import Any, Literal, Optional

import kubernetes_validate
import pytest
from oran_intent_krm.models.crd import CRD, Column, definition, structural
from pydantic import BaseModel, ConfigDict, Field


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")
    metric: str
    threshold: float
    operator: Literal["<", ">"] = "<"
    window: Optional[str] = None
    replicas: int | str = 1


class Spec(BaseModel):
    targets: list[Target] = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    labels: dict[str, str] = Field(default_factory=dict)


class Thing(BaseModel):
    """A thing."""

    apiVersion: Literal["example.com/v1alpha1"] = "example.com/v1alpha1"
    kind: Literal["Thing"] = "Thing"
    metadata: dict[str, Any] = Field(default_factory=dict)
    spec: Spec
    status: Optional[dict[str, Any]] = None


THING = CRD(Thing, "example.com", "v1alpha1", "Thing", "things", columns=(Column("Phase", ".status.phase"),))


def structural_problems(schema: dict, path: str = "") -> list[str]:
    """The apiextensions structural rules that generated schemas could break."""
    problems = []
    special = schema.get("x-kubernetes-int-or-string") or schema.get("x-kubernetes-preserve-unknown-fields")
    if "type" not in schema and not special:
        problems.append(f"{path or '.'}: no type")
    for banned in ("$ref", "anyOf", "oneOf", "allOf", "const", "$defs", "title"):
        if banned in schema:
            problems.append(f"{path}: {banned}")
    if "properties" in schema and "additionalProperties" in schema:
        problems.append(f"{path}: properties and additionalProperties")
    for name, sub in schema.get("properties", {}).items():
        problems += structural_problems(sub, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        problems += structural_problems(schema["items"], f"{path}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        problems += structural_problems(schema["additionalProperties"], f"{path}{{}}")
    return problems


def test_the_generated_schema_is_structural():
    schema = definition(THING)["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
    assert structural_problems(schema) == []


def test_the_crd_is_a_valid_customresourcedefinition():
    kubernetes_validate.validate(definition(THING), "1.32", strict=True)  # raises when invalid
    broken = definition(THING)
    broken["spec"]["scope"] = 7
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, "1.32", strict=True)


def test_optional_fields_are_nullable_and_unions_of_int_and_string_are_int_or_string():
    target = structural(Target.model_json_schema())
    assert target["properties"]["window"] == {"type": "string", "nullable": True}
    assert target["properties"]["replicas"]["x-kubernetes-int-or-string"] is True
    assert target["properties"]["operator"]["enum"] == ["<", ">"]


def test_free_form_maps_preserve_unknown_fields_and_typed_maps_keep_their_type():
    spec = structural(Spec.model_json_schema())
    assert spec["properties"]["params"]["x-kubernetes-preserve-unknown-fields"] is True
    assert spec["properties"]["labels"]["additionalProperties"] == {"type": "string"}
    assert spec["properties"]["targets"]["minItems"] == 1


def test_status_gets_a_subresource_and_printer_columns_are_declared():
    version = definition(THING)["spec"]["versions"][0]
    assert version["subresources"] == {"status": {}}
    assert version["additionalPrinterColumns"][0] == {"name": "Phase", "type": "string", "jsonPath": ".status.phase"}
