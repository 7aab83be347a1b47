"""Checking objects against a CRD's schema the way the API server would keep them.

A structural schema prunes fields it does not declare; here an undeclared field is an
error instead, so an object that would silently lose fields fails the check.
"""

from __future__ import annotations

from typing import Any

import jsonschema


def as_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI v3 (CRD flavour) -> JSON Schema: nullable, int-or-string, closed objects."""
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties":
            out["properties"] = {name: as_json_schema(sub) for name, sub in value.items()}
        elif key == "items":
            out["items"] = as_json_schema(value)
        elif key == "additionalProperties" and isinstance(value, dict):
            out["additionalProperties"] = as_json_schema(value)
        elif key in ("nullable", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields"):
            continue
        else:
            out[key] = value
    if schema.get("x-kubernetes-int-or-string"):
        out["type"] = ["integer", "string"]
    if "properties" in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
        out["additionalProperties"] = False
    if schema.get("nullable") and "type" in out:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out


def problems(crd: dict[str, Any], obj: dict[str, Any]) -> list[str]:
    """Where obj breaks the CRD's schema (empty if it would be stored exactly as written)."""
    [version] = [v for v in crd["spec"]["versions"] if v.get("storage")]
    schema = as_json_schema(version["schema"]["openAPIV3Schema"])
    validator = jsonschema.Draft7Validator(schema)
    return sorted(f"{'.'.join(str(p) for p in e.absolute_path) or '.'}: {e.message}" for e in validator.iter_errors(obj))
