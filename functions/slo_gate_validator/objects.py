"""The validator's own resources: local-config objects named after what they describe."""

from __future__ import annotations

from typing import Any, Mapping

from oran_intent_krm.sdk import layout, ownership, resource

# Records are local-config: outside every folder a GitOps tool syncs.
DIRECTORY = layout.RECORDS


def local_object(api_version: str, kind: str, named_after: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """A local-config object with the name and namespace of another one (kpt never applies it)."""
    metadata: dict[str, Any] = {"name": resource.name(named_after)}
    if resource.namespace(named_after):
        metadata["namespace"] = resource.namespace(named_after)
    metadata["annotations"] = {resource.LOCAL_CONFIG: "true"}
    return {"apiVersion": api_version, "kind": kind, "metadata": metadata, "spec": dict(spec)}


def path_of(obj: Mapping[str, Any]) -> str:
    return ownership.default_path(obj, DIRECTORY)
