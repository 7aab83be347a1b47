"""Binding a ResourceList's functionConfig to a function's configuration.

Accepted forms, all validated against the function's schema:
- none, `{}`, or kpt's empty `function-input` ConfigMap: every default applies;
- a `ConfigMap` (also what kpt makes of an inline `configMap:`): string values are
  converted to the schema's types, objects and lists are read as YAML or JSON text;
- the function's own kind in `fn.oran-intent.io/v1alpha1`, fields at the top level
  (also what kpt passes for `configPath:`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from . import schema as schemas
from .results import Results

CONFIG_API_VERSION = "fn.oran-intent.io/v1alpha1"
_ENVELOPE = ("apiVersion", "kind", "metadata")


@dataclass
class ConfigSpec:
    kind: str
    load_schema: Callable[[], Mapping[str, Any]]


def schema_beside(module_file: str) -> Callable[[], Mapping[str, Any]]:
    """A loader of the `config.schema.json` generated next to a function's module.

    The schema, not the pydantic model, is read at run time (once, and only when
    needed): a render never pays for importing pydantic.
    """
    path = os.path.join(os.path.dirname(os.path.abspath(module_file)), "config.schema.json")
    cache: list[Mapping[str, Any]] = []

    def load() -> Mapping[str, Any]:
        if not cache:
            with open(path, encoding="utf-8") as handle:
                cache.append(json.load(handle))
        return cache[0]

    return load


def bind(function_config: Any, spec: ConfigSpec | None, results: Results) -> dict[str, Any] | None:
    """The validated configuration with defaults, or None after reporting why it is invalid."""
    if spec is None:
        return {}
    if not function_config:
        return _validated({}, spec, None, "", results)
    if not isinstance(function_config, Mapping):
        results.error(f"functionConfig must be an object: a ConfigMap or {CONFIG_API_VERSION} {spec.kind}")
        return None
    api_version, kind = function_config.get("apiVersion"), function_config.get("kind")
    if api_version == "v1" and kind == "ConfigMap":
        data = function_config.get("data") or {}
        if not isinstance(data, Mapping):
            results.error("ConfigMap data must be a map of strings", function_config, "data", current=data)
            return None
        values = schemas.coerce_strings(data, spec.load_schema())
        return _validated(values, spec, function_config, "data", results)
    if kind == spec.kind and api_version == CONFIG_API_VERSION:
        values = {k: v for k, v in function_config.items() if k not in _ENVELOPE}
        return _validated(values, spec, function_config, "", results)
    results.error(
        f"functionConfig {api_version}/{kind} is not accepted: expected a ConfigMap or {CONFIG_API_VERSION} {spec.kind}",
        function_config if api_version and kind else None,
        "kind",
        current=kind,
        expected=spec.kind,
    )
    return None


def _validated(values: dict[str, Any], spec: ConfigSpec, obj: Any, prefix: str, results: Results) -> dict[str, Any] | None:
    schema = spec.load_schema()
    problems = schemas.validate(values, schema)
    for problem in problems:
        path = ".".join(p for p in (prefix, problem.path) if p)
        results.error(
            f"invalid functionConfig: {path or 'config'} {problem.message}",
            obj if isinstance(obj, Mapping) and obj.get("kind") else None,
            path or None,
            current=problem.current,
            expected=problem.expected,
        )
    if problems:
        return None
    return schemas.apply_defaults(values, schema)
