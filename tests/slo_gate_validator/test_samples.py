"""One meaning of a sample per kind of measurement: events where they exist, data points otherwise, and minSamples says which."""

from __future__ import annotations

from oran_intent_krm.slo_gate_validator.status import target_status

from tests.slo_gate_validator import builders as b
from tests.slo_gate_validator.helpers import judge

LATENCY = {"metric": "latency_p95_ms", "threshold": 10, "operator": "<=", "unit": "ms"}
THROUGHPUT = {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">=", "unit": "Mbps"}


def _events(count=2000):
    return b.series("latency_p95_ms", [5.0] * 10, "ms", count, samples_kind="events")


def _points(count=3):
    return b.series("throughput_p95_mbps", [1600] * 10, "Mbps", count, samples_kind="dataPoints")


def test_the_readmes_default_min_samples_of_100_passes_a_healthy_gate():
    evaluation = judge([LATENCY, THROUGHPUT], [_events(), _points()], config={"defaultMinSamples": 100})
    assert evaluation.phase == "Passed"
    latency, throughput = evaluation.targets
    assert (latency.samples, latency.samples_kind, latency.min_samples) == (20000, "events", 100)
    assert (throughput.samples, throughput.samples_kind, throughput.min_samples) == (30, "dataPoints", 10)


def test_min_samples_counts_events():
    evaluation = judge([LATENCY], [_events(count=9)], config={"defaultMinSamples": 100})
    target = evaluation.targets[0]
    assert (target.verdict, target.reason) == ("Inconclusive", "TooFewSamples")
    assert target.message == "90 events, fewer than minSamples 100"


def test_a_gate_level_min_samples_counts_events_and_data_points_need_one_per_period_instead():
    evaluation = judge([THROUGHPUT], [_points()], minSamples=500)
    target = evaluation.targets[0]
    assert target.verdict == "Passed" and target.min_samples == 10
    assert "30 data points" in target.message
    status = target_status(target)
    assert (status["samples"], status["samplesKind"], status["minSamples"]) == (30, "dataPoints", 10)


def test_a_targets_own_min_samples_counts_its_data_points():
    evaluation = judge([{**THROUGHPUT, "minSamples": 40}], [_points()])
    target = evaluation.targets[0]
    assert (target.verdict, target.reason) == ("Inconclusive", "TooFewSamples")
    assert target.message == "30 data points, fewer than minSamples 40"
    assert judge([{**THROUGHPUT, "minSamples": 30}], [_points()]).phase == "Passed"


def test_a_report_that_does_not_say_what_its_samples_count_is_held_to_the_event_minimum():
    unsaid = b.series("throughput_p95_mbps", [1600] * 10, "Mbps", 3)
    evaluation = judge([THROUGHPUT], [unsaid], config={"defaultMinSamples": 100})
    assert (evaluation.targets[0].reason, evaluation.targets[0].samples_kind) == ("TooFewSamples", "events")


def test_a_period_without_data_points_is_unusable_whatever_the_minimum():
    evaluation = judge([THROUGHPUT], [_points([3] * 9 + [0])])
    assert (evaluation.targets[0].verdict, evaluation.targets[0].reason) == ("Inconclusive", "UnusablePeriods")


def test_an_unknown_kind_of_sample_is_a_problem_of_the_report():
    series = _points()
    series["samplesKind"] = "requests"
    evaluation = judge([THROUGHPUT], [series])
    assert any(p.path == "spec.metrics[0].samplesKind" for p in evaluation.report.problems)
    assert evaluation.targets[0].samples_kind == "events"
