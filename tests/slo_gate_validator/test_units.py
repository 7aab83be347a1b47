"""Units: exact conversions only, and a unit that cannot be checked is never guessed."""

import pytest
from oran_intent_krm.slo_gate_validator import units

from tests.slo_gate_validator import builders as b
from tests.slo_gate_validator.helpers import judge_one


@pytest.mark.parametrize(
    "measured, wanted, value, expected",
    [
        ("s", "ms", 0.0072, 7.2),
        ("us", "ms", 7200, 7.2),
        ("Gbps", "Mbps", 1.2, 1200),
        ("mbps", "Mbps", 1200, 1200),
        ("MBps", "Mbps", 150, 1200),
        ("MB/s", "Mbps", 150, 1200),
        ("Mbit/s", "Mbps", 150, 150),
        ("μs", "ms", 7200, 7.2),
        ("Percent", "ratio", 99.8, 0.998),
        ("min", "s", 1.5, 90),
        ("%", "ratio", 99.8, 0.998),
        ("ratio", "%", 0.998, 99.8),
    ],
)
def test_convertible_units_are_converted_into_the_gate_unit(measured, wanted, value, expected):
    assert units.conversion(measured, wanted).apply(value) == expected


@pytest.mark.parametrize("measured, wanted", [("ms", "Mbps"), ("ratio", "ms"), ("requests", "ms"), ("ms", "furlongs")])
def test_units_of_different_quantities_or_unknown_units_do_not_convert(measured, wanted):
    with pytest.raises(units.UnitMismatch):
        units.conversion(measured, wanted)


def test_conversions_are_exact_decimal_arithmetic_not_float_products():
    # 0.0072 * 1000 in floats is 7.199999999999999; the value written was 0.0072.
    assert units.conversion("s", "ms").apply(0.0072) == 7.2
    assert units.conversion("ratio", "%").apply(0.29) == 29.0


def test_a_gate_unit_outside_the_table_is_an_invalid_target_naming_the_accepted_units():
    result = judge_one({"metric": "m", "operator": "<", "threshold": 10, "unit": "Ms"}, [7.0] * 10, unit="Ms")
    assert (result.verdict, result.reason) == ("Inconclusive", "InvalidTarget")


def test_measured_seconds_are_judged_in_the_gates_milliseconds():
    result = judge_one({"metric": "m", "operator": "<", "threshold": 10, "unit": "ms"}, [0.0072] * 10, unit="s")
    assert (result.verdict, result.observed, result.conversion) == ("Passed", 7.2, "s -> ms")


def test_a_unit_mismatch_is_inconclusive_not_a_verdict_on_the_numbers():
    result = judge_one({"metric": "m", "operator": "<", "threshold": 10, "unit": "ms"}, [7.0] * 10, unit="Mbps")
    assert (result.verdict, result.reason) == ("Inconclusive", "UnitMismatch")
    assert "Mbps" in result.message and "ms" in result.message


def test_a_measurement_without_unit_cannot_be_checked_against_a_gate_with_one():
    result = judge_one({"metric": "m", "operator": "<", "threshold": 10, "unit": "ms"}, [7.0] * 10, unit=None)
    assert (result.verdict, result.reason) == ("Inconclusive", "UnitMismatch")


def test_the_guides_latency_target_without_unit_reads_seconds_as_seconds():
    """43.75 ms measured in s (0.04375) once passed `latency_p95_ms <= 10` as a raw number."""
    result = judge_one({"metric": "latency_p95_ms", "operator": "<=", "threshold": 10}, [0.04375] * 10, unit="s")
    assert (result.verdict, result.observed, result.unit, result.conversion) == ("Failed", 43.75, "ms", "s -> ms")


@pytest.mark.parametrize(
    ("metric", "unit"),
    [("latency_p95_ms", "ms"), ("throughput_p95_mbps", "Mbps"), ("request_duration_seconds", "s"), ("error_ratio", "ratio"), ("cpu_percent", "%")],
)
def test_a_target_without_unit_takes_the_one_its_metric_name_ends_in(metric, unit):
    result = judge_one({"metric": metric, "operator": ">=", "threshold": 0}, [1.0] * 10, unit=unit)
    assert (result.verdict, result.unit, result.policy.unit_from) == ("Passed", unit, "metricName")


@pytest.mark.parametrize("measured", ["ratio", None])
def test_a_target_whose_unit_nothing_states_is_inconclusive_with_the_reason(measured):
    result = judge_one({"metric": "success_rate", "operator": ">=", "threshold": 0.995}, [0.998] * 10, unit=measured)
    assert (result.verdict, result.reason) == ("Inconclusive", "NoUnit")
    assert "set unit on the target" in result.message


def test_a_render_says_where_a_target_took_its_unit_from():
    items = b.package(gate_spec={"sloTargets": [{"metric": "latency_p95_ms", "threshold": 10, "operator": "<="}]})
    items = [i for i in items if i["kind"] != "MeasurementReport"] + [b.report([b.series("latency_p95_ms", [7.0] * 10)], b.config_digest(b.workloads(b.provisioning_request())))]
    _, results, code = b.run(items)
    assert code == 0
    (note,) = [r for r in results if (r.get("tags") or {}).get("reason") == "UnitFromMetricName"]
    assert note["severity"] == "info" and note["field"]["path"] == "spec.sloTargets[0].unit"
    assert "ms is taken from the suffix of its metric latency_p95_ms" in note["message"]
