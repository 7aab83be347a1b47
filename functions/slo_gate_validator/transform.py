"""The render: judge every gate, then write what the verdicts say.

Writes, per gate: its `status`, its condition (and readiness gate) in the
Kptfile, its SLOGateRecord, a rollback when it failed and asks for one; per
covered intent: an IntentReport and the TMF921 intent's status.  Results:
one per gate, plus one per target that did not pass, with severities set by
the gate's enforcement.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from oran_intent_krm.assurance.gate import KIND, UNIT_FROM_NAME
from oran_intent_krm.assurance.revision import config_digest, short
from oran_intent_krm.sdk import Context, Generated, resource

from . import fulfilment, objects, record, rollback, status
from .evaluate import FAILED, INCONCLUSIVE, PASSED, GateEvaluation
from .plan import GatePlan, plan_gates

SEVERITY_OF_FAILURE = {"block": "error", "warn": "warning", "dryRun": "info"}


def transform(ctx: Context) -> list[Generated]:
    # Records and IntentReports are bookkeeping: a gate or an intent that needs none any more
    # (its gates gone, intentReports off) loses them, and that is no loss of what was asked for.
    for item in ctx.items:
        if item.get("kind") in (KIND, "Intent"):
            ctx.retire(item)
    plans, reports = plan_gates(ctx.items, ctx.config)
    for item, report in reports:
        for problem in report.problems:
            ctx.results.error(f"MeasurementReport {report.name}: {problem.path} {problem.message}", item, problem.path, current=problem.current, expected=problem.expected)
    desired: list[Generated] = []
    conditions, gated = [], []
    for plan in plans:
        _report_spec_problems(ctx, plan)
        done = _apply_failure_policy(ctx, plan)
        if done is not None:  # status describes the package as this render leaves it
            plan.evaluation = replace(plan.evaluation, rendered_digest=done["toRevision"], revision_state="rolledBack")
        status.set_status(plan.gate, status.gate_status(plan.evaluation, done))
        _report_verdict(ctx, plan, rolled_back=done is not None)
        spec = record.next_spec(plan.record, plan.gate, plan.evaluation, plan.guarded, _rollback_entry(done))
        if spec is not None:
            desired.append(Generated(obj := record.record_object(plan.gate, spec), plan.gate, objects.path_of(obj)))
        conditions.append(status.kptfile_condition(plan.evaluation, rolled_back=done is not None))
        if plan.policy.enforcement == "block":
            gated.append(status.condition_type(plan.policy.name))
    _update_kptfile(ctx, conditions, gated)
    if ctx.config.get("intentReports", True):
        desired += _intent_fulfilment(ctx, [p.evaluation for p in plans])
    return desired


def _report_spec_problems(ctx: Context, plan: GatePlan) -> None:
    if plan.policy.target_bound:
        ref = plan.policy.target_ref
        ctx.results.info(
            f"SLOGate {plan.policy.name} has no targetRef: it judges {ref['kind']} {ref['name']}, the package's only one "
            f"(add `targetRef: {{apiVersion: {ref['apiVersion']}, kind: {ref['kind']}, name: {ref['name']}}}` under spec to say so)",
            plan.gate,
            "spec.targetRef",
            expected=dict(ref),
            tags={"gate": plan.policy.name, "reason": "BoundToOnlyRequest"},
        )
    for problem in plan.policy.problems:
        ctx.results.error(f"SLOGate {plan.policy.name}: {problem.path} {problem.message}", plan.gate, problem.path, current=problem.current, expected=problem.expected)
    for target in plan.policy.targets:
        if target.unit_from == UNIT_FROM_NAME:  # never silently: say where the unit came from
            ctx.results.info(
                f"SLOGate {plan.policy.name}: {target.path} states no unit; {target.unit} is taken from the suffix of its metric {target.metric}",
                plan.gate,
                f"{target.path}.unit",
                expected=target.unit,
                tags={"gate": plan.policy.name, "metric": target.metric, "reason": "UnitFromMetricName"},
            )


def _apply_failure_policy(ctx: Context, plan: GatePlan) -> dict[str, Any] | None:
    """Roll back a Failed gate that asks for it; the rollback status, or None if nothing was restored."""
    ev = plan.evaluation
    if ev.phase != FAILED or plan.policy.on_failure != "rollback":
        return None
    last = plan.record.last_passed_digest
    failing = ev.measured_digest
    if last is None or last == failing:
        why = "no revision that passed is on record" if last is None else "the failing revision is the last one that passed"
        severity = "info" if plan.policy.enforcement == "dryRun" else "error"
        ctx.results.add(
            f"SLOGate {plan.policy.name} failed and asks for a rollback, but {why}: nothing to restore",
            severity,
            plan.gate,
            "spec.onFailure",
            current="rollback",
            expected="a revision that passed, recorded in SLOGateRecord " + plan.policy.name,
            tags={"gate": plan.policy.name, "reason": "NothingToRollBackTo"},
        )
        return None
    if plan.policy.enforcement == "dryRun":
        ctx.results.info(
            f"SLOGate {plan.policy.name} (dryRun) would restore its workloads to revision {short(last)}",
            plan.gate,
            "spec.onFailure",
            tags={"gate": plan.policy.name, "reason": "WouldRollBack"},
        )
        return None
    recorded = plan.record.workloads()
    recorded_digest = config_digest(w["object"] for w in recorded)
    if recorded_digest != last:  # never restore from a copy that is not what passed
        ctx.results.error(
            f"SLOGate {plan.policy.name}: the recorded copy of revision {short(last)} does not match its digest "
            f"(it reads as {short(recorded_digest)}); SLOGateRecord {plan.policy.name} was changed by hand; nothing restored",
            plan.record.item,
            "spec.lastPassedRevision",
            current=recorded_digest,
            expected=last,
        )
        return None
    outcome = rollback.restore(ctx.items, plan.guarded, recorded)
    ctx.results.warning(
        f"SLOGate {plan.policy.name} failed ({ev.message}); restored the workloads of {plan.policy.target_ref['kind']} "
        f"{plan.policy.target_ref['name']} to the last revision that passed, {short(last)} "
        f"({len(outcome.replaced)} replaced, {len(outcome.added)} re-added, {len(outcome.removed)} removed)",
        plan.gate,
        "spec.onFailure",
        current=failing,
        expected=last,
        tags={"gate": plan.policy.name, "reason": "RolledBack"},
    )
    refs = sorted(str(w["object"].get("kind")) + "/" + str((w["object"].get("metadata") or {}).get("name")) for w in plan.record.workloads())
    return {"fromRevision": failing, "toRevision": last, "workloads": refs}


def _rollback_entry(done: dict[str, Any] | None) -> dict[str, Any] | None:
    if done is None:
        return None
    return {"failedConfigDigest": done["fromRevision"], "restoredConfigDigest": done["toRevision"]}


def _severities(plan: GatePlan, rolled_back: bool) -> tuple[str, str]:
    """(severity of a failure, severity of anything else not passing) for this gate."""
    enforcement = plan.policy.enforcement
    failure = "warning" if rolled_back else SEVERITY_OF_FAILURE[enforcement]
    other = "info" if enforcement == "dryRun" else "warning"
    return failure, other


def _report_verdict(ctx: Context, plan: GatePlan, rolled_back: bool) -> None:
    ev: GateEvaluation = plan.evaluation
    failure, other = _severities(plan, rolled_back)
    name = plan.policy.name
    severity = {PASSED: other if ev.warning else "info", FAILED: failure, INCONCLUSIVE: other}[ev.phase]
    mode = f"enforcement {plan.policy.enforcement}" + (", rolled back" if rolled_back else "")
    ctx.results.add(
        f"SLOGate {name}: {ev.phase} ({mode}): {ev.message}",
        severity,
        plan.gate,
        "status.phase",
        current=ev.phase,
        expected=PASSED,
        tags={"gate": name, "verdict": ev.phase, "reason": ev.reason},
    )
    if all(t.reason == ev.reason for t in ev.targets):
        return  # the gate-level reason already says it all
    for target in ev.targets:
        if target.verdict == PASSED:
            continue
        t_severity = failure if (target.verdict == FAILED and ev.phase == FAILED) else other
        if target.reason == "NoUnit":  # the field to change is the unit, not the threshold
            field, current, expected = f"{target.policy.path}.unit", None, "the unit of the metric's values, e.g. ratio, ms or Mbps"
        else:
            field, current = f"{target.policy.path}.threshold", _observed(target.observed)
            expected = f"{target.policy.operator} {target.policy.threshold:g}" + (f" {target.unit}" if target.unit else "")
        ctx.results.add(
            f"SLOGate {name}: {target.policy.metric} {target.verdict} ({target.reason}): {target.message}",
            t_severity,
            plan.gate,
            field,
            current=current,
            expected=expected,
            tags={"gate": name, "metric": target.policy.metric, "verdict": target.verdict, "reason": target.reason},
        )


def _observed(value: float | None) -> Any:
    return status.number(value) if value is not None else None


def _update_kptfile(ctx: Context, conditions: list[dict[str, str]], gated: list[str]) -> None:
    kptfile = status.root_kptfile(ctx.items)
    if kptfile is None:
        if conditions:
            ctx.results.info("no Kptfile among the items: the gates' conditions are only in the SLOGates' status")
        return
    status.update_kptfile(kptfile, conditions, gated, bool(ctx.config.get("manageReadinessGates", True)))


def _intent_fulfilment(ctx: Context, evaluations: list[GateEvaluation]) -> list[Generated]:
    found, missing = fulfilment.fulfilments(ctx.items, evaluations)
    for text in missing:
        ctx.results.info(f"SLOGate {text} is not in the package: no IntentReport for it", tags={"reason": "IntentNotFound"})
    desired = [Generated(f.report, f.intent, objects.path_of(f.report)) for f in found]
    by_ref = {resource.ref_string(item): item for item in reversed(ctx.items)}  # the first wins, as a scan would
    by_source: dict[int, tuple[Any, list]] = {}
    for f in found:
        source = fulfilment.source_intent(by_ref, f.intent)
        if source is not None:
            by_source.setdefault(id(source), (source, []))[1].append(f)
    for source, fulfilled in by_source.values():
        fulfilment.tmf_status_update(source, fulfilled)
    return desired
