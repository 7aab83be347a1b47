"""Property: removing measurement data never turns a verdict into Passed."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.assurance.evidence import read_report
from oran_intent_krm.assurance.gate import read_gate
from oran_intent_krm.slo_gate_validator.evaluate import evaluate_gate

from tests.slo_gate_validator import builders as b
from tests.slo_gate_validator.helpers import DIGEST

TARGETS = [
    {"metric": "latency_p95_ms", "operator": "<=", "threshold": 10, "unit": "ms", "failureLimit": 1},
    {"metric": "success_rate", "operator": ">=", "threshold": 0.995, "unit": "ratio", "keyTarget": False, "warningThreshold": 0.99},
]
POLICY = read_gate(b.gate(TARGETS), {})

# Mostly passing data, so that removals have a Passed verdict to spoil.
latency = st.floats(min_value=1, max_value=10.5, allow_nan=False)
rate = st.floats(min_value=0.985, max_value=1.0, allow_nan=False)
samples = st.integers(min_value=0, max_value=500)
KINDS = ["period", "value", "samples", "metric", "unit", "digest", "window-start", "source"]


@st.composite
def reports(draw):
    latencies = draw(st.lists(latency, min_size=10, max_size=10))
    rates = draw(st.lists(rate, min_size=10, max_size=10))
    counts = draw(st.lists(samples, min_size=10, max_size=10))
    metrics = [b.series("latency_p95_ms", latencies, "ms", counts), b.series("success_rate", rates, "ratio", counts)]
    return b.report(metrics, DIGEST)


@st.composite
def removals(draw):
    """A list of (what, where) data removals to apply to a report."""
    kinds = st.sampled_from(KINDS)
    return draw(st.lists(st.tuples(kinds, st.integers(0, 9), st.integers(0, 1)), min_size=1, max_size=4))


def remove(report: dict, removal: list) -> dict:
    report = copy.deepcopy(report)
    spec = report["spec"]
    for what, period, metric in removal:
        metrics = spec["metrics"]
        if not metrics:
            continue
        series = metrics[min(metric, len(metrics) - 1)]
        periods = series["periods"]
        if what == "period" and periods:
            del periods[min(period, len(periods) - 1)]
        elif what == "value" and periods:
            periods[min(period, len(periods) - 1)].pop("value", None)
        elif what == "samples" and periods:
            periods[min(period, len(periods) - 1)].pop("samples", None)
        elif what == "metric":
            metrics.remove(series)
        elif what == "unit":
            series.pop("unit", None)
        elif what == "digest":
            spec.pop("configDigest", None)
        elif what == "window-start":
            spec["window"].pop("start", None)
        elif what == "source":
            spec.pop("source", None)
    return report


def verdict(report: dict | None) -> str:
    return evaluate_gate(POLICY, read_report(report) if report else None, DIGEST, 2).phase


@settings(max_examples=300, deadline=None)
@given(reports(), removals())
def test_removing_data_never_yields_passed_unless_the_whole_data_passed(report, removal):
    reduced = verdict(remove(report, removal))
    if reduced == "Passed":
        assert verdict(report) == "Passed"


@settings(max_examples=200, deadline=None)
@given(reports(), removals())
def test_removing_data_inside_the_window_never_passes(report, removal):
    # Every removal here takes away something the verdict depends on.
    changed = remove(report, removal)
    if changed != report:
        assert verdict(changed) != "Passed"


def test_no_report_at_all_is_never_passed():
    assert verdict(None) == "Inconclusive"


def _passing_report() -> dict:
    metrics = [b.series("latency_p95_ms", [5.0] * 10, "ms"), b.series("success_rate", [0.999] * 10, "ratio")]
    return b.report(metrics, DIGEST)


def test_the_full_passing_report_passes():
    assert verdict(_passing_report()) == "Passed"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("metric", [0, 1])
def test_each_kind_of_removal_alone_spoils_a_passing_report(kind, metric):
    assert verdict(remove(_passing_report(), [(kind, 4, metric)])) != "Passed"
