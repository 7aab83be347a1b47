"""What the API reports about an intent, read from its rendered package.

- `lifecycle_status`: from the rendered TS 28.312 intents and IntentReports:

  | rendered                                                      | lifecycleStatus |
  |---|---|
  | every TS 28.312 intent DEACTIVATED (TMF lifecycleStatus asked for it) | `Suspended` |
  | IntentReport FULFILLED (every SLO gate Passed)                | `Fulfilled` |
  | IntentReport NOT_FULFILLED, DEGRADED (a gate Failed)          | `Degraded` |
  | otherwise (no measurements yet, Inconclusive)                 | `Active` |

- `intent_report`: the TMF921 IntentReport of the package.  Its `expression` is a JSON-LD
  document whose terms are TS 28.312's (`@vocab`): the IntentReport the slo-gate-validator
  rendered (intentFulfilmentReport, and intentConflictReports where the pipeline writes them) plus
  the feasibility check of the render that produced the package (FEASIBLE: it rendered and was
  committed).  An intent whose package has no TS 28.312 IntentReport (no SLO gate covers it) still
  gets one report, with the feasibility check alone: every intent has a report once created.
- `feasibility`: FEASIBLE, or INFEASIBLE with the render's error results as the reason; a render
  that failed on a conflict with other intents also gives `conflicts_in_results`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any, Iterable, Mapping

from oran_intent_krm.models import conflicts

from . import krm
from .readmodel import PackageView

TS28312_VOCAB = "https://www.3gpp.org/ftp/Specs/archive/28_series/28.312/#"
MAX_REASONS = 5


def lifecycle_status(view: PackageView) -> str:
    states = view.admin_states()
    if states and states == {"DEACTIVATED"}:
        return "Suspended"
    statuses = [_fulfilment(report) for report in _reports_of(view)]
    if statuses and all(s == ("FULFILLED", "") for s in statuses):
        return "Fulfilled"
    if any(state == "DEGRADED" for _, state in statuses):
        return "Degraded"
    return "Active"


def _fulfilment(report: Mapping[str, Any]) -> tuple[str, str]:
    info = ((report.get("spec") or {}).get("intentFulfilmentReport") or {}).get("intentFulfilmentInfo") or {}
    return str(info.get("fulfilmentStatus") or ""), str(info.get("notFullfilledState") or "")


def _reports_of(view: PackageView) -> list[Mapping[str, Any]]:
    """The TS 28.312 IntentReports about the intents generated from the package's TMF921 intent."""
    sources = {krm.ref_string(i) for i in view.ts_intents}
    return [r for r in view.intent_reports if krm.source(r) in sources]


def feasibility(errors: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    messages = [_result_text(e) for e in errors]
    if not messages:
        return {"feasibilityCheckResult": "FEASIBLE"}
    shown = messages[:MAX_REASONS]
    more = len(messages) - len(shown)
    reason = "; ".join(shown) + (f"; and {more} more" if more else "")
    return {"feasibilityCheckResult": "INFEASIBLE", "infeasibilityReason": reason}


def _result_text(result: Mapping[str, Any]) -> str:
    ref = result.get("resourceRef") if isinstance(result.get("resourceRef"), Mapping) else {}
    where = f"{ref.get('kind')} {ref.get('name')}: " if ref.get("kind") and ref.get("name") else ""
    return where + " ".join(str(result.get("message") or "").split())


def conflict_reports(view: PackageView | None) -> list[dict[str, Any]]:
    """TS 28.312 intentConflictReports in the package's rendered IntentReports (a conflict fails the
    render, so a committed package has none today; what a later pipeline writes there is carried)."""
    if view is None:
        return []
    out: list[dict[str, Any]] = []
    for report in _reports_of(view):
        out += [copy.deepcopy(c) for c in (report.get("spec") or {}).get("intentConflictReports") or [] if isinstance(c, Mapping)]
    return out


def conflicts_in_results(results: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """TS 28.312 intentConflictReports stated by a failed render's error results (models/conflicts.py).

    The package holds one intent, so every report the results build belongs to it, whichever of
    its TS 28.312 intents the function named."""
    return [report for found in conflicts.reports_from_results(results).values() for report in found]


def report_content(view: PackageView) -> dict[str, Any]:
    """The TS 28.312 IntentReport of a committed package, as one document."""
    reports = _reports_of(view)
    content: dict[str, Any] = {"intentReference": ",".join(f"Intent={krm.name(i)}" for i in view.ts_intents) or f"Intent={view.name}"}
    if len(reports) == 1:
        spec = reports[0].get("spec") or {}
        content.update({k: copy.deepcopy(v) for k, v in spec.items() if k != "intentReference"})
    elif reports:
        content["intentFulfilmentReports"] = [copy.deepcopy(r.get("spec") or {}) for r in reports]
    content.setdefault("intentConflictReports", conflict_reports(view))
    content["intentFeasibilityCheckReport"] = feasibility()
    return content


def report_id(content: Mapping[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def intent_report(view: PackageView, intent_href: str, created: str) -> dict[str, Any]:
    """The TMF921 IntentReport of a committed package (see the module's docstring)."""
    content = report_content(view)
    identifier = report_id(content)
    names = [krm.name(r) for r in _reports_of(view)]
    return {
        "id": identifier,
        "href": f"{intent_href}/intentReport/{identifier}",
        "@type": "IntentReport",
        "name": names[0] if len(names) == 1 else view.name,
        "description": f"TS 28.312 IntentReport of intent {view.name}, read from its rendered package",
        "creationDate": str(content.get("lastUpdatedTime") or created),
        "intent": {"id": view.name, "href": intent_href, "name": view.name, "@type": "IntentRef"},
        "expression": expression(content),
    }


def probe_report(name: str, intent_href: str, created: str, check: Mapping[str, Any], conflicts: list[dict[str, Any]], view: PackageView | None) -> dict[str, Any]:
    """The TMF921 IntentReport of a probe: its feasibility check and conflicts (and, when it rendered,
    the fulfilment its package would start with)."""
    content: dict[str, Any] = report_content(view) if view is not None else {"intentReference": f"Intent={name}"}
    content["intentConflictReports"] = conflicts
    content["intentFeasibilityCheckReport"] = dict(check)
    identifier = report_id({**content, "probe": intent_href})
    return {
        "id": identifier,
        "href": f"{intent_href}/intentReport/{identifier}",
        "@type": "IntentReport",
        "name": f"{name}-feasibility",
        "description": f"Feasibility of probe {name}: rendered against the repository, committed never",
        "creationDate": created,
        "intent": {"id": intent_href.rsplit("/", 1)[-1], "href": intent_href, "name": name, "@type": "IntentRef"},
        "expression": expression(content),
    }


def expression(content: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "@type": "JsonLdExpression",
        "iri": "urn:3gpp:ts:28.312:IntentReport",
        "expressionValue": {"@context": {"@vocab": TS28312_VOCAB}, "@type": "IntentReport", **copy.deepcopy(dict(content))},
    }
