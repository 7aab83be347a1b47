"""The effective catalogue: shipped defaults with functionConfig merged over them, checked once."""

from __future__ import annotations

import copy
import fnmatch
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from oran_intent_krm.sdk import durations, quantity, resource, units
from oran_intent_krm.sdk.results import Results

from . import defaults, promql

RESOURCE_KEYS = ("cpu", "memory", "storage", "hugepages-1Gi", "hugepages-2Mi")
REQUIRED_PROFILE_KEYS = ("replicas", "cpu", "memory", "storage")


@dataclass(frozen=True)
class SizingProfile:
    """A component's checked per-replica sizing in one performance class (config: `Profile`, merged)."""

    replicas: int
    dedicated_cpu: bool
    resources: dict[str, Fraction]  # cpu in cores, the rest in bytes


@dataclass
class Component:
    name: str
    nf_type: str
    profiles: dict[str, SizingProfile]
    declared: frozenset[str] = frozenset()  # classes configured, valid or not


@dataclass(frozen=True)
class ClassUpgrade:
    """A checked class rule (config: `ClassRule`): components upgraded when a target is strict enough."""

    performance_class: str
    metric: str
    at_most: Fraction | None
    at_least: Fraction | None
    components: tuple[str, ...]


@dataclass(frozen=True)
class MetricDefinition:
    """How a metric is measured, shipped and configured merged (config: `Metric`)."""

    name: str
    unit: str
    target_names: tuple[str, ...]
    query: str
    names_from_config: bool


@dataclass
class Catalog:
    network_functions: dict[str, list[str]] = field(default_factory=dict)
    components: dict[str, Component] = field(default_factory=dict)
    rules: list[ClassUpgrade] = field(default_factory=list)
    metrics: dict[str, MetricDefinition] = field(default_factory=dict)
    objectives: list[dict[str, Any]] = field(default_factory=list)

    def metric_for(self, target_name: str) -> MetricDefinition | None:
        """The metric measuring a target: exact (case-insensitive) names first, then globs."""
        wanted = target_name.lower()
        # Names given in functionConfig take precedence over the shipped ones.
        ordered = sorted(self.metrics.values(), key=lambda m: (not m.names_from_config, m.name))
        for metric in ordered:
            if any(wanted == n.lower() for n in metric.target_names if not resource.is_glob(n)):
                return metric
        for metric in ordered:
            if any(fnmatch.fnmatchcase(wanted, n.lower()) for n in metric.target_names if resource.is_glob(n)):
                return metric
        return None


class _Reporter:
    """Errors about functionConfig, named by the config field they come from."""

    def __init__(self, results: Results, function_config: Any):
        self.results = results
        self.obj = function_config if isinstance(function_config, Mapping) and function_config.get("kind") else None
        self.prefix = "data." if self.obj is not None and self.obj.get("kind") == "ConfigMap" else ""
        self.failed = False

    def error(self, message: str, path: str, current: Any = None, expected: Any = None) -> None:
        self.failed = True
        self.results.error(f"functionConfig: {message}", self.obj, self.prefix + path, current=current, expected=expected)

    def warning(self, message: str, path: str, current: Any = None, expected: Any = None) -> None:
        self.results.warning(f"functionConfig: {message}", self.obj, self.prefix + path, current=current, expected=expected)


def build(config: Mapping[str, Any], function_config: Any, results: Results) -> Catalog | None:
    """The merged catalogue, or None after reporting every configuration problem."""
    report = _Reporter(results, function_config)
    catalog = Catalog()
    timed = _check_durations(config, report)
    catalog.metrics = _metrics(config.get("metrics") or {}, config, report, check_queries=timed)
    catalog.components = _components(config.get("sizingProfiles") or {}, report)
    catalog.network_functions = _network_functions(config.get("networkFunctions") or {}, catalog, report)
    catalog.rules = _rules(config.get("performanceClassRules") or [], catalog, report)
    catalog.objectives = _objectives(config.get("defaultObjectives") or [], catalog, report)
    return None if report.failed else catalog


def _check_durations(config: Mapping[str, Any], report: _Reporter) -> bool:
    """The gate's window and period and the scrape interval: positive durations the PromQL queries can take, the
    period within the window.  True when the query templates can be filled in and checked with them."""
    found = {}
    for key in ("measurementWindow", "evaluationPeriod", "scrapeInterval"):
        try:
            found[key] = durations.exact_seconds(config.get(key))
        except durations.DurationError as exc:
            report.error(str(exc), key, current=config.get(key), expected=f"a positive duration such as {durations.EXAMPLES}")
    if {"evaluationPeriod", "measurementWindow"} <= set(found) and found["evaluationPeriod"] > found["measurementWindow"]:
        report.error(
            "evaluationPeriod is longer than measurementWindow",
            "evaluationPeriod",
            current=config["evaluationPeriod"],
            expected=f"a period no longer than the window ({config['measurementWindow']})",
        )
    return len(found) == 3


def _metrics(overrides: Mapping[str, Any], config: Mapping[str, Any], report: _Reporter, check_queries: bool) -> dict[str, MetricDefinition]:
    merged = copy.deepcopy(defaults.METRICS)
    for name, override in overrides.items():
        entry = merged.setdefault(name, {})
        entry.update({k: v for k, v in (override or {}).items() if v is not None})
    metrics = {}
    for name in sorted(merged):
        entry = merged[name]
        path = f"metrics.{name}"
        override = overrides.get(name) or {}
        # A broken metric still counts as known, so rules naming it get no second error.
        metrics[name] = MetricDefinition(
            name,
            str(entry.get("unit") or ""),
            tuple(entry.get("targetNames") or ()),
            str(entry.get("query") or ""),
            override.get("targetNames") is not None,
        )
        if not entry.get("unit") or not entry.get("query"):
            report.error(f"metric {name} needs a unit and a query", path, current=dict(entry), expected="unit and query")
            continue
        try:
            units.lookup(entry["unit"])
        except units.UnknownUnit as exc:
            report.error(str(exc), f"{path}.unit", current=entry["unit"], expected=units.accepted())
            continue
        if not check_queries:
            continue  # a duration they are filled in with is wrong, and reported
        problem = promql.template_problem(entry["query"], config)
        if problem:
            report.error(f"query of metric {name} {problem}", f"{path}.query", current=entry["query"], expected="a PromQL query")
            continue
        _check_template(name, entry, override.get("query") is not None, config, report)
    return metrics


def _check_template(name: str, entry: Mapping[str, Any], overridden: bool, config: Mapping[str, Any], report: _Reporter) -> None:
    """The PromQL checks' findings about a metric's query template, as errors and warnings on the field to change."""
    for finding in promql.template_findings(entry["query"], entry["unit"], config):
        # A shipped template breaks only through the values put into it: the scrape interval.
        path = f"metrics.{name}.query" if overridden or finding.rule != "rate-window" else "scrapeInterval"
        current = entry["query"] if path.endswith(".query") else config["scrapeInterval"]
        message = f"query of metric {name} [{finding.rule}]: {finding.message}"
        (report.error if finding.severity == "error" else report.warning)(message, path, current=current, expected=finding.fix)


def _components(overrides: Mapping[str, Any], report: _Reporter) -> dict[str, Component]:
    merged = copy.deepcopy(defaults.SIZING_PROFILES)
    for name, override in overrides.items():
        entry = merged.setdefault(name, {"classes": {}})
        if (override or {}).get("nfType"):
            entry["nfType"] = override["nfType"]
        for performance_class, profile in ((override or {}).get("classes") or {}).items():
            target = entry["classes"].setdefault(performance_class, {})
            target.update({k: v for k, v in (profile or {}).items() if v is not None})
    components = {}
    for name in sorted(merged):
        entry, path = merged[name], f"sizingProfiles.{name}"
        if not entry.get("nfType"):
            report.error(f"component {name} has no nfType", f"{path}.nfType", expected="O-CU-CP, O-CU-UP, O-DU or O-RU")
            continue
        profiles = {}
        for performance_class in sorted(entry.get("classes") or {}):
            profile_path = f"{path}.classes.{performance_class}"
            if performance_class not in defaults.CLASSES:
                report.error(
                    f"unknown performance class {performance_class}",
                    profile_path,
                    current=performance_class,
                    expected=" | ".join(defaults.CLASSES),
                )
                continue
            profile = _profile(entry["classes"][performance_class], profile_path, report)
            if profile is not None:
                profiles[performance_class] = profile
        if "standard" not in entry.get("classes", {}):
            report.error(f"component {name} has no standard profile", f"{path}.classes.standard", expected="a profile")
        components[name] = Component(name, entry["nfType"], profiles, frozenset(entry.get("classes") or {}))
    return components


def _profile(raw: Mapping[str, Any], path: str, report: _Reporter) -> SizingProfile | None:
    missing = [k for k in REQUIRED_PROFILE_KEYS if raw.get(k) is None]
    if missing:
        report.error(f"profile lacks {', '.join(missing)}", path, current=dict(raw), expected=", ".join(REQUIRED_PROFILE_KEYS))
        return None
    resources: dict[str, Fraction] = {}
    for key in RESOURCE_KEYS:
        if raw.get(key) is None:
            continue
        try:
            value = quantity.parse(raw[key])
            (quantity.format_millicores if key == "cpu" else quantity.format_bytes)(value)
        except quantity.QuantityError as exc:
            report.error(str(exc), f"{path}.{key}", current=raw[key], expected="a Kubernetes quantity")
            return None
        if value < 0:
            report.error(f"{key} cannot be negative", f"{path}.{key}", current=raw[key], expected="a quantity >= 0")
            return None
        resources[key] = value
    dedicated = bool(raw.get("dedicatedCpu", False))
    if dedicated and resources["cpu"].denominator != 1:
        report.error(
            "dedicatedCpu needs whole CPUs (Guaranteed QoS, static CPU manager)",
            f"{path}.cpu",
            current=raw["cpu"],
            expected="a multiple of 1000m",
        )
        return None
    replicas = raw["replicas"]
    if isinstance(replicas, bool) or not isinstance(replicas, int) or replicas < 1:
        report.error("replicas must be a positive integer", f"{path}.replicas", current=replicas, expected=">= 1")
        return None
    return SizingProfile(replicas, dedicated, resources)


def _network_functions(overrides: Mapping[str, Any], catalog: Catalog, report: _Reporter) -> dict[str, list[str]]:
    merged = {k.lower(): list(v) for k, v in defaults.NETWORK_FUNCTIONS.items()}
    merged.update({str(k).lower(): list(v or []) for k, v in overrides.items()})
    for identifier in sorted(merged):
        unknown = [c for c in merged[identifier] if c not in catalog.components]
        if unknown or not merged[identifier]:
            report.error(
                f"network function {identifier} maps to unknown component(s) {', '.join(unknown) or '(none)'}",
                f"networkFunctions.{identifier}",
                current=merged[identifier],
                expected="components of sizingProfiles: " + ", ".join(sorted(catalog.components)),
            )
    return merged


def _rules(raw: list[Any], catalog: Catalog, report: _Reporter) -> list[ClassUpgrade]:
    rules = []
    for index, rule in enumerate(raw):
        path = f"performanceClassRules[{index}]"
        bounds = [rule.get("atMost"), rule.get("atLeast")]
        if sum(b is not None for b in bounds) != 1:
            report.error("a rule needs exactly one of atMost and atLeast", path, current=dict(rule), expected="atMost or atLeast")
            continue
        if rule["metric"] not in catalog.metrics:
            report.error(
                f"rule names unknown metric {rule['metric']}",
                f"{path}.metric",
                current=rule["metric"],
                expected=", ".join(catalog.metrics),
            )
            continue
        performance_class = rule["class"]
        for component in rule.get("components") or []:
            known = catalog.components.get(component)
            if known is None:
                report.error(
                    f"rule names unknown component {component}",
                    f"{path}.components",
                    current=component,
                    expected=", ".join(catalog.components),
                )
            elif performance_class not in known.declared:
                report.error(
                    f"component {component} has no {performance_class} profile for this rule",
                    f"sizingProfiles.{component}.classes.{performance_class}",
                    expected="a profile",
                )
        rules.append(
            ClassUpgrade(
                performance_class,
                rule["metric"],
                units.exact(bounds[0]) if bounds[0] is not None else None,
                units.exact(bounds[1]) if bounds[1] is not None else None,
                tuple(rule.get("components") or ()),
            )
        )
    return rules


def _objectives(raw: list[Any], catalog: Catalog, report: _Reporter) -> list[dict[str, Any]]:
    objectives = []
    for index, objective in enumerate(raw):
        if objective["metric"] not in catalog.metrics:
            report.error(
                f"default objective names unknown metric {objective['metric']}",
                f"defaultObjectives[{index}].metric",
                current=objective["metric"],
                expected=", ".join(catalog.metrics),
            )
            continue
        objectives.append(dict(objective))
    return objectives
