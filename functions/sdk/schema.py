"""Validation against the JSON Schemas generated from the project's pydantic models.

The models are the single source of truth; their schemas are generated at build
time (`make generate`) and a test keeps them in step.  Checking a schema here,
instead of importing pydantic or a JSON Schema library, keeps the start-up of every
function small, and lets every problem be reported (not only the first) with a
message a person can act on: the unknown field and the known one it was meant to be,
the allowed values, the bounds.

The verdicts are those of JSON Schema 2020-12 for the keywords in `ASSERTIONS`, which
cover all that the generated schemas use; a differential test against `jsonschema`
holds this checker to them, and `check_keywords` refuses a schema using any other
keyword, so none is ever ignored silently.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any, Mapping

from . import spelling

# Keywords whose verdicts this checker applies, and keywords that only annotate.
ASSERTIONS = frozenset(
    {
        "$ref", "type", "enum", "const",
        "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
        "minProperties", "maxProperties",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "anyOf", "oneOf", "allOf", "not", "if", "then", "else",
    }
)
ANNOTATIONS = frozenset(
    {
        "$defs", "$schema", "$id", "$comment", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly", "format", "discriminator",
    }
)
_SUBSCHEMA = ("additionalProperties", "propertyNames", "items", "not", "if", "then", "else")
_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs")

_TYPES = {
    # JSON data as Python holds it (ruamel's mappings are dicts too): a plain type test is much faster than Mapping's.
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    # As in JSON Schema, 2.0 is an integer.
    "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer())),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

UNKNOWN, REQUIRED, CONST, TYPE = "unknown", "required", "const", "type"


@dataclass(frozen=True)
class Violation:
    path: str
    message: str
    current: Any
    expected: str
    kind: str = ""  # UNKNOWN for a field the schema does not know, REQUIRED for a missing one, TYPE, CONST
    parent: str | None = None  # for those two: the path of the object the field is in


def validate(value: Any, schema: Mapping[str, Any], path: str = "") -> list[Violation]:
    return _validator(schema).check(value, schema, path)


_VALIDATORS: dict[int, "_Validator"] = {}


def _validator(root: Mapping[str, Any]) -> "_Validator":
    """One validator per schema, so what it works out once (its $refs) serves every item checked."""
    found = _VALIDATORS.get(id(root))
    if found is None or found.root is not root:
        if len(_VALIDATORS) > 64:
            _VALIDATORS.clear()
        found = _VALIDATORS[id(root)] = _Validator(root)
    return found


def is_valid(value: Any, schema: Mapping[str, Any]) -> bool:
    return not validate(value, schema)


def is_structural(problem: Violation) -> bool:
    """A problem with where fields are, rather than with a value: an unknown or a missing field, or
    an object or a list where the schema wants something else (or something else where it wants one)."""
    if problem.kind in (UNKNOWN, REQUIRED):
        return True
    if problem.kind != TYPE:
        return False
    return isinstance(problem.current, (dict, list)) or any(k in problem.expected for k in ("object", "array"))


def check_keywords(schema: Any, where: str = "#") -> None:
    """Raise ValueError if the schema uses a keyword this checker would not apply."""
    if isinstance(schema, bool):
        return
    if not isinstance(schema, dict):
        raise ValueError(f"{where} is not a schema")
    unknown = set(schema) - ASSERTIONS - ANNOTATIONS
    if unknown:
        raise ValueError(f"{where} uses {', '.join(sorted(unknown))}, which this checker does not apply")
    for key in _SUBSCHEMA:
        if key in schema:
            check_keywords(schema[key], f"{where}/{key}")
    for key in _SCHEMA_LISTS:
        for index, sub in enumerate(schema.get(key, ())):
            check_keywords(sub, f"{where}/{key}/{index}")
    for key in _SCHEMA_MAPS:
        for name, sub in schema.get(key, {}).items():
            check_keywords(sub, f"{where}/{key}/{name}")


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


def equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema has it: 1 == 1.0, but true is not 1 and "1" is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _TYPES["number"](a) and _TYPES["number"](b):
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return False


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


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


class _Validator:
    def __init__(self, root: Mapping[str, Any]):
        self.root = root
        self._refs: dict[int, tuple[Any, Mapping[str, Any], Any]] = {}  # the node itself is kept, so its id stays its own
        self.quiet = False  # while trying the forms of an anyOf: verdicts only, no suggestions worked out

    def resolve(self, schema: Any) -> Mapping[str, Any]:
        if schema is True:
            return {}
        if schema is False:
            return {"not": {}}
        while "$ref" in schema:
            merged = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**self.target(schema["$ref"]), **merged}
        return schema

    def _split_ref(self, schema: Mapping[str, Any]) -> tuple[Any, Mapping[str, Any]]:
        """(the schema $ref names, the keywords beside it), worked out once per schema node."""
        key = id(schema)
        if key not in self._refs:
            self._refs[key] = (self.target(schema["$ref"]), {k: v for k, v in schema.items() if k != "$ref"}, schema)
        return self._refs[key][0], self._refs[key][1]

    def target(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"unsupported $ref {ref}")
        found: Any = self.root
        for part in ref[2:].split("/"):
            found = found[part]
        return found

    def check(self, value: Any, schema: Any, path: str) -> list[Violation]:
        if schema is True:
            return []
        if schema is False:
            return [Violation(path, "is not allowed here", value, "absent")]
        problems: list[Violation] = []
        if "$ref" in schema:  # the referenced schema and the keywords beside $ref both apply
            target, schema = self._split_ref(schema)
            problems += self.check(value, target, path)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                problems += self._check_options(value, schema[keyword], path, exactly_one=keyword == "oneOf")
        for option in schema.get("allOf", ()):
            problems += self.check(value, option, path)
        if "not" in schema and not self.check(value, schema["not"], path):
            problems.append(Violation(path, "must not match the form it matches", value, "another value"))
        if "if" in schema:
            branch = "then" if not self.check(value, schema["if"], path) else "else"
            if branch in schema:
                problems += self.check(value, schema[branch], path)
        if "const" in schema and not equal(value, schema["const"]):
            problems.append(Violation(path, f"must be {_show(schema['const'])}", value, _show(schema["const"]), CONST))
        if "enum" in schema and not any(equal(value, allowed) for allowed in schema["enum"]):
            problems.append(self._not_in_enum(value, schema["enum"], path))
        kinds = schema.get("type")
        if kinds is not None:
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(_TYPES[k](value) for k in kinds):
                wanted = " or ".join(kinds)
                return problems + [Violation(path, f"must be of type {wanted}, not {type_name(value)}", value, wanted, TYPE)]
        if isinstance(value, dict):
            problems += self._check_object(value, schema, path)
        elif isinstance(value, list):
            problems += self._check_array(value, schema, path)
        elif isinstance(value, str):
            problems += self._check_string(value, schema, path)
        elif _TYPES["number"](value):
            problems += self._check_number(value, schema, path)
        return _merge_typos(problems, path) if isinstance(value, dict) else problems

    def _not_in_enum(self, value: Any, allowed: list[Any], path: str) -> Violation:
        listed = ", ".join(_show(v) for v in allowed)
        message = f"must be one of: {listed}"
        if isinstance(value, str) and not self.quiet:
            meant = spelling.closest(value, [v for v in allowed if isinstance(v, str)])
            if meant is not None:
                message += f" (did you mean `{meant}`?)"
        return Violation(path, message, value, f"one of {listed}")

    def _check_options(self, value: Any, options: list[Any], path: str, exactly_one: bool) -> list[Violation]:
        if not exactly_one and self._any_passes(value, options, path):
            return []
        attempts = [self.check(value, option, path) for option in options]
        passed = sum(1 for problems in attempts if not problems)
        if passed == 1 or (passed and not exactly_one):
            return []
        if passed > 1:
            return [Violation(path, f"matches {passed} of its {len(options)} allowed forms, where exactly one must match", value, "exactly one form")]
        tagged = self._tagged_union(attempts)
        if tagged is not None:
            return [tagged]
        types = [self.resolve(option).get("type") for option in options]
        if all(len(problems) == 1 and problems[0].path == path and problems[0].kind == TYPE for problems in attempts):
            wanted = " or ".join(dict.fromkeys(str(t) for t in types if t is not None)) or "another type"
            return [Violation(path, f"must be of type {wanted}, not {type_name(value)}", value, wanted, TYPE)]
        ranked = sorted(range(len(options)), key=lambda i: self._rank(value, options[i], attempts[i]))
        return attempts[ranked[0]]

    def _any_passes(self, value: Any, options: list[Any], path: str) -> bool:
        """Whether an anyOf form matches, trying the likeliest first (the object form that knows the most fields)."""
        quiet, self.quiet = self.quiet, True
        try:
            ordered = sorted(options, key=lambda o: -self._known(value, o)) if isinstance(value, dict) else options
            return any(not self.check(value, option, path) for option in ordered)
        finally:
            self.quiet = quiet

    def _tagged_union(self, attempts: list[list[Violation]]) -> Violation | None:
        """Where every form fails on the same field's constant (a `@type`), that field is the problem."""
        consts = [next((p for p in problems if p.kind == CONST), None) for problems in attempts]
        if any(c is None for c in consts) or len({c.path for c in consts}) != 1:
            return None
        allowed = list(dict.fromkeys(c.expected for c in consts))
        found = self._not_in_enum(consts[0].current, allowed, consts[0].path)
        return Violation(found.path, found.message, found.current, found.expected, CONST)

    def _rank(self, value: Any, option: Any, problems: list[Violation]) -> tuple[int, int, int]:
        """Which failed option to report: the one that knows most of the object's fields, then
        the one with fewest problems, then the one whose problems lie deepest."""
        return (-self._known(value, option), len(problems), -max(len(p.path) for p in problems))

    def _known(self, value: Any, option: Any) -> int:
        """How many of an object's fields an option's properties name (0 for anything but an object)."""
        if not isinstance(value, dict) or not isinstance(option, dict):
            return 0
        properties = self.resolve(option).get("properties", {})
        return sum(1 for key in value if key in properties)

    def _check_object(self, value: Mapping[str, Any], schema: Mapping[str, Any], path: str) -> list[Violation]:
        problems: list[Violation] = []
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        missing = [key for key in schema.get("required", []) if key not in value]
        unknown: list[str] = []
        for key, item in value.items():
            matched = False
            if key in properties:
                problems += self.check(item, properties[key], join(path, key))
                matched = True
            for pattern, sub in patterns.items():
                if isinstance(key, str) and re.search(pattern, key):
                    problems += self.check(item, sub, join(path, key))
                    matched = True
            if matched:
                continue
            extra = schema.get("additionalProperties", True)
            if extra is False:
                unknown.append(key)
            elif isinstance(extra, dict):
                problems += self.check(item, extra, join(path, key))
        names = schema.get("propertyNames")
        if names is not None:
            for key in value:
                if key not in unknown and self.check(key, names, join(path, key)):
                    unknown.append(key)
        problems += self._unknown_and_missing(value, unknown, missing, self._known_names(schema), path, properties)
        count = len(value)
        if "minProperties" in schema and count < schema["minProperties"]:
            problems.append(Violation(path, f"needs at least {schema['minProperties']} field(s)", value, f">= {schema['minProperties']} fields"))
        if "maxProperties" in schema and count > schema["maxProperties"]:
            problems.append(Violation(path, f"allows at most {schema['maxProperties']} field(s)", value, f"<= {schema['maxProperties']} fields"))
        return problems

    def _known_names(self, schema: Mapping[str, Any]) -> list[str]:
        """The field names a closed object accepts: its properties, or the names its propertyNames lists."""
        names = list(schema.get("properties", {}))
        allowed = schema.get("propertyNames")
        if isinstance(allowed, dict):
            allowed = self.resolve(allowed)
            for option in [allowed, *allowed.get("anyOf", ()), *allowed.get("oneOf", ())]:
                names += [n for n in self.resolve(option).get("enum", ()) if isinstance(n, str) and n not in names]
        return names

    def _unknown_and_missing(self, value, unknown: list[str], missing: list[str], known: list[str], path: str, properties) -> list[Violation]:
        """An unknown field next to a missing one it is a typo of is one problem, not two."""
        problems: list[Violation] = []
        listed = ", ".join(known) or "none"
        meant_for: dict[str, str] = {}
        for key in sorted(unknown, key=str):
            candidates = [] if self.quiet else [k for k in known if k not in value]
            meant = spelling.closest(str(key), [k for k in candidates if k in missing]) or spelling.closest(str(key), candidates)
            if meant is not None:
                meant_for[meant] = key
                note = " (a required field)" if meant in missing else ""
                message = f"is not a known field: did you mean `{meant}`{note}? Known fields: {listed}"
            else:
                message = f"is not a known field; known fields: {listed}"
            problems.append(Violation(join(path, str(key)), message, value[key], meant or "absent", UNKNOWN, path))
        for key in missing:
            if key in meant_for:
                continue
            described = self.resolve(properties.get(key, {})).get("description")
            message = f"is required ({described})" if described else "is required"
            problems.append(Violation(join(path, key), message, None, described or "a value", REQUIRED, path))
        return problems

    def _check_array(self, value: list[Any], schema: Mapping[str, Any], path: str) -> list[Violation]:
        problems: list[Violation] = []
        if "minItems" in schema and len(value) < schema["minItems"]:
            problems.append(Violation(path, f"needs at least {schema['minItems']} item(s)", value, f">= {schema['minItems']} items"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(Violation(path, f"allows at most {schema['maxItems']} item(s)", value, f"<= {schema['maxItems']} items"))
        prefix = schema.get("prefixItems", [])
        for index, item in enumerate(value):
            if index < len(prefix):
                problems += self.check(item, prefix[index], join(path, index))
            elif "items" in schema:
                problems += self.check(item, schema["items"], join(path, index))
        if schema.get("uniqueItems"):
            for later in range(1, len(value)):
                first = next((i for i in range(later) if equal(value[i], value[later])), None)
                if first is not None:
                    problems.append(Violation(join(path, later), f"repeats item {first}: items must be unique", value[later], "a value not listed before"))
        return problems

    def _check_string(self, value: str, schema: Mapping[str, Any], path: str) -> list[Violation]:
        problems: list[Violation] = []
        # JSON Schema counts code points, as Python's len does.
        if "minLength" in schema and len(value) < schema["minLength"]:
            problems.append(Violation(path, f"must have at least {schema['minLength']} character(s)", value, f"length >= {schema['minLength']}"))
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            problems.append(Violation(path, f"must have at most {schema['maxLength']} character(s)", value, f"length <= {schema['maxLength']}"))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            described = f" ({schema['description']})" if schema.get("description") else ""
            problems.append(Violation(path, f"must match {schema['pattern']}{described}", value, f"a string matching {schema['pattern']}"))
        return problems

    def _check_number(self, value: float, schema: Mapping[str, Any], path: str) -> list[Violation]:
        bounds = (
            ("minimum", lambda b: value >= b, ">="),
            ("maximum", lambda b: value <= b, "<="),
            ("exclusiveMinimum", lambda b: value > b, ">"),
            ("exclusiveMaximum", lambda b: value < b, "<"),
        )
        problems = [
            Violation(path, f"must be {symbol} {schema[keyword]}", value, f"{symbol} {schema[keyword]}")
            for keyword, holds, symbol in bounds
            if keyword in schema and not holds(schema[keyword])
        ]
        if problems and "minimum" in schema and "maximum" in schema:  # say the whole range at once
            span = f"from {schema['minimum']} to {schema['maximum']}"
            problems = [Violation(path, f"must be {span}", value, span)]
        if "multipleOf" in schema and not _multiple(value, schema["multipleOf"]):
            problems.append(Violation(path, f"must be a multiple of {schema['multipleOf']}", value, f"a multiple of {schema['multipleOf']}"))
        return problems

    def defaults(self, value: Any, schema: Mapping[str, Any]) -> Any:
        schema = self.resolve(schema)
        if isinstance(value, dict):
            out = dict(value)
            for key, sub in schema.get("properties", {}).items():
                sub_resolved = self.resolve(sub)
                if key not in out and "default" in sub_resolved:
                    out[key] = copy.deepcopy(sub_resolved["default"])
                if key in out:
                    out[key] = self.defaults(out[key], self._pick(out[key], sub_resolved))
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
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


def _multiple(value: float, factor: float) -> bool:
    """multipleOf as jsonschema decides it (a float factor divides, an integer one takes the remainder)."""
    if isinstance(factor, float):
        quotient = value / factor
        try:
            return int(quotient) == quotient
        except (OverflowError, ValueError):
            return False
    return not value % factor


def _merge_typos(problems: list[Violation], path: str) -> list[Violation]:
    """Drop "is required" for a field an unknown field of the same object was taken for."""
    meant = {join(path, p.expected) for p in problems if p.kind == UNKNOWN and p.parent == path}
    return [p for p in problems if not (p.kind == REQUIRED and p.parent == path and p.path in meant)]
