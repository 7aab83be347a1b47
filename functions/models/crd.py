"""CustomResourceDefinitions generated from the pydantic models.

The models are the one description of each kind; this turns a model's JSON Schema
into the structural OpenAPI v3 schema a CRD needs: references inlined, `Optional`
as `nullable`, closed objects left to the API server's pruning, free-form maps
marked `x-kubernetes-preserve-unknown-fields`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_DROP = {"title", "$defs", "discriminator", "examples", "const", "format"}


@dataclass(frozen=True)
class Column:
    name: str
    json_path: str
    type: str = "string"
    description: str = ""


@dataclass(frozen=True)
class CRD:
    """How one model is served as a Kubernetes kind."""

    model: Any  # a pydantic model class for the whole object (apiVersion, kind, metadata, spec, status)
    group: str
    version: str
    kind: str
    plural: str
    scope: str = "Namespaced"
    short_names: tuple[str, ...] = ()
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return f"{self.plural}.{self.group}"


def structural(schema: dict[str, Any], root: dict[str, Any] | None = None) -> dict[str, Any]:
    """A structural schema (apiextensions.k8s.io/v1 rules) from a pydantic JSON Schema."""
    root = root or schema
    schema = _inline(schema, root)
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return _union(schema, options, root)
    out: dict[str, Any] = {}
    if "const" in schema:
        out["enum"] = [schema["const"]]
    for key, value in schema.items():
        if key in _DROP or key in ("anyOf", "oneOf", "$ref"):
            continue
        if key == "properties":
            out["properties"] = {name: structural(sub, root) for name, sub in value.items()}
        elif key == "items":
            out["items"] = structural(value, root)
        elif key == "additionalProperties":
            if isinstance(value, dict) and value:
                out["additionalProperties"] = structural(value, root)
            elif value is True and "properties" not in schema:
                out["x-kubernetes-preserve-unknown-fields"] = True
            # False: a closed object; the API server prunes unknown fields anyway.
        elif key == "type" and isinstance(value, list):
            kinds = [k for k in value if k != "null"]
            out["type"] = kinds[0] if len(kinds) == 1 else None
            if "null" in value:
                out["nullable"] = True
            if out["type"] is None:
                del out["type"]
                out["x-kubernetes-int-or-string"] = True
        else:
            out[key] = value
    if out.get("type") == "object" and "properties" not in out and "additionalProperties" not in out:
        out["x-kubernetes-preserve-unknown-fields"] = True
    if "type" not in out and not out.get("x-kubernetes-int-or-string") and not out.get("x-kubernetes-preserve-unknown-fields"):
        out["x-kubernetes-preserve-unknown-fields"] = True
    if "default" in out and out["default"] is None:
        del out["default"]
    return out


def _inline(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        target: Any = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _union(schema: dict[str, Any], options: list[dict[str, Any]], root: dict[str, Any]) -> dict[str, Any]:
    """Optional[X] becomes X with nullable; other unions keep what all options share."""
    resolved = [_inline(o, root) for o in options]
    concrete = [o for o in resolved if o.get("type") != "null"]
    nullable = len(concrete) < len(resolved)
    extras = {k: v for k, v in schema.items() if k in ("description", "default")}
    if len(concrete) == 1:
        out = structural({**concrete[0], **extras}, root)
    elif {o.get("type") for o in concrete} <= {"integer", "string"} and all("type" in o for o in concrete):
        out = {**{k: v for k, v in extras.items() if k == "description"}, "x-kubernetes-int-or-string": True}
    elif all(o.get("type") in ("number", "integer") for o in concrete):
        out = {**extras, "type": "number"}
    else:
        out = {**{k: v for k, v in extras.items() if k == "description"}, "x-kubernetes-preserve-unknown-fields": True}
    if nullable:
        out["nullable"] = True
        if out.get("default", 0) is None:
            del out["default"]
    return out


def definition(crd: CRD) -> dict[str, Any]:
    """The CustomResourceDefinition object for one kind."""
    schema = crd.model.model_json_schema(by_alias=True)
    body = structural(schema)
    properties = body.get("properties", {})
    for envelope in ("apiVersion", "kind"):
        properties[envelope] = {"type": "string"}
    properties["metadata"] = {"type": "object"}
    body = {"type": "object", "properties": properties}
    if "description" in schema:
        body["description"] = schema["description"]
    version: dict[str, Any] = {
        "name": crd.version,
        "served": True,
        "storage": True,
        "schema": {"openAPIV3Schema": body},
    }
    if "status" in properties:
        version["subresources"] = {"status": {}}
    if crd.columns:
        version["additionalPrinterColumns"] = [
            {"name": c.name, "type": c.type, "jsonPath": c.json_path, **({"description": c.description} if c.description else {})}
            for c in crd.columns
        ] + [{"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]
    names: dict[str, Any] = {"plural": crd.plural, "singular": crd.kind.lower(), "kind": crd.kind, "listKind": f"{crd.kind}List"}
    if crd.short_names:
        names["shortNames"] = list(crd.short_names)
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": crd.name},
        "spec": {"group": crd.group, "names": names, "scope": crd.scope, "versions": [version]},
    }


def as_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A CRD's OpenAPI v3 schema as JSON Schema that rejects what the API server would prune.

    `nullable` and `x-kubernetes-int-or-string` become JSON Schema types; an object with
    declared properties is closed unless it preserves unknown fields, so a field the API
    server would silently drop is an error here instead.
    """
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


def object_problems(definition: dict[str, Any], obj: dict[str, Any], version: str | None = None) -> list[str]:
    """Where obj breaks the CRD's schema (of `version`, else the stored one); empty if it would be stored as written."""
    import jsonschema

    versions = definition["spec"]["versions"]
    [served] = [v for v in versions if (v["name"] == version if version else v.get("storage"))]
    schema = dict(served["schema"]["openAPIV3Schema"])
    # The API server handles metadata as ObjectMeta whatever the schema says of it: never pruned.
    schema["properties"] = {**schema.get("properties", {}), "metadata": {"type": "object"}}
    validator = jsonschema.Draft7Validator(as_json_schema(schema))
    return sorted(f"{'.'.join(str(p) for p in e.absolute_path) or '.'}: {e.message}" for e in validator.iter_errors(obj))
