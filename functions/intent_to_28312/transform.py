"""The function's transform: every TMF921 Intent in the package to one TS 28.312 Intent.

A TMF921 Intent is the package's input and is never applied to a cluster: the
management cluster gets its meaning as the TS 28.312 Intent.  So it is
local-config; one without the annotation is marked, and one that asks to be
applied (`config.kubernetes.io/local-config: "false"`) is an error.
"""

from __future__ import annotations

from typing import Any, Mapping, MutableMapping

from oran_intent_krm.models.terms import TS28312_API_VERSION
from oran_intent_krm.sdk import Context, Generated, layout, resource

from . import source, translate
from .model import Problems

API_VERSION = TS28312_API_VERSION
KIND = "Intent"
SOURCE_LABEL = {"intent.source": "tmf921"}
# The management cluster applies the 28.312 Intent (`kubectl get intents -n <namespace>`).
OUTPUT_DIR = layout.management("ts28312")


def transform(ctx: Context) -> list[Generated]:
    intents = [item for item in ctx.select(include_local_config=True) if source.is_tmf921_intent(item)]
    out = []
    for item in intents:
        generated = translate_one(item, ctx.config, ctx.results)
        keep_local(item, ctx.results, mark=generated is not None)
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


def keep_local(item: Any, results, mark: bool) -> None:
    """Mark the TMF921 Intent local-config (unless `mark` is off: an intent in error is left as it
    is), or report the annotation that would have it applied."""
    metadata = item.get("metadata")
    if not isinstance(metadata, MutableMapping):
        return
    value = resource.annotations(item).get(resource.LOCAL_CONFIG)
    generated = resource.ref_string(intent_object(item, {}))
    if value is None and mark:
        annotations = metadata.get("annotations")
        if not isinstance(annotations, MutableMapping):
            annotations = metadata["annotations"] = {}
        annotations[resource.LOCAL_CONFIG] = "true"
        results.info(
            f"marked local-config: a TMF921 Intent is the package's input, never applied; the management cluster gets {generated}",
            item,
            "metadata.annotations",
            tags={"reason": "MarkedLocalConfig"},
        )
    elif value is not None and not resource.is_local_config(item):
        results.error(
            f"a TMF921 Intent is the package's input and is never applied: the management cluster gets {generated}, "
            f"from {output_path(item)}; remove the annotation or set it to \"true\"",
            item,
            f"metadata.annotations.{resource.LOCAL_CONFIG}",
            current=value,
            expected="true",
        )


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
