"""Validation against the JSON Schemas generated from the project's pydantic models.

The models are the single source of truth; their schemas are generated at build
time (`make generate`) and a test keeps them in step.  Checking a schema here,
instead of importing pydantic, keeps the start-up of every function small.  The
subset covered is the one pydantic emits: types, properties, required,
additionalProperties, enum, const, numeric and length bounds, pattern, items,
anyOf/oneOf, $ref into $defs, and defaults.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any, Mapping

_TYPES = {
    "object": lambda v: isinstance(v, Mapping),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    # As in JSON Schema, 2.0 is an integer.
    "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer())),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


@dataclass(frozen=True)
class Violation:
    path: str
    message: str
    current: Any
    expected: str


def validate(value: Any, schema: Mapping[str, Any], path: str = "") -> list[Violation]:
    return _Validator(schema).check(value, schema, path)


def apply_defaults(value: Any, schema: Mapping[str, Any]) -> Any:
    """A copy of value with every missing property that has a default filled in."""
    return _Validator(schema).defaults(value, schema)


def coerce_strings(data: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """Turn a ConfigMap's string values into the types the schema asks for."""
    validator = _Validator(schema)
    properties = validator.resolve(schema).get("properties", {})
    out: dict[str, Any] = {}
    for key, raw in data.items():
        wanted = _types_of(validator, properties.get(key, {}))
        out[key] = _coerce(raw, wanted)
    return out


def _types_of(validator: "_Validator", schema: Mapping[str, Any]) -> set[str]:
    schema = validator.resolve(schema)
    if "type" in schema:
        kinds = schema["type"]
        return set(kinds) if isinstance(kinds, list) else {kinds}
    found: set[str] = set()
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= _types_of(validator, option)
    if "enum" in schema and not found:
        found = {type_name(v) for v in schema["enum"]}
    return found


def _coerce(raw: Any, wanted: set[str]) -> Any:
    if not isinstance(raw, str) or not wanted or "string" in wanted:
        return raw
    text = raw.strip()
    if "boolean" in wanted and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if "integer" in wanted and re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if "number" in wanted:
        try:
            return float(text)
        except ValueError:
            pass
    if wanted & {"object", "array"}:
        try:
            return json.loads(text)
        except ValueError:
            from .yaml_io import _yaml

            try:
                return _yaml().load(text)
            except Exception:
                return raw
    return raw


def type_name(value: Any) -> str:
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return name
    return type(value).__name__


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class _Validator:
    def __init__(self, root: Mapping[str, Any]):
        self.root = root

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"unsupported $ref {ref}")
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            merged = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **merged}
        return schema

    def check(self, value: Any, schema: Mapping[str, Any], path: str) -> list[Violation]:
        schema = self.resolve(schema)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                return self._check_options(value, schema[keyword], path)
        if "const" in schema and value != schema["const"]:
            return [Violation(path, f"must be {schema['const']!r}", value, repr(schema["const"]))]
        if "enum" in schema and value not in schema["enum"]:
            allowed = ", ".join(str(v) for v in schema["enum"])
            return [Violation(path, f"must be one of: {allowed}", value, f"one of {allowed}")]
        kinds = schema.get("type")
        if kinds is not None:
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(_TYPES[k](value) for k in kinds):
                wanted = " or ".join(kinds)
                return [Violation(path, f"must be of type {wanted}, not {type_name(value)}", value, wanted)]
        problems: list[Violation] = []
        if isinstance(value, Mapping):
            problems += self._check_object(value, schema, path)
        elif isinstance(value, list):
            problems += self._check_array(value, schema, path)
        elif isinstance(value, str):
            problems += self._check_string(value, schema, path)
        elif _TYPES["number"](value):
            problems += self._check_number(value, schema, path)
        return problems

    def _check_options(self, value: Any, options: list[Any], path: str) -> list[Violation]:
        attempts = [self.check(value, option, path) for option in options]
        if any(not problems for problems in attempts):
            return []
        # Report the option that got furthest: the one with the deepest violation.
        return max(attempts, key=lambda problems: max(len(p.path) for p in problems))

    def _check_object(self, value: Mapping[str, Any], schema: Mapping[str, Any], path: str) -> list[Violation]:
        problems: list[Violation] = []
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                problems.append(Violation(join(path, key), "is required", None, "a value"))
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                problems += self.check(item, properties[key], join(path, key))
            elif extra is False:
                known = ", ".join(sorted(properties)) or "none"
                problems.append(Violation(join(path, key), f"is not a known field (known: {known})", item, "absent"))
            elif isinstance(extra, Mapping):
                problems += self.check(item, extra, join(path, key))
        return problems

    def _check_array(self, value: list[Any], schema: Mapping[str, Any], path: str) -> list[Violation]:
        problems: list[Violation] = []
        if "minItems" in schema and len(value) < schema["minItems"]:
            problems.append(Violation(path, f"needs at least {schema['minItems']} item(s)", value, f">= {schema['minItems']} items"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(Violation(path, f"allows at most {schema['maxItems']} item(s)", value, f"<= {schema['maxItems']} items"))
        if "items" in schema:
            for index, item in enumerate(value):
                problems += self.check(item, schema["items"], join(path, index))
        return problems

    def _check_string(self, value: str, schema: Mapping[str, Any], path: str) -> list[Violation]:
        if "minLength" in schema and len(value) < schema["minLength"]:
            return [Violation(path, f"must have at least {schema['minLength']} character(s)", value, f"length >= {schema['minLength']}")]
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            return [Violation(path, f"must have at most {schema['maxLength']} character(s)", value, f"length <= {schema['maxLength']}")]
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return [Violation(path, f"must match {schema['pattern']}", value, f"a string matching {schema['pattern']}")]
        return []

    def _check_number(self, value: float, schema: Mapping[str, Any], path: str) -> list[Violation]:
        bounds = (
            ("minimum", lambda b: value >= b, ">="),
            ("maximum", lambda b: value <= b, "<="),
            ("exclusiveMinimum", lambda b: value > b, ">"),
            ("exclusiveMaximum", lambda b: value < b, "<"),
        )
        for keyword, holds, symbol in bounds:
            if keyword in schema and not holds(schema[keyword]):
                return [Violation(path, f"must be {symbol} {schema[keyword]}", value, f"{symbol} {schema[keyword]}")]
        return []

    def defaults(self, value: Any, schema: Mapping[str, Any]) -> Any:
        schema = self.resolve(schema)
        if isinstance(value, Mapping):
            out = dict(value)
            for key, sub in schema.get("properties", {}).items():
                sub_resolved = self.resolve(sub)
                if key not in out and "default" in sub_resolved:
                    out[key] = copy.deepcopy(sub_resolved["default"])
                if key in out:
                    out[key] = self.defaults(out[key], self._pick(out[key], sub_resolved))
            extra = schema.get("additionalProperties")
            if isinstance(extra, Mapping):
                for key in out:
                    if key not in schema.get("properties", {}):
                        out[key] = self.defaults(out[key], extra)
            return out
        if isinstance(value, list) and "items" in schema:
            return [self.defaults(item, schema["items"]) for item in value]
        return value

    def _pick(self, value: Any, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        """For anyOf/oneOf, the option the value satisfies (defaults follow it)."""
        for keyword in ("anyOf", "oneOf"):
            for option in schema.get(keyword, []):
                if not self.check(value, option, ""):
                    return option
        return schema
