"""The verdict of a gate on its evidence: pure, deterministic, fail-closed.

Per target (in order, first match decides):
1. spec unusable, metric missing, unit not convertible -> Inconclusive;
2. more usable periods breach `threshold` than `failureLimit` allows -> Failed
   (definitive even when other periods are missing: the breaches are evidence,
   unless the misses are within `warningThreshold`, a grade missing data could
   still worsen);
3. an unusable period (no value, NaN, infinite, no or zero samples), fewer
   periods than `measurementWindow / evaluationPeriod`, or fewer samples than
   `minSamples` -> Inconclusive;
4. the deciding value (the worst value once `failureLimit` breaches are
   tolerated) worse than the last passed evaluation by more than
   `maxRegression` -> Failed;
5. otherwise Passed.
A Failed target whose deciding value meets `warningThreshold` is "within
warning": it scores half its weight and does not veto the gate as a key target.

Per gate: the evidence must be a report about the gate's target, of the
rendered revision (config digest), covering at least `measurementWindow`;
otherwise every target is Inconclusive with that reason.  Then a failed key
target fails the gate; the score (Keptn: pass = weight, within warning =
weight/2, else 0, as a percentage of all weights) below `totalScore.warning`
fails it, even if counting every Inconclusive target as passed; any
Inconclusive target makes it Inconclusive; a score at or above
`totalScore.pass` passes it, and one in between passes it with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from oran_intent_krm.assurance import operators, timing
from oran_intent_krm.assurance.evidence import DATA_POINTS, EVENTS, Period, Report, Series
from oran_intent_krm.assurance.gate import GatePolicy, TargetPolicy
from oran_intent_krm.assurance.revision import short

from . import units

PASSED, FAILED, INCONCLUSIVE = "Passed", "Failed", "Inconclusive"


@dataclass(frozen=True)
class Baseline:
    """The last passed evaluation a relative criterion compares with."""

    evidence_digest: str
    window_end: str
    values: Mapping[str, tuple[float, str | None]]  # target key -> (observed value, unit)


@dataclass(frozen=True)
class RelativeCheck:
    baseline: float
    limit: float
    allowance: str
    held: bool


@dataclass(frozen=True)
class TargetResult:
    policy: TargetPolicy
    verdict: str
    reason: str
    message: str
    observed: float | None = None
    unit: str | None = None
    conversion: str | None = None
    periods: int = 0
    usable: int = 0
    samples: int | None = None
    samples_kind: str | None = None
    min_samples: int | None = None  # the minimum the samples were held to
    breaches: int = 0
    within_warning: bool = False
    relative: RelativeCheck | None = None
    values: tuple[tuple[float | None, float | None, int | None, str | None], ...] = ()  # (end, value, samples, problem)

    @property
    def score(self) -> float:
        if self.verdict == PASSED:
            return self.policy.weight
        if self.verdict == FAILED and self.within_warning:
            return self.policy.weight / 2
        return 0.0


@dataclass(frozen=True)
class GateEvaluation:
    policy: GatePolicy
    phase: str
    reason: str
    message: str
    targets: tuple[TargetResult, ...]
    report: Report | None = None
    window: tuple[float, float] | None = None
    rendered_digest: str | None = None
    measured_digest: str | None = None
    revision_state: str = "unknown"  # match | mismatch | rolledBack | unknown
    pod_revisions: tuple[str, ...] = ()  # the revision labels the rendered pods carry
    score: float | None = None
    warning: bool = False
    baseline: Baseline | None = None
    notes: tuple[str, ...] = field(default=())


def evaluate_gate(
    policy: GatePolicy,
    report: Report | None,
    rendered_digest: str | None,
    workload_count: int,
    baseline: Baseline | None = None,
    rolled_back_from: str | None = None,
    rendered_revisions: tuple[str, ...] = (),
) -> GateEvaluation:
    context = dict(policy=policy, report=report, rendered_digest=rendered_digest, baseline=baseline, pod_revisions=rendered_revisions)
    context["measured_digest"] = report.config_digest if report else None
    blocked = _precondition(policy, report, rendered_digest, workload_count, rolled_back_from) or _revision_precondition(
        policy, report, rendered_digest, rendered_revisions
    )
    if blocked:
        reason, message, state = blocked
        targets = tuple(_unevaluated(t, reason, message) for t in policy.targets)
        return GateEvaluation(phase=INCONCLUSIVE, reason=reason, message=message, targets=targets, revision_state=state, **context)
    state = "rolledBack" if report.config_digest == rolled_back_from and report.config_digest != rendered_digest else "match"
    end = report.window_end
    window = (end - policy.window_seconds, end)
    targets = tuple(evaluate_target(t, report.series.get(t.metric), window, policy, baseline) for t in policy.targets)
    phase, reason, message, score, warning = _gate_verdict(policy, targets)
    if state == "rolledBack" and phase != FAILED:
        phase, reason = INCONCLUSIVE, "StaleRevision"
        message = (
            f"the measurements are of revision {short(report.config_digest)}, which was rolled back; "
            f"the package renders {short(rendered_digest)}: waiting for measurements of it"
        )
    return GateEvaluation(
        phase=phase, reason=reason, message=message, targets=targets, window=window, revision_state=state, score=score, warning=warning, **context
    )


def _precondition(policy, report, rendered_digest, workload_count, rolled_back_from) -> tuple[str, str, str] | None:
    """Why the evidence cannot be judged at all, or None."""
    if policy.gate_problems:
        first = policy.gate_problems[0]
        return "InvalidSpec", f"the gate's {first.path} {first.message}", "unknown"
    if workload_count == 0:
        return "NoWorkloads", f"no workloads in the package are generated from {_ref_text(policy.target_ref)}", "unknown"
    if report is None:
        return "NoMeasurements", f"no MeasurementReport about {_ref_text(policy.target_ref)} is in the package", "unknown"
    broken = [p for p in report.problems if not p.path.startswith("spec.metrics[")]
    if broken:
        return "InvalidReport", f"MeasurementReport {report.name}: {broken[0].path} {broken[0].message}", "unknown"
    if not report.config_digest:
        return "NoConfigDigest", f"MeasurementReport {report.name} does not say which revision it measured (spec.configDigest)", "unknown"
    if report.config_digest != rendered_digest and report.config_digest != rolled_back_from:
        return (
            "StaleRevision",
            f"MeasurementReport {report.name} measured revision {short(report.config_digest)}; "
            f"the package renders {short(rendered_digest)}",
            "mismatch",
        )
    if report.window_seconds < policy.window_seconds:
        return (
            "WindowTooShort",
            f"MeasurementReport {report.name} covers {timing.format_duration(report.window_seconds)}, "
            f"shorter than measurementWindow {timing.format_duration(policy.window_seconds)}",
            "match",
        )
    return None


def _revision_precondition(policy, report, rendered_digest, rendered_revisions) -> tuple[str, str, str] | None:
    """Why the evidence cannot be tied to the revision it is judged for, or None."""
    state = "match" if report.config_digest == rendered_digest else "rolledBack"
    evidence = report.revision
    if evidence is None:
        return (
            "NoRevisionEvidence",
            f"MeasurementReport {report.name} does not say which revision its data belongs to, nor when that revision went live "
            "(spec.revision): collect it again with measurement-collector",
            state,
        )
    if state == "match" and rendered_revisions and evidence.value not in rendered_revisions:
        return (
            "RevisionMismatch",
            f"MeasurementReport {report.name} is about revision {evidence.value}, but the rendered pods carry "
            f"{', '.join(rendered_revisions)}",
            "mismatch",
        )
    start = report.window_end - policy.window_seconds
    if start < evidence.first_sample:
        return (
            "WindowBeforeRevision",
            f"the window evaluated begins at {timing.format_timestamp(start)}, before the first sample of revision {evidence.value} "
            f"at {timing.format_timestamp(evidence.first_sample)}: its first periods are of the previous revision, or of nothing",
            state,
        )
    return None


def _unevaluated(target: TargetPolicy, reason: str, message: str) -> TargetResult:
    return TargetResult(target, INCONCLUSIVE, reason, message, unit=target.unit)


def evaluate_target(
    target: TargetPolicy,
    series: Series | None,
    window: tuple[float, float],
    policy: GatePolicy,
    baseline: Baseline | None = None,
) -> TargetResult:
    if target.invalid:
        return TargetResult(target, INCONCLUSIVE, "InvalidTarget", f"the spec of {target.path} is not usable", unit=target.unit)
    if target.unit_from is None:
        return TargetResult(
            target,
            INCONCLUSIVE,
            "NoUnit",
            f"{target.path} states no unit and the name {target.metric} ends in no unit suffix (_ms, _seconds, _mbps, _ratio...): "
            "its values cannot be read in a known unit; set unit on the target",
        )
    if series is None:
        return TargetResult(target, INCONCLUSIVE, "MetricMissing", f"the report has no metric {target.metric}", unit=target.unit)
    try:
        convert = units.conversion(series.unit, target.unit)
    except units.UnitMismatch as exc:
        return TargetResult(target, INCONCLUSIVE, "UnitMismatch", str(exc), unit=target.unit)
    unit = target.unit or series.unit
    in_window, problems = _periods_in_window(series.periods, window)
    usable = [(p, convert.apply(p.value)) for p in in_window if p.index not in problems]
    values = [v for _, v in usable]
    samples = sum(p.samples for p, _ in usable) if usable else 0
    kind = series.samples_kind or EVENTS
    minimum = _min_samples(target, kind, policy)
    shown = tuple((p.end, convert.apply(p.value) if _finite(p.value) else p.value, p.samples, problems.get(p.index)) for p in in_window)
    base = dict(
        unit=unit,
        conversion=None if convert.identity else f"{convert.source} -> {convert.target}",
        periods=len(in_window),
        usable=len(usable),
        samples=samples,
        samples_kind=kind,
        min_samples=minimum,
        values=shown,
    )
    breaches = sum(1 for v in values if not operators.holds(v, target.operator, target.threshold))
    deciding = _deciding(values, target)
    expected = policy.expected_periods
    complete = not problems and len(in_window) >= expected
    warn = _within_warning(values, target)
    # On incomplete data only the worst grade is certain: a miss within warning could still get worse.
    if breaches > target.failure_limit and (complete or not warn):
        note = f"; within warningThreshold {_num(target.warning_threshold)} {unit or ''}".rstrip() if warn else ""
        message = (
            f"{_num(deciding)} {unit or ''} breaches {target.operator} {_num(target.threshold)} {unit or ''} in {breaches} of "
            f"{len(values)} usable periods (failureLimit {target.failure_limit}){note}"
        )
        return TargetResult(target, FAILED, "Breached", _squash(message), observed=deciding, breaches=breaches, within_warning=warn, **base)
    if problems:
        listed = "; ".join(f"{_when(p.end)}: {problems[p.index]}" for p in in_window if p.index in problems)
        return TargetResult(
            target, INCONCLUSIVE, "UnusablePeriods", f"{len(problems)} of {len(in_window)} periods cannot be used ({listed})", observed=deciding, breaches=breaches, **base
        )
    if len(in_window) < expected:
        return TargetResult(
            target,
            INCONCLUSIVE,
            "MissingPeriods",
            f"{len(in_window)} of {expected} evaluation periods in the window have data",
            observed=deciding,
            breaches=breaches,
            **base,
        )
    if samples < minimum:
        return TargetResult(
            target,
            INCONCLUSIVE,
            "TooFewSamples",
            f"{samples} {_kind_text(kind)}, fewer than minSamples {minimum}{_minimum_note(target, kind)}",
            observed=deciding,
            breaches=breaches,
            **base,
        )
    relative = _relative(target, deciding, unit, baseline)
    if relative is not None and not relative.held:
        warn = target.warning_threshold is not None
        message = (
            f"{_num(deciding)} {unit or ''} is more than {relative.allowance} worse than the last passed "
            f"{_num(relative.baseline)} {unit or ''} (limit {_num(relative.limit)} {unit or ''})"
        )
        return TargetResult(target, FAILED, "Regressed", _squash(message), observed=deciding, breaches=breaches, within_warning=warn, relative=relative, **base)
    rank = "worst" if target.failure_limit == 0 else f"worst after {target.failure_limit} tolerated"
    message = (
        f"{_num(deciding)} {unit or ''} {target.operator} {_num(target.threshold)} {unit or ''} "
        f"({rank} of {len(values)} periods, {samples} {_kind_text(kind)})"
    )
    if relative is not None:
        message += f"; within {relative.allowance} of the last passed {_num(relative.baseline)} {unit or ''}".rstrip()
    return TargetResult(target, PASSED, "Met", _squash(message), observed=deciding, breaches=breaches, relative=relative, **base)


def _min_samples(target: TargetPolicy, kind: str, policy: GatePolicy) -> int:
    """The fewest samples a target needs, in its samples' kind.

    minSamples counts events.  Where the samples are data points (no event
    count exists for the metric), a minimum from the gate or the default does
    not apply: one data point per evaluation period is needed instead, unless
    the target sets its own minSamples, which then counts data points.
    """
    if kind == DATA_POINTS and not target.min_samples_own:
        return policy.expected_periods
    return target.min_samples


def _kind_text(kind: str) -> str:
    return "data points" if kind == DATA_POINTS else "events"


def _minimum_note(target: TargetPolicy, kind: str) -> str:
    if kind == DATA_POINTS and not target.min_samples_own:
        return " (one data point per period: this metric has no event count)"
    return ""


def _periods_in_window(periods: tuple[Period, ...], window: tuple[float, float]) -> tuple[list[Period], dict[int, str]]:
    """The periods ending inside (start, end], in time order, and why each unusable one is."""
    start, end = window
    inside = sorted((p for p in periods if p.end is not None and start < p.end <= end), key=lambda p: (p.end, p.index))
    problems: dict[int, str] = {}
    seen: set[float] = set()
    for p in inside:
        reason = p.unusable_reason()
        if p.end in seen:
            reason = "repeats an earlier period ending at the same time"
        seen.add(p.end)
        if reason:
            problems[p.index] = reason
    return inside, problems


def _deciding(values: list[float], target: TargetPolicy) -> float | None:
    """The (failureLimit+1)-th worst value: it breaches exactly when too many periods do."""
    if not values:
        return None
    ordered = operators.worst_first(values, target.operator, target.threshold)
    return ordered[min(target.failure_limit, len(ordered) - 1)]


def _within_warning(values: list[float], target: TargetPolicy) -> bool:
    if target.warning_threshold is None:
        return False
    misses = sum(1 for v in values if not operators.holds(v, target.operator, target.warning_threshold))
    return misses <= target.failure_limit


def _relative(target: TargetPolicy, deciding: float | None, unit: str | None, baseline: Baseline | None) -> RelativeCheck | None:
    """The relative criterion, or None when there is none or nothing to compare with (Keptn: it passes)."""
    if target.max_regression is None or baseline is None or deciding is None:
        return None
    recorded = baseline.values.get(target.key_id)
    if recorded is None:
        return None
    value, recorded_unit = recorded
    try:
        value = units.conversion(recorded_unit, unit).apply(value) if unit else value
    except units.UnitMismatch:
        return None
    limit = target.max_regression.limit(value, target.operator)
    held = deciding <= limit if target.operator in operators.LOWER_IS_BETTER else deciding >= limit
    return RelativeCheck(value, limit, target.max_regression.text, held)


def _gate_verdict(policy: GatePolicy, targets: tuple[TargetResult, ...]) -> tuple[str, str, str, float, bool]:
    total = sum(t.policy.weight for t in targets)
    earned = sum(t.score for t in targets)
    pending = sum(t.policy.weight for t in targets if t.verdict == INCONCLUSIVE)
    score = round(100 * earned / total, 2) if total else 100.0
    best = round(100 * (earned + pending) / total, 2) if total else 100.0
    failed = [t for t in targets if t.verdict == FAILED]
    vetoes = [t for t in failed if t.policy.key and not t.within_warning]
    unsure = [t for t in targets if t.verdict == INCONCLUSIVE]
    thresholds = f"pass >= {_num(policy.total_score_pass)}%, warning >= {_num(policy.total_score_warning)}%"
    if vetoes:
        names = ", ".join(t.policy.metric for t in vetoes)
        return FAILED, "KeyTargetFailed", f"key target(s) failed: {names}", score, False
    if best < policy.total_score_warning:
        return FAILED, "ScoreBelowThreshold", f"score {_num(best if unsure else score)}% is below {thresholds}", score, False
    if unsure:
        names = ", ".join(f"{t.policy.metric} ({t.reason})" for t in unsure)
        return INCONCLUSIVE, "TargetsInconclusive", f"{len(unsure)} of {len(targets)} target(s) cannot be judged: {names}", score, False
    if score >= policy.total_score_pass:
        reason = "AllTargetsPassed" if not failed else "ScorePassed"
        return PASSED, reason, f"{len(targets) - len(failed)} of {len(targets)} target(s) met; score {_num(score)}%", score, False
    if score >= policy.total_score_warning:
        return PASSED, "ScoreInWarningBand", f"score {_num(score)}% is in the warning band ({thresholds})", score, True
    return FAILED, "ScoreBelowThreshold", f"score {_num(score)}% is below {thresholds}", score, False


def _finite(value: float | None) -> bool:
    return value is not None and value == value and value not in (float("inf"), float("-inf"))


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def _when(end: float | None) -> str:
    return f"period ending {timing.format_timestamp(end)}" if end is not None else "period"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _ref_text(ref: Mapping | None) -> str:
    if not ref:
        return "the gate's targetRef"
    return f"{ref.get('kind')} {ref.get('name')}"
