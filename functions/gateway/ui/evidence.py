"""What a gate's chart shows, read from the SLOGate and the MeasurementReports of its package.

The gate and its reports are read as slo-gate-validator reads them, with the shared `assurance`
layer: the gate's targets (a target's unit from its spec or its metric's name), the target it is
bound to (its targetRef, or the package's only ProvisioningRequest), each report's series.

The chart draws the evidence the gate judged: the MeasurementReport its status names
(`status.evidence.report`), or else the newest report about its target (one the validator could
not judge, of another revision say, is still worth seeing; the chart says it was not judged).
Each SLO target becomes one series: every period of the report's metric, converted into the
target's unit with the SDK's unit table, each marked

- `met`: the value meets the threshold;
- `warning`: it misses the threshold but meets `warningThreshold`;
- `breach`: it misses the threshold (and the warning threshold, where there is one);
- `unusable`: no value, NaN, an infinite value, no or zero samples, or a repeated period end:
  the validator's reasons for not using a period, so the chart and the verdict agree;

and whether it lies inside the window the gate evaluated.  Nothing here decides a verdict: the
verdict, its reason and message are the validator's, read from the gate's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from oran_intent_krm.assurance import evidence as assured
from oran_intent_krm.assurance import gate as gates
from oran_intent_krm.assurance import operators, timing
from oran_intent_krm.sdk import units

MET, WARNING, BREACH, UNUSABLE = "met", "warning", "breach", "unusable"
REPEATED = "repeats an earlier period ending at the same time"


@dataclass(frozen=True)
class Period:
    end: str  # RFC 3339, UTC
    at: float  # POSIX seconds of `end`
    value: float | None  # in the target's unit; None when the period is unusable
    samples: int | None
    state: str  # met, warning, breach, unusable
    problem: str = ""  # why an unusable period cannot be used
    evaluated: bool = False  # inside the window the gate evaluated


@dataclass(frozen=True)
class TargetSeries:
    metric: str
    operator: str
    threshold: float | None
    warning_threshold: float | None
    unit: str
    verdict: str  # Passed, Failed, Inconclusive; "" before the validator ran
    reason: str
    message: str
    periods: tuple[Period, ...] = ()
    note: str = ""  # why a report's values are not drawn (metric missing, unit not convertible)

    def count(self, *states: str) -> int:
        return sum(1 for p in self.periods if p.state in states)


@dataclass(frozen=True)
class GateChart:
    gate: str
    target: str  # the ProvisioningRequest the gate judges
    phase: str  # Passed, Failed, Inconclusive; "" before the validator ran
    reason: str
    message: str
    report: str  # the MeasurementReport drawn; "" when none has come
    judged: bool  # the gate's status names `report` as its evidence
    window: tuple[str, str] | None  # the evaluated window
    targets: tuple[TargetSeries, ...]

    @property
    def has_data(self) -> bool:
        return any(t.periods for t in self.targets)


def gate_chart(gate: Mapping[str, Any], reports: Iterable[Mapping[str, Any]], requests: Iterable[Mapping[str, Any]] = ()) -> GateChart:
    """The chart of one SLOGate, given the MeasurementReports and ProvisioningRequests of its package."""
    policy = gates.read_gate(gate, {}, list(requests))
    status = _mapping(gate.get("status"))
    evidence = _mapping(status.get("evidence"))
    report, judged = chosen_report(policy.target_ref, str(evidence.get("report") or ""), assured.read_reports(reports))
    window = _window(evidence.get("window")) if judged else None
    statuses = [_mapping(t) for t in status.get("targets") or [] if isinstance(t, Mapping)]
    targets = tuple(_target(t, _status_of(t, statuses), report, window) for t in policy.targets)
    return GateChart(
        gate=policy.name,
        target=str((policy.target_ref or {}).get("name") or ""),
        phase=str(status.get("phase") or ""),
        reason=str(status.get("reason") or ""),
        message=str(status.get("message") or ""),
        report=report.name if report else "",
        judged=judged,
        window=window,
        targets=targets,
    )


def chosen_report(
    target_ref: Mapping[str, Any] | None, named: str, reports: list[tuple[Mapping[str, Any], assured.Report]]
) -> tuple[assured.Report | None, bool]:
    """The report the gate judged (and True), else the newest about its target (and False)."""
    judged = [r for _, r in reports if named and r.name == named]
    if judged:
        return judged[0], True
    about = assured.reports_for(reports, target_ref) if target_ref else []
    return (about[0], False) if about else (None, False)


def _status_of(target: gates.TargetPolicy, statuses: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The status the validator wrote for the target (same position, same metric)."""
    if target.index < len(statuses) and statuses[target.index].get("metric") == target.metric:
        return statuses[target.index]
    return next((s for s in statuses if s.get("metric") == target.metric), {})


def _target(target: gates.TargetPolicy, verdict: Mapping[str, Any], report: assured.Report | None, window: tuple[str, str] | None) -> TargetSeries:
    base = dict(
        metric=target.metric,
        operator=target.operator,
        threshold=None if target.invalid else target.threshold,
        warning_threshold=None if target.invalid else target.warning_threshold,
        unit=target.unit or "",
        verdict=str(verdict.get("verdict") or ""),
        reason=str(verdict.get("reason") or ""),
        message=str(verdict.get("message") or ""),
    )
    if target.invalid:
        return TargetSeries(note=f"the spec of {target.path} is not usable", **base)
    if target.unit_from is None:
        return TargetSeries(note=f"{target.path} states no unit and the name {target.metric} implies none: its values are not drawn", **base)
    if report is None:
        return TargetSeries(**base)
    series = report.series.get(target.metric)
    if series is None:
        return TargetSeries(note=f"the report has no metric {target.metric}", **base)
    if not series.unit:
        return TargetSeries(note=f"the measurement states no unit; the gate needs {target.unit}", **base)
    try:
        factor = units.factor(series.unit, target.unit)
    except units.UnitError as error:
        return TargetSeries(note=f"unit {series.unit} cannot be converted to {target.unit}: {error}", **base)
    return TargetSeries(periods=_periods(series.periods, factor, _judge(target), window), **base)


def _judge(target: gates.TargetPolicy) -> Callable[[float], str]:
    def state(value: float) -> str:
        if operators.holds(value, target.operator, target.threshold):
            return MET
        if target.warning_threshold is not None and operators.holds(value, target.operator, target.warning_threshold):
            return WARNING
        return BREACH

    return state


def _periods(periods: tuple[assured.Period, ...], factor: Any, judge: Callable[[float], str], window: tuple[str, str] | None) -> tuple[Period, ...]:
    """The periods in time order (as the validator orders them), each converted and marked."""
    start, end = (seconds(window[0]), seconds(window[1])) if window else (None, None)
    out: list[Period] = []
    seen: set[float] = set()
    for period in sorted((p for p in periods if p.end is not None), key=lambda p: (p.end, p.index)):
        problem = REPEATED if period.end in seen else period.unusable_reason()
        seen.add(period.end)
        evaluated = start is not None and end is not None and start < period.end <= end
        at = timing.format_timestamp(period.end)
        if problem:
            out.append(Period(at, period.end, None, period.samples, UNUSABLE, problem, evaluated))
            continue
        value = period.value if factor == 1 else float(units.exact(period.value) * factor)
        out.append(Period(at, period.end, value, period.samples, judge(value), "", evaluated))
    return tuple(out)


def _window(raw: Any) -> tuple[str, str] | None:
    raw = _mapping(raw)
    start, end = seconds(raw.get("start")), seconds(raw.get("end"))
    return (timing.format_timestamp(start), timing.format_timestamp(end)) if start is not None and end is not None else None


def seconds(value: Any) -> float | None:
    """POSIX seconds of an RFC 3339 timestamp (or a datetime YAML made of one); None if it is not one."""
    try:
        return timing.timestamp(value) if value is not None else None
    except ValueError:
        return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
