"""Builders shared by the intent-to-28312 tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from oran_intent_krm.intent_to_28312 import source, translate
from oran_intent_krm.intent_to_28312.main import FUNCTION
from oran_intent_krm.intent_to_28312.model import Problems
from oran_intent_krm.sdk import schema, yaml_io

EXAMPLES = Path(__file__).resolve().parents[2] / "functions" / "intent_to_28312" / "examples"
TMF = "tmf921.intent.tmforum.org/v1"


def config(**overrides: Any) -> dict[str, Any]:
    return schema.apply_defaults(dict(overrides), FUNCTION.config.load_schema())


def krm_intent(name: str, *expectations: dict[str, Any], namespace: str | None = None, **spec: Any) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": name}
    if namespace:
        metadata["namespace"] = namespace
    return {"apiVersion": TMF, "kind": "Intent", "metadata": metadata, "spec": {**spec, "intentExpectations": list(expectations)}}


def expectation(verbs, objects=None, targets=None, contexts=None) -> dict[str, Any]:
    out: dict[str, Any] = {"expectationVerbs": list(verbs)}
    if objects is not None:
        out["expectationObjects"] = list(objects)
    if targets is not None:
        out["expectationTargets"] = list(targets)
    if contexts is not None:
        out["expectationContexts"] = [{"contextAttribute": k, "contextValue": v} for k, v in contexts.items()]
    return out


def v5_intent(name: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": TMF, "kind": "Intent", "metadata": {"name": name}, "spec": body}


def jsonld_body(value: Any, **fields: Any) -> dict[str, Any]:
    return {"@type": "Intent", "name": fields.pop("name", "Intent"), **fields, "expression": {"@type": "JsonLdExpression", "iri": "https://example.com/e", "expressionValue": value}}


def turtle_body(text: str, **fields: Any) -> dict[str, Any]:
    return {"@type": "Intent", "name": fields.pop("name", "Intent"), **fields, "expression": {"@type": "TurtleExpression", "iri": "https://example.com/t", "expressionValue": text}}


def translated(obj: dict[str, Any], **overrides: Any) -> tuple[dict[str, Any] | None, Problems]:
    """The pure core: the TS 28.312 spec for one TMF921 intent, and the problems found."""
    problems = Problems()
    read = source.read(obj, config(**overrides), problems)
    spec = translate.translate(read, config(**overrides), problems) if read is not None else None
    return (None if problems.has_errors else spec), problems


def spec_of(obj: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    spec, problems = translated(obj, **overrides)
    assert spec is not None, [p for p in problems if p.severity == "error"]
    return spec


def errors(problems: Problems) -> list:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Problems) -> list:
    return [p for p in problems if p.severity == "warning"]


def targets(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for e in spec["intentExpectations"] for t in e["expectationTargets"]]


def by_verb(spec: dict[str, Any], verb: str) -> list[dict[str, Any]]:
    return [e for e in spec["intentExpectations"] if e["expectationVerb"] == verb]


def object_context(expectation: dict[str, Any], attribute: str) -> dict[str, Any] | None:
    found = [c for c in expectation["expectationObject"].get("objectContexts", []) if c["contextAttribute"] == attribute]
    return found[0] if found else None


def resource_list(items: list[dict[str, Any]], function_config: dict[str, Any] | None = None) -> bytes:
    doc: dict[str, Any] = {"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": items}
    if function_config is not None:
        doc["functionConfig"] = function_config
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()


def run(items: list[dict[str, Any]], function_config: dict[str, Any] | None = None) -> tuple[dict[str, Any], int]:
    """The whole function on a ResourceList: the parsed output and the exit code."""
    text, code = FUNCTION.process(resource_list(items, function_config))
    return yaml.safe_load(text), code


def run_text(text: str) -> tuple[dict[str, Any], int]:
    out, code = FUNCTION.process(text.encode())
    return yaml.safe_load(out), code


def generated(output: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in output.get("items") or [] if i.get("apiVersion") == "intent.3gpp.org/v1alpha1"]


def results(output: dict[str, Any], severity: str | None = None) -> list[dict[str, Any]]:
    return [r for r in output.get("results") or [] if severity is None or r["severity"] == severity]


def example_items(name: str) -> list[dict[str, Any]]:
    """The resources of a golden example package's input files (Kptfile and functionConfig aside)."""
    folder = EXAMPLES / name
    items = []
    for path in sorted(p for p in folder.rglob("*.yaml") if ".expected" not in p.parts):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc and doc.get("kind") not in ("Kptfile",) and not str(doc.get("apiVersion", "")).startswith("fn.oran-intent.io"):
                items.append(doc)
    return items


def canonical(value: Any) -> str:
    return yaml_io.canonical_json(value) if not isinstance(value, str) else json.dumps(value)
