"""The validator's memory in the package: an SLOGateRecord per gate (local-config).

It holds what later renders need and cannot get from anywhere else:
- `passedEvaluations`: the last two passed evaluations (newest first), the
  baselines of relative criteria.  Two suffice: re-rendering the evaluation
  that is newest compares it with the one before, as its first render did;
- `lastPassedRevision`: the config digest and a copy of every guarded
  workload of the last revision that passed, to roll back to;
- `rollback`: set while the package holds a restored revision, so that the
  evidence of the failed revision keeps its meaning on the next render.

It is generated through the SDK (source: the SLOGate), so it is pruned with
its gate, and a hand edit is reported and kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from oran_intent_krm.assurance import timing
from oran_intent_krm.assurance.gate import API_VERSION
from oran_intent_krm.assurance.gate import KIND as GATE_KIND
from oran_intent_krm.sdk import resource

from . import objects
from .evaluate import PASSED, Baseline, GateEvaluation
from .status import number

KIND = "SLOGateRecord"
HISTORY = 2


@dataclass(frozen=True)
class RecordView:
    item: Mapping[str, Any] | None
    spec: Mapping[str, Any]

    @property
    def history(self) -> list[Mapping[str, Any]]:
        value = self.spec.get("passedEvaluations")
        return [h for h in value if isinstance(h, Mapping)] if isinstance(value, list) else []

    @property
    def last_passed(self) -> Mapping[str, Any] | None:
        value = self.spec.get("lastPassedRevision")
        return value if isinstance(value, Mapping) and value.get("configDigest") else None

    @property
    def last_passed_digest(self) -> str | None:
        return str(self.last_passed["configDigest"]) if self.last_passed else None

    @property
    def rollback(self) -> Mapping[str, Any] | None:
        value = self.spec.get("rollback")
        return value if isinstance(value, Mapping) and value.get("failedConfigDigest") else None

    def rolled_back_from(self, rendered_digest: str | None) -> str | None:
        """The failed revision, while the package still renders the one restored in its place."""
        if self.rollback and self.rollback.get("restoredConfigDigest") == rendered_digest:
            return str(self.rollback["failedConfigDigest"])
        return None

    def workloads(self) -> list[Mapping[str, Any]]:
        value = (self.last_passed or {}).get("workloads")
        return [w for w in value if isinstance(w, Mapping) and isinstance(w.get("object"), Mapping)] if isinstance(value, list) else []


def find(items: Iterable[Mapping[str, Any]], gate: Mapping[str, Any]) -> RecordView:
    return find_in(by_gate(items), gate)


def by_gate(items: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The records in the package by (namespace, name), the first of each."""
    index: dict[tuple[str, str], Mapping[str, Any]] = {}
    for item in items:
        if item.get("apiVersion") == API_VERSION and item.get("kind") == KIND:
            index.setdefault((resource.namespace(item), resource.name(item)), item)
    return index


def find_in(index: Mapping[tuple[str, str], Mapping[str, Any]], gate: Mapping[str, Any]) -> RecordView:
    item = index.get((resource.namespace(gate), resource.name(gate)))
    if item is None:
        return RecordView(None, {})
    spec = item.get("spec")
    return RecordView(item, spec if isinstance(spec, Mapping) else {})


def baseline(view: RecordView, evidence_digest: str | None) -> Baseline | None:
    """The newest passed evaluation other than the one being evaluated now."""
    for entry in view.history:
        if entry.get("evidenceDigest") == evidence_digest:
            continue
        values = {}
        for target in entry.get("targets") or []:
            if isinstance(target, Mapping) and isinstance(target.get("observedValue"), (int, float)):
                values[f"{target.get('metric')} {target.get('operator')}"] = (float(target["observedValue"]), target.get("unit"))
        window = entry.get("window") if isinstance(entry.get("window"), Mapping) else {}
        return Baseline(str(entry.get("evidenceDigest")), str(window.get("end") or ""), values)
    return None


def passed_entry(evaluation: GateEvaluation) -> dict[str, Any]:
    report = evaluation.report
    start, end = evaluation.window
    return {
        "evidenceDigest": report.evidence_digest,
        "report": report.name,
        "configDigest": report.config_digest,
        "window": {"start": timing.format_timestamp(start), "end": timing.format_timestamp(end)},
        "targets": [
            {"metric": t.policy.metric, "operator": t.policy.operator, "observedValue": number(t.observed), "unit": t.unit}
            for t in evaluation.targets
            if t.observed is not None
        ],
    }


def detached(value: Any) -> Any:
    """A deep copy that keeps key order and flow style but no YAML anchors.

    A copy sharing an anchor name with its original would put the same anchor
    twice into one document.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        out = CommentedMap((k, detached(v)) for k, v in value.items())
        _copy_flow_style(value, out)
        return out
    if isinstance(value, list):
        out = CommentedSeq(detached(v) for v in value)
        _copy_flow_style(value, out)
        return out
    return _without_anchor(value)


def _without_anchor(scalar: Any) -> Any:
    anchor = getattr(scalar, "anchor", None)
    if getattr(anchor, "value", None) is None:
        return scalar
    if isinstance(scalar, str):  # ruamel's string types keep their quoting style this way
        return type(scalar)(str(scalar))
    for base in (bool, int, float):
        if isinstance(scalar, base):
            return base(scalar)
    return scalar


def _copy_flow_style(source: Any, target: Any) -> None:
    fa = getattr(source, "fa", None)
    if fa is not None and fa.flow_style():
        target.fa.set_flow_style()


def snapshot(item: Mapping[str, Any]) -> dict[str, Any]:
    """A workload as it must come back: its content, without what the orchestrator adds."""
    obj = detached(item)
    notes = (obj.get("metadata") or {}).get("annotations")
    if isinstance(notes, dict):
        for key in list(notes):
            if key in resource.ORCHESTRATOR_ANNOTATIONS or key.startswith(resource.INTERNAL_PREFIXES):
                del notes[key]
    return {"path": resource.file_path(item), "index": resource.file_index(item), "object": obj}


def next_spec(
    view: RecordView,
    gate: Mapping[str, Any],
    evaluation: GateEvaluation,
    guarded: list[Mapping[str, Any]],
    rollback: Mapping[str, Any] | None,
) -> dict[str, Any] | None:
    """The record after this evaluation, or None when there is nothing to remember."""
    spec: dict[str, Any] = {
        "gateRef": {"apiVersion": API_VERSION, "kind": GATE_KIND, "name": resource.name(gate)},
        "targetRef": dict(evaluation.policy.target_ref or {}),
    }
    history = [dict(h) for h in view.history]
    last = view.last_passed
    kept_rollback = rollback or (view.rollback if view.rolled_back_from(evaluation.rendered_digest) else None)
    if evaluation.phase == PASSED and evaluation.revision_state == "match":
        entry = passed_entry(evaluation)
        history = [entry] + [h for h in history if h.get("evidenceDigest") != entry["evidenceDigest"]]
        last = {"configDigest": evaluation.rendered_digest, "workloads": [snapshot(w) for w in guarded]}
        kept_rollback = None
    if not history and last is None and kept_rollback is None:
        return None
    if history:
        spec["passedEvaluations"] = history[:HISTORY]
    if last is not None:
        spec["lastPassedRevision"] = last
    if kept_rollback is not None:
        spec["rollback"] = dict(kept_rollback)
    return spec


def record_object(gate: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    return objects.local_object(API_VERSION, KIND, gate, spec)
