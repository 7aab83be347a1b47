"""Reading one TMF921 Intent resource, whatever its form, into a SourceIntent.

- the guide's KRM form: `spec.intentExpectations[]`;
- a TMF921 v5 `Intent` body under `spec` (recognised by `spec.expression`), whose
  `expression` is a `JsonLdExpression` (object, or JSON text) or a `TurtleExpression` (Turtle text).
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from oran_intent_krm.sdk import resource

from . import read_krm, rules
from .model import Problems, SourceIntent

TMF921_GROUP = "tmf921.intent.tmforum.org"
JSONLD, TURTLE = "JsonLdExpression", "TurtleExpression"


def is_tmf921_intent(obj: Mapping[str, Any]) -> bool:
    return resource.group_of(str(obj.get("apiVersion") or "")) == TMF921_GROUP and obj.get("kind") == "Intent"


def read(obj: Mapping[str, Any], config: Mapping[str, Any], problems: Problems) -> SourceIntent | None:
    spec = obj.get("spec")
    if not isinstance(spec, Mapping):
        problems.error("the intent has no spec", "spec", current=rules.plain_value(spec), expected="spec.intentExpectations or a TMF921 v5 Intent body with expression")
        return None
    name = resource.name(obj)
    label = spec.get("name") if isinstance(spec.get("name"), str) and spec.get("name").strip() else name
    intent = SourceIntent(name, resource.namespace(obj), label, "krm")
    intent.priority = rules.intent_priority(spec.get("priority"), "spec.priority", problems)
    intent.admin_state = rules.admin_state(spec.get("lifecycleStatus"))
    intent.valid_for = rules.time_window(spec.get("validFor"), "spec.validFor", problems)
    if "expression" in spec:
        _read_expression(spec["expression"], intent, config, problems)
    else:
        intent.expectations = read_krm.read_expectations(spec, config, problems)
    return intent


def _read_expression(expression: Any, intent: SourceIntent, config: Mapping[str, Any], problems: Problems) -> None:
    path = "spec.expression"
    if not isinstance(expression, Mapping):
        problems.error("expression must be an object", path, current=rules.plain_value(expression), expected=f"{{@type: {JSONLD} | {TURTLE}, expressionValue}}")
        return
    kind = expression.get("@type")
    value = expression.get("expressionValue")
    if kind is None:
        kind = JSONLD if isinstance(value, Mapping) else None
    if kind not in (JSONLD, TURTLE):
        problems.error("unsupported expression type", f"{path}.@type", current=rules.plain_value(kind), expected=f"{JSONLD} or {TURTLE}")
        return
    where = f"{path}.expressionValue"
    # Only intents with an expression pay for the ontology readers.
    from . import graph, read_tio

    try:
        if kind == JSONLD:
            intent.form = "jsonld"
            parsed = graph.from_jsonld(_json_value(value, where), where)
        else:
            intent.form = "turtle"
            parsed = graph.from_turtle(value, where)
    except graph.GraphError as exc:
        message = f"not valid JSON-LD: {exc}" if kind == JSONLD else str(exc)
        problems.error(message, exc.path, current=_excerpt(value), expected=exc.expected)
        return
    read_tio.read_graph(parsed, intent, config, where, problems)


def _json_value(value: Any, path: str) -> Any:
    """A JSON-LD document given as an object, or as JSON text (TMF921 v4 carries strings)."""
    from . import graph

    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise graph.GraphError(f"expressionValue is not JSON ({exc})", path, "a JSON-LD object") from None
    return rules.plain_value(value)


def _excerpt(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(rules.plain_value(value), sort_keys=True, ensure_ascii=False)
    return text if len(text) <= 200 else text[:197] + "..."
