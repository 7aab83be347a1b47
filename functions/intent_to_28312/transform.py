"""The function's transform: every TMF921 Intent in the package to one TS 28.312 Intent."""

from __future__ import annotations

from typing import Any, Mapping

from oran_intent_krm.models.terms import TS28312_API_VERSION
from oran_intent_krm.sdk import Context, Generated, resource

from . import source, translate
from .model import Problems

API_VERSION = TS28312_API_VERSION
KIND = "Intent"
SOURCE_LABEL = {"intent.source": "tmf921"}
OUTPUT_DIR = "generated/ts28312"


def transform(ctx: Context) -> list[Generated]:
    intents = [item for item in ctx.select() if source.is_tmf921_intent(item)]
    out = []
    for item in intents:
        generated = translate_one(item, ctx.config, ctx.results)
        if generated is not None:
            out.append(generated)
    return out


def translate_one(item: Mapping[str, Any], config: Mapping[str, Any], results) -> Generated | None:
    """The TS 28.312 Intent for one TMF921 Intent, or None after reporting why there is none."""
    problems = Problems()
    read = source.read(item, config, problems)
    spec = translate.translate(read, config, problems) if read is not None else None
    for problem in problems:
        report = getattr(results, problem.severity)
        report(problem.message, item, problem.path, current=problem.current, expected=problem.expected)
    if spec is None or problems.has_errors:
        return None
    return Generated(obj=intent_object(item, spec), source=item, path=output_path(item))


def intent_object(item: Mapping[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": resource.name(item)}
    if resource.namespace(item):
        metadata["namespace"] = resource.namespace(item)
    metadata["labels"] = dict(SOURCE_LABEL)
    return {"apiVersion": API_VERSION, "kind": KIND, "metadata": metadata, "spec": spec}


def output_path(item: Mapping[str, Any]) -> str:
    parts = [OUTPUT_DIR]
    if resource.namespace(item):
        parts.append(resource.namespace(item))
    parts.append(f"intent_{resource.name(item)}.yaml")
    return "/".join(parts)
