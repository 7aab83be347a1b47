"""What a verdict writes: the SLOGate's status, and its condition in the Kptfile.

Kptfile (kpt.dev/v1): `status.conditions[]` gets one condition per gate,
type `gate.slo.nephio.org.SLOGate.<gate name>` (Nephio's dotted condition
style), status `True` (Passed, or Failed and rolled back to a revision that
passed), `False` (Failed) or `Unknown` (Inconclusive).  For every gate with
enforcement `block` the same type is listed in `info.readinessGates[]`, which
Porch copies to the PackageRevision: it cannot be approved until the
condition is True.  Conditions and readiness gates of that prefix belong to
this function; all others are left as they are.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from oran_intent_krm.assurance import timing
from oran_intent_krm.sdk import resource

from .evaluate import FAILED, INCONCLUSIVE, PASSED, GateEvaluation, TargetResult

CONDITION_PREFIX = "gate.slo.nephio.org.SLOGate."
KPTFILE_API_VERSION = "kpt.dev/v1"
_CONDITION_STATUS = {PASSED: "True", FAILED: "False", INCONCLUSIVE: "Unknown"}


def condition_type(gate_name: str) -> str:
    return CONDITION_PREFIX + gate_name


def number(value: float | None) -> float | int | None:
    """Whole numbers as integers (10, not 10.0), so status reads like the spec it reflects."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def gate_status(evaluation: GateEvaluation, rollback: Mapping[str, Any] | None = None) -> dict[str, Any]:
    policy = evaluation.policy
    out: dict[str, Any] = {"phase": evaluation.phase, "reason": evaluation.reason, "message": evaluation.message}
    out["enforcement"] = policy.enforcement
    if evaluation.score is not None:
        out["score"] = {
            "value": number(evaluation.score),
            "pass": number(policy.total_score_pass),
            "warning": number(policy.total_score_warning),
        }
    if evaluation.report is not None:
        evidence: dict[str, Any] = {"report": evaluation.report.name}
        if evaluation.report.source:
            evidence["source"] = evaluation.report.source
        if evaluation.window is not None:
            start, end = evaluation.window
            evidence["window"] = {"start": timing.format_timestamp(start), "end": timing.format_timestamp(end)}
        out["evidence"] = evidence
    revision = {"rendered": evaluation.rendered_digest, "measured": evaluation.measured_digest, "state": evaluation.revision_state}
    if len(evaluation.pod_revisions) == 1:
        revision["podRevision"] = evaluation.pod_revisions[0]
    out["revision"] = {k: v for k, v in revision.items() if v is not None}
    if evaluation.baseline is not None and any(t.relative for t in evaluation.targets):
        out["baseline"] = {"evidenceDigest": evaluation.baseline.evidence_digest, "windowEnd": evaluation.baseline.window_end}
    out["targets"] = [target_status(t) for t in evaluation.targets]
    if rollback:
        out["rollback"] = dict(rollback)
    return out


def target_status(result: TargetResult) -> dict[str, Any]:
    policy = result.policy
    out: dict[str, Any] = {"metric": policy.metric, "operator": policy.operator, "threshold": number(policy.threshold)}
    if policy.warning_threshold is not None:
        out["warningThreshold"] = number(policy.warning_threshold)
    if result.unit:
        out["unit"] = result.unit
    if result.observed is not None:
        out["observedValue"] = number(result.observed)
    out["verdict"] = result.verdict
    if result.within_warning:
        out["withinWarning"] = True
    out["reason"] = result.reason
    out["message"] = result.message
    if result.periods or result.verdict != INCONCLUSIVE:
        out["periods"] = result.periods
        out["usablePeriods"] = result.usable
        out["breaches"] = result.breaches
        out["samples"] = result.samples or 0
    if result.samples_kind:
        out["samplesKind"] = result.samples_kind
    out["failureLimit"] = policy.failure_limit
    out["minSamples"] = result.min_samples if result.min_samples is not None else policy.min_samples
    out["weight"] = number(policy.weight)
    out["keyTarget"] = policy.key
    if result.conversion:
        out["unitConversion"] = result.conversion
    if result.relative is not None:
        out["relative"] = {
            "maxRegression": policy.max_regression.text,
            "baselineValue": number(result.relative.baseline),
            "limit": number(result.relative.limit),
        }
    return out


def set_status(obj: Any, status: Mapping[str, Any]) -> bool:
    """Write status into an input item only if it differs, so an unchanged item keeps its text."""
    if _canonical(obj.get("status")) == _canonical(status):
        return False
    obj["status"] = dict(status)
    return True


def kptfile_condition(evaluation: GateEvaluation, rolled_back: bool) -> dict[str, str]:
    name = evaluation.policy.name
    if rolled_back:
        return {
            "type": condition_type(name),
            "status": "True",
            "reason": "RolledBack",
            "message": f"{evaluation.message}; the workloads were restored to the last revision that passed",
        }
    reason = "PassedWithWarning" if evaluation.warning else evaluation.reason
    return {"type": condition_type(name), "status": _CONDITION_STATUS[evaluation.phase], "reason": reason, "message": f"{evaluation.phase}: {evaluation.message}"}


def root_kptfile(items: Iterable[Mapping[str, Any]]) -> Any:
    kptfiles = [i for i in items if i.get("kind") == "Kptfile" and i.get("apiVersion") == KPTFILE_API_VERSION]
    if not kptfiles:
        return None
    return min(kptfiles, key=lambda k: (resource.file_path(k).count("/"), resource.file_path(k)))


def update_kptfile(kptfile: Any, conditions: list[dict[str, str]], gated: list[str], manage_gates: bool) -> bool:
    """Merge this function's conditions (and readiness gates) into the Kptfile; True if it changed."""
    before = _canonical(kptfile)
    status = kptfile.get("status")
    existing = list(status.get("conditions") or []) if isinstance(status, Mapping) else []
    merged = _merge(existing, conditions, key="type")
    if merged or existing:
        if not isinstance(status, Mapping):
            kptfile["status"] = status = {}
        if _canonical(existing) != _canonical(merged):
            status["conditions"] = merged
    if manage_gates:
        info = kptfile.get("info")
        gates = list(info.get("readinessGates") or []) if isinstance(info, Mapping) else []
        wanted = [{"conditionType": t} for t in sorted(gated)]
        new_gates = _merge(gates, wanted, key="conditionType")
        if _canonical(gates) != _canonical(new_gates):
            if not isinstance(info, Mapping):
                info = _insert_before(kptfile, "info", {}, ("pipeline", "status"))
            info["readinessGates"] = new_gates
    return before != _canonical(kptfile)


def _insert_before(mapping: Any, key: str, value: Any, followers: tuple[str, ...]) -> Any:
    """Add key just before the first of followers present, where kpt itself places it."""
    keys = [k for k in mapping if k != key]
    position = next((n for n, k in enumerate(keys) if k in followers), len(keys))
    if hasattr(mapping, "insert"):  # ruamel's CommentedMap keeps its comments this way
        mapping.insert(position, key, value)
        return mapping[key]
    entries = [(k, mapping[k]) for k in keys]
    entries.insert(position, (key, value))
    mapping.clear()
    mapping.update(entries)
    return mapping[key]


def _merge(existing: list[Any], ours: list[dict[str, str]], key: str) -> list[Any]:
    """Ours replace same-keyed entries in place, stale ones of our prefix go, new ones are appended sorted."""
    by_key = {entry[key]: entry for entry in ours}
    out, placed = [], set()
    for entry in existing:
        value = entry.get(key) if isinstance(entry, Mapping) else None
        if isinstance(value, str) and value in by_key:
            out.append(by_key[value] if _canonical(entry) != _canonical(by_key[value]) else entry)
            placed.add(value)
        elif isinstance(value, str) and value.startswith(CONDITION_PREFIX):
            continue
        else:
            out.append(entry)
    out += [by_key[k] for k in sorted(by_key) if k not in placed]
    return out


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)
