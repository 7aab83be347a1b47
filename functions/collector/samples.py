"""The sample count of a measurement: how much evidence each period's value rests on.

A MeasurementJob states the query of each value, not of its sample count, so
the count is derived from the query.  A sample has one meaning per kind of
measurement, and the report says which (`samplesKind`):

- **events**, where the value is computed from events: the requests behind a
  ratio of counters (its denominator, `sum(increase(<counter>{<matchers>}[<period>]))`)
  and the observations behind a latency histogram
  (`sum(increase(<base>_count{<matchers>}[<period>]))`).  Counters give them
  with `increase()` over each period, whatever the scrape interval.
- **dataPoints**, only where no event count exists (a gauge, a throughput
  computed from a byte counter, `up`): the points Prometheus stored for the one
  metric the query reads, `sum(count_over_time(<metric>{<matchers>}[<period>]))`.
  They say the series had data in the period, not how much traffic it saw.

A measurement's own `samplesQuery` is taken as written and counts events.  A
query that reads several metrics (other than a ratio's), uses `offset`, `@`
or `or` matchers, or a selector without a metric name gets no count: every
period's `samples` is left out, and the validator cannot use it.

`<matchers>` are the label matchers every selector of the counted part shares
(the population: for `good / all` that is `all`), without `le`; `<period>` is
the gate's evaluationPeriod, so a count covers exactly its own period.
"""

from __future__ import annotations

from dataclasses import dataclass

from oran_intent_krm.assurance import promql

EVENTS, DATA_POINTS = "events", "dataPoints"
KINDS = (EVENTS, DATA_POINTS)


@dataclass(frozen=True)
class SamplesQuery:
    query: str | None  # None: the count is unknown
    kind: str | None  # EVENTS or DATA_POINTS; None when unknown
    basis: str  # how the count is obtained, or why it is unknown


def samples_query(query: str, period: str, explicit: str | None = None) -> SamplesQuery:
    if explicit:
        return SamplesQuery(explicit, EVENTS, "the measurement's samplesQuery")
    try:
        tree = promql.parse(query)
    except ValueError as exc:
        return SamplesQuery(None, None, f"the query is not valid PromQL: {exc}")
    selectors = promql.selectors(tree)
    why = _unusable(selectors)
    if why:
        return SamplesQuery(None, None, why)
    names = sorted({s.name for s in selectors})
    if len(names) == 1 and names[0].endswith(promql.BUCKET_SUFFIX) and len(names[0]) > len(promql.BUCKET_SUFFIX):
        base = names[0][: -len(promql.BUCKET_SUFFIX)]
        matchers = [m for m in _shared(selectors) if m[0] != "le"]
        return SamplesQuery(
            f"sum(increase({base}_count{promql.braces(matchers)}[{period}]))", EVENTS, f"observations of the histogram {base} ({base}_count)"
        )
    ratio = _ratio_population(tree)
    if ratio is not None:
        name, matchers = ratio
        return SamplesQuery(f"sum(increase({name}{promql.braces(matchers)}[{period}]))", EVENTS, f"events of the ratio's denominator {name}")
    if len(names) == 1:
        return SamplesQuery(
            f"sum(count_over_time({names[0]}{promql.braces(_shared(selectors))}[{period}]))",
            DATA_POINTS,
            f"data points stored for {names[0]} (no event count exists for it)",
        )
    return SamplesQuery(None, None, f"the query reads {len(names)} metrics ({', '.join(names)}): no single population to count")


def _unusable(selectors: list[promql.Selector]) -> str | None:
    if not selectors:
        return "the query reads no metric"
    for selector in selectors:
        if selector.offset:
            return "the query uses offset or @: its periods are not the gate's"
        if selector.or_matchers:
            return "the query uses `or` label matchers"
        if not selector.name:
            return "a selector has no metric name"
    return None


def _ratio_population(tree) -> tuple[str, list[tuple[str, str, str]]] | None:
    """(counter, shared matchers) of a ratio whose denominator counts events of one counter, else None."""
    top = promql.strip_scalar_arithmetic(tree)
    if not promql.is_division(top):
        return None
    below = promql.selectors(top.rhs)
    if not below or len(promql.counter_selectors(top.rhs)) != len(below):
        return None  # a gauge somewhere in the denominator: not a count of events
    names = {s.name for s in below}
    if len(names) != 1:
        return None
    return names.pop(), _shared(below)


def _shared(selectors: list[promql.Selector]) -> list[tuple[str, str, str]]:
    common = set(selectors[0].matchers).intersection(*(s.matchers for s in selectors[1:]))
    return sorted(common)
