"""Conflicts between intents, in TS 28.312's terms (IntentConflictReport, Rel-18), for the render path.

A function that finds a conflict reports an error result whose tags carry the report's fields;
whoever writes or returns an IntentReport (the gateway for a render that failed) builds the
report's `intentConflictReports` from those results with `reports_from_results`.  Plain Python:
the functions import it without pydantic; `measurement.IntentConflictReport` is its model.

| tag | IntentConflictReport field |
|---|---|
| `conflictId` | `conflictId`: a digest of what conflicts, stable across renders |
| `conflictType` | `conflictType`: INTENT_CONFLICT, EXPECTATION_CONFLICT or TARGET_CONFLICT |
| `intent` | the Intent whose report it belongs in (`Intent=<name>`) |
| `conflictingIntent` | `conflictingIntent`: the other intent(s), comma separated |
| `conflictingExpectation` | `conflictingExpectation` (expectationId), for EXPECTATION_CONFLICT |
| `conflictingTarget` | `conflictingTarget` (targetName), for TARGET_CONFLICT |
| `recommendedSolutions` | `recommendedSolutions`: MODIFY and/or DELETE, comma separated |
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterable, Mapping

INTENT_CONFLICT, EXPECTATION_CONFLICT, TARGET_CONFLICT = "INTENT_CONFLICT", "EXPECTATION_CONFLICT", "TARGET_CONFLICT"
CONFLICT_TYPES = (INTENT_CONFLICT, EXPECTATION_CONFLICT, TARGET_CONFLICT)
MODIFY, DELETE = "MODIFY", "DELETE"
RECOMMENDED_SOLUTIONS = (MODIFY, DELETE)
_FIELDS = ("conflictingExpectation", "conflictingTarget")


def dn(intent: str) -> str:
    """An intent's Dn as the IntentReport's intentReference writes it."""
    return intent if intent.startswith("Intent=") else f"Intent={intent}"


def conflict_tags(
    intent: str,
    conflicting: Iterable[str],
    *solutions: str,
    conflict_type: str = INTENT_CONFLICT,
    expectation: str | None = None,
    target: str | None = None,
) -> dict[str, str]:
    """The tags of an error result that states a conflict of `intent` with the `conflicting` ones."""
    others = sorted({dn(name) for name in conflicting} - {dn(intent)}) or [dn(intent)]
    tags = {
        "reason": "IntentConflict",
        "conflictType": conflict_type,
        "intent": dn(intent),
        "conflictingIntent": ",".join(others),
        "recommendedSolutions": ",".join(solutions or (MODIFY,)),
    }
    if expectation is not None:
        tags["conflictingExpectation"] = expectation
    if target is not None:
        tags["conflictingTarget"] = target
    subject = "|".join([conflict_type, *sorted([dn(intent), *others]), expectation or "", target or ""])
    tags["conflictId"] = hashlib.sha256(subject.encode()).hexdigest()[:16]
    return tags


def reports_from_results(results: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Intent Dn -> its `intentConflictReports`, from kpt results (as dicts, e.g. a results file's items).

    A result naming several conflicting intents gives one report per intent (the standard's
    `conflictingIntent` is one Dn), their ids the result's `conflictId` suffixed `-1`, `-2`...
    """
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for result in results:
        tags = result.get("tags") or {}
        if tags.get("conflictType") not in CONFLICT_TYPES or not tags.get("intent") or not tags.get("conflictId"):
            continue
        others = [o for o in str(tags.get("conflictingIntent") or "").split(",") if o]
        solutions = [s for s in str(tags.get("recommendedSolutions") or "").split(",") if s in RECOMMENDED_SOLUTIONS]
        for number, other in enumerate(others, 1):
            conflict_id = tags["conflictId"] if len(others) == 1 else f"{tags['conflictId']}-{number}"
            report: dict[str, Any] = {"conflictId": conflict_id, "conflictType": tags["conflictType"], "conflictingIntent": other}
            report.update({name: tags[name] for name in _FIELDS if tags.get(name)})
            report["recommendedSolutions"] = solutions
            out.setdefault(tags["intent"], {}).setdefault(conflict_id, report)
    return {intent: [reports[k] for k in sorted(reports)] for intent, reports in sorted(out.items())}
