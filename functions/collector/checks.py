"""What is checked before a report is written: the queries, and that the data belongs to the rendered revision.

- Every measurement query gets the PromQL checks of `oran_intent_krm.assurance.promql`
  (the unit of a histogram quantile, one-to-one ratios, rate() windows against
  the scrape interval, the revision selector).  An error stops the collection;
  a warning is printed.
- The revision went live at its first sample: the earliest sample, of any
  metric the job's queries read, from a pod of the rendered build (its
  `krm_oran_intent_io_revision` and one of its `krm_oran_intent_io_pod_template`
  labels).  A window that begins before it would judge the previous revision,
  or nothing, as this one: it is refused.  The search reaches back one window
  before the window's start, so an older revision shows its first sample within
  the search, which is still before the window.
- Pods of an earlier build of the same revision (a new image, a new
  configuration: same request, another pod template) must have stopped
  reporting before the data the queries read begins (the window's start, less
  the queries' own ranges): the queries select the revision, not the build, so
  their values would mix the two.  Otherwise the window is refused.

Presence is found with `count(<selector>)` range queries, one point per
evaluation period, then made exact from the raw samples around the point
found (`<selector>[<period> + 5m]`, 5m being Prometheus' default lookback).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from oran_intent_krm.assurance import promql, timing
from oran_intent_krm.assurance.revision import PROMETHEUS_LABEL, PROMETHEUS_POD_TEMPLATE_LABEL

from . import prometheus
from .errors import CollectorError
from .package import GateCollection

LOOKBACK = 300.0  # Prometheus' default --query.lookback-delta


@dataclass(frozen=True)
class Findings:
    errors: list[str]
    warnings: list[str]


def lint(collection: GateCollection, scrape_interval: float) -> Findings:
    revision = promql.Revision(PROMETHEUS_LABEL, collection.revision)
    errors, warnings = [], []
    for metric in collection.metrics:
        where = f"SLOGate {collection.name}, MeasurementJob {collection.job_ref['name']}, measurement {metric.name}"
        try:
            promql.parse(metric.query)
        except ValueError as exc:
            errors.append(f"{where}: the query is not valid PromQL: {exc}\n  query: {metric.query}")
            continue
        for finding in promql.lint(metric.query, metric.unit, scrape_interval, revision):
            text = f"{where} [{finding.rule}]: {finding}\n  query: {metric.query}"
            (errors if finding.severity == promql.ERROR else warnings).append(text)
    return Findings(errors, warnings)


def _trees(collection: GateCollection) -> list:
    trees = []
    for metric in collection.metrics:
        try:
            trees.append(promql.parse(metric.query))
        except ValueError:
            continue
    return trees


def metric_names(collection: GateCollection) -> list[str]:
    """Every metric the job's queries read."""
    return sorted({s.name for tree in _trees(collection) for s in promql.selectors(tree) if s.name})


def reach(collection: GateCollection) -> float:
    """How far back before a period's end the job's queries read."""
    return max((promql.reach(tree) for tree in _trees(collection)), default=0.0)


def _selector(collection: GateCollection, builds: str) -> str:
    names = "|".join(metric_names(collection))
    templates = "|".join(collection.pod_templates)
    return f'{{__name__=~"{names}",{PROMETHEUS_LABEL}="{collection.revision}",{PROMETHEUS_POD_TEMPLATE_LABEL}{builds}"{templates}"}}'


def rendered_build(collection: GateCollection) -> str:
    return _selector(collection, "=~")


def earlier_builds(collection: GateCollection) -> str:
    return _selector(collection, "!~")


def first_sample(collection: GateCollection, base: str, end: float, timeout: float) -> float:
    """When the rendered build's first sample was, searching back one window before the window's start."""
    step = collection.step_seconds
    search_from = end - 2 * collection.window_seconds
    selector = rendered_build(collection)
    what = f"the search for the first sample of SLOGate {collection.name}'s revision"
    stamps = _present(base, selector, search_from + step, end, step, timeout, what)
    if not stamps:
        raise CollectorError(
            f"SLOGate {collection.name}: no sample of revision {collection.revision} between {timing.format_timestamp(search_from)} and "
            f"{timing.format_timestamp(end)} ({selector}): is the rendered revision deployed and scraped, and does Prometheus keep the "
            f"pod labels as {PROMETHEUS_LABEL} and {PROMETHEUS_POD_TEMPLATE_LABEL} (a relabel rule `labelmap` with regex "
            "__meta_kubernetes_pod_label_(.+))?"
        )
    samples = _raw(base, selector, stamps[0], step, timeout, what)
    return min(samples) if samples else stamps[0]


def last_earlier_build_sample(collection: GateCollection, base: str, end: float, timeout: float) -> float | None:
    """The last sample of an earlier build of the revision that the queries would read, or None."""
    step = collection.step_seconds
    reads_from = data_start(collection, end)
    selector = earlier_builds(collection)
    what = f"the search for earlier builds of SLOGate {collection.name}'s revision"
    stamps = _present(base, selector, reads_from, end, step, timeout, what)
    if not stamps:
        return None
    samples = [s for s in _raw(base, selector, stamps[-1], step, timeout, what) if s >= reads_from]
    return max(samples) if samples else None


def data_start(collection: GateCollection, end: float) -> float:
    """The earliest instant the queries read: the first period's end, less their ranges."""
    return end - collection.window_seconds + collection.step_seconds - reach(collection)


def check_window(collection: GateCollection, end: float, first: float, last_earlier: float | None) -> None:
    start = end - collection.window_seconds
    where = f"SLOGate {collection.name}"
    if start < first:
        earliest = math.ceil(first + collection.window_seconds)
        raise CollectorError(
            f"{where}: the window {timing.format_timestamp(start)} .. {timing.format_timestamp(end)} begins before the "
            f"first sample of revision {collection.revision}, at {timing.format_timestamp(first)}: its first periods would measure the "
            f"previous revision, or nothing; collect with --end {timing.format_timestamp(earliest)} or later"
        )
    if last_earlier is not None:
        earliest = math.floor(last_earlier + reach(collection) - collection.step_seconds + collection.window_seconds) + 1
        raise CollectorError(
            f"{where}: pods of an earlier build of revision {collection.revision} ({PROMETHEUS_POD_TEMPLATE_LABEL} other than "
            f"{', '.join(collection.pod_templates)}) reported until {timing.format_timestamp(last_earlier)}, and the queries read "
            f"data from {timing.format_timestamp(data_start(collection, end))} on: their values would mix the two builds; "
            f"collect with --end {timing.format_timestamp(earliest)} or later, once the rollout is over"
        )


def _present(base: str, selector: str, start: float, end: float, step: float, timeout: float, what: str) -> list[float]:
    """The instants, one per step, at which a sample of the selector is within Prometheus' lookback."""
    if end < start:
        return []
    # A long window searched twice over may need more points than Prometheus serves: coarser steps, still within the lookback.
    step = max(step, math.ceil((end - start) / (prometheus.MAX_POINTS - 1)))
    query = f"count({selector})"
    found = _asked(lambda: prometheus.range_query(base, query, start, end, step, timeout), what, query)
    return sorted(float(point[0]) for series in found.series for point in series.get("values") or [])


def _raw(base: str, selector: str, at: float, step: float, timeout: float, what: str) -> list[float]:
    """The timestamps of the selector's raw samples in the lookback of a presence point."""
    query = f"{selector}[{timing.format_duration(step + LOOKBACK)}]"
    found = _asked(lambda: prometheus.matrix_at(base, query, at, timeout), what, query)
    return [float(point[0]) for series in found.series for point in series.get("values") or []]


def _asked(ask, what: str, query: str) -> prometheus.RangeResult:
    try:
        return ask()
    except CollectorError as exc:
        raise CollectorError(f"{what}: {exc}\n  query: {query}") from None
