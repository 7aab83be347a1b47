"""What a gate's chart shows, read from the SLOGate and the MeasurementReports of its package.

The chart draws the evidence the gate judged: the MeasurementReport its status names
(`status.evidence.report`), or else the newest report about its target (one the validator could
not judge, of another revision say, is still worth seeing; the chart says it was not judged).
Each SLO target becomes one series: every period of the report's metric, converted into the
target's unit with the SDK's unit table (as the validator converts), each marked

- `met`: the value meets the threshold;
- `warning`: it misses the threshold but meets `warningThreshold`;
- `breach`: it misses the threshold (and the warning threshold, where there is one);
- `unusable`: no value, NaN, an infinite value, no or zero samples, or a repeated period end:
  the validator's reasons for not using a period, so the chart and the verdict agree;

and whether it lies inside the window the gate evaluated.  Nothing here decides a verdict: the
verdict, its reason and message are the validator's, read from the gate's status.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Mapping

from oran_intent_krm.sdk import units

MET, WARNING, BREACH, UNUSABLE = "met", "warning", "breach", "unusable"
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


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


def gate_chart(gate: Mapping[str, Any], reports: Iterable[Mapping[str, Any]]) -> GateChart:
    """The chart of one SLOGate, given the MeasurementReports of its package (any target)."""
    spec = _mapping(gate.get("spec"))
    status = _mapping(gate.get("status"))
    evidence = _mapping(status.get("evidence"))
    target_ref = _mapping(spec.get("targetRef"))
    report, judged = chosen_report(target_ref, str(evidence.get("report") or ""), reports)
    window = _window(evidence.get("window")) if judged else None
    statuses = [_mapping(t) for t in status.get("targets") or [] if isinstance(t, Mapping)]
    series = _series_by_name(report)
    targets = []
    for index, raw in enumerate(t for t in spec.get("sloTargets") or [] if isinstance(t, Mapping)):
        verdict = _status_of(raw, index, statuses)
        targets.append(_target(raw, verdict, report, series, window))
    return GateChart(
        gate=_name(gate),
        target=str(target_ref.get("name") or ""),
        phase=str(status.get("phase") or ""),
        reason=str(status.get("reason") or ""),
        message=str(status.get("message") or ""),
        report=_name(report) if report else "",
        judged=judged,
        window=window,
        targets=tuple(targets),
    )


def chosen_report(target_ref: Mapping[str, Any], named: str, reports: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any] | None, bool]:
    """The report the gate judged (and True), else the newest about its target (and False).

    A gate without a targetRef (the validator binds it to the package's only ProvisioningRequest)
    takes the reports when they are all about one target."""
    measured = [r for r in reports if r.get("kind") == "MeasurementReport"]
    judged = [r for r in measured if named and _name(r) == named]
    if judged:
        return judged[0], True
    if target_ref.get("name"):
        about = [r for r in measured if _same_target(_report_target(r), target_ref)]
    else:
        about = measured if len({_target_key(_report_target(r)) for r in measured}) == 1 else []
    if not about:
        return None, False
    newest = sorted(about, key=lambda r: (-_window_end(r), _name(r)))
    return newest[0], False


def _report_target(report: Mapping[str, Any]) -> Mapping[str, Any]:
    return _mapping(_mapping(report.get("spec")).get("targetRef"))


def _target_key(ref: Mapping[str, Any]) -> tuple[str, str, str]:
    group = str(ref.get("apiVersion") or "").rpartition("/")[0]
    return group, str(ref.get("kind") or ""), str(ref.get("name") or "")


def _same_target(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return bool(b.get("name")) and _target_key(a) == _target_key(b)


def _window_end(report: Mapping[str, Any]) -> float:
    end = seconds(_mapping(_mapping(report.get("spec")).get("window")).get("end"))
    return end if end is not None else -math.inf


def _series_by_name(report: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    """The report's metrics by name; the first of a repeated name, as the validator takes it."""
    out: dict[str, Mapping[str, Any]] = {}
    metrics = _mapping(report.get("spec")).get("metrics") if report else None
    for metric in metrics if isinstance(metrics, list) else []:
        if isinstance(metric, Mapping) and isinstance(metric.get("name"), str):
            out.setdefault(metric["name"], metric)
    return out


def _status_of(target: Mapping[str, Any], index: int, statuses: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The status the validator wrote for the spec's target at `index` (same position, same metric)."""
    if index < len(statuses) and statuses[index].get("metric") == target.get("metric"):
        return statuses[index]
    return next((s for s in statuses if s.get("metric") == target.get("metric")), {})


def _target(
    raw: Mapping[str, Any],
    verdict: Mapping[str, Any],
    report: Mapping[str, Any] | None,
    series: Mapping[str, Mapping[str, Any]],
    window: tuple[str, str] | None,
) -> TargetSeries:
    metric = str(raw.get("metric") or "")
    op = str(raw.get("operator") or "")
    threshold = _number(raw.get("threshold"))
    warning = _number(raw.get("warningThreshold"))
    wanted = str(raw.get("unit") or "")
    base = dict(
        metric=metric,
        operator=op,
        threshold=threshold,
        warning_threshold=warning,
        verdict=str(verdict.get("verdict") or ""),
        reason=str(verdict.get("reason") or ""),
        message=str(verdict.get("message") or ""),
    )
    if report is None:
        return TargetSeries(unit=wanted, **base)
    measured = series.get(metric)
    if measured is None:
        return TargetSeries(unit=wanted, note=f"the report has no metric {metric}", **base)
    have = str(measured.get("unit") or "")
    if wanted and not have:
        return TargetSeries(unit=wanted, note=f"the measurement states no unit; the gate needs {wanted}", **base)
    try:
        factor = units.factor(have, wanted) if wanted else 1
    except units.UnitError as error:
        return TargetSeries(unit=wanted, note=f"unit {have} cannot be converted to {wanted}: {error}", **base)
    judge = _judge(op, threshold, warning)
    note = "" if judge else f"operator {op!r} or threshold {raw.get('threshold')!r} cannot be compared: periods are not marked"
    periods = _periods(measured.get("periods"), factor, judge or (lambda _: MET), window)
    return TargetSeries(unit=wanted or have, periods=periods, note=note, **base)


def _judge(op: str, threshold: float | None, warning: float | None) -> Callable[[float], str] | None:
    compare = COMPARISONS.get(op)
    if compare is None or threshold is None:
        return None

    def state(value: float) -> str:
        if compare(value, threshold):
            return MET
        return WARNING if warning is not None and compare(value, warning) else BREACH

    return state


def _periods(raw: Any, factor: Any, judge: Callable[[float], str], window: tuple[str, str] | None) -> tuple[Period, ...]:
    start, end = (seconds(window[0]), seconds(window[1])) if window else (None, None)
    timed = []
    for index, period in enumerate(raw if isinstance(raw, list) else []):
        period = _mapping(period)
        at = seconds(period.get("end"))
        if at is not None:
            timed.append((at, index, period))
    out: list[Period] = []
    seen: set[float] = set()
    for at, _, period in sorted(timed, key=lambda t: (t[0], t[1])):
        value, samples = _value(period.get("value")), _samples(period.get("samples"))
        problem = "repeats an earlier period ending at the same time" if at in seen else _unusable(value, samples, period.get("value"))
        seen.add(at)
        evaluated = start is not None and end is not None and start < at <= end
        if problem:
            out.append(Period(_format(at), at, None, samples, UNUSABLE, problem, evaluated))
            continue
        converted = value if factor == 1 else float(units.exact(value) * factor)
        out.append(Period(_format(at), at, converted, samples, judge(converted), "", evaluated))
    return tuple(out)


def _unusable(value: float | None, samples: int | None, raw: Any) -> str:
    """The validator's reasons, in its order (slo_gate_validator/evidence.py, Period.unusable_reason)."""
    if value is None:
        return "no value" if raw is None else f"not a number: {raw!r}"
    if math.isnan(value):
        return "NaN (no observations)"
    if math.isinf(value):
        return "an infinite value"
    if samples is None:
        return "no sample count"
    if samples == 0:
        return "zero samples"
    return ""


def _value(raw: Any) -> float | None:
    """A number, or the text Prometheus gives numbers as ("7.2", "NaN", "+Inf")."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    if isinstance(raw, str):
        try:
            return float(raw.strip())
        except ValueError:
            return None
    return None


def _samples(raw: Any) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 else None


def _number(raw: Any) -> float | None:
    value = _value(raw)
    return value if value is not None and math.isfinite(value) else None


def _window(raw: Any) -> tuple[str, str] | None:
    raw = _mapping(raw)
    start, end = seconds(raw.get("start")), seconds(raw.get("end"))
    return (_format(start), _format(end)) if start is not None and end is not None else None


def seconds(value: Any) -> float | None:
    """POSIX seconds of an RFC 3339 timestamp (or a datetime YAML made of one); None if it is not one."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is None:
        if not isinstance(value, datetime):
            return None  # a timestamp without a zone says no time
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _format(seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.isoformat(timespec="milliseconds" if seconds != int(seconds) else "seconds").replace("+00:00", "Z")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _name(item: Mapping[str, Any] | None) -> str:
    return str(_mapping(_mapping(item).get("metadata")).get("name") or "")
