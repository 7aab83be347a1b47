"""The status page's data, from the gateway's read model: one page of intents, with counts.

Both views of the page, the HTML and `/ui/status.json`, are made from `status_page`'s answer, so
they cannot disagree.  Intents are in the API's stable order (creation date, then id); a page is
`offset`/`limit` of them, after the optional lifecycleStatus filter; `counts` are over every intent
of the snapshot, so they do not change from page to page.

Everything here is read from the rendered packages at one commit; nothing is written and nothing
that only a writer holds (a token, the hubs' callbacks) is read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any, Mapping

from .. import reports, views
from ..readmodel import GateView, PackageView, ProvisioningRequestView, Snapshot
from . import evidence

DEFAULT_LIMIT = 25
MAX_LIMIT = 200
LIFECYCLE_STATUSES = ("Active", "Fulfilled", "Degraded", "Suspended")
PHASES = ("Passed", "Failed", "Inconclusive")
NOT_EVALUATED = "NotEvaluated"
# Kinds that run a network function's pods; every other generated resource is counted, not listed.
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")


def ordered(snapshot: Snapshot) -> list[PackageView]:
    """Every intent in the API's order: creation date, then id."""
    return sorted(snapshot.packages.values(), key=lambda v: (v.created, v.name))


def status_page(snapshot: Snapshot, offset: int = 0, limit: int = DEFAULT_LIMIT, lifecycle: str | None = None) -> dict[str, Any]:
    everything = ordered(snapshot)
    statuses = {v.name: reports.lifecycle_status(v) for v in everything}
    selected = [v for v in everything if lifecycle is None or statuses[v.name] == lifecycle]
    shown = selected[offset : offset + limit]
    phases = Counter(g.phase or NOT_EVALUATED for v in everything for g in v.gates)
    return {
        "head": snapshot.head,
        "total": len(selected),
        "offset": offset,
        "limit": limit,
        "lifecycleStatus": lifecycle,
        "counts": {
            "intents": len(everything),
            "lifecycleStatus": {s: sum(1 for v in statuses.values() if v == s) for s in LIFECYCLE_STATUSES},
            "gates": {p: phases.get(p, 0) for p in (*PHASES, NOT_EVALUATED)},
        },
        "intents": [intent_status(v, statuses[v.name]) for v in shown],
    }


def intent_status(view: PackageView, lifecycle: str) -> dict[str, Any]:
    attributes = views.intent_json(view)
    gates = [gate_status(g, view) for g in view.gates]
    return {
        "id": view.name,
        "name": attributes.get("name") or view.name,
        "description": attributes.get("description"),
        "priority": attributes.get("priority"),
        "lifecycleStatus": lifecycle,
        "creationDate": attributes.get("creationDate"),
        "lastUpdate": attributes.get("lastUpdate"),
        "statusChangeDate": attributes.get("statusChangeDate"),
        "href": attributes.get("href"),
        "clusters": [cluster_status(pr, gates) for pr in view.provisioning_requests],
        "gates": gates,
        "conditions": [
            {k: str(c.get(k)) for k in ("type", "status", "reason", "message") if c.get(k) is not None} for c in view.conditions
        ],
    }


def cluster_status(pr: ProvisioningRequestView, gates: list[dict[str, Any]]) -> dict[str, Any]:
    kinds = Counter(w.kind for w in pr.workloads)
    return {
        "cluster": pr.cluster,
        "provisioningRequest": pr.name,
        "performanceClass": _parameters(pr.obj).get("performanceClass"),
        "workloads": [{"kind": w.kind, "namespace": w.namespace, "name": w.name} for w in pr.workloads if w.kind in WORKLOAD_KINDS],
        "resources": len(pr.workloads),
        "resourceKinds": dict(sorted(kinds.items())),
        "namespaces": sorted({w.namespace for w in pr.workloads if w.namespace}),
        "gates": [g["name"] for g in gates if g["provisioningRequest"] == pr.name],
    }


def gate_status(gate: GateView, view: PackageView) -> dict[str, Any]:
    chart = gate_chart(gate, view)
    spec = _mapping(gate.obj.get("spec"))
    status = _mapping(gate.obj.get("status"))
    score = _mapping(status.get("score"))
    return {
        "name": gate.name,
        "provisioningRequest": chart.target or None,  # a gate without targetRef: the package's only one
        "phase": gate.phase or None,
        "reason": gate.reason or None,
        "message": gate.message or None,
        "enforcement": spec.get("enforcement"),
        "score": score.get("value"),
        "measurementWindow": spec.get("measurementWindow"),
        "evaluationPeriod": spec.get("evaluationPeriod"),
        "report": chart.report or None,
        "judged": chart.judged,
        "window": {"start": chart.window[0], "end": chart.window[1]} if chart.window else None,
        "targets": [_target(t) for t in chart.targets],
    }


def gate_chart(gate: GateView, view: PackageView) -> evidence.GateChart:
    return evidence.gate_chart(gate.obj, view.measurement_reports, [pr.obj for pr in view.provisioning_requests])


def chart_of(gate: Mapping[str, Any]) -> evidence.GateChart:
    """The chart data of a gate as `gate_status` gives it: the HTML draws what the JSON says."""
    window = gate.get("window")
    return evidence.GateChart(
        gate=gate["name"],
        target=gate["provisioningRequest"] or "",
        phase=gate["phase"] or "",
        reason=gate["reason"] or "",
        message=gate["message"] or "",
        report=gate["report"] or "",
        judged=gate["judged"],
        window=(window["start"], window["end"]) if window else None,
        targets=tuple(
            evidence.TargetSeries(
                metric=t["metric"],
                operator=t["operator"],
                threshold=t["threshold"],
                warning_threshold=t["warningThreshold"],
                unit=t["unit"],
                verdict=t["verdict"],
                reason=t["reason"],
                message=t["message"],
                periods=tuple(evidence.Period(at=evidence.seconds(p["end"]), **p) for p in t["periods"]),
                note=t["note"],
            )
            for t in gate["targets"]
        ),
    )


def _target(target: evidence.TargetSeries) -> dict[str, Any]:
    out = asdict(target)
    out["warningThreshold"] = out.pop("warning_threshold")
    out["periods"] = [{k: v for k, v in p.items() if k != "at"} for p in out["periods"]]
    out["breaches"] = target.count(evidence.BREACH)
    out["warnings"] = target.count(evidence.WARNING)
    out["unusable"] = target.count(evidence.UNUSABLE)
    return out


def _parameters(pr: Mapping[str, Any]) -> Mapping[str, Any]:
    return _mapping(_mapping(pr.get("spec")).get("templateParameters"))


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
