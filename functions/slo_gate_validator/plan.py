"""Evaluating every gate of a package: shared by the render and by `explain`.

Everything is judged on the items as they arrive, before anything is changed
(a rollback of one gate cannot alter another gate's evidence).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from oran_intent_krm.assurance import evidence
from oran_intent_krm.assurance.evidence import Report
from oran_intent_krm.assurance.gate import API_VERSION, KIND, GatePolicy, provisioning_requests, read_gate
from oran_intent_krm.assurance.revision import by_source, config_digest, guarded_in, workload_revisions
from oran_intent_krm.sdk import resource

from . import record
from .evaluate import GateEvaluation, evaluate_gate


@dataclass
class GatePlan:
    gate: Any
    policy: GatePolicy
    guarded: list[Mapping[str, Any]]
    record: record.RecordView
    evaluation: GateEvaluation
    candidates: list[Report]


def gates(items: list[Any]) -> list[Any]:
    found = [i for i in items if i.get("apiVersion") == API_VERSION and i.get("kind") == KIND]
    return sorted(found, key=resource.identity)


def plan_gates(items: list[Any], config: Mapping[str, Any]) -> tuple[list[GatePlan], list[tuple[Mapping[str, Any], Report]]]:
    reports = evidence.read_reports(items)
    generated, records = by_source(items), record.by_gate(items)
    requests = provisioning_requests(items)
    plans = []
    for gate in gates(items):
        policy = read_gate(gate, config, requests)
        guarded = guarded_in(generated, policy.target_ref) if policy.target_ref else []
        rendered = config_digest(guarded) if guarded else None
        view = record.find_in(records, gate)
        candidates = evidence.reports_for(reports, policy.target_ref) if policy.target_ref else []
        chosen = candidates[0] if candidates else None
        baseline = record.baseline(view, chosen.evidence_digest if chosen else None)
        evaluation = evaluate_gate(
            policy, chosen, rendered, len(guarded), baseline, view.rolled_back_from(rendered), tuple(workload_revisions(guarded))
        )
        plans.append(GatePlan(gate, policy, guarded, view, evaluation, candidates))
    return plans, reports
