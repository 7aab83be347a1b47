"""Help text and reference tables drawn from a function's config schema."""

from __future__ import annotations

import json
from typing import Any, Mapping

from .config import CONFIG_API_VERSION


def usage(function) -> str:
    lines = [f"{function.name} {function.version}: {function.summary}", ""]
    lines += [
        "Usage:",
        f"  {function.name} < resource-list.yaml     run as a KRM function (stdin to stdout)",
        f"  {function.name} --help | --version",
    ]
    for command in sorted(function.commands):
        lines.append(f"  {function.name} {command} ...    see `{function.name} {command} --help`")
    if function.usage:
        lines += ["", function.usage.strip()]
    if function.config is not None:
        lines += [
            "",
            f"functionConfig: a ConfigMap, or kind {function.config.kind} in {CONFIG_API_VERSION}",
        ]
        lines += ["", *field_table(function.config.load_schema())]
    if function.example:
        lines += ["", "Example:", *("  " + line for line in function.example.strip().splitlines())]
    return "\n".join(lines) + "\n"


def field_table(schema: Mapping[str, Any]) -> list[str]:
    rows = [("field", "type", "default", "description")]
    for path, prop, default in _fields(schema, schema, ""):
        rows.append((path, _type(schema, prop), default, prop.get("description", "")))
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    return ["  " + "  ".join(r[i].ljust(width[i]) for i in range(3)) + "  " + r[3] for r in rows]


def _resolve(root, schema):
    while "$ref" in schema:
        target = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _fields(root, schema, prefix):
    schema = _resolve(root, schema)
    for key, prop in schema.get("properties", {}).items():
        prop = _resolve(root, prop)
        path = f"{prefix}.{key}" if prefix else key
        default = json.dumps(prop["default"]) if "default" in prop else ""
        if len(default) > 30:
            default = default[:27] + "..."
        yield path, prop, default
        if prop.get("type") == "object" and "properties" in prop:
            yield from _fields(root, prop, path)


def _type(root, prop) -> str:
    prop = _resolve(root, prop)
    if "enum" in prop:
        return "|".join(str(v) for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_type(root, p) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type(root, prop.get('items', {}))}"
    if kind == "object" and isinstance(prop.get("additionalProperties"), Mapping):
        return f"map of {_type(root, prop['additionalProperties'])}"
    if kind == "object" and "title" in prop and "properties" in prop:
        return prop["title"]
    return kind
