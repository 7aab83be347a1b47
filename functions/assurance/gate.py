"""An SLOGate's spec read into the policy the evaluation applies, with every default filled in.

Beyond the fields of docs/pipeline.md §3, a gate may carry the policy
extensions below (see functions/models/measurement.py, `GatePolicyExtensions`
and `SLOTargetPolicyExtensions`); every one is optional:

- gate: `totalScore {pass, warning}` (percent), `minSamples`, `failureLimit`;
- target: `warningThreshold`, `weight`, `keyTarget`, `maxRegression`,
  `failureLimit`, `minSamples`.

Problems are collected, not raised: a target with an unusable spec is
Inconclusive, and each problem becomes an error result with its field path.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Mapping

from oran_intent_krm.sdk import durations, resource, units

from .operators import HIGHER_IS_BETTER, LOWER_IS_BETTER, OPERATORS

API_VERSION = "gate.slo.nephio.org/v1alpha1"
KIND = "SLOGate"
ENFORCEMENTS = ("block", "warn", "dryRun")
ON_FAILURE = ("none", "rollback")
DEFAULT_TOTAL_SCORE = {"pass": 90.0, "warning": 75.0}  # Keptn's documented example values
UNIT_FROM_SPEC, UNIT_FROM_NAME = "spec", "metricName"
_REGRESSION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    current: Any
    expected: str


@dataclass(frozen=True)
class Regression:
    """How much worse than the baseline a value may be: a fraction (`10%`) or an amount."""

    amount: Fraction
    relative: bool
    text: str

    def limit(self, baseline: float, op: str) -> float:
        """The worst value allowed, in exact decimal arithmetic (7.2 plus 10 % is 7.92, not 7.920000000000001)."""
        base = units.exact(baseline)
        step = abs(base) * self.amount if self.relative else self.amount
        return float(base + step if op in LOWER_IS_BETTER else base - step)


@dataclass(frozen=True)
class TargetPolicy:
    index: int
    metric: str
    operator: str
    threshold: float
    unit: str | None
    unit_from: str | None = UNIT_FROM_SPEC  # where the unit comes from; None: nowhere, the target cannot be judged
    warning_threshold: float | None = None
    weight: float = 1.0
    key: bool = True
    max_regression: Regression | None = None
    failure_limit: int = 0
    min_samples: int = 1
    min_samples_own: bool = False  # set on the target itself, not taken from the gate or the default
    intent_target: tuple[str, str] | None = None
    invalid: bool = False

    @property
    def path(self) -> str:
        return f"spec.sloTargets[{self.index}]"

    @property
    def key_id(self) -> str:
        """What identifies the same target across revisions of the gate (for baselines)."""
        return f"{self.metric} {self.operator}"


@dataclass(frozen=True)
class GatePolicy:
    name: str
    target_ref: Mapping[str, Any] | None
    target_bound: bool  # no targetRef in the spec: bound to the package's only ProvisioningRequest
    intent_ref: Mapping[str, Any] | None
    targets: tuple[TargetPolicy, ...]
    window_seconds: float | None
    period_seconds: float | None
    enforcement: str
    on_failure: str
    total_score_pass: float
    total_score_warning: float
    problems: tuple[Problem, ...] = field(default=())

    @property
    def expected_periods(self) -> int:
        if not self.window_seconds or not self.period_seconds:
            return 0
        return int(self.window_seconds // self.period_seconds)

    @property
    def gate_problems(self) -> tuple[Problem, ...]:
        """Problems that make the whole gate unevaluable (not one target's)."""
        return tuple(p for p in self.problems if not p.path.startswith("spec.sloTargets["))


def read_gate(gate: Mapping[str, Any], config: Mapping[str, Any], requests: list[Mapping[str, Any]] = ()) -> GatePolicy:
    """The gate's policy; `requests` are the package's ProvisioningRequests, one of which a gate
    without `targetRef` (the guide's form) binds to when it is the only one."""
    spec = gate.get("spec") if isinstance(gate.get("spec"), Mapping) else {}
    problems: list[Problem] = []
    name = resource.name(gate)
    bound = "targetRef" not in spec and len(requests) == 1
    target_ref = _target_ref(spec, requests, problems)
    intent_ref = _ref(spec, "intentRef", problems, required=False)
    window = _duration(spec, "measurementWindow", problems)
    period = _duration(spec, "evaluationPeriod", problems)
    if window and period and period > window:
        problems.append(Problem("spec.evaluationPeriod", "is longer than measurementWindow", spec.get("evaluationPeriod"), "a period no longer than the window"))
    enforcement = _choice(spec, "enforcement", ENFORCEMENTS, config.get("defaultEnforcement", "block"), problems)
    on_failure = _choice(spec, "onFailure", ON_FAILURE, "none", problems)
    score_pass, score_warning = _total_score(spec, problems)
    gate_min = _count(spec, "minSamples", "spec.minSamples", config.get("defaultMinSamples", 1), problems)
    gate_limit = _count(spec, "failureLimit", "spec.failureLimit", config.get("defaultFailureLimit", 0), problems)
    raw_targets = spec.get("sloTargets")
    targets: list[TargetPolicy] = []
    if not isinstance(raw_targets, list) or not raw_targets:
        problems.append(Problem("spec.sloTargets", "must list at least one SLO target", raw_targets, "a non-empty list"))
    else:
        for index, raw in enumerate(raw_targets):
            targets.append(_target(index, raw, gate_min, gate_limit, problems))
    expected = int(window // period) if window and period else 0
    for target in targets:
        if expected and target.failure_limit >= expected:
            problems.append(
                Problem(f"{target.path}.failureLimit", f"allows every one of the {expected} periods in the window to breach", target.failure_limit, f"less than {expected}")
            )
    return GatePolicy(
        name=name,
        target_ref=target_ref,
        target_bound=bound,
        intent_ref=intent_ref,
        targets=tuple(_invalidate(targets, problems)),
        window_seconds=window,
        period_seconds=period,
        enforcement=enforcement,
        on_failure=on_failure,
        total_score_pass=score_pass,
        total_score_warning=score_warning,
        problems=tuple(problems),
    )


def _invalidate(targets: list[TargetPolicy], problems: list[Problem]) -> list[TargetPolicy]:
    bad = {int(p.path.split("[", 1)[1].split("]", 1)[0]) for p in problems if p.path.startswith("spec.sloTargets[")}
    return [_replace_invalid(t) if t.index in bad else t for t in targets]


def _replace_invalid(target: TargetPolicy) -> TargetPolicy:
    return replace(target, invalid=True)


def _target(index: int, raw: Any, gate_min: int, gate_limit: int, problems: list[Problem]) -> TargetPolicy:
    path = f"spec.sloTargets[{index}]"
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, "must be an object", raw, "{metric, threshold, operator}"))
        return TargetPolicy(index, "", "<", 0.0, None, invalid=True)
    metric = raw.get("metric")
    if not isinstance(metric, str) or not metric:
        problems.append(Problem(f"{path}.metric", "must name the measured metric", metric, "a metric name"))
        metric = ""
    op = raw.get("operator")
    if not isinstance(op, str) or op not in OPERATORS:
        problems.append(Problem(f"{path}.operator", "is not an operator", op, "one of < <= > >= == !="))
        op = "<"
    threshold = _number(raw, "threshold", path, problems, required=True)
    warning = _number(raw, "warningThreshold", path, problems, required=False)
    if warning is not None and threshold is not None and op in LOWER_IS_BETTER + HIGHER_IS_BETTER:
        looser = warning >= threshold if op in LOWER_IS_BETTER else warning <= threshold
        if not looser:
            problems.append(
                Problem(f"{path}.warningThreshold", "must be looser than threshold: it is the tolerance used once threshold is missed", warning, f"{'>=' if op in LOWER_IS_BETTER else '<='} {threshold}")
            )
    elif warning is not None and op in ("==", "!="):
        problems.append(Problem(f"{path}.warningThreshold", f"has no meaning with operator {op}", warning, "absent"))
    weight = _number(raw, "weight", path, problems, required=False)
    if weight is not None and weight < 0:
        problems.append(Problem(f"{path}.weight", "must not be negative", weight, ">= 0"))
    key = raw.get("keyTarget", True)
    if not isinstance(key, bool):
        problems.append(Problem(f"{path}.keyTarget", "must be true or false", key, "a boolean"))
        key = True
    regression = _regression(raw, path, op, problems)
    unit = raw.get("unit")
    if unit is not None and not (isinstance(unit, str) and units.is_known(unit)):
        problems.append(Problem(f"{path}.unit", "is not a known unit", unit, f"a unit of {units.accepted()}"))
        unit = None
    unit, unit_from = _unit(unit or None, metric)
    return TargetPolicy(
        index=index,
        metric=metric,
        operator=op,
        threshold=threshold if threshold is not None else 0.0,
        unit=unit,
        unit_from=unit_from,
        warning_threshold=warning,
        weight=weight if weight is not None and weight >= 0 else 1.0,
        key=key,
        max_regression=regression,
        failure_limit=_count(raw, "failureLimit", f"{path}.failureLimit", gate_limit, problems),
        min_samples=_count(raw, "minSamples", f"{path}.minSamples", gate_min, problems),
        min_samples_own=raw.get("minSamples") is not None,
        intent_target=_intent_target(raw, path, problems),
    )


def _unit(unit: str | None, metric: str) -> tuple[str | None, str | None]:
    """The target's unit and where it comes from: its spec, else the suffix of its metric's name, else nowhere."""
    if unit:
        return unit, UNIT_FROM_SPEC
    from oran_intent_krm.sdk import units

    implied = units.metric_unit(metric) if metric else None
    return (implied, UNIT_FROM_NAME) if implied else (None, None)


def _number(raw: Mapping[str, Any], key: str, path: str, problems: list[Problem], required: bool) -> float | None:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(Problem(f"{path}.{key}", "is required", None, "a number"))
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.append(Problem(f"{path}.{key}", "must be a finite number", value, "a number"))
        return None
    return float(value)


def _count(raw: Mapping[str, Any], key: str, path: str, default: int, problems: list[Problem]) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(Problem(path, "must be a whole number, 0 or more", value, "an integer >= 0"))
        return int(default)
    return value


def _regression(raw: Mapping[str, Any], path: str, op: str, problems: list[Problem]) -> Regression | None:
    value = raw.get("maxRegression")
    if value is None:
        return None
    if op not in LOWER_IS_BETTER + HIGHER_IS_BETTER:
        problems.append(Problem(f"{path}.maxRegression", f"needs a direction: operator {op} has none", value, "operator < <= > or >="))
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return Regression(units.exact(value), False, str(value))
    match = _REGRESSION.match(str(value)) if isinstance(value, str) else None
    if match:
        return Regression(units.exact(match.group(1)) / 100, True, f"{match.group(1)}%")
    problems.append(Problem(f"{path}.maxRegression", "is not a regression allowance", value, "a percentage such as 10% or an amount in the target's unit"))
    return None


def _intent_target(raw: Mapping[str, Any], path: str, problems: list[Problem]) -> tuple[str, str] | None:
    value = raw.get("intentTarget")
    if value is None:
        return None
    if isinstance(value, Mapping) and isinstance(value.get("expectationId"), str) and isinstance(value.get("targetName"), str):
        return (value["expectationId"], value["targetName"])
    problems.append(Problem(f"{path}.intentTarget", "must name the intent's expectation and target", value, "{expectationId, targetName}"))
    return None


PR_KIND = ("o2ims.provisioning.oran.org", "ProvisioningRequest")


def provisioning_requests(items: list[Any]) -> list[Mapping[str, Any]]:
    found = [i for i in items if (resource.group_of(str(i.get("apiVersion") or "")), i.get("kind")) == PR_KIND]
    return sorted(found, key=resource.identity)


def _target_ref(spec: Mapping[str, Any], requests: list[Mapping[str, Any]], problems: list[Problem]) -> Mapping[str, Any] | None:
    """spec.targetRef; without it, the package's only ProvisioningRequest, else a problem saying what to add."""
    if "targetRef" in spec:
        return _ref(spec, "targetRef", problems, required=True)
    if len(requests) == 1:
        return resource.ref(requests[0])
    names = [resource.name(r) for r in requests]
    name = names[0] if len(names) == 1 else "<one of: " + ", ".join(names) + ">" if names else "<the ProvisioningRequest it judges>"
    snippet = f"targetRef: {{apiVersion: o2ims.provisioning.oran.org/v1alpha1, kind: ProvisioningRequest, name: {name}}}"
    why = f"the package has {len(requests)} ProvisioningRequests ({', '.join(names)})" if names else "the package has no ProvisioningRequest"
    problems.append(
        Problem(
            "spec.targetRef",
            f"is missing, and {why}, so the gate cannot be bound to one: add under spec `{snippet}`",
            None,
            snippet,
        )
    )
    return None


def _ref(spec: Mapping[str, Any], key: str, problems: list[Problem], required: bool) -> Mapping[str, Any] | None:
    value = spec.get(key)
    if value is None and not required:
        return None
    if isinstance(value, Mapping) and all(isinstance(value.get(k), str) and value.get(k) for k in ("apiVersion", "kind", "name")):
        return value
    problems.append(Problem(f"spec.{key}", "must reference a resource", value, "{apiVersion, kind, name}"))
    return None


def _duration(spec: Mapping[str, Any], key: str, problems: list[Problem]) -> float | None:
    value = spec.get(key)
    if value is None:
        problems.append(Problem(f"spec.{key}", "is required", value, f"a duration such as {durations.EXAMPLES}"))
        return None
    try:
        return durations.seconds(value)
    except durations.DurationError as exc:
        problems.append(Problem(f"spec.{key}", str(exc), value, f"a positive duration such as {durations.EXAMPLES}"))
        return None


def _choice(spec: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: str, problems: list[Problem]) -> str:
    value = spec.get(key, default)
    if value not in allowed:
        problems.append(Problem(f"spec.{key}", "is not a known value", value, "one of " + ", ".join(allowed)))
        return default
    return value


def _total_score(spec: Mapping[str, Any], problems: list[Problem]) -> tuple[float, float]:
    raw = spec.get("totalScore")
    if raw is None:
        return DEFAULT_TOTAL_SCORE["pass"], DEFAULT_TOTAL_SCORE["warning"]
    if not isinstance(raw, Mapping):
        problems.append(Problem("spec.totalScore", "must be an object", raw, "{pass, warning} in percent"))
        return DEFAULT_TOTAL_SCORE["pass"], DEFAULT_TOTAL_SCORE["warning"]
    values = {}
    for key in ("pass", "warning"):
        value = raw.get(key, DEFAULT_TOTAL_SCORE[key])
        if isinstance(value, str) and value.strip().endswith("%"):
            try:
                value = float(value.strip()[:-1])
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            problems.append(Problem(f"spec.totalScore.{key}", "must be a percentage from 0 to 100", raw.get(key), "0..100"))
            value = DEFAULT_TOTAL_SCORE[key]
        values[key] = float(value)
    if values["warning"] > values["pass"]:
        problems.append(Problem("spec.totalScore.warning", "is above totalScore.pass", raw.get("warning"), f"<= {values['pass']}"))
        values["warning"] = values["pass"]
    return values["pass"], values["warning"]
