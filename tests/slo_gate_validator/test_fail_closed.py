"""Fail closed: evidence that cannot be trusted is Inconclusive with its reason, never Passed."""

import math

import pytest
from oran_intent_krm.slo_gate_validator.evaluate import Baseline

from tests.slo_gate_validator import builders as b
from tests.slo_gate_validator.helpers import DIGEST, judge, judge_one

LATENCY = {"metric": "latency_p95_ms", "operator": "<=", "threshold": 10, "unit": "ms"}


def test_a_nan_period_makes_the_target_inconclusive():
    result = judge_one(LATENCY, [5.0] * 9 + [math.nan])
    assert (result.verdict, result.reason) == ("Inconclusive", "UnusablePeriods")
    assert "NaN" in result.message


def test_a_nan_written_as_text_by_prometheus_is_still_nan():
    result = judge_one(LATENCY, [5.0] * 9 + ["NaN"])
    assert result.reason == "UnusablePeriods"


def test_an_infinite_value_is_unusable():
    result = judge_one(LATENCY, [5.0] * 9 + [math.inf])
    assert result.reason == "UnusablePeriods"


def test_a_period_with_zero_samples_is_unusable_even_with_a_value():
    result = judge_one(LATENCY, [5.0] * 10, samples=[1000] * 9 + [0])
    assert (result.verdict, result.reason) == ("Inconclusive", "UnusablePeriods")
    assert "zero samples" in result.message


def test_zero_samples_everywhere_is_inconclusive():
    result = judge_one(LATENCY, [5.0] * 10, samples=0)
    assert result.verdict == "Inconclusive"
    assert result.usable == 0


def test_a_period_without_a_sample_count_is_unusable():
    result = judge_one(LATENCY, [5.0] * 10, samples=[1000] * 9 + [None])
    assert "no sample count" in result.message


def test_a_period_without_value_is_unusable():
    result = judge_one(LATENCY, [5.0] * 9 + [None])
    assert "no value" in result.message


def test_fewer_samples_than_the_minimum_is_inconclusive():
    result = judge_one({**LATENCY, "minSamples": 20000}, [5.0] * 10, samples=1000)
    assert (result.verdict, result.reason) == ("Inconclusive", "TooFewSamples")


def test_missing_periods_in_the_window_are_inconclusive():
    result = judge_one(LATENCY, [5.0] * 8)
    assert (result.verdict, result.reason) == ("Inconclusive", "MissingPeriods")
    assert "8 of 10" in result.message


def test_a_repeated_period_does_not_count_twice():
    evaluation = judge([LATENCY], [_with_repeated_last_period()])
    assert evaluation.targets[0].reason == "UnusablePeriods"


def _with_repeated_last_period():
    series = b.series("latency_p95_ms", [5.0] * 10)
    series["periods"][0]["end"] = series["periods"][1]["end"]
    return series


def test_breaches_are_evidence_even_when_other_periods_are_missing():
    result = judge_one(LATENCY, [12.0] * 3)
    assert (result.verdict, result.reason) == ("Failed", "Breached")


def test_a_metric_missing_from_the_report_is_inconclusive():
    evaluation = judge([LATENCY], [b.series("other", [1.0] * 10)])
    assert (evaluation.phase, evaluation.targets[0].reason) == ("Inconclusive", "MetricMissing")


def test_no_report_is_inconclusive():
    from oran_intent_krm.assurance.gate import read_gate
    from oran_intent_krm.slo_gate_validator.evaluate import evaluate_gate

    evaluation = evaluate_gate(read_gate(b.gate([LATENCY]), {}), None, DIGEST, 2)
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "NoMeasurements")


def test_measurements_of_another_revision_are_stale():
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", [5.0] * 10)], report_digest="sha256:" + "b" * 64)
    assert (evaluation.phase, evaluation.reason, evaluation.revision_state) == ("Inconclusive", "StaleRevision", "mismatch")
    assert all(t.verdict == "Inconclusive" for t in evaluation.targets)


def test_stale_measurements_do_not_fail_a_gate_either():
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", [50.0] * 10)], report_digest="sha256:" + "b" * 64)
    assert evaluation.phase == "Inconclusive"


def test_a_report_that_does_not_say_what_it_measured_is_inconclusive():
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", [5.0] * 10)], report_digest=None)
    assert evaluation.reason == "NoConfigDigest"


def test_a_window_shorter_than_the_measurement_window_is_inconclusive():
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", [5.0] * 6)], report_args={"end": "2025-06-01T10:03:00Z"})
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "WindowTooShort")
    assert "3m" in evaluation.message and "5m" in evaluation.message


def test_a_gate_with_no_rendered_workloads_is_inconclusive():
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", [5.0] * 10)], workloads=0)
    assert evaluation.reason == "NoWorkloads"


def test_a_longer_report_is_judged_on_its_latest_measurement_window():
    values = [50.0] * 10 + [5.0] * 10  # the bad first 5 minutes are outside the evaluated window
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", values)], report_args={"end": "2025-06-01T10:10:00Z"})
    assert evaluation.phase == "Passed"
    assert evaluation.targets[0].periods == 10


@pytest.mark.parametrize("bad", ["10ms", None, True])
def test_an_unusable_threshold_makes_the_target_inconclusive(bad):
    evaluation = judge([{**LATENCY, "threshold": bad}], [b.series("latency_p95_ms", [5.0] * 10)])
    assert (evaluation.targets[0].verdict, evaluation.targets[0].reason) == ("Inconclusive", "InvalidTarget")
    assert evaluation.policy.problems[0].path == "spec.sloTargets[0].threshold"


def test_a_relative_criterion_without_baseline_passes_as_in_keptn():
    result = judge_one({**LATENCY, "maxRegression": "10%"}, [9.0] * 10)
    assert (result.verdict, result.relative) == ("Passed", None)


def test_a_baseline_in_another_unit_is_converted():
    baseline = Baseline("sha256:" + "c" * 64, "2025-06-01T09:00:00Z", {"latency_p95_ms <=": (0.005, "s")})
    result = judge_one({**LATENCY, "maxRegression": "10%"}, [5.4] * 10, baseline=baseline)
    assert (result.verdict, result.relative.baseline, result.relative.limit) == ("Passed", 5.0, 5.5)
