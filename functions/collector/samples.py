"""The sample-count query of a measurement: how many observations a period's value rests on.

A MeasurementJob states the query of each value but not of its sample count,
so the count is derived from the query where that can be done honestly:

1. the measurement's own `samplesQuery`, when the job gives one (taken as written);
2. a query over one histogram (`<base>_bucket` selectors): the observations,
   `sum(increase(<base>_count{<matchers>}[<period>]))`;
3. a query over one other metric: the data points Prometheus stored for it,
   `sum(count_over_time(<metric>{<matchers>}[<period>]))`;
4. anything else (several metrics, `offset`, `@`, `or` matchers, no metric
   name): unknown, and every period's `samples` is left out.

`<matchers>` are the label matchers every selector of the query shares (the
population the value is computed from: for `good / all` that is `all`), minus
`le`; `<period>` is the gate's evaluationPeriod, so a count covers its period.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

_OPS = {"Equal": "=", "NotEqual": "!=", "Re": "=~", "NotRe": "!~"}
BUCKET_SUFFIX = "_bucket"


@dataclass(frozen=True)
class SamplesQuery:
    query: str | None  # None: the count is unknown
    basis: str  # how the count was obtained, or why it is unknown


def samples_query(query: str, period: str, explicit: str | None = None) -> SamplesQuery:
    if explicit:
        return SamplesQuery(explicit, "the measurement's samplesQuery")
    selectors, why = _selectors(query)
    if why:
        return SamplesQuery(None, why)
    names = {name for name, _ in selectors}
    if len(names) != 1:
        return SamplesQuery(None, f"the query reads {len(names)} metrics ({', '.join(sorted(names))}): no single population to count")
    (name,) = names
    shared = _shared_matchers([matchers for _, matchers in selectors])
    if name.endswith(BUCKET_SUFFIX) and len(name) > len(BUCKET_SUFFIX):
        base = name[: -len(BUCKET_SUFFIX)]
        matchers = [m for m in shared if m[0] != "le"]
        return SamplesQuery(f"sum(increase({base}_count{_braces(matchers)}[{period}]))", f"observations of the histogram {base} ({base}_count)")
    return SamplesQuery(f"sum(count_over_time({name}{_braces(shared)}[{period}]))", f"data points stored for {name}")


def _selectors(query: str) -> tuple[list[tuple[str, tuple[tuple[str, str, str], ...]]], str | None]:
    """(metric name, matchers) of every vector selector, or why the count cannot be derived."""
    import promql_parser  # only loaded when a package is collected

    try:
        expr = promql_parser.parse(query)
    except ValueError as exc:
        return [], f"the query is not valid PromQL: {exc}"
    found: list = []
    promql_parser.walk(expr, lambda node: found.append(node) if isinstance(node, promql_parser.VectorSelector) else None)
    if not found:
        return [], "the query reads no metric"
    selectors = []
    for node in found:
        if node.offset is not None or node.at is not None:
            return [], "the query uses offset or @: its periods are not the gate's"
        if node.matchers.or_matchers:
            return [], "the query uses `or` label matchers"
        if not node.name:
            return [], "a selector has no metric name"
        matchers = tuple(sorted((m.name, _OPS[str(m.op).rsplit(".", 1)[-1]], m.value) for m in node.matchers.matchers))
        selectors.append((node.name, matchers))
    return selectors, None


def _shared_matchers(sets: list[tuple[tuple[str, str, str], ...]]) -> list[tuple[str, str, str]]:
    common = set(sets[0]).intersection(*sets[1:])
    return sorted(m for m in common if m[0] != "__name__")


def _braces(matchers: list[tuple[str, str, str]]) -> str:
    if not matchers:
        return ""
    return "{" + ",".join(f"{name}{op}{json.dumps(value, ensure_ascii=False)}" for name, op, value in matchers) + "}"
