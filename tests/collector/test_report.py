"""Building a MeasurementReport from range-query results, without Prometheus.

The sample package's gate and job are the input; query results are given as
Prometheus' API returns them (`[[timestamp, "value"], ...]`).
"""

from __future__ import annotations

import functools
import math

import pytest
import yaml
from oran_intent_krm.assurance.evidence import read_report
from oran_intent_krm.assurance.gate import read_gate
from oran_intent_krm.assurance.timing import timestamp
from oran_intent_krm.collector import package, report
from oran_intent_krm.collector.errors import CollectorError
from oran_intent_krm.models.measurement import MeasurementReport
from oran_intent_krm.slo_gate_validator.evaluate import evaluate_gate

from tests import kpt

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
END = timestamp("2025-06-01T10:05:00Z")
ENDPOINT = "http://prometheus.monitoring.svc:9090"
GOOD = {"latency_p95_ms": "4.8", "success_rate": "0.998", "throughput_p95_mbps": "1600"}
FIRST_SAMPLE = timestamp("2025-06-01T09:58:15Z")


@functools.lru_cache(maxsize=1)
def _sample():
    items = package.read_items(SAMPLE)
    (collection,) = package.plan(items)
    gate = next(i for i in items if i["kind"] == "SLOGate")
    return collection, gate


def _ends():
    collection, _ = _sample()
    return report.period_ends(END, collection.window_seconds, collection.step_seconds)


def _matrix(values):
    """One series with a point at each period end whose value is not None."""
    return [{"metric": {}, "values": [[end, v] for end, v in zip(_ends(), values) if v is not None]}]


def _series(metric, values, samples="2000"):
    collection, _ = _sample()
    plan = next(m for m in collection.metrics if m.name == metric)
    counts = None if samples is None else report.points(_matrix([samples] * len(values)), "samples")
    return report.metric_series(plan, _ends(), report.points(_matrix(values), metric), counts)


def _report(overrides=None):
    collection, _ = _sample()
    metrics = []
    for name, value in GOOD.items():
        metrics.append((overrides or {}).get(name) or _series(name, [value] * 10))
    return report.build_report(collection, END, ENDPOINT, metrics, FIRST_SAMPLE)


def _verdict(built):
    collection, gate = _sample()
    policy = read_gate(gate, {"defaultEnforcement": "block", "defaultMinSamples": 1, "defaultFailureLimit": 0})
    evaluation = evaluate_gate(policy, read_report(built), collection.config_digest, 1, rendered_revisions=(collection.revision,))
    return evaluation.phase, {t.policy.metric: t.verdict for t in evaluation.targets}


def test_the_periods_end_every_evaluation_period_up_to_the_window_end():
    ends = _ends()
    assert len(ends) == 10
    assert (ends[0], ends[-1]) == (END - 270, END)
    assert {b - a for a, b in zip(ends, ends[1:])} == {30}


def test_a_report_has_the_gates_target_job_window_source_and_the_rendered_revision():
    collection, _ = _sample()
    built = _report()
    spec = built["spec"]
    assert built["metadata"] == {"name": collection.name, "namespace": "intent-system", "annotations": {"config.kubernetes.io/local-config": "true"}}
    assert spec["targetRef"] == {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": collection.name}
    assert spec["jobRef"] == {"apiVersion": "measurement.o2ims.org/v1alpha1", "kind": "MeasurementJob", "namespace": "intent-system", "name": collection.name}
    assert spec["configDigest"] == collection.config_digest
    assert spec["revision"] == {"label": "krm_oran_intent_io_revision", "value": collection.revision, "firstSample": "2025-06-01T09:58:15Z"}
    assert spec["source"] == {"type": "prometheus", "endpoint": ENDPOINT}
    assert spec["window"] == {"start": "2025-06-01T10:00:00Z", "end": "2025-06-01T10:05:00Z"}
    assert [(m["name"], m["unit"], m["samplesKind"]) for m in spec["metrics"]] == [
        ("latency_p95_ms", "ms", "events"),
        ("success_rate", "ratio", "events"),
        ("throughput_p95_mbps", "Mbps", "dataPoints"),
    ]
    assert spec["metrics"][1]["samplesQuery"] == f'sum(increase(requests_total{{cluster="edge-cluster-us-west-1",krm_oran_intent_io_revision="{collection.revision}"}}[30s]))'
    MeasurementReport.model_validate(built)
    assert read_report(built).problems == ()


def test_good_values_pass_the_gate():
    assert _verdict(_report()) == ("Passed", dict.fromkeys(GOOD, "Passed"))


def test_a_breaching_value_fails_the_gate():
    slow = _series("latency_p95_ms", ["4.8"] * 9 + ["12.5"])
    assert _verdict(_report({"latency_p95_ms": slow}))[1]["latency_p95_ms"] == "Failed"


def test_nan_is_kept_in_prometheus_text_form_and_is_inconclusive():
    series = _series("latency_p95_ms", ["4.8"] * 9 + ["NaN"])
    assert series["periods"][-1]["value"] == "NaN"
    assert _verdict(_report({"latency_p95_ms": series})) == ("Inconclusive", {**dict.fromkeys(GOOD, "Passed"), "latency_p95_ms": "Inconclusive"})


def test_infinities_are_kept_as_prometheus_writes_them():
    series = _series("latency_p95_ms", ["+Inf", "-Inf"] + ["4.8"] * 8)
    assert [p["value"] for p in series["periods"][:2]] == ["+Inf", "-Inf"]


def test_a_missing_point_is_a_period_without_a_value():
    series = _series("success_rate", ["0.998"] * 4 + [None] + ["0.998"] * 5)
    assert len(series["periods"]) == 10
    assert series["periods"][4]["value"] is None
    assert _verdict(_report({"success_rate": series}))[1]["success_rate"] == "Inconclusive"


def test_sample_counts_are_whole_numbers_and_missing_ones_are_left_out():
    collection, _ = _sample()
    plan = next(m for m in collection.metrics if m.name == "latency_p95_ms")
    values = report.points(_matrix(["4.8"] * 10), "value")
    counts = report.points(_matrix(["1999.6", None, "NaN"] + ["2000"] * 7), "samples")
    periods = report.metric_series(plan, _ends(), values, counts)["periods"]
    assert periods[0]["samples"] == 2000
    assert "samples" not in periods[1] and "samples" not in periods[2]


def test_unknown_sample_counts_leave_every_period_without_samples_so_the_gate_cannot_pass():
    series = _series("throughput_p95_mbps", ["1600"] * 10, samples=None)
    assert all("samples" not in p for p in series["periods"])
    assert _verdict(_report({"throughput_p95_mbps": series}))[0] == "Inconclusive"


def test_a_result_with_several_series_is_an_error_naming_them():
    two = [{"metric": {"status": "200"}, "values": []}, {"metric": {"status": "500"}, "values": []}]
    with pytest.raises(CollectorError, match=r'returned 2 series \({status="200"}, {status="500"}\)'):
        report.points(two, "the query")


def test_a_malformed_point_is_an_error():
    with pytest.raises(CollectorError, match="malformed point"):
        report.points([{"metric": {}, "values": [["x"]]}], "the query")
    with pytest.raises(CollectorError, match="not a number"):
        report.period_value("fast")


def test_the_written_yaml_reads_back_as_the_report():
    series = _series("latency_p95_ms", ["4.8", "NaN", None] + ["4.8"] * 7)
    built = _report({"latency_p95_ms": series})
    text = report.as_yaml(built)
    assert yaml.safe_load(text) == built
    assert '- {end: "2025-06-01T10:00:30Z", value: 4.8, samples: 2000}' in text


def test_period_value_and_sample_count_read_prometheus_numbers():
    assert report.period_value("0.9979999999999999") == 0.9979999999999999
    assert report.period_value(None) is None
    assert report.sample_count("-1") is None
    assert report.sample_count("+Inf") is None
    assert math.isclose(report.period_value("1e3"), 1000.0)
