"""Failure limits (Argo), warning thresholds, weights, key targets and total score (Keptn), relative criteria."""

from oran_intent_krm.slo_gate_validator.evaluate import Baseline

from tests.slo_gate_validator import builders as b
from tests.slo_gate_validator.helpers import judge, judge_one

LATENCY = {"metric": "latency_p95_ms", "operator": "<=", "threshold": 10, "unit": "ms"}
RATE = {"metric": "success_rate", "operator": ">=", "threshold": 0.995, "unit": "ratio"}


def test_breaches_within_the_failure_limit_pass():
    result = judge_one({**LATENCY, "failureLimit": 2}, [5.0] * 8 + [14.0, 12.0])
    assert (result.verdict, result.breaches) == ("Passed", 2)
    assert result.observed == 5.0  # the worst value once two breaches are tolerated


def test_one_breach_more_than_the_failure_limit_fails():
    result = judge_one({**LATENCY, "failureLimit": 2}, [5.0] * 7 + [14.0, 12.0, 11.0])
    assert (result.verdict, result.breaches, result.observed) == ("Failed", 3, 11.0)


def test_the_gate_level_failure_limit_applies_to_every_target():
    evaluation = judge([LATENCY], [b.series("latency_p95_ms", [5.0] * 9 + [11.0])], failureLimit=1)
    assert evaluation.phase == "Passed"


def test_a_failure_limit_that_tolerates_every_period_is_rejected():
    evaluation = judge([{**LATENCY, "failureLimit": 10}], [b.series("latency_p95_ms", [5.0] * 10)])
    assert evaluation.policy.problems[0].path == "spec.sloTargets[0].failureLimit"
    assert evaluation.phase == "Inconclusive"


def test_a_miss_within_the_warning_threshold_scores_half_and_does_not_veto():
    evaluation = judge(
        [{**LATENCY, "warningThreshold": 12}, RATE, {**RATE, "metric": "r2"}, {**RATE, "metric": "r3"}],
        [b.series("latency_p95_ms", [11.0] * 10), *(b.series(m, [0.999] * 10, "ratio") for m in ("success_rate", "r2", "r3"))],
    )
    latency = evaluation.targets[0]
    assert (latency.verdict, latency.within_warning, latency.score) == ("Failed", True, 0.5)
    assert (evaluation.phase, evaluation.reason, evaluation.score, evaluation.warning) == ("Passed", "ScoreInWarningBand", 87.5, True)


def test_a_miss_beyond_the_warning_threshold_vetoes_as_a_key_target():
    evaluation = judge([{**LATENCY, "warningThreshold": 12}, RATE], [b.series("latency_p95_ms", [13.0] * 10), b.series("success_rate", [0.999] * 10, "ratio")])
    assert (evaluation.phase, evaluation.reason) == ("Failed", "KeyTargetFailed")


def test_a_warning_threshold_must_be_looser_than_the_threshold():
    evaluation = judge([{**LATENCY, "warningThreshold": 8}], [b.series("latency_p95_ms", [5.0] * 10)])
    assert evaluation.policy.problems[0].path == "spec.sloTargets[0].warningThreshold"


def test_a_failed_non_key_target_with_little_weight_lets_the_score_pass():
    targets = [{**LATENCY, "keyTarget": False, "weight": 1}, {**RATE, "weight": 9}]
    evaluation = judge(targets, [b.series("latency_p95_ms", [20.0] * 10), b.series("success_rate", [0.999] * 10, "ratio")])
    assert (evaluation.phase, evaluation.reason, evaluation.score) == ("Passed", "ScorePassed", 90.0)


def test_a_failed_non_key_target_with_much_weight_fails_on_score():
    targets = [{**LATENCY, "keyTarget": False, "weight": 3}, {**RATE, "weight": 1}]
    evaluation = judge(targets, [b.series("latency_p95_ms", [20.0] * 10), b.series("success_rate", [0.999] * 10, "ratio")])
    assert (evaluation.phase, evaluation.reason, evaluation.score) == ("Failed", "ScoreBelowThreshold", 25.0)


def test_total_score_thresholds_come_from_the_gate():
    targets = [{**LATENCY, "keyTarget": False}, RATE]
    metrics = [b.series("latency_p95_ms", [20.0] * 10), b.series("success_rate", [0.999] * 10, "ratio")]
    assert judge(targets, metrics, totalScore={"pass": 50, "warning": 25}).phase == "Passed"
    assert judge(targets, metrics, totalScore={"pass": "60%", "warning": "40%"}).warning


def test_a_gate_already_failing_on_score_fails_even_with_inconclusive_targets():
    targets = [{**LATENCY, "keyTarget": False, "weight": 3}, {**RATE, "keyTarget": False}]
    evaluation = judge(targets, [b.series("latency_p95_ms", [20.0] * 10)])
    assert (evaluation.targets[1].verdict, evaluation.phase) == ("Inconclusive", "Failed")


def test_an_inconclusive_target_keeps_an_otherwise_passing_gate_inconclusive():
    evaluation = judge([LATENCY, RATE], [b.series("latency_p95_ms", [5.0] * 10)])
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "TargetsInconclusive")


def _baseline(value: float, unit: str = "ms") -> Baseline:
    return Baseline("sha256:" + "c" * 64, "2025-06-01T09:05:00Z", {"latency_p95_ms <=": (value, unit)})


def test_a_relative_criterion_fails_a_regression_beyond_the_allowance():
    result = judge_one({**LATENCY, "maxRegression": "10%"}, [8.0] * 10, baseline=_baseline(7.0))
    assert (result.verdict, result.reason) == ("Failed", "Regressed")
    assert (result.relative.baseline, result.relative.limit) == (7.0, 7.7)


def test_a_relative_criterion_passes_within_the_allowance():
    result = judge_one({**LATENCY, "maxRegression": "10%"}, [7.6] * 10, baseline=_baseline(7.0))
    assert result.verdict == "Passed"


def test_a_relative_allowance_can_be_an_amount_in_the_targets_unit():
    result = judge_one({**LATENCY, "maxRegression": 0.5}, [7.6] * 10, baseline=_baseline(7.0))
    assert (result.verdict, result.relative.limit) == ("Failed", 7.5)


def test_a_relative_criterion_on_a_higher_is_better_target_limits_drops():
    baseline = Baseline("sha256:" + "c" * 64, "", {"success_rate >=": (0.999, "ratio")})
    target = {**RATE, "maxRegression": "0.1%"}
    assert judge_one(target, [0.9981] * 10, unit="ratio", baseline=baseline).verdict == "Passed"
    assert judge_one(target, [0.9975] * 10, unit="ratio", baseline=baseline).reason == "Regressed"


def test_a_relative_criterion_needs_a_direction():
    evaluation = judge([{**LATENCY, "operator": "==", "maxRegression": "10%"}], [b.series("latency_p95_ms", [10.0] * 10)])
    assert evaluation.policy.problems[0].path == "spec.sloTargets[0].maxRegression"
