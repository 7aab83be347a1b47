"""The chart of a gate's evidence: what each period is marked as, what is drawn, and how text is kept safe.

`evidence.gate_chart` reads an SLOGate and MeasurementReports into chart data; `chart.svg` draws
it.  The marks agree with slo-gate-validator's own reading of the same report (a differential test
against its evidence and evaluation modules), the SVG is well-formed XML whatever the names hold,
and the same data always gives the same bytes.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.assurance import evidence as validator_evidence
from oran_intent_krm.assurance import gate as validator_policy
from oran_intent_krm.assurance import operators as validator_operators
from oran_intent_krm.gateway.ui import chart, evidence
from oran_intent_krm.slo_gate_validator import evaluate as validator_evaluate

SVG = "{http://www.w3.org/2000/svg}"
PR = {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": "cu-edge"}
ENDS = [f"2025-06-01T10:{s // 60:02d}:{s % 60:02d}Z" for s in range(30, 301, 30)]


def gate(*targets: dict, status: dict | None = None, name: str = "cu-edge") -> dict:
    out = {
        "apiVersion": "gate.slo.nephio.org/v1alpha1",
        "kind": "SLOGate",
        "metadata": {"name": name},
        "spec": {
            "targetRef": dict(PR),
            "intentRef": {"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "Intent", "name": "cu"},
            "sloTargets": list(targets) or [{"metric": "latency_p95_ms", "threshold": 10, "operator": "<", "unit": "ms"}],
            "measurementWindow": "5m",
            "evaluationPeriod": "30s",
        },
    }
    if status is not None:
        out["status"] = status
    return out


def report(metrics: dict[str, tuple[str | None, list]], name: str = "cu-edge", end: str = "2025-06-01T10:05:00Z", target: dict | None = None) -> dict:
    """metrics: name -> (unit, [value or (value, samples) per period, ending at ENDS])."""
    series = []
    for metric, (unit, values) in metrics.items():
        periods = []
        for at, value in zip(ENDS, values):
            value, samples = value if isinstance(value, tuple) else (value, 100)
            periods.append({"end": at, "value": value, "samples": samples})
        series.append({"name": metric, "unit": unit, "periods": periods} if unit else {"name": metric, "periods": periods})
    return {
        "apiVersion": "measurement.o2ims.org/v1alpha1",
        "kind": "MeasurementReport",
        "metadata": {"name": name},
        "spec": {
            "targetRef": dict(target or PR),
            "configDigest": "sha256:" + "0" * 64,
            "source": {"type": "prometheus"},
            "window": {"start": "2025-06-01T10:00:00Z", "end": end},
            "metrics": series,
        },
    }


def states(chart_data: evidence.GateChart, index: int = 0) -> list[str]:
    return [p.state for p in chart_data.targets[index].periods]


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


# ---- what each period is marked as ------------------------------------------------------------


@pytest.mark.parametrize(
    "operator, expected",
    [
        ("<", ["met", "breach", "breach"]),
        ("<=", ["met", "met", "breach"]),
        (">", ["breach", "breach", "met"]),
        (">=", ["breach", "met", "met"]),
        ("==", ["breach", "met", "breach"]),
        ("!=", ["met", "breach", "met"]),
    ],
)
def test_a_period_breaches_when_its_value_misses_the_threshold_under_the_operator(operator, expected):
    data = evidence.gate_chart(gate({"metric": "m", "threshold": 10, "operator": operator, "unit": "ms"}), [report({"m": ("ms", [5, 10, 15])})])
    assert states(data) == expected


def test_a_target_whose_unit_is_its_metric_names_is_drawn_in_it_and_one_without_any_is_not():
    """As the validator reads them: `latency_p95_ms` is in ms without saying so; `m` is in nothing known."""
    implied = evidence.gate_chart(gate({"metric": "latency_p95_ms", "threshold": 10, "operator": "<"}), [report({"latency_p95_ms": ("s", [0.005])})])
    assert (implied.targets[0].unit, [p.value for p in implied.targets[0].periods]) == ("ms", [5.0])
    unknown = evidence.gate_chart(gate({"metric": "m", "threshold": 10, "operator": "<"}), [report({"m": ("ms", [5])})])
    assert unknown.targets[0].periods == () and "states no unit and the name m implies none" in unknown.targets[0].note


def test_a_miss_within_the_warning_threshold_is_a_warning_not_a_breach():
    target = {"metric": "latency_p95_ms", "threshold": 10, "warningThreshold": 12, "operator": "<", "unit": "ms"}
    data = evidence.gate_chart(gate(target), [report({"latency_p95_ms": ("ms", [9, 11, 13])})])
    assert states(data) == ["met", "warning", "breach"]
    svg = chart.svg(data)
    assert len(parsed(svg).findall(f".//{SVG}rect[@class='period warning']")) == 1
    assert "warning 12 ms" in svg


@pytest.mark.parametrize(
    "value, samples, problem",
    [
        (None, 100, "no value"),
        ("NaN", 0, "NaN (no observations)"),
        ("+Inf", 100, "an infinite value"),
        (5, None, "no sample count"),
        (5, 0, "zero samples"),
    ],
)
def test_an_unusable_period_is_marked_with_the_validators_reason(value, samples, problem):
    data = evidence.gate_chart(gate(), [report({"latency_p95_ms": ("ms", [1, (value, samples), 2])})])
    middle = data.targets[0].periods[1]
    assert (middle.state, middle.problem, middle.value) == ("unusable", problem, None)
    assert f"unusable, {problem}" in chart.svg(data)


def test_values_are_converted_into_the_gates_unit_exactly():
    data = evidence.gate_chart(gate(), [report({"latency_p95_ms": ("s", [0.0072, 0.0125])})])
    assert [p.value for p in data.targets[0].periods] == [7.2, 12.5]
    assert states(data) == ["met", "breach"]


@pytest.mark.parametrize(
    "unit, note",
    [("Mbps", "unit Mbps cannot be converted to ms"), (None, "the measurement states no unit; the gate needs ms"), ("parsecs", "unit parsecs cannot be converted")],
)
def test_values_whose_unit_cannot_be_converted_are_not_drawn_and_the_chart_says_why(unit, note):
    data = evidence.gate_chart(gate(), [report({"latency_p95_ms": (unit, [5, 6])})])
    assert data.targets[0].periods == ()
    assert data.targets[0].note.startswith(note)
    assert note in chart.svg(data)


def test_a_metric_missing_from_the_report_is_said_so():
    data = evidence.gate_chart(gate(), [report({"other": ("ms", [5])})])
    assert data.targets[0].note == "the report has no metric latency_p95_ms"
    assert "the report has no metric latency_p95_ms" in chart.svg(data)


def test_periods_are_in_time_order_and_a_repeated_end_is_unusable():
    raw = report({"latency_p95_ms": ("ms", [1, 2, 3])})
    periods = raw["spec"]["metrics"][0]["periods"]
    periods.reverse()
    periods.append(dict(periods[0], value=4))
    data = evidence.gate_chart(gate(), [raw])
    assert [p.end for p in data.targets[0].periods] == [ENDS[0], ENDS[1], ENDS[2], ENDS[2]]
    assert data.targets[0].periods[-1].problem == "repeats an earlier period ending at the same time"


# ---- which report is drawn -----------------------------------------------------------------------


def judged_status(report_name: str, start: str = "2025-06-01T10:02:00Z", end: str = "2025-06-01T10:05:00Z") -> dict:
    return {
        "phase": "Passed",
        "reason": "AllTargetsPassed",
        "message": "1 of 1 target(s) met",
        "evidence": {"report": report_name, "window": {"start": start, "end": end}},
        "targets": [{"metric": "latency_p95_ms", "verdict": "Passed", "reason": "Met", "message": "6 ms < 10 ms"}],
    }


def test_the_report_the_gate_judged_is_drawn_with_its_evaluated_window():
    older = report({"latency_p95_ms": ("ms", [5] * 10)}, name="judged")
    newer = report({"latency_p95_ms": ("ms", [50] * 10)}, name="newer", end="2025-06-01T11:00:00Z")
    data = evidence.gate_chart(gate(status=judged_status("judged")), [newer, older])
    assert (data.report, data.judged, data.window) == ("judged", True, ("2025-06-01T10:02:00Z", "2025-06-01T10:05:00Z"))
    assert [p.evaluated for p in data.targets[0].periods] == [False] * 4 + [True] * 6
    assert (data.targets[0].verdict, data.targets[0].reason) == ("Passed", "Met")
    svg = parsed(chart.svg(data))
    assert len(svg.findall(f".//{SVG}rect[@class='evaluated-window']")) == 1
    tips = [e.find(f"{SVG}title").text for e in svg.iter() if (e.get("class") or "").startswith("period")]
    assert [t.endswith("(outside the evaluated window)") for t in tips] == [True] * 4 + [False] * 6


def test_without_a_judged_report_the_newest_about_the_target_is_drawn_as_not_judged():
    other_target = report({"latency_p95_ms": ("ms", [1])}, name="zz-other", end="2025-06-02T00:00:00Z", target={**PR, "name": "elsewhere"})
    older = report({"latency_p95_ms": ("ms", [5])}, name="a-older")
    newer = report({"latency_p95_ms": ("ms", [6])}, name="b-newer", end="2025-06-01T10:06:00Z")
    status = {"phase": "Inconclusive", "reason": "StaleRevision", "message": "measured another revision", "targets": []}
    data = evidence.gate_chart(gate(status=status), [other_target, older, newer])
    assert (data.report, data.judged, data.window) == ("b-newer", False, None)
    assert "not judged: StaleRevision" in chart.svg(data)


def test_a_gate_without_a_target_ref_is_bound_to_the_packages_only_provisioning_request():
    """The guide's gate names no targetRef; the validator binds it to the package's only ProvisioningRequest."""
    untargeted = gate(status=judged_status("judged"))
    del untargeted["spec"]["targetRef"]
    request = {"apiVersion": PR["apiVersion"], "kind": PR["kind"], "metadata": {"name": PR["name"]}}
    another = {**request, "metadata": {"name": "other"}}
    judged = report({"latency_p95_ms": ("ms", [5])}, name="judged")
    newer = report({"latency_p95_ms": ("ms", [6])}, name="newer", end="2025-06-01T10:06:00Z")
    assert evidence.gate_chart(untargeted, [newer, judged], [request]).report == "judged"
    del untargeted["status"]
    bound = evidence.gate_chart(untargeted, [judged, newer], [request])
    assert (bound.target, bound.report, bound.judged) == (PR["name"], "newer", False)
    unbound = evidence.gate_chart(untargeted, [judged, newer], [request, another])
    assert (unbound.target, unbound.report) == ("", ""), "two requests: the gate is bound to neither"


def test_before_any_measurement_the_chart_shows_the_thresholds_and_says_no_data_has_come():
    targets = [
        {"metric": "latency_p95_ms", "threshold": 10, "operator": "<", "unit": "ms"},
        {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">", "unit": "Mbps", "warningThreshold": 900},
    ]
    data = evidence.gate_chart(gate(*targets), [report({"latency_p95_ms": ("ms", [1])}, target={**PR, "name": "another-pr"})])
    assert not data.has_data and data.report == ""
    svg = chart.svg(data)
    root = parsed(svg)
    assert len(root.findall(f".//{SVG}line[@class='threshold']")) == 3
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "no-data"] == ["No measurements yet"] * 2
    assert not [e for e in root.iter() if (e.get("class") or "").startswith("period")]
    assert "No MeasurementReport has come yet" in svg and "&lt; 10 ms" in svg and "&gt; 1000 Mbps" in svg and "warning 900 Mbps" in svg


# ---- drawing -------------------------------------------------------------------------------------


def test_every_mark_has_a_tooltip_with_its_time_value_and_state():
    data = evidence.gate_chart(gate(), [report({"latency_p95_ms": ("ms", [6.5, 12])})])
    root = parsed(chart.svg(data))
    marks = [e for e in root.iter() if (e.get("class") or "").startswith("period")]
    tips = [m.find(f"{SVG}title").text for m in marks]
    assert tips == [
        f"{ENDS[0]}: 6.5 ms, 100 samples; meets the threshold",
        f"{ENDS[1]}: 12 ms, 100 samples; breaches the threshold",
    ]
    assert [m.tag for m in marks] == [f"{SVG}circle", f"{SVG}polygon"], "a breach has its own shape"


def test_text_is_escaped_and_what_xml_cannot_hold_is_replaced():
    hostile = "lat<script>alert('x')</script>&\"\x01"
    target = {"metric": hostile, "threshold": 10, "operator": "<", "unit": "ms"}
    data = evidence.gate_chart(gate(target, name="g&<>"), [report({hostile: ("ms", [5, 50])}, name="r\"'<")])
    svg = chart.svg(data)
    assert "<script" not in svg and "\x01" not in svg
    root = parsed(svg)
    titles = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("lat")]
    assert titles == ["lat<script>alert('x')</script>&\"\ufffd < 10 ms"]
    assert root.get("aria-label").startswith("SLOGate g&<>: not evaluated yet; 1 period(s) miss a threshold in MeasurementReport r\"'<")


def test_the_svg_styles_itself_without_style_attributes_or_elements():
    """A page whose Content-Security-Policy forbids inline styles can inline the chart as it is."""
    data = evidence.gate_chart(gate(), [report({"latency_p95_ms": ("ms", [5, (None, 0), 15])})])
    root = parsed(chart.svg(data))
    assert not [e for e in root.iter() if e.get("style") is not None or e.tag == f"{SVG}style"]
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image", f"{SVG}a")]


def test_the_same_data_gives_the_same_bytes_whatever_order_the_reports_come_in():
    reports = [report({"latency_p95_ms": ("ms", [5, 7, 12])}, name=n) for n in ("b", "a", "c")]
    first = chart.svg(evidence.gate_chart(gate(), reports))
    again = chart.svg(evidence.gate_chart(copy.deepcopy(gate()), list(reversed(reports))))
    assert first == again
    assert "MeasurementReport a" in first, "equal windows: the first name wins, as the validator chooses"


numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(numbers, min_size=1, max_size=10), threshold=numbers, operator=st.sampled_from(sorted(validator_operators.OPERATORS)))
def test_every_mark_and_threshold_lies_inside_its_plot(values, threshold, operator):
    target = {"metric": "m", "threshold": threshold, "operator": operator, "unit": "Mbps"}
    svg = chart.svg(evidence.gate_chart(gate(target), [report({"m": ("Mbps", values)})]))
    root = parsed(svg)
    top, bottom = chart.HEADER + chart.PLOT_TOP, chart.HEADER + chart.PLOT_BOTTOM
    ys = [float(e.get("cy")) for e in root.iter(f"{SVG}circle")] + [float(e.get("y1")) for e in root.iter(f"{SVG}line") if e.get("class") == "threshold"]
    ys += [float(p.split(",")[1]) for e in root.iter(f"{SVG}polygon") for p in e.get("points").split()[1::2]]
    assert ys and all(top - 0.05 <= y <= bottom + 0.05 for y in ys)
    assert len(re.findall(r'class="period ', svg)) == len(values)


# ---- the same reading as slo-gate-validator's --------------------------------------------------

period_values = st.one_of(
    st.none(),
    st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False),
    st.sampled_from(["NaN", "+Inf", "-Inf", "7.25", "abc", True]),
)


@settings(max_examples=150, deadline=None)
@given(
    periods=st.lists(st.tuples(st.sampled_from(ENDS), period_values, st.one_of(st.none(), st.integers(0, 3))), max_size=12),
    unit=st.sampled_from(["ms", "s", "us"]),
    operator=st.sampled_from(sorted(validator_operators.OPERATORS)),
    threshold=st.sampled_from([0, 7.25, 10, 1e3]),
)
def test_periods_are_read_and_marked_as_slo_gate_validator_reads_and_judges_them(periods, unit, operator, threshold):
    spec_target = {"metric": "latency_p95_ms", "threshold": threshold, "operator": operator, "unit": "ms"}
    raw = report({})
    raw["spec"]["metrics"] = [{"name": "latency_p95_ms", "unit": unit, "periods": [{"end": e, "value": v, "samples": s} for e, v, s in periods]}]
    the_gate = gate(spec_target)
    ours = evidence.gate_chart(the_gate, [raw]).targets[0].periods

    policy = validator_policy.read_gate(the_gate, {})
    read = validator_evidence.read_report(raw)
    window = (read.window_end - policy.window_seconds, read.window_end)
    result = validator_evaluate.evaluate_target(policy.targets[0], read.series.get("latency_p95_ms"), window, policy)
    theirs = [(end, value if problem is None else None, problem or "") for end, value, _, problem in result.values]

    assert len(ours) == len(theirs)
    for mine, (end, value, problem) in zip(ours, theirs):
        assert (mine.at, mine.value) == (end, value)
        assert mine.problem == problem
    for period in ours:
        if period.value is not None:
            holds = validator_operators.holds(period.value, operator, threshold)
            assert (period.state == "met") == holds
