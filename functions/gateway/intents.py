"""TMF921 Intent JSON <-> the KRM Intent a package holds, and what the API shows of a package.

A package's `intent.yaml` is a `tmf921.intent.tmforum.org/v1` Intent in one of two forms
(functions/intent_to_28312/README.md):

- TMF921 v5: the `Intent_FVO` body under `spec`, as POST /intent receives it;
- the guide's KRM form: `spec.intentExpectations[]`, as POST /intent-gateway/v1/intents receives it.

The API's `Intent` of either is built here.  The server's own attributes live in annotations
(creationDate, lastUpdate, statusChangeDate), never in `spec`, so a render reads only what the
client asked for.  `lifecycleStatus` is read from the rendered package (reports.py).
"""

from __future__ import annotations

import copy
import re
from typing import Any, Mapping

from . import krm, readmodel

API_VERSION = f"{krm.TMF921}/v1"
SERVER_FIELDS = ("id", "href", "creationDate", "lastUpdate", "statusChangeDate")
# Attributes of an intent in the guide's KRM form that the TMF921 Intent also has.
KRM_FIELDS = ("name", "description", "priority", "lifecycleStatus", "validFor")
WRITABLE_V5 = (
    "@type",
    "@baseType",
    "@schemaLocation",
    "name",
    "description",
    "version",
    "priority",
    "isBundle",
    "context",
    "validFor",
    "lifecycleStatus",
    "intentSpecification",
    "intentRelationship",
    "characteristic",
    "relatedParty",
    "attachment",
    "expression",
)
PLACEHOLDER = re.compile(r"\$(\{[A-Z_][A-Z0-9_]*\}|[A-Z_][A-Z0-9_]*)")


def is_v5(intent: Mapping[str, Any]) -> bool:
    spec = intent.get("spec") if isinstance(intent.get("spec"), Mapping) else {}
    return "expression" in spec


def from_fvo(body: Mapping[str, Any], namespace: str) -> dict[str, Any]:
    """The KRM Intent holding a validated Intent_FVO (or a probe's body, rendered as an Intent)."""
    spec = {k: copy.deepcopy(v) for k, v in body.items() if k not in SERVER_FIELDS}
    spec["@type"] = "Intent"
    metadata: dict[str, Any] = {"name": body["name"]}
    if namespace:
        metadata["namespace"] = namespace
    return {"apiVersion": API_VERSION, "kind": "Intent", "metadata": metadata, "spec": spec}


def from_krm(body: Mapping[str, Any]) -> dict[str, Any]:
    """The KRM Intent a client posted, without its status and without the gateway's annotations."""
    out = {k: copy.deepcopy(v) for k, v in body.items() if k != "status"}
    metadata = dict(out.get("metadata") or {})
    notes = {k: v for k, v in (metadata.get("annotations") or {}).items() if not k.startswith(readmodel.ANNOTATION_PREFIX)}
    if notes:
        metadata["annotations"] = notes
    else:
        metadata.pop("annotations", None)
    out["metadata"] = metadata
    return out


def stamped(intent: Mapping[str, Any], created: str, updated: str, status_changed: str | None = None) -> dict[str, Any]:
    out = copy.deepcopy(dict(intent))
    metadata = out.setdefault("metadata", {})
    notes = dict(metadata.get("annotations") or {})
    notes[readmodel.CREATED] = created
    notes[readmodel.UPDATED] = updated
    if status_changed:
        notes[readmodel.STATUS_CHANGED] = status_changed
    metadata["annotations"] = notes
    return out


def tmf_name(intent: Mapping[str, Any]) -> str:
    spec = intent.get("spec") if isinstance(intent.get("spec"), Mapping) else {}
    return str(spec.get("name") or krm.name(intent))


def writable_view(intent: Mapping[str, Any]) -> dict[str, Any]:
    """The client-writable TMF921 attributes of an intent: what a PATCH applies to."""
    spec = intent.get("spec") if isinstance(intent.get("spec"), Mapping) else {}
    if is_v5(intent):
        return {k: copy.deepcopy(spec[k]) for k in WRITABLE_V5 if k in spec and spec[k] is not None}
    out: dict[str, Any] = {"@type": "Intent", "name": tmf_name(intent)}
    for key in KRM_FIELDS[1:]:
        if spec.get(key) is not None:
            out[key] = str(spec[key]) if key == "priority" else copy.deepcopy(spec[key])
    return out


def patched(intent: Mapping[str, Any], view: Mapping[str, Any]) -> dict[str, Any]:
    """The KRM intent after a PATCH produced `view` (validated as Intent_MVO) from writable_view(intent).

    An intent in the KRM form keeps its expectations and takes the attributes both forms share;
    one given an `expression` becomes a TMF921 v5 intent.  Raises ValueError naming an attribute
    the KRM form cannot hold."""
    out = copy.deepcopy(dict(intent))
    if is_v5(intent) or "expression" in view:
        spec = {k: copy.deepcopy(v) for k, v in view.items() if v is not None}
        spec["@type"] = "Intent"
        out["spec"] = spec
        return out
    extra = sorted(set(view) - {"@type", *KRM_FIELDS})
    if extra:
        raise ValueError(
            f"the intent is in the guide's KRM form, which has no {', '.join(extra)}; "
            "PATCH an expression to make it a TMF921 v5 intent, or POST /intent-gateway/v1/intents to change its expectations"
        )
    spec = dict(out.get("spec") or {})
    for key in KRM_FIELDS:
        if key == "name" and view.get("name") == krm.name(intent) and "name" not in spec:
            continue
        if view.get(key) is None:
            spec.pop(key, None)
        else:
            spec[key] = copy.deepcopy(view[key])
    out["spec"] = spec
    return out


def placeholders(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(field path, placeholder) of every unexpanded shell variable such as $TARGET_SITE in a body."""
    found: list[tuple[str, str]] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            found += placeholders(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += placeholders(item, f"{path}[{index}]")
    elif isinstance(value, str):
        found += [(path, match.group(0)) for match in PLACEHOLDER.finditer(value)]
    return found
