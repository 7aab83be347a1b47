"""What a measurement query reads, and the checks every one of them gets.

28312-to-pr checks the query templates it fills in, and measurement-collector
the queries of the MeasurementJobs it runs, with the same rules (PromQL parsed
by promql-parser, never by pattern matching).  Each finding says what in the
query is wrong and how to fix it:

| rule | severity | finding |
|---|---|---|
| `histogram-unit` | error | `histogram_quantile` over `<base>_bucket`, where `<base>` names a unit (`_seconds`), gives that unit times the query's constant factors; it must be the measurement's unit (seconds declared as `ms` without `1000 *`) |
| `ratio-matching` | error | in `a / b` with one-to-one matching, a label the numerator filters on that both sides keep: each numerator series meets only the denominator series with the same value, so the rest of the population never enters the ratio (`rate(x{status=~"2.."}[5m]) / rate(x[5m])` reads 1 whatever the errors) |
| `rate-window` | error | `rate()` (and `irate`, `increase`, `delta`, `idelta`, `deriv`, `predict_linear`) over a window shorter than twice the scrape interval: it holds fewer than two samples |
| `revision-selector` | warning | a selector without the revision label: during a rollout, and within the query's own ranges, its values mix the previous revision's pods with the new ones |
| `revision-mismatch` | error | a selector of another revision than the one rendered |
| `regex-anchor` | warning | `$` in a regular expression of a query template: PromQL anchors every regular expression, and in a template `$` starts a placeholder |

promql-parser is imported by the functions that parse, never at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterator

ERROR, WARNING = "error", "warning"
# Functions that need two samples of a counter or gauge within their window.
TWO_SAMPLE_FUNCTIONS = ("rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear")
COUNTER_FUNCTIONS = ("rate", "irate", "increase")
BUCKET_SUFFIX = "_bucket"
_EMPTY_BRACES = re.compile(r"(?<=[A-Za-z0-9_:])\{\}")
_OPS = {"Equal": "=", "NotEqual": "!=", "Re": "=~", "NotRe": "!~"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str  # what is wrong, quoting the part of the query
    fix: str  # what to write instead

    def __str__(self) -> str:
        return f"{self.message}; fix: {self.fix}"


@dataclass(frozen=True)
class Selector:
    name: str  # the metric name, "" when the selector has none
    matchers: tuple[tuple[str, str, str], ...]  # (label, op, value), sorted, without __name__
    offset: bool  # has offset or @
    or_matchers: bool
    text: str


def parse(query: str) -> Any:
    """The query's syntax tree; ValueError with promql-parser's message when it is not PromQL."""
    import promql_parser

    return promql_parser.parse(query)


def children(node: Any) -> list[Any]:
    import promql_parser as pp

    if isinstance(node, pp.BinaryExpr):
        return [node.lhs, node.rhs]
    if isinstance(node, pp.Call):
        return list(node.args)
    if isinstance(node, pp.AggregateExpr):
        return [node.expr] + ([node.param] if node.param is not None else [])
    if isinstance(node, (pp.ParenExpr, pp.UnaryExpr, pp.SubqueryExpr)):
        return [node.expr]
    if isinstance(node, pp.MatrixSelector):
        return [node.vector_selector]
    return []


def walk(node: Any) -> Iterator[Any]:
    """Every node of the tree, parents before their children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def selectors(node: Any) -> list[Selector]:
    import promql_parser as pp

    found = []
    for each in walk(node):
        if isinstance(each, pp.VectorSelector):
            matchers = tuple(sorted((m.name, op_text(m.op), m.value) for m in each.matchers.matchers if m.name != "__name__"))
            found.append(Selector(each.name or "", matchers, each.offset is not None or each.at is not None, bool(each.matchers.or_matchers), text(each)))
    return found


def text(node: Any) -> str:
    """The expression as promql-parser prints it, without the empty `{}` it gives a bare metric name."""
    return _EMPTY_BRACES.sub("", str(node))


def reach(node: Any) -> float:
    """How far back, in seconds, a query reads from the instant it is evaluated at (its ranges and offsets)."""
    import promql_parser as pp

    def offset(selector: Any) -> float:
        return selector.offset.total_seconds() if getattr(selector, "offset", None) is not None else 0.0

    if isinstance(node, pp.VectorSelector):
        return offset(node)
    if isinstance(node, pp.MatrixSelector):
        return node.range.total_seconds() + offset(node.vector_selector)
    if isinstance(node, pp.SubqueryExpr):
        return node.range.total_seconds() + offset(node) + reach(node.expr)
    return max((reach(child) for child in children(node)), default=0.0)


def op_text(op: Any) -> str:
    return _OPS[str(op).rsplit(".", 1)[-1]]


def braces(matchers: list[tuple[str, str, str]] | tuple[tuple[str, str, str], ...]) -> str:
    """`{a="x",b=~"y"}` for matchers (label, op, value); "" for none."""
    import json

    if not matchers:
        return ""
    return "{" + ",".join(f"{name}{op}{json.dumps(value, ensure_ascii=False)}" for name, op, value in matchers) + "}"


def counter_selectors(node: Any) -> list[Any]:
    """The selectors read through rate(), irate() or increase(): counters."""
    import promql_parser as pp

    found = []
    for each in walk(node):
        if isinstance(each, pp.Call) and each.func.name in COUNTER_FUNCTIONS:
            for arg in each.args:
                if isinstance(arg, pp.MatrixSelector):
                    found.append(arg.vector_selector)
    return found


def strip_scalar_arithmetic(node: Any) -> Any:
    """The vector part of `1000 * (x)`, `x / 8`, `1 - x`, `-x`: what a constant scale or shift is applied to."""
    import promql_parser as pp

    while True:
        if isinstance(node, (pp.ParenExpr, pp.UnaryExpr)):
            node = node.expr
        elif isinstance(node, pp.BinaryExpr) and str(node.op) in ("*", "/", "+", "-") and _is_number(node.lhs) != _is_number(node.rhs):
            node = node.rhs if _is_number(node.lhs) else node.lhs
        else:
            return node


def is_division(node: Any) -> bool:
    import promql_parser as pp

    return isinstance(node, pp.BinaryExpr) and str(node.op) == "/" and labels_kept(node.lhs) is not None and labels_kept(node.rhs) is not None


# ---- labels an expression's result keeps ------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    """The labels a vector's series may carry: every label but `names` (open), or only `names`."""

    open: bool
    names: frozenset[str]

    def has(self, label: str) -> bool:
        return (label not in self.names) if self.open else (label in self.names)

    def without(self, labels: set[str] | frozenset[str]) -> Labels:
        return Labels(True, self.names | labels) if self.open else Labels(False, self.names - labels)

    def only(self, labels: set[str] | frozenset[str]) -> Labels:
        return Labels(False, frozenset(labels) - self.names) if self.open else Labels(False, self.names & labels)

    def plus(self, labels: set[str] | frozenset[str]) -> Labels:
        return Labels(True, self.names - labels) if self.open else Labels(False, self.names | labels)


EVERY_LABEL = Labels(True, frozenset())
NO_LABEL = Labels(False, frozenset())


def labels_kept(node: Any) -> Labels | None:
    """The labels the series of an expression may keep; None for a scalar or a string."""
    import promql_parser as pp

    if isinstance(node, (pp.VectorSelector, pp.MatrixSelector)):
        return EVERY_LABEL
    if isinstance(node, (pp.NumberLiteral, pp.StringLiteral)):
        return None
    if isinstance(node, (pp.ParenExpr, pp.UnaryExpr, pp.SubqueryExpr)):
        return labels_kept(node.expr)
    if isinstance(node, pp.AggregateExpr):
        return _aggregated(node, labels_kept(node.expr) or NO_LABEL)
    if isinstance(node, pp.Call):
        return _called(node)
    if isinstance(node, pp.BinaryExpr):
        left, right = labels_kept(node.lhs), labels_kept(node.rhs)
        if left is None or right is None:
            return left if right is None else right
        modifier = node.modifier
        card = str(modifier.card).rsplit(".", 1)[-1] if modifier is not None else "OneToOne"
        extra = set(modifier.group_labels or ()) if modifier is not None else set()
        if card == "OneToMany":
            return right.plus(extra)
        if card == "ManyToOne":
            return left.plus(extra)
        return left
    return EVERY_LABEL


def _aggregated(node: Any, inner: Labels) -> Labels:
    op = str(node.op)
    if op in ("topk", "bottomk", "limitk", "limit_ratio"):
        return inner  # they select series, they do not merge them
    modifier = node.modifier
    if modifier is None:
        kept = NO_LABEL
    elif str(modifier.type).endswith("By"):
        kept = inner.only(set(modifier.labels))
    else:
        kept = inner.without(set(modifier.labels))
    if op == "count_values" and node.param is not None:
        kept = kept.plus({str(node.param.val)})
    return kept


def _called(node: Any) -> Labels | None:
    import promql_parser as pp

    if node.func.return_type == pp.ValueType.Scalar:
        return None
    vectors = [labels_kept(arg) for arg in node.args]
    vectors = [v for v in vectors if v is not None]
    if not vectors:
        return NO_LABEL  # vector(1), time()-like values
    kept = vectors[0]
    if node.func.name == "histogram_quantile":
        kept = kept.without({"le"})
    if node.func.name in ("label_replace", "label_join") and len(node.args) > 1 and isinstance(node.args[1], pp.StringLiteral):
        kept = kept.plus({node.args[1].val})
    return kept


# ---- the rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """The revision every selector must select: a Prometheus label and its value."""

    label: str
    value: str
    placeholder: str | None = None  # how a template writes the value (`${revision}`)


def lint(
    query: str,
    unit: str | None = None,
    scrape_interval: float | None = None,
    revision: Revision | None = None,
    template: bool = False,
) -> list[Finding]:
    """Every finding about a query that parses (check that first with `parse`)."""
    tree = parse(query)
    findings = _histogram_units(tree, unit) + _ratios(tree)
    if scrape_interval:
        findings += _rate_windows(tree, scrape_interval)
    if revision is not None:
        findings += _revision(tree, revision)
    if template:
        findings += _regex_anchors(tree)
    return findings


def _histogram_units(tree: Any, unit: str | None) -> list[Finding]:
    if not unit:
        return []
    import promql_parser as pp
    from oran_intent_krm.sdk import units

    if not units.is_known(unit):
        return []
    findings = []
    for call, scale in _scaled_calls(tree):
        if not isinstance(call, pp.Call) or call.func.name != "histogram_quantile" or scale is None:
            continue
        names = {s.name for s in selectors(call)}
        bases = {n[: -len(BUCKET_SUFFIX)] for n in names if n.endswith(BUCKET_SUFFIX)}
        if len(bases) != 1 or len(names) != 1:
            continue
        (base,) = bases
        measured = units.metric_unit(base)
        if measured is None:
            continue
        try:
            wanted = units.factor(measured, unit)
        except units.UnitMismatch:
            findings.append(
                Finding(
                    "histogram-unit",
                    ERROR,
                    f"histogram_quantile over {base}{BUCKET_SUFFIX} gives {units.dimension(measured)} in {measured}, "
                    f"but the measurement's unit {unit} is a {units.dimension(unit)}",
                    f"declare the unit of the histogram ({measured}), or measure a {units.dimension(unit)}",
                )
            )
            continue
        if scale != wanted:
            written = "no factor" if scale == 1 else f"a factor of {_number(scale)}"
            gives = _unit_of(measured, scale, units)
            findings.append(
                Finding(
                    "histogram-unit",
                    ERROR,
                    f"histogram_quantile over {base}{BUCKET_SUFFIX} gives {measured} and the query applies {written}, "
                    f"so its values are in {gives or f'{measured} times {_number(scale)}'}, not in the declared unit {unit}",
                    (f"write {_number(wanted)} * {text(call)}" if wanted != 1 else f"drop the factor: {text(call)}")
                    + f" to get {unit}"
                    + (f", or declare unit {gives}" if gives else ""),
                )
            )
    return findings


# Aggregations and functions whose result is in the unit of their input.
_UNIT_KEEPING_AGGREGATIONS = ("sum", "avg", "max", "min", "quantile", "topk", "bottomk", "limitk")
_UNIT_KEEPING_FUNCTIONS = (
    "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "quantile_over_time", "last_over_time",
    "stddev_over_time", "mad_over_time", "round", "ceil", "floor", "abs", "clamp", "clamp_min", "clamp_max",
)


def _scaled_calls(tree: Any) -> Iterator[tuple[Any, Fraction | None]]:
    """Every node with the constant factor the query applies to it on the way to the result (None: not a constant)."""
    import promql_parser as pp

    stack: list[tuple[Any, Fraction | None]] = [(tree, Fraction(1))]
    while stack:
        node, scale = stack.pop()
        yield node, scale
        if isinstance(node, (pp.ParenExpr, pp.SubqueryExpr, pp.UnaryExpr)):
            stack.append((node.expr, scale))
        elif isinstance(node, pp.AggregateExpr):
            stack.append((node.expr, scale if str(node.op) in _UNIT_KEEPING_AGGREGATIONS else None))
        elif isinstance(node, pp.BinaryExpr):
            op, left, right = str(node.op), node.lhs, node.rhs
            if op == "*" and _is_number(left):
                stack.append((right, _times(scale, _value(left))))
            elif op == "*" and _is_number(right):
                stack.append((left, _times(scale, _value(right))))
            elif op == "/" and _is_number(right) and _value(right) != 0:
                stack.append((left, _times(scale, 1 / _value(right))))
            else:
                stack += [(left, None), (right, None)]
        elif isinstance(node, pp.Call):
            keeps = node.func.name in _UNIT_KEEPING_FUNCTIONS
            stack += [(arg, scale if keeps else None) for arg in node.args]
        else:
            stack += [(child, None) for child in children(node)]


def _ratios(tree: Any) -> list[Finding]:
    findings = []
    for node in walk(tree):
        if not is_division(node):
            continue
        modifier = node.modifier
        if modifier is not None and str(modifier.card).rsplit(".", 1)[-1] != "OneToOne":
            continue  # group_left / group_right: a many-to-one match was asked for
        matching = modifier.matching if modifier is not None else None
        left, right = labels_kept(node.lhs), labels_kept(node.rhs)
        numerator = {m for s in selectors(node.lhs) for m in s.matchers}
        denominators = [set(s.matchers) for s in selectors(node.rhs)]
        shared = set.intersection(*denominators) if denominators else set()
        for label in sorted({m[0] for m in numerator - shared}):
            if not (left.has(label) and right.has(label)) or not _matched_on(matching, label):
                continue
            filters = ", ".join(f"{n}{op}{quote(v)}" for n, op, v in sorted(numerator - shared) if n == label)
            findings.append(
                Finding(
                    "ratio-matching",
                    ERROR,
                    f"the ratio {text(node)} matches series one to one, and both sides keep the label {label}, which only the "
                    f"numerator filters ({filters}): each numerator series is divided by the denominator series of the same "
                    f"{label} only, so the rest of the denominator never enters the ratio",
                    f"aggregate {label} away on both sides: {_without(node.lhs, label)} / {_without(node.rhs, label)}",
                )
            )
    return findings


def _without(node: Any, label: str) -> str:
    """The side of a ratio with `label` aggregated away: dropped from its `by`, else summed."""
    import promql_parser as pp

    inner = node.expr if isinstance(node, pp.ParenExpr) else node
    modifier = getattr(inner, "modifier", None) if isinstance(inner, pp.AggregateExpr) else None
    if modifier is not None and str(modifier.type).endswith("By") and label in modifier.labels:
        rest = [name for name in modifier.labels if name != label]
        if rest:
            return f"{inner.op} by ({', '.join(rest)}) ({text(inner.expr)})"
        return f"{inner.op}({text(inner.expr)})"
    return f"sum({text(node)})"


def quote(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _matched_on(matching: Any, label: str) -> bool:
    if matching is None:
        return True
    included = str(matching.type).endswith("Include")
    return (label in matching.labels) if included else (label not in matching.labels)


def _rate_windows(tree: Any, scrape_interval: float) -> list[Finding]:
    import promql_parser as pp

    from . import timing

    findings = []
    for node in walk(tree):
        if not (isinstance(node, pp.Call) and node.func.name in TWO_SAMPLE_FUNCTIONS):
            continue
        for arg in node.args:
            if not isinstance(arg, pp.MatrixSelector):
                continue
            window = arg.range.total_seconds()
            if window < 2 * scrape_interval:
                scrape = timing.format_duration(scrape_interval)
                findings.append(
                    Finding(
                        "rate-window",
                        ERROR,
                        f"{text(node)} reads a [{timing.format_duration(window)}] window, shorter than twice the scrape interval "
                        f"({scrape}): it holds fewer than two samples, so {node.func.name}() gives no value or one resting on a single pair",
                        f"use a window of at least [{timing.format_duration(2 * scrape_interval)}] "
                        f"(four scrape intervals, [{timing.format_duration(4 * scrape_interval)}], survive a missed scrape)",
                    )
                )
    return findings


def _revision(tree: Any, revision: Revision) -> list[Finding]:
    found = selectors(tree)
    wanted = (revision.label, "=", revision.value)
    written = f'{revision.label}="{revision.placeholder or revision.value}"'
    other = sorted({v for s in found for n, op, v in s.matchers if n == revision.label and (op, v) != ("=", revision.value)})
    if other:
        return [
            Finding(
                "revision-mismatch",
                ERROR,
                f"the query selects {revision.label} {', '.join(other)}, not the rendered revision {revision.value}",
                f"select {written}: render the package again, so the MeasurementJob and the workloads name the same revision",
            )
        ]
    missing = sorted({s.text for s in found if wanted not in s.matchers})
    if not missing:
        return []
    return [
        Finding(
            "revision-selector",
            WARNING,
            f"{' and '.join(missing)} {'do' if len(missing) > 1 else 'does'} not select the revision ({written}): while pods "
            "of the previous revision run, and as far back as the query's ranges reach, the values mix its data with this revision's",
            f"add {written} to every selector",
        )
    ]


def _regex_anchors(tree: Any) -> list[Finding]:
    anchored = sorted({f"{n}{op}{quote(v)}" for s in selectors(tree) for n, op, v in s.matchers if op in ("=~", "!~") and "$" in v})
    if not anchored:
        return []
    return [
        Finding(
            "regex-anchor",
            WARNING,
            f"the regular expression {', '.join(anchored)} has a $: PromQL anchors every regular expression at both ends, "
            "and in a query template a $ followed by a name reads as a placeholder",
            "drop the $ (the match is anchored already)",
        )
    ]


def _is_number(node: Any) -> bool:
    return _value(node) is not None


def _value(node: Any) -> Fraction | None:
    import promql_parser as pp

    while isinstance(node, pp.ParenExpr):
        node = node.expr
    if isinstance(node, pp.NumberLiteral):
        return Fraction(repr(node.val)) if node.val == node.val and abs(node.val) != float("inf") else None
    if isinstance(node, pp.UnaryExpr):
        inner = _value(node.expr)
        return -inner if inner is not None else None
    return None


def _unit_of(measured: str, scale: Fraction, units: Any) -> str | None:
    """The unit a value in `measured` is in once multiplied by `scale`, if one has a name."""
    for symbol in units.SYMBOLS:
        try:
            if units.factor(measured, symbol) == scale:
                return symbol
        except units.UnitError:
            continue
    return None


def _times(scale: Fraction | None, factor: Fraction | None) -> Fraction | None:
    return None if scale is None or factor is None else scale * factor


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"

