"""Intent expectation targets as SLO objectives: metric, operator and threshold in the metric's unit."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from oran_intent_krm.sdk import units
from oran_intent_krm.sdk.results import Results

from .catalog import Catalog
from .intents import Target

# TS 28.312 Condition -> the operator the measured value must satisfy.
OPERATORS = {
    "IS_LESS_THAN": "<",
    "IS_GREATER_THAN": ">",
    "IS_EQUAL_TO_OR_LESS_THAN": "<=",
    "IS_EQUAL_TO_OR_GREATER_THAN": ">=",
    "IS_EQUAL_TO": "==",
}
UPPER_BOUNDS = ("<", "<=", "==")
LOWER_BOUNDS = (">", ">=", "==")


@dataclass(frozen=True)
class SloObjective:
    """One objective of an SLO gate, from an intent target or a configured default (config: `Objective`)."""

    metric: str
    operator: str
    threshold: Fraction
    unit: str
    expectation_id: str | None = None
    target_name: str | None = None

    def sort_key(self) -> tuple:
        return (self.metric, self.expectation_id or "\uffff", self.target_name or "", self.operator, self.threshold)


class TargetError(ValueError):
    def __init__(self, message: str, path_suffix: str, current: Any, expected: str):
        super().__init__(message)
        self.path_suffix, self.current, self.expected = path_suffix, current, expected


def from_targets(targets: list[Target], catalog: Catalog, obj: Mapping[str, Any], results: Results) -> list[SloObjective] | None:
    """The objectives of an intent's targets, or None after reporting each target that cannot be checked."""
    objectives, failed = [], False
    for target in targets:
        try:
            objectives += _objectives(target, catalog)
        except TargetError as exc:
            results.error(str(exc), obj, target.path + exc.path_suffix, current=exc.current, expected=exc.expected)
            failed = True
    return None if failed else sorted(set(objectives), key=SloObjective.sort_key)


def with_defaults(objectives: list[SloObjective], catalog: Catalog) -> list[SloObjective]:
    """The intent's objectives plus each configured default whose metric the intent does not target."""
    covered = {o.metric for o in objectives}
    added = [
        SloObjective(d["metric"], d["operator"], units.exact(d["threshold"]), catalog.metrics[d["metric"]].unit)
        for d in catalog.objectives
        if d["metric"] not in covered
    ]
    return sorted(set(objectives + added), key=SloObjective.sort_key)


def _objectives(target: Target, catalog: Catalog) -> list[SloObjective]:
    metric = catalog.metric_for(target.name)
    if metric is None:
        raise TargetError(
            f"no metric measures target {target.name}; map it in functionConfig metrics.<metric>.targetNames",
            ".targetName",
            target.name,
            "a target name of: " + ", ".join(f"{m.name} ({', '.join(m.target_names)})" for m in catalog.metrics.values()),
        )
    pairs = _bounds(target)
    unit = target.unit or metric.unit
    out = []
    for operator, value in pairs:
        try:
            threshold = units.convert(value, unit, metric.unit)
        except units.UnitError as exc:
            expected = f"a unit convertible to {metric.unit}"
            raise TargetError(f"target {target.name}: {exc}", ".targetContexts", unit, expected) from None
        out.append(SloObjective(metric.name, operator, threshold, metric.unit, target.expectation_id, target.name))
    return out


def _bounds(target: Target) -> list[tuple[str, Fraction]]:
    condition, raw = target.condition, target.value
    if condition in OPERATORS:
        return [(OPERATORS[condition], _number(target, _single(raw)))]
    if condition == "IS_WITHIN_RANGE":
        if not isinstance(raw, list) or len(raw) != 2:
            raise TargetError(f"IS_WITHIN_RANGE of {target.name} needs [low, high]", ".targetValueRange", raw, "[low, high]")
        low, high = _number(target, raw[0], "[0]"), _number(target, raw[1], "[1]")
        if low > high:
            raise TargetError(f"range of {target.name} is reversed", ".targetValueRange", raw, "low <= high")
        return [(">=", low), ("<=", high)]
    if condition == "IS_NOT_ONE_OF":
        values = raw if isinstance(raw, list) else [raw]
        return [("!=", _number(target, v, f"[{i}]" if isinstance(raw, list) else "")) for i, v in enumerate(values)]
    if condition == "IS_ONE_OF" and isinstance(raw, list) and len(raw) == 1:
        return [("==", _number(target, raw[0], "[0]"))]
    raise TargetError(
        f"{condition} on {target.name} cannot be checked as thresholds that must all hold",
        ".targetCondition",
        condition,
        "IS_LESS_THAN, IS_GREATER_THAN, IS_EQUAL_TO_OR_LESS_THAN, IS_EQUAL_TO_OR_GREATER_THAN, IS_EQUAL_TO, "
        "IS_WITHIN_RANGE, IS_NOT_ONE_OF, or IS_ONE_OF with one value",
    )


def _single(raw: Any) -> Any:
    if isinstance(raw, list) and len(raw) == 1:
        return raw[0]
    return raw


def _number(target: Target, raw: Any, suffix: str = "") -> Fraction:
    try:
        return units.exact(raw)
    except ValueError:
        raise TargetError(
            f"target {target.name} has no numeric value", ".targetValueRange" + suffix, raw, "a number in the target's unit"
        ) from None
