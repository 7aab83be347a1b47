"""What to collect: every SLOGate of the package paired with the MeasurementJob that measures its target.

A gate and a job pair when the job lists the gate's `targetRef` in
`spec.targetResources` (`resourceType` = the ref's kind, `resourceName` = its
name) and both are in the same kpt package (the nearest directory with a
Kptfile).  The report goes into that package, at `measurements/<gate>.yaml`,
because a subpackage's pipeline sees only its own files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

from oran_intent_krm.assurance import evidence, timing
from oran_intent_krm.assurance.gate import API_VERSION as GATE_API_VERSION
from oran_intent_krm.assurance.gate import KIND as GATE_KIND
from oran_intent_krm.assurance.gate import provisioning_requests, read_gate
from oran_intent_krm.assurance.package import read_package
from oran_intent_krm.assurance.revision import (
    POD_TEMPLATE_LABEL,
    REVISION_LABEL,
    config_digest,
    guarded_workloads,
    workload_pod_templates,
    workload_revisions,
)
from oran_intent_krm.sdk import resource

from .errors import CollectorError
from .samples import SamplesQuery, samples_query

JOB_API_VERSION = "measurement.o2ims.org/v1alpha1"
JOB_KIND = "MeasurementJob"
REPORT_DIR = "measurements"
# read_gate needs the validator's defaults; none of them changes the fields read here.
_GATE_DEFAULTS = {"defaultEnforcement": "block", "defaultMinSamples": 1, "defaultFailureLimit": 0}
_GATE_FIELDS = ("spec.targetRef", "spec.measurementWindow", "spec.evaluationPeriod")


@dataclass(frozen=True)
class MetricPlan:
    name: str
    unit: str | None
    query: str
    samples: SamplesQuery


@dataclass(frozen=True)
class OtherReport:
    name: str
    file: str
    window_end: float | None


@dataclass(frozen=True)
class GateCollection:
    gate: Mapping[str, str]  # ref of the SLOGate
    package: str  # package directory, relative to the root given ("" for the root)
    path: str  # the report's file, relative to the root given
    target_ref: Mapping[str, str]
    job_ref: Mapping[str, str]
    config_digest: str
    revision: str  # the revision label of the workloads' pods
    pod_templates: tuple[str, ...]  # their pod-template labels: the build that is rendered
    window_seconds: float
    step_seconds: float
    metrics: tuple[MetricPlan, ...]
    unmeasured: tuple[str, ...]  # gate metrics the job has no measurement for
    other_reports: tuple[OtherReport, ...]  # reports about the same target in other files

    @property
    def name(self) -> str:
        return self.gate["name"]

    @property
    def periods(self) -> int:
        return int(round(self.window_seconds / self.step_seconds))


def read_items(root: Path) -> list[Any]:
    """The package's resources, read the way `slo-gate-validator explain` reads them."""
    if not root.is_dir():
        raise CollectorError(f"{root} is not a directory")
    try:
        return read_package(root)
    except ValueError as exc:
        raise CollectorError(str(exc)) from None


def plan(items: list[Any], window_override: float | None = None) -> list[GateCollection]:
    """One collection per SLOGate, sorted by package and gate; CollectorError listing every problem."""
    packages = _package_dirs(items)
    problems: list[str] = []
    collections = []
    gates = [i for i in items if i.get("apiVersion") == GATE_API_VERSION and i.get("kind") == GATE_KIND]
    for gate in sorted(gates, key=lambda g: (_package_of(g, packages), resource.identity(g))):
        found = _collection(gate, items, packages, window_override, problems)
        if found is not None:
            collections.append(found)
    if problems:
        raise CollectorError("\n".join(problems))
    return collections


def _collection(gate: Any, items: list[Any], packages: list[str], window_override: float | None, problems: list[str]) -> GateCollection | None:
    where = f"SLOGate {resource.name(gate)} ({resource.file_path(gate)})"
    package = _package_of(gate, packages)
    own = [i for i in items if _inside(resource.file_path(i), package)]  # what its pipeline sees
    # A gate without targetRef judges its package's only ProvisioningRequest, as the validator reads it.
    policy = read_gate(gate, _GATE_DEFAULTS, provisioning_requests(own))
    bad = [p for p in policy.problems if p.path in _GATE_FIELDS]
    if bad:
        problems += [f"{where}: {p.path} {p.message} (is {p.current!r}; expected {p.expected})" for p in bad]
        return None
    target_ref = {k: str(v) for k, v in policy.target_ref.items() if k in ("apiVersion", "kind", "namespace", "name") and v}
    window = window_override if window_override is not None else policy.window_seconds
    step = policy.period_seconds
    periods = window / step
    if periods < 1 or not math.isclose(periods, round(periods), abs_tol=1e-9):
        problems.append(f"{where}: the window {timing.format_duration(window)} is not a whole number of evaluationPeriods ({timing.format_duration(step)})")
        return None
    job = _job_for(gate, target_ref, [i for i in own if _package_of(i, packages) == package], where, problems)
    if job is None:
        return None
    workloads = guarded_workloads(own, target_ref)
    if not workloads:
        problems.append(
            f"{where}: no resource in the package is generated from {target_ref.get('kind')} {target_ref.get('name')} "
            "(krm.oran-intent.io/source): render the package first, so the revision measured can be named"
        )
        return None
    revisions = workload_revisions(workloads)
    if len(revisions) != 1:
        found = f"carry {len(revisions)} ({', '.join(revisions)})" if revisions else "carry none"
        problems.append(
            f"{where}: the pods generated from {target_ref.get('kind')} {target_ref.get('name')} must carry one {REVISION_LABEL} label "
            f"and {found}: render the package again, so the measurements can be tied to the revision"
        )
        return None
    pod_templates = workload_pod_templates(workloads)
    if not pod_templates:
        problems.append(f"{where}: no pod generated from {target_ref.get('kind')} {target_ref.get('name')} carries a {POD_TEMPLATE_LABEL} label: render the package again")
        return None
    metrics = _metrics(job, timing.format_duration(step), problems)
    if metrics is None:
        return None
    path = _report_path(gate, package)
    clash = [i for i in items if resource.file_path(i) == path and not evidence.is_report(i)]
    if clash:
        problems.append(f"{where}: {path} holds a {clash[0].get('kind')}, not a MeasurementReport: move it, the report is written there")
        return None
    measured = {m.name for m in metrics}
    unmeasured = tuple(sorted({t.metric for t in policy.targets if t.metric and t.metric not in measured}))
    return GateCollection(
        gate=resource.ref(gate),
        package=package,
        path=path,
        target_ref=target_ref,
        job_ref=resource.ref(job),
        config_digest=config_digest(workloads),
        revision=revisions[0],
        pod_templates=tuple(pod_templates),
        window_seconds=window,
        step_seconds=step,
        metrics=tuple(metrics),
        unmeasured=unmeasured,
        other_reports=_other_reports(own, target_ref, path),
    )


def _job_for(gate: Any, target_ref: Mapping[str, str], items: list[Any], where: str, problems: list[str]) -> Any | None:
    wanted = (target_ref.get("kind"), target_ref.get("name"))
    jobs = [i for i in items if i.get("apiVersion") == JOB_API_VERSION and i.get("kind") == JOB_KIND and wanted in _targets(i)]
    if len(jobs) == 1:
        return jobs[0]
    if not jobs:
        problems.append(f"{where}: no MeasurementJob in its package lists {wanted[0]} {wanted[1]} in spec.targetResources")
    else:
        names = ", ".join(sorted(resource.name(j) for j in jobs))
        problems.append(f"{where}: {len(jobs)} MeasurementJobs measure {wanted[0]} {wanted[1]} ({names}): keep one")
    return None


def _targets(job: Mapping[str, Any]) -> set[tuple[Any, Any]]:
    listed = resource.get_path(job, "spec.targetResources") or []
    return {(t.get("resourceType"), t.get("resourceName")) for t in listed if isinstance(t, Mapping)}


def _metrics(job: Any, period: str, problems: list[str]) -> list[MetricPlan] | None:
    where = f"MeasurementJob {resource.name(job)} ({resource.file_path(job)})"
    raw = resource.get_path(job, "spec.measurements")
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: spec.measurements must list the measurements (is {raw!r})")
        return None
    metrics: dict[str, MetricPlan] = {}
    count = len(problems)
    for index, m in enumerate(raw):
        path = f"spec.measurements[{index}]"
        if not isinstance(m, Mapping) or not isinstance(m.get("name"), str) or not m.get("name"):
            problems.append(f"{where}: {path}.name must name the metric")
            continue
        if not isinstance(m.get("query"), str) or not m["query"].strip():
            problems.append(f"{where}: {path}.query must be a PromQL query (is {m.get('query')!r})")
            continue
        unit = m.get("unit")
        if unit is not None and not isinstance(unit, str):
            problems.append(f"{where}: {path}.unit must be a string such as ms (is {unit!r})")
            continue
        if m["name"] in metrics:
            problems.append(f"{where}: {path}.name repeats the measurement {m['name']}")
            continue
        explicit = m.get("samplesQuery") if isinstance(m.get("samplesQuery"), str) else None
        metrics[m["name"]] = MetricPlan(m["name"], unit or None, m["query"], samples_query(m["query"], period, explicit))
    if len(problems) > count:
        return None
    return [metrics[name] for name in sorted(metrics)]


def _other_reports(items: list[Any], target_ref: Mapping[str, str], path: str) -> tuple[OtherReport, ...]:
    found = evidence.reports_for(evidence.read_reports(items), target_ref)
    return tuple(OtherReport(r.name, r.file, r.window_end) for r in found if r.file != path)


def _report_path(gate: Any, package: str) -> str:
    parts = [package] if package else []
    parts.append(REPORT_DIR)
    if resource.namespace(gate):
        parts.append(resource.namespace(gate))
    parts.append(f"{resource.name(gate)}.yaml")
    return "/".join(parts)


def _package_dirs(items: list[Any]) -> list[str]:
    """Directories holding a Kptfile, deepest first."""
    dirs = {_parent(resource.file_path(i)) for i in items if i.get("kind") == "Kptfile" and str(i.get("apiVersion", "")).startswith("kpt.dev/")}
    return sorted(dirs, key=lambda d: (-len(PurePosixPath(d).parts) if d else 0, d))


def _package_of(item: Mapping[str, Any], packages: list[str]) -> str:
    directory = _parent(resource.file_path(item))
    for package in packages:
        if not package or directory == package or directory.startswith(package + "/"):
            return package
    return ""


def _inside(path: str, package: str) -> bool:
    return not package or path.startswith(package + "/")


def _parent(path: str) -> str:
    parent = PurePosixPath(path).parent.as_posix()
    return "" if parent == "." else parent
