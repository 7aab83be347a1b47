"""The API's representations of what the read model holds."""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import Any, Mapping

from . import intents, reports
from .readmodel import PackageView

TMF_BASE = "/tmf-api/intentManagement/v5"
ALIAS_BASE = "/intent-gateway/v1"
INTENT_ATTRIBUTES = (
    "id",
    "href",
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
    "statusChangeDate",
    "creationDate",
    "lastUpdate",
    "intentSpecification",
    "intentRelationship",
    "characteristic",
    "relatedParty",
    "attachment",
    "expression",
    "intentFeasibilityCheckReport",
    "intentConflictReports",
)
INTENT_FILTERS = ("id", "@type", "name", "description", "version", "priority", "isBundle", "context", "lifecycleStatus", "statusChangeDate", "creationDate", "lastUpdate")
REPORT_ATTRIBUTES = ("id", "href", "@type", "name", "description", "creationDate", "intent", "expression")
REPORT_FILTERS = ("id", "name", "creationDate")


def intent_href(identifier: str) -> str:
    return f"{TMF_BASE}/intent/{identifier}"


def intent_json(view: PackageView) -> dict[str, Any]:
    body = intents.writable_view(view.intent)
    body.update(
        {
            "id": view.name,
            "href": intent_href(view.name),
            "@type": "Intent",
            "lifecycleStatus": reports.lifecycle_status(view),
            "creationDate": view.created or None,
            "lastUpdate": view.updated or None,
            "statusChangeDate": view.status_changed or None,
        }
    )
    return {k: body[k] for k in INTENT_ATTRIBUTES if body.get(k) is not None}


def intent_reports(view: PackageView, deleted: frozenset[str]) -> list[dict[str, Any]]:
    report = reports.intent_report(view, intent_href(view.name), view.updated)
    return [] if report["id"] in deleted else [report]


def krm_intent(view: PackageView) -> dict[str, Any]:
    return copy.deepcopy(dict(view.intent))


class Probes:
    """ProbeIntents and their reports, kept in memory (a probe commits nothing): the newest `size`."""

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[str, tuple[dict[str, Any], dict[str, Any]]] = OrderedDict()

    def add(self, identifier: str, intent: dict[str, Any], report: dict[str, Any]) -> None:
        self._items[identifier] = (intent, report)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, identifier: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        return self._items.get(identifier)

    def remove(self, identifier: str) -> bool:
        return self._items.pop(identifier, None) is not None

    def remove_report(self, identifier: str) -> None:
        intent, _ = self._items[identifier]
        self._items[identifier] = (intent, {})


def probe_json(identifier: str, name: str, body: Mapping[str, Any], result: Any, created: str) -> dict[str, Any]:
    out = {k: copy.deepcopy(v) for k, v in body.items() if k in INTENT_ATTRIBUTES}
    out.update(
        {
            "id": identifier,
            "href": intent_href(identifier),
            "@type": "ProbeIntent",
            "name": name,
            "lifecycleStatus": "Feasible" if result.feasibility["feasibilityCheckResult"] == "FEASIBLE" else "Infeasible",
            "creationDate": created,
            "lastUpdate": created,
            "statusChangeDate": created,
            "intentFeasibilityCheckReport": result.feasibility,
            "intentConflictReports": result.conflicts,
        }
    )
    return {k: out[k] for k in INTENT_ATTRIBUTES if out.get(k) is not None}
