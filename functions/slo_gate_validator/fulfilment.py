"""Intent fulfilment: what the gates' verdicts say about the intents they came from.

For every TS 28.312 Intent a gate's `intentRef` names, an `IntentReport`
(`intent.3gpp.org/v1alpha1`, local-config, attributes flat in `spec` as the
Intent's are) carries the standard's IntentFulfilmentReport with its own
spellings, `expectaitonId` and `notFullfilledState` included.  It covers
every ENSURE expectation of the intent:

| gate verdicts of a target (over all gates naming it)  | targetFulfilmentInfo                        |
|---|---|
| all Passed                                            | FULFILLED                                    |
| any Failed                                            | NOT_FULFILLED, notFullfilledState DEGRADED   |
| otherwise (Inconclusive, or no gate measures it)      | NOT_FULFILLED, notFullfilledState ACKNOWLEDGED |

`targetAchievedValue` is the worst observed value over those gates.  An
expectation, and the intent, are FULFILLED when all their targets are.

The TMF921 Intent the 28.312 Intent was translated from (its
`krm.oran-intent.io/source` annotation) gets a `Fulfilled` condition in its
status (True / False / Unknown) and a reference to the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from oran_intent_krm.assurance import operators, timing
from oran_intent_krm.sdk import ownership, resource

from . import objects
from .evaluate import FAILED, PASSED, GateEvaluation, TargetResult
from .status import number

API_GROUP = "intent.3gpp.org"
API_VERSION = "intent.3gpp.org/v1alpha1"
REPORT_KIND = "IntentReport"
FULFILLED, NOT_FULFILLED = "FULFILLED", "NOT_FULFILLED"
DEGRADED, ACKNOWLEDGED = "DEGRADED", "ACKNOWLEDGED"
TMF_CONDITION = "Fulfilled"


@dataclass(frozen=True)
class Fulfilment:
    intent: Mapping[str, Any]
    report: dict[str, Any]
    status: str
    state: str | None
    reasons: tuple[str, ...]


def intent_items(items: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    found = [i for i in items if i.get("kind") == "Intent" and resource.group_of(str(i.get("apiVersion") or "")) == API_GROUP]
    return sorted(found, key=resource.identity)


def fulfilments(items: list[Mapping[str, Any]], evaluations: list[GateEvaluation]) -> tuple[list[Fulfilment], list[str]]:
    """One fulfilment per intent a gate names, and the intents named but not found."""
    intents = {(resource.namespace(i), resource.name(i)): i for i in intent_items(items)}
    by_intent: dict[tuple[str, str], list[GateEvaluation]] = {}
    missing: list[str] = []
    for ev in evaluations:
        ref = ev.policy.intent_ref
        if not ref or resource.group_of(str(ref.get("apiVersion") or "")) != API_GROUP or ref.get("kind") != "Intent":
            continue
        key = (str(ref.get("namespace") or ""), str(ref["name"]))
        if key not in intents:
            missing.append(f"{ev.policy.name}: Intent {ref['name']}")
            continue
        by_intent.setdefault(key, []).append(ev)
    out = [_fulfilment(intents[key], evs) for key, evs in sorted(by_intent.items())]
    return out, missing


def _fulfilment(intent: Mapping[str, Any], evaluations: list[GateEvaluation]) -> Fulfilment:
    results: dict[tuple[str, str], list[tuple[GateEvaluation, TargetResult]]] = {}
    for ev in evaluations:
        for target in ev.targets:
            if target.policy.intent_target:
                results.setdefault(target.policy.intent_target, []).append((ev, target))
    expectations = []
    for expectation in _ensure_expectations(intent):
        eid = str(expectation.get("expectationId"))
        targets = [
            _target_result(str(t.get("targetName")), results.get((eid, str(t.get("targetName"))), []))
            for t in _list(expectation.get("expectationTargets"))
            if isinstance(t, Mapping)
        ]
        expectations.append(
            {"expectaitonId": eid, "expectationFulfilmentInfo": _combined([t["targetFulfilmentInfo"] for t in targets], "target"), "targetFulfilmentResult": targets}
        )
    info = _combined([e["expectationFulfilmentInfo"] for e in expectations], "expectation")
    spec: dict[str, Any] = {
        "intentReference": f"Intent={resource.name(intent)}",
        "intentFulfilmentReport": {"intentFulfilmentInfo": info, "expectationFulfilmentResult": expectations},
    }
    ends = [ev.window[1] for ev in evaluations if ev.window is not None]
    if ends:  # the data's own time, never the clock's
        spec["lastUpdatedTime"] = timing.format_timestamp(max(ends))
    return Fulfilment(intent, _report_object(intent, spec), info["fulfilmentStatus"], info.get("notFullfilledState"), tuple(info.get("notFulfilledReasons") or ()))


def _ensure_expectations(intent: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    spec = intent.get("spec") if isinstance(intent.get("spec"), Mapping) else {}
    found = _list(spec.get("intentExpectations"))
    return [e for e in found if isinstance(e, Mapping) and e.get("expectationVerb") == "ENSURE" and e.get("expectationId") is not None]


def _list(value: Any) -> list[Any]:
    """A list field as a list; anything else (a user's typo, a scalar) as no entries."""
    return list(value) if isinstance(value, list) else []


def _target_result(name: str, measured: list[tuple[GateEvaluation, TargetResult]]) -> dict[str, Any]:
    out: dict[str, Any] = {"targetName": name}
    if not measured:
        out["targetFulfilmentInfo"] = _info(NOT_FULFILLED, ACKNOWLEDGED, ["no SLOGate measures this target"])
        return out
    verdicts = [t.verdict for _, t in measured]
    reasons = [f"SLOGate {ev.policy.name}: {t.policy.metric} {t.verdict}: {t.message}" for ev, t in measured if t.verdict != PASSED]
    if all(v == PASSED for v in verdicts):
        out["targetFulfilmentInfo"] = _info(FULFILLED)
    elif FAILED in verdicts:
        out["targetFulfilmentInfo"] = _info(NOT_FULFILLED, DEGRADED, reasons)
    else:
        out["targetFulfilmentInfo"] = _info(NOT_FULFILLED, ACKNOWLEDGED, reasons)
    achieved = _worst(t for _, t in measured)
    if achieved is not None:
        out["targetAchievedValue"] = number(achieved)
    return out


def _worst(results: Iterable[TargetResult]) -> float | None:
    worst = None
    for t in results:
        if t.observed is None:
            continue
        worst = t.observed if worst is None else operators.worse(t.observed, worst, t.policy.operator, t.policy.threshold)
    return worst


def _info(status: str, state: str | None = None, reasons: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"fulfilmentStatus": status}
    if status == NOT_FULFILLED:
        out["notFullfilledState"] = state
        out["notFulfilledReasons"] = sorted(set(reasons or []))
    return out


def _combined(infos: list[Mapping[str, Any]], what: str) -> dict[str, Any]:
    failing = [i for i in infos if i["fulfilmentStatus"] != FULFILLED]
    if not infos:
        return _info(NOT_FULFILLED, ACKNOWLEDGED, [f"no {what} to fulfil"])
    if not failing:
        return _info(FULFILLED)
    state = DEGRADED if any(i.get("notFullfilledState") == DEGRADED for i in failing) else ACKNOWLEDGED
    return _info(NOT_FULFILLED, state, [f"{len(failing)} of {len(infos)} {what}(s) not fulfilled"])


def _report_object(intent: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    return objects.local_object(API_VERSION, REPORT_KIND, intent, spec)


def source_intent(by_ref: Mapping[str, Any], intent: Mapping[str, Any]) -> Any:
    """The TMF921 Intent (or any resource) the 28.312 Intent was generated from, if in the package.

    `by_ref` maps `resource.ref_string` to item, built once for all intents.
    """
    source = resource.annotations(intent).get(ownership.SOURCE)
    return by_ref.get(str(source)) if source else None


def tmf_status_update(source: Any, fulfilled: list[Fulfilment]) -> bool:
    """Put the Fulfilled condition and the report references on the TMF921 intent; True if it changed."""
    statuses = [f.status for f in fulfilled]
    degraded = any(f.state == DEGRADED for f in fulfilled)
    if all(s == FULFILLED for s in statuses):
        condition = {"type": TMF_CONDITION, "status": "True", "reason": "Fulfilled"}
    elif degraded:
        condition = {"type": TMF_CONDITION, "status": "False", "reason": "Degraded"}
    else:
        condition = {"type": TMF_CONDITION, "status": "Unknown", "reason": "Inconclusive"}
    parts = [f"Intent {resource.name(f.intent)}: {f.status}" + (f" ({f.state})" if f.state else "") for f in fulfilled]
    condition["message"] = "; ".join(parts) + " (see IntentReport)"
    refs = [
        {"apiVersion": API_VERSION, "kind": REPORT_KIND, "name": resource.name(f.report), "fulfilmentStatus": f.status}
        for f in fulfilled
    ]
    before = json.dumps(source.get("status"), sort_keys=True, default=str)
    status = source.get("status")
    if not isinstance(status, Mapping):
        status = {}
    conditions = [c for c in (status.get("conditions") or []) if not (isinstance(c, Mapping) and c.get("type") == TMF_CONDITION)]
    position = next((n for n, c in enumerate(status.get("conditions") or []) if isinstance(c, Mapping) and c.get("type") == TMF_CONDITION), len(conditions))
    conditions.insert(position, condition)
    new_status = dict(status)
    new_status["conditions"] = conditions
    new_status["intentReports"] = refs
    if json.dumps(new_status, sort_keys=True, default=str) == before:
        return False
    source["status"] = new_status
    return True
