"""Performance classes and sizing: which profile each component gets, and the request's total."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from oran_intent_krm.sdk import quantity

from . import defaults
from .catalog import Catalog, ClassUpgrade, SizingProfile
from .objectives import LOWER_BOUNDS, UPPER_BOUNDS, SloObjective


@dataclass(frozen=True)
class SizedFunction:
    name: str
    nf_type: str
    source: str
    performance_class: str
    profile: SizingProfile

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "nfType": self.nf_type,
            "source": self.source,
            "performanceClass": self.performance_class,
            "replicas": self.profile.replicas,
            "dedicatedCpu": self.profile.dedicated_cpu,
            "resources": format_resources(self.profile.resources),
        }


def rule_matches(rule: ClassUpgrade, objectives: list[SloObjective]) -> bool:
    """True if some objective on the rule's metric is at least as strict as the rule's bound."""
    for objective in objectives:
        if objective.metric != rule.metric:
            continue
        if rule.at_most is not None and objective.operator in UPPER_BOUNDS and objective.threshold <= rule.at_most:
            return True
        if rule.at_least is not None and objective.operator in LOWER_BOUNDS and objective.threshold >= rule.at_least:
            return True
    return False


def component_class(component: str, rules: list[ClassUpgrade], objectives: list[SloObjective]) -> str:
    for rule in rules:
        if component in rule.components and rule_matches(rule, objectives):
            return rule.performance_class
    return "standard"


def size(components: dict[str, str], catalog: Catalog, objectives: list[SloObjective]) -> list[SizedFunction]:
    """One sized entry per component (component -> the NF identifier it comes from), sorted by name."""
    out = []
    for name in sorted(components):
        component = catalog.components[name]
        performance_class = component_class(name, catalog.rules, objectives)
        profile = component.profiles[performance_class]
        out.append(SizedFunction(name, component.nf_type, components[name], performance_class, profile))
    return out


def request_class(functions: list[SizedFunction]) -> str:
    """The most demanding class among the request's functions."""
    return max((f.performance_class for f in functions), key=defaults.CLASSES.index, default="standard")


def total(functions: list[SizedFunction]) -> dict[str, str]:
    """resourceRequirements: the sum over functions of replicas x resources, exactly."""
    sums: dict[str, Fraction] = {}
    for function in functions:
        for key, value in function.profile.resources.items():
            sums[key] = sums.get(key, Fraction(0)) + function.profile.replicas * value
    required = {"cpu", "memory", "storage"}
    return format_resources({k: v for k, v in sums.items() if v or k in required})


def format_resources(resources: dict[str, Fraction]) -> dict[str, str]:
    order = ("cpu", "memory", "storage", "hugepages-1Gi", "hugepages-2Mi")
    out = {}
    for key in order:
        if key in resources:
            out[key] = quantity.format_millicores(resources[key]) if key == "cpu" else quantity.format_bytes(resources[key])
    return out
