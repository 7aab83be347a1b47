"""MeasurementReports built from range-query results: pure functions, no network.

The window is (end - window, end]; its periods end at end - (n-1)*step, ...,
end - step, end, which are exactly the points of a range query from the first
period's end to `end` with that step.  Every period is written, in time order:
- a point Prometheus returned: its value (NaN and infinities as Prometheus
  writes them, "NaN", "+Inf", "-Inf"), which the validator judges unusable;
- no point: `value: null` (the series was absent then), also unusable;
- `samples`: the sample-count query's point, rounded to a whole number; left
  out when the count is unknown, so the period is unusable rather than trusted.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from oran_intent_krm.assurance import timing
from oran_intent_krm.assurance.revision import PROMETHEUS_LABEL

from .errors import CollectorError
from .package import GateCollection, MetricPlan

API_VERSION = "measurement.o2ims.org/v1alpha1"
KIND = "MeasurementReport"
LOCAL_CONFIG = "config.kubernetes.io/local-config"


def period_ends(end: float, window_seconds: float, step_seconds: float) -> list[float]:
    count = int(round(window_seconds / step_seconds))
    return [end - (count - 1 - k) * step_seconds for k in range(count)]


def points(series: Sequence[Mapping[str, Any]], what: str) -> dict[int, str]:
    """Millisecond timestamp -> value text of a result with at most one series."""
    if len(series) > 1:
        labels = ", ".join(_labels(s.get("metric") or {}) for s in series[:3])
        more = ", ..." if len(series) > 3 else ""
        raise CollectorError(
            f"{what} returned {len(series)} series ({labels}{more}); a gate needs one value per period: aggregate the query (sum, max, avg...)"
        )
    if not series:
        return {}
    out = {}
    for point in series[0].get("values") or []:
        try:
            stamp, text = point
            out[_ms(float(stamp))] = str(text)
        except (TypeError, ValueError):
            raise CollectorError(f"{what} returned a malformed point {point!r}") from None
    return out


def period_value(text: str | None) -> float | str | None:
    """A finite value as a number; NaN and infinities in Prometheus' text form; None for no point."""
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        raise CollectorError(f"Prometheus returned {text!r}, which is not a number") from None
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "+Inf" if number > 0 else "-Inf"
    return number


def sample_count(text: str | None) -> int | None:
    """A count as a whole number (increase() extrapolates, so it may have decimals); None if unknown."""
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return int(round(number))


def metric_series(metric: MetricPlan, ends: Sequence[float], values: Mapping[int, str], samples: Mapping[int, str] | None) -> dict[str, Any]:
    """One metric of the report; `samples` None when its count cannot be queried."""
    periods = []
    for end in ends:
        period: dict[str, Any] = {"end": timing.format_timestamp(end), "value": period_value(values.get(_ms(end)))}
        if samples is not None:
            count = sample_count(samples.get(_ms(end)))
            if count is not None:
                period["samples"] = count
        periods.append(period)
    out: dict[str, Any] = {"name": metric.name}
    if metric.unit:
        out["unit"] = metric.unit
    out["query"] = metric.query
    if metric.samples.query is not None:
        out["samplesKind"] = metric.samples.kind
        out["samplesQuery"] = metric.samples.query
    out["periods"] = periods
    return out


def build_report(
    collection: GateCollection, end: float, endpoint: str, metrics: Sequence[Mapping[str, Any]], first_sample: float
) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": collection.name}
    if collection.gate.get("namespace"):
        metadata["namespace"] = collection.gate["namespace"]
    metadata["annotations"] = {LOCAL_CONFIG: "true"}
    return {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "metadata": metadata,
        "spec": {
            "targetRef": dict(collection.target_ref),
            "configDigest": collection.config_digest,
            "revision": {"label": PROMETHEUS_LABEL, "value": collection.revision, "firstSample": timing.format_timestamp(first_sample)},
            "jobRef": dict(collection.job_ref),
            "source": {"type": "prometheus", "endpoint": endpoint},
            "window": {"start": timing.format_timestamp(end - collection.window_seconds), "end": timing.format_timestamp(end)},
            "metrics": sorted((dict(m) for m in metrics), key=lambda m: m["name"]),
        },
    }


def as_yaml(built: Mapping[str, Any]) -> str:
    """The report as YAML, each period on one line (`- {end: ..., value: ..., samples: ...}`)."""
    from oran_intent_krm.sdk.yaml_io import dump_value
    from ruamel.yaml.comments import CommentedMap

    def flow(period: Mapping[str, Any]) -> CommentedMap:
        line = CommentedMap(period)
        line.fa.set_flow_style()
        return line

    spec = dict(built["spec"])
    spec["metrics"] = [{**m, "periods": [flow(p) for p in m["periods"]]} for m in spec["metrics"]]
    return dump_value({**built, "spec": spec})


def _ms(seconds: float) -> int:
    return int(round(seconds * 1000))


def _labels(metric: Mapping[str, Any]) -> str:
    return "{" + ",".join(f'{k}="{v}"' for k, v in sorted(metric.items())) + "}"
