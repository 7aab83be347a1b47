"""A read TMF921 intent to the `spec` of a TS 28.312 Rel-18 Intent."""

from __future__ import annotations

import json
from typing import Any, Mapping

from oran_intent_krm.models import terms
from oran_intent_krm.sdk import resource, units

from . import consistency, constraints, vocabulary
from .model import DELIVER, ENSURE, Located, Problems, Requirement, SourceExpectation, SourceIntent

# The network functions delivered are a RAN subnetwork (RadioNetworkExpectation's object).
DELIVER_OBJECT_TYPE = terms.RAN_SUBNETWORK
# The unit a vendor target of each dimension is written in, with a `unit` target context; a standard
# target is written in the unit its TS 28.312 / TS 28.541 model gives it, without one.
OUTPUT_UNITS = {units.TIME: "ms", units.DATA_RATE: "Mbps", units.DATA_SIZE: "B", units.RATIO: "ratio"}
DIRECTIONS = {"DL": (vocabulary.DL,), "UL": (vocabulary.UL,), "DL_AND_UL": (vocabulary.DL, vocabulary.UL)}


def context(attribute: str, condition: str, value: Any) -> dict[str, Any]:
    return {"contextAttribute": attribute, "contextCondition": condition, "contextValueRange": value}


def one_or_many(attribute: str, names: list[str], many: str = "IS_ONE_OF") -> dict[str, Any]:
    return context(attribute, "IS_EQUAL_TO", names[0]) if len(names) == 1 else context(attribute, many, names)


class _Target:
    """One expectationTarget with the requirement it came from."""

    def __init__(self, name: str, constraint: constraints.Constraint, unit: str | None, path: str):
        self.name, self.constraint, self.unit, self.path = name, constraint, unit, path

    @property
    def standard(self) -> bool:
        """A TS 28.312 target whose model gives its unit: the value is in that unit, with no unit context."""
        return terms.STANDARD_TARGETS.get(self.name, ((), None))[1] is not None

    @property
    def object_type(self) -> str:
        """The first object type whose expectation model defines the target."""
        return terms.STANDARD_TARGETS[self.name][0][0] if self.name in terms.STANDARD_TARGETS else terms.VENDOR_TARGET_OBJECT_TYPE

    def to_dict(self) -> dict[str, Any]:
        contexts = [context("unit", "IS_EQUAL_TO", self.unit)] if self.unit and not self.standard else []
        values: list[Any] = [units.plain_number(n) for n in self.constraint.numbers(self.unit)]
        if self.name in terms.XLTHPT_TARGETS:
            values = [{"guaThpt": v} for v in values]  # TS 28.541 XLThpt: the guaranteed throughput, kbps
        return {
            "targetName": self.name,
            "targetCondition": self.constraint.condition,
            "targetValueRange": values if self.constraint.is_list else values[0],
            "targetContexts": contexts,
        }

    def sort_key(self) -> tuple[str, str]:
        return (self.name, json.dumps(self.to_dict(), sort_keys=True))


def translate(intent: SourceIntent, config: Mapping[str, Any], problems: Problems) -> dict[str, Any] | None:
    instance = f"SubNetwork={intent.name}"
    directions = DIRECTIONS[config["defaultDirection"]]
    expectations: list[dict[str, Any]] = []
    every_target: list[_Target] = []
    for source in intent.expectations:
        deliver = _deliver(source, instance, config, problems)
        targets = _targets(source.requirements, directions, problems)
        every_target += targets
        ensures = _ensures(targets, instance)
        made = ([deliver] if deliver else []) + ensures
        if made:
            made[0].setdefault("expectationContexts", []).extend(_contexts(source))
        for expectation in made:
            if intent.valid_for:
                # TS 28.312: the time window in which an expectation's targets are assured is an expectation context.
                expectation.setdefault("expectationContexts", []).append(context("TargetAssuranceTime", "IS_EQUAL_TO", dict(intent.valid_for)))
            expectation["expectationId"] = f"{intent.name}-{len(expectations) + 1}"
            expectations.append(_ordered(expectation))
    _check_contradictions(every_target, problems)
    if problems.has_errors:
        return None
    if expectations and not any(e["expectationVerb"] == DELIVER for e in expectations):
        problems.warning(
            "the intent only has ENSURE expectations: no DELIVER expectation names the clusters its targets apply to",
            "spec",
            expected="an expectation that deploys network functions to a cluster",
        )
    return {
        "userLabel": intent.user_label,
        "intentAdminState": intent.admin_state or "ACTIVATED",
        "intentPriority": intent.priority if intent.priority is not None else config["defaultPriority"],
        "intentPreemptionCapability": config["intentPreemptionCapability"],
        "observationPeriod": intent.observation_period or config["observationPeriod"],
        "intentContexts": _intent_contexts(intent),
        "intentExpectations": expectations,
    }


def _ordered(expectation: dict[str, Any]) -> dict[str, Any]:
    keys = ("expectationId", "expectationVerb", "expectationObject", "expectationTargets", "expectationContexts")
    return {k: expectation.get(k, []) for k in keys}


def _deliver(source: SourceExpectation, instance: str, config, problems: Problems) -> dict[str, Any] | None:
    if not (source.network_functions or source.deliveries):
        if source.delivers:
            problems.error(
                "the delivery expectation names nothing to deliver",
                source.path,
                expected="a network function (icm:targetDescription \"o-ran-du\" or a networkFunction property)",
            )
        return None
    contexts = []
    if source.network_functions:
        contexts.append(context("NfType", "IS_ALL_OF", _unique(source.network_functions)))
    if source.deliveries:
        contexts.append(context("DeliveryDescription", "IS_ALL_OF", _unique(source.deliveries)))
        for item in source.deliveries:
            problems.warning(
                f"{item.value!r} is not a network function the pipeline provisions; kept as a DeliveryDescription context",
                item.path,
                current=item.value,
                expected=f"a network function matching {', '.join(config['networkFunctions'])}",
            )
    names = [c for c in _unique(source.clusters) if not resource.is_glob(c)]
    globs = [c for c in _unique(source.clusters) if resource.is_glob(c)]
    if names:
        contexts.append(one_or_many("TargetCluster", names))
    if globs:
        contexts.append(one_or_many("TargetClusterSelector", globs))
    if not source.clusters:
        problems.warning(
            "the network functions have no target cluster: nothing can be provisioned for them",
            source.path,
            expected="a cluster name or glob among the expectation's targets",
        )
    return {
        "expectationVerb": DELIVER,
        "expectationObject": {"objectType": DELIVER_OBJECT_TYPE, "objectInstance": instance, "objectContexts": contexts},
        "expectationTargets": [],
    }


def _ensures(targets: list[_Target], instance: str) -> list[dict[str, Any]]:
    """One ENSURE per expectation object type, each holding the targets its model defines."""
    out = []
    for object_type in terms.OBJECT_TYPES:
        unique = {t.sort_key(): t for t in targets if t.object_type == object_type}
        if unique:
            out.append({
                "expectationVerb": ENSURE,
                "expectationObject": {"objectType": object_type, "objectInstance": instance},
                "expectationTargets": [unique[k].to_dict() for k in sorted(unique)],
            })
    return out


def _targets(requirements: list[Requirement], directions, problems: Problems) -> list[_Target]:
    out = []
    for requirement in requirements:
        out += _target(requirement, directions, problems)
    return out


def _target(requirement: Requirement, directions, problems: Problems) -> list[_Target]:
    found = requirement.constraint
    metric = vocabulary.lookup(found.name)
    if metric is None:
        standard = vocabulary.standard_target(found.name)
        if standard is None:
            problems.warning(
                f"{found.name!r} is not a known metric; kept as a generic target named as written",
                requirement.path,
                current=found.text,
                expected="a known metric: " + ", ".join(sorted(vocabulary.ALIASES)) + ", or a TS 28.312 target name",
            )
        unit = _standard_unit(standard, found, requirement.path, problems) if standard else _vendor_unit(found)
        if unit is False:
            return []
        condition = found.condition or constraints.EQUAL
        return [_Target(standard or found.name, found.with_condition(condition), unit, requirement.path)]
    unit = _unit_for(metric, found, requirement.path, problems)
    if unit is False:
        return []
    better = constraints.AT_MOST if metric.better == vocabulary.LOWER else constraints.AT_LEAST
    resolved = found.with_condition(found.condition or better)
    return [_Target(name, resolved, _model_unit(name) or unit, requirement.path) for name in metric.target_names(directions)]


def _model_unit(name: str) -> str | None:
    """The unit TS 28.312 / TS 28.541 give a standard target's value, if they give one."""
    return terms.STANDARD_TARGETS.get(name, ((), None))[1]


def _vendor_unit(found: constraints.Constraint) -> str | None:
    return OUTPUT_UNITS[found.dimension] if found.dimension else None


def _standard_unit(name: str, found: constraints.Constraint, path: str, problems: Problems):
    """The unit of a standard target named as such, or False after reporting a unit of another dimension.

    A plain number is taken as already in the model's unit (`WeakRSRPRatio<5` is 5 %).
    """
    unit = _model_unit(name)
    if unit is None or found.dimension is None:
        return unit if unit else _vendor_unit(found)
    if units.dimension(unit) != found.dimension:
        problems.error(
            f"{name} is a {units.dimension(unit)} in {unit}, not a {found.dimension}",
            path,
            current=found.text,
            expected=f"a {units.dimension(unit)} in a unit of {units.accepted(units.dimension(unit))}, or a plain number in {unit}",
        )
        return False
    return unit


def _unit_for(metric: vocabulary.MetricTerm, found: constraints.Constraint, path: str, problems: Problems):
    """The unit the target is written in, or False after reporting a unit that does not fit the metric."""
    if found.dimension == metric.dimension:
        return OUTPUT_UNITS[metric.dimension]
    if found.dimension is None and metric.dimension == units.RATIO:
        if all(v <= 1 for v in found.values):
            return OUTPUT_UNITS[units.RATIO]
        problems.error(
            f"{found.name} is a ratio: a plain number must be between 0 and 1",
            path,
            current=found.text,
            expected="a ratio such as 0.99999 or a percentage such as 99.999%",
        )
        return False
    wanted = f"a {metric.dimension} in a unit of {units.accepted(metric.dimension)}"
    if found.dimension is None:
        problems.error(f"unknown unit: {found.name} needs a unit", path, current=found.text, expected=wanted)
    else:
        problems.error(f"{found.name} is a {metric.dimension}, not a {found.dimension}", path, current=found.text, expected=wanted)
    return False


def _check_contradictions(targets: list[_Target], problems: Problems) -> None:
    by_name: dict[str, list[_Target]] = {}
    for target in targets:
        by_name.setdefault(target.name, []).append(target)
    for name, group in sorted(by_name.items()):
        if len({t.constraint.dimension for t in group}) > 1:
            problems.error(
                f"constraints on {name} use units of different dimensions",
                group[-1].path,
                current=[t.constraint.text for t in group],
                expected="one unit kind per target (time, data rate or ratio)",
            )
            continue
        conflict = consistency.first_conflict([t.constraint for t in group])
        if conflict is None:
            continue
        index, other = conflict
        culprit = group[index]
        if other is None:
            problems.error(f"contradictory constraints: no value of {name} meets {culprit.constraint.text!r}", culprit.path, current=culprit.constraint.text, expected="a satisfiable constraint")
        else:
            clash = group[other]
            problems.error(
                f"contradictory constraints on {name}: {culprit.constraint.text!r} cannot hold together with {clash.constraint.text!r} ({clash.path})",
                culprit.path,
                current=culprit.constraint.text,
                expected=f"a bound compatible with {clash.constraint.text!r}",
            )


def _contexts(source: SourceExpectation) -> list[dict[str, Any]]:
    out = []
    seen = set()
    for item in source.contexts:
        built = context(item.attribute, item.condition, item.value)
        key = json.dumps(built, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(built)
    out.sort(key=lambda c: (c["contextAttribute"], json.dumps(c, sort_keys=True)))
    if source.scaling:
        out.append(context("ScalingAction", "IS_EQUAL_TO", source.scaling))
    labels = _unique(source.labels)
    if labels:
        out.append(one_or_many("ExpectationLabel", labels))
    return out


def _intent_contexts(intent: SourceIntent) -> list[dict[str, Any]]:
    out = []
    if intent.reporting_events:
        out.append(context("ReportingEvents", "IS_ALL_OF", sorted(set(intent.reporting_events))))
    return out


def _unique(items: list[Located]) -> list[str]:
    return sorted({str(item.value) for item in items})


