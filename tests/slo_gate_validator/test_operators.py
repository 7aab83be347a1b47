"""Each operator of an SLO target, at, below and above its threshold."""

import pytest
from oran_intent_krm.assurance import operators

from tests.slo_gate_validator.helpers import judge_one


@pytest.mark.parametrize(
    "op, value, verdict",
    [
        ("<", 9.9, "Passed"),
        ("<", 10, "Failed"),
        ("<", 10.1, "Failed"),
        ("<=", 9.9, "Passed"),
        ("<=", 10, "Passed"),
        ("<=", 10.1, "Failed"),
        (">", 10.1, "Passed"),
        (">", 10, "Failed"),
        (">", 9.9, "Failed"),
        (">=", 10.1, "Passed"),
        (">=", 10, "Passed"),
        (">=", 9.9, "Failed"),
        ("==", 10, "Passed"),
        ("==", 10.1, "Failed"),
        ("==", 9.9, "Failed"),
        ("!=", 10.1, "Passed"),
        ("!=", 9.9, "Passed"),
        ("!=", 10, "Failed"),
    ],
)
def test_operator_compares_every_period_with_the_threshold(op, value, verdict):
    result = judge_one({"metric": "m", "operator": op, "threshold": 10, "unit": "ms"}, [value] * 10)
    assert result.verdict == verdict
    assert result.breaches == (0 if verdict == "Passed" else 10)


@pytest.mark.parametrize(
    "op, values, worst",
    [
        ("<", [3, 9, 5], 9),
        ("<=", [3, 9, 5], 9),
        (">", [3, 9, 5], 3),
        (">=", [3, 9, 5], 3),
        ("==", [10, 12, 7], 7),
        ("!=", [10, 12, 7], 10),
    ],
)
def test_worst_value_depends_on_the_operator(op, values, worst):
    assert operators.worst_first(values, op, 10)[0] == worst


def test_a_single_breaching_period_fails_a_target_without_failure_limit():
    result = judge_one({"metric": "m", "operator": "<", "threshold": 10, "unit": "ms"}, [5] * 9 + [11])
    assert (result.verdict, result.reason, result.observed, result.breaches) == ("Failed", "Breached", 11, 1)
