"""TM Forum Intent Ontology (TIO) expectations, from a JSON-LD or Turtle graph.

Both styles peers emit are read, matching on local names:

- older (TMF921 v5 examples, TIO v3.4.0): `icm:hasExpectation` {id: expectation}, each with
  `icm:target` and `icm:params` {property: value | [{icm:atMost: "200"}]};
- newer (TIO v3.6.0): `log:allOf` over expectations, conditions and contexts, with
  `set:forAll [ icm:valuesOfTargetProperty <metric> ; quan:smaller [ quan:unit "ms" ; rdf:value 20 ] ]`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from oran_intent_krm.sdk import durations, units

from . import constraints, rules
from .graph import Graph, Node, Ref, local_name
from .model import ContextValue, Located, Problems, Requirement, SourceExpectation, SourceIntent

QUANTITY_OPERATORS = {
    "smaller": constraints.LESS,
    "lessthan": constraints.LESS,
    "greater": constraints.GREATER,
    "larger": constraints.GREATER,  # used by INTEND examples; not in TIO v3.6.0, read as greater
    "greaterthan": constraints.GREATER,
    "atmost": constraints.AT_MOST,
    "atleast": constraints.AT_LEAST,
    "exactly": constraints.EQUAL,
    "equal": constraints.EQUAL,
    "value": constraints.EQUAL,
    "inrange": constraints.WITHIN,
}
CLUSTER_KEYS = {"datacenter", "targetcluster", "cluster", "clustername", "edgecluster"}
DELIVERY_KEYS = {"targetdescription", "deliverytype", "deliverydescription", "networkfunction", "networkfunctions", "nftype"}
REPORT_EVENT_KEYS = {"reportingevent", "reportingevents", "reporttriggers", "reporttrigger"}
REPORT_INTERVAL_KEYS = {"reportinginterval", "reportinterval", "observationperiod"}
STRUCTURE_KEYS = {"target", "params", "allof", "context", "description", "deliverydescription"}
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def read_graph(graph: Graph, intent: SourceIntent, config: Mapping[str, Any], path: str, problems: Problems) -> None:
    """Fill `intent` with the expectations of the graph's single icm:Intent."""
    found = [n for n in graph.nodes.values() if "Intent" in n.type_names]
    if len(found) != 1:
        problems.error(
            f"the expression must describe exactly one icm:Intent, it describes {len(found)}",
            path,
            current=sorted(n.id for n in found),
            expected="one node typed icm:Intent",
        )
        return
    reader = _Reader(graph, config, problems)
    reader.read_intent(found[0], intent)


class _Reader:
    def __init__(self, graph: Graph, config: Mapping[str, Any], problems: Problems):
        self.graph, self.config, self.problems = graph, config, problems

    def read_intent(self, node: Node, intent: SourceIntent) -> None:
        for local in ("anyOf", "oneOf", "noneOf"):
            for _, where in node.values(local):
                self.problems.error(
                    f"log:{local} over an intent's expectations has no TS 28.312 Rel-18 form", where, expected="log:allOf or icm:hasExpectation"
                )
        members = node.values("hasExpectation", "allOf", "expectation")
        shared = []  # intent-level contexts apply to every expectation
        expectations = []
        for value, where in members:
            member = self.node(value, where)
            if member is None:
                continue
            if _is_expectation(member):
                expectations.append(member)
            else:
                shared.append(member)
        for value, where in node.values("context"):
            member = self.node(value, where)
            if member is not None:
                shared.append(member)
        if not expectations:
            self.problems.error("the intent has no expectations", node.path, expected="icm:hasExpectation or log:allOf naming icm:*Expectation nodes")
        for member in sorted(expectations, key=lambda n: self.graph.expand(n.id)):
            read = self.expectation(member, shared, intent)
            if read is not None:
                intent.expectations.append(read)

    def node(self, value: Any, where: str) -> Node | None:
        found = self.graph.resolve(value)
        if found is None:
            name = value.id if isinstance(value, Ref) else value
            self.problems.error(f"{name} is not described in the expression", where, current=str(name), expected="a node of the expression")
        return found

    def expectation(self, node: Node, shared: list[Node], intent: SourceIntent) -> SourceExpectation | None:
        kinds = node.type_names
        found = SourceExpectation(node.path)
        targets = node.values("target")
        if not targets:
            self.problems.error("missing targets: the expectation has no icm:target", node.path, expected="icm:target naming what the expectation is about")
        if any("Reporting" in k for k in kinds):
            self.reporting(node, intent)
            return None
        found.delivers = any("Delivery" in k or "Deployment" in k for k in kinds)
        for value, where in targets:
            target = self.graph.resolve(value)
            if target is not None and target is not node:
                self.properties(target, found)
            else:
                found.labels.append(Located(local_name(value.id if isinstance(value, Ref) else value), where))
        for value, where in node.values("params", "context"):
            member = self.node(value, where)
            if member is not None:
                self.properties(member, found)
        for value, where in node.values("allOf"):
            member = self.node(value, where)
            if member is None:
                continue
            if "Condition" in member.type_names:
                self.condition(member, found)
            else:
                self.properties(member, found)
        for member in shared:
            self.properties(member, found)
        if not (found.has_delivery or found.requirements):
            self.problems.error(
                "the expectation has nothing to deliver or ensure",
                node.path,
                expected="a delivery description (icm:targetDescription) or a condition (log:Condition / icm:params with quan:* or icm:atMost)",
            )
        return found

    def properties(self, node: Node, found: SourceExpectation) -> None:
        """The properties of params, contexts and targets: clusters, delivered things, requirements, contexts."""
        for local, _, values, paths in node.items():
            key = local.lower()
            if key in STRUCTURE_KEYS - {"deliverydescription"}:
                continue
            for value, where in zip(values, paths):
                self.property(local, key, value, where, found)

    def property(self, local: str, key: str, value: Any, where: str, found: SourceExpectation) -> None:
        if key in CLUSTER_KEYS:
            self.cluster(_text(value), where, found)
        elif key in DELIVERY_KEYS:
            name = local_name(_text(value)) if ":" in _text(value) else _text(value)
            bucket = found.network_functions if rules.is_network_function(name, self.config["networkFunctions"]) else found.deliveries
            bucket.append(Located(name, where))
        elif "forAll" in _local_keys(self.graph.resolve(value)) or _operators(self.graph.resolve(value)):
            self.condition(self.graph.resolve(value), found, default_name=local)
        elif isinstance(value, (Ref, Node)):
            found.contexts.append(ContextValue(local, "IS_EQUAL_TO", local_name(value.id), where))
        else:
            read = rules.context(local, value if isinstance(value, str) else rules.plain_text(value), where, self.problems)
            if isinstance(read, Requirement):
                found.requirements.append(read)
            elif isinstance(read, ContextValue):
                found.contexts.append(ContextValue(read.attribute, read.condition, _literal(value), where))

    def cluster(self, name: str, where: str, found: SourceExpectation) -> None:
        name = local_name(name) if ":" in name and not rules.valid_cluster(name) else name
        if rules.valid_cluster(name):
            found.clusters.append(Located(name, where))
        else:
            self.problems.error(f"{name!r} is not a valid cluster name or glob", where, current=name, expected="a DNS-1123 name, optionally with * ? [] wildcards")

    def condition(self, node: Node, found: SourceExpectation, default_name: str | None = None) -> None:
        """A log:Condition (`set:forAll [...]`) or an old-style operator map (`{icm:atMost: "200"}`)."""
        bodies = [self.graph.resolve(v) for v, _ in node.values("forAll")] or [node]
        for body in bodies:
            if body is None:
                continue
            metric = [v for v, _ in body.values("valuesOfTargetProperty")]
            name = local_name(metric[0].id if isinstance(metric[0], Ref) else metric[0]) if metric else default_name
            if name is None:
                self.problems.error("the condition names no metric", body.path, expected="icm:valuesOfTargetProperty <metric>")
                continue
            operators = _operators(body)
            if not operators:
                self.problems.error(f"the condition on {name} has no quantity operator", body.path, expected="one of quan:" + ", quan:".join(sorted(set(QUANTITY_OPERATORS) - {"lessthan", "greaterthan", "equal", "value"})))
            for condition, value, where in operators:
                requirement = self.requirement(name, condition, value, where)
                if requirement is not None:
                    found.requirements.append(requirement)

    def requirement(self, name: str, condition: str, value: Any, where: str) -> Requirement | None:
        try:
            amounts = self.amounts(value, condition == constraints.WITHIN)
            parsed = constraints.from_quantity(name, condition, amounts, f"{name} {condition} {_describe(value, self.graph)}")
        except constraints.ConstraintError as exc:
            self.problems.error(f"unparseable constraint: {exc}", where, current=_describe(value, self.graph), expected="a number with a unit, such as quan:unit \"ms\" ; rdf:value 20")
            return None
        return Requirement(parsed, where)

    def amounts(self, value: Any, is_range: bool) -> list[tuple[Fraction, units.Unit | None]]:
        node = self.graph.resolve(value) if isinstance(value, (Ref, Node)) else None
        if node is not None:
            numbers = [v for v, _ in node.values("value")]
            unit = [_text(v) for v, _ in node.values("unit")]
            parsed_unit = _unit(unit[0]) if unit else None
            if is_range and len(numbers) == 1 and isinstance(numbers[0], list):
                numbers = numbers[0]
            if not numbers:
                raise constraints.ConstraintError(f"{node.id} has no rdf:value")
            return [(_number(n), parsed_unit) for n in numbers]
        if isinstance(value, list):
            return [a for item in value for a in self.amounts(item, False)]
        if is_range and isinstance(value, str):
            parsed = constraints.parse(value, named=False)
            if parsed.condition != constraints.WITHIN:
                raise constraints.ConstraintError(f"{value!r} is not a range such as 10-20ms")
            unit = units.lookup(units.BASE[parsed.dimension]) if parsed.dimension else None
            return [(v, unit) for v in parsed.values]
        return [constraints.parse_quantity(_text(value))]

    def reporting(self, node: Node, intent: SourceIntent) -> None:
        for member in [node] + [self.graph.resolve(v) for v, _ in node.values("params")]:
            if member is None:
                continue
            for local, _, values, paths in member.items():
                key = local.lower()
                if key in REPORT_EVENT_KEYS:
                    intent.reporting_events += [local_name(v.id if isinstance(v, Ref) else v) for v in values]
                elif key in REPORT_INTERVAL_KEYS:
                    seconds = _seconds(values[0])
                    if seconds is None:
                        self.problems.warning("the reporting interval is not a duration; the configured observationPeriod is used", paths[0], current=_text(values[0]), expected="an ISO 8601 duration such as PT5M, or 300s")
                    else:
                        intent.observation_period = seconds


def _is_expectation(node: Node) -> bool:
    return any(name.endswith("Expectation") for name in node.type_names)


def _local_keys(node: Node | None) -> set[str]:
    return {local for local, *_ in node.items()} if node is not None else set()


def _operators(node: Node | None) -> list[tuple[str, Any, str]]:
    if node is None:
        return []
    out = []
    for local, _, values, paths in node.items():
        condition = QUANTITY_OPERATORS.get(local.lower())
        if condition == constraints.WITHIN and len(values) > 1:
            out.append((condition, list(values), paths[0].rsplit("[", 1)[0]))  # a range's two ends
        elif condition is not None:
            out += [(condition, value, where) for value, where in zip(values, paths)]
    return out


def _text(value: Any) -> str:
    if isinstance(value, Ref):
        return value.id
    if isinstance(value, Node):
        return value.id
    return rules.plain_text(value)


def _literal(value: Any) -> Any:
    if isinstance(value, (Decimal, Fraction)):
        return units.plain_number(value)
    return rules.plain_value(value)


def _number(value: Any) -> Fraction:
    try:
        return units.exact(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise constraints.ConstraintError(f"{value!r} is not a number") from None


def _unit(symbol: str) -> units.Unit | None:
    """A unit symbol, or the local name of a QUDT unit IRI (`unit:MilliSEC`)."""
    try:
        return units.lookup(local_name(symbol))
    except units.UnknownUnit as exc:
        raise constraints.ConstraintError(str(exc)) from None


def _seconds(value: Any) -> int | None:
    """Whole seconds of an ISO 8601 duration (PT5M), a Prometheus one (5m) or a number of seconds; None if none."""
    text = _text(value).strip()
    match = _ISO_DURATION.match(text)
    if match and any(match.groups()):
        days, hours, minutes, secs = (Fraction(g) if g else Fraction(0) for g in match.groups())
        return int(days * 86400 + hours * 3600 + minutes * 60 + secs) or None
    if re.fullmatch(r"[0-9]+", text):
        return int(text) or None
    try:
        return int(durations.exact_seconds(text)) or None
    except durations.DurationError:
        return None


def _describe(value: Any, graph: Graph) -> str:
    node = graph.resolve(value) if isinstance(value, (Ref, Node)) else None
    if node is None:
        return _text(value) if not isinstance(value, list) else ", ".join(_text(v) for v in value)
    parts = [f"{local}={_text(v)}" for local, _, values, _ in node.items() for v in values]
    return "[" + "; ".join(parts) + "]"
