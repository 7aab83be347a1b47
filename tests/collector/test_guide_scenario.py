"""The guide's SLOGate and MeasurementJob, verbatim, against a real Prometheus: findings, Inconclusive or Failed, never Passed.

The pods serve slow requests (p95 43.75 ms) with 30 % errors (tests/collector/guide_scenario.py).
The guide's job reads the latency histogram in seconds but labels it ms, and divides
rate by rate one series to one, so the 5xx series never enter its success rate.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from oran_intent_krm.assurance import timing
from oran_intent_krm.collector import checks, package, prometheus, report
from oran_intent_krm.collector.main import query_report
from oran_intent_krm.collector.main import run as collect

from tests import kpt
from tests.collector import guide_scenario

REPORT = "measurements/edge-ran-gate.yaml"


@pytest.fixture(scope="session")
def guide_package(tmp_path_factory):
    return guide_scenario.write(tmp_path_factory.mktemp("guide") / "pkg")


@pytest.fixture
def copy(guide_package, tmp_path):
    return shutil.copytree(guide_package, tmp_path / "pkg")


def _collect(root, url, end, *args):
    return collect([str(root), "--prometheus", url, "--end", end, *args])


def _phase(root):
    """The gate's verdict after a render, or None when the render failed (a failed render writes nothing)."""
    run = kpt.render(root)
    status = yaml.safe_load((root / "slogate.yaml").read_text()).get("status")
    return run.exit_code, status


def test_the_guides_gate_and_job_verbatim_give_no_report_and_no_pass(prometheus, copy, capsys):
    assert _collect(copy, prometheus, guide_scenario.SLOW_END) == 1
    err = capsys.readouterr().err
    # The gate, without targetRef, is about the package's only request, as the validator reads it: its job's queries are checked.
    assert "targetRef" not in err
    assert "measurement latency_p95 [histogram-unit]" in err and "measurement success_rate [ratio-matching]" in err
    assert not (copy / "measurements").exists()
    code, status = _phase(copy)
    assert status is None or status["phase"] != "Passed"
    assert code == 1 or status["phase"] in ("Inconclusive", "Failed")


def test_the_guides_job_is_refused_with_each_queries_finding_and_fix(prometheus, copy, capsys):
    (copy / "slogate.yaml").write_text(guide_scenario.as_text(guide_scenario.gate()))  # with the targetRef the guide leaves out
    assert _collect(copy, prometheus, guide_scenario.SLOW_END) == 1
    err = capsys.readouterr().err
    assert "measurement latency_p95 [histogram-unit]" in err
    assert "write 1000 * histogram_quantile(0.95, rate(request_duration_seconds_bucket[5m])) to get ms, or declare unit s" in err
    assert "measurement success_rate [ratio-matching]" in err
    assert 'sum(rate(requests_total{status=~"2.."}[5m])) / sum(rate(requests_total[5m]))' in err
    assert "query: rate(requests_total{status=~'2..'}[5m]) / rate(requests_total[5m])" in err
    assert "[revision-selector]" in err  # a warning, for every measurement
    assert "MeasurementJob edge-ran-performance has no measurement latency_p95_ms" in err
    assert not (copy / "measurements").exists()


def _forced_report(root, url, end):
    """What the guide's queries give when run anyway, the way the collector would write it."""
    (collection,) = package.plan(package.read_items(root))
    first = checks.first_sample(collection, url, timing.timestamp(end), 30)
    return collection, query_report(collection, timing.timestamp(end), url, 30, first)


def test_the_guides_success_rate_reads_1_at_30_percent_errors(prometheus, copy):
    (copy / "slogate.yaml").write_text(guide_scenario.as_text(guide_scenario.gate()))
    _, built = _forced_report(copy, prometheus, guide_scenario.SLOW_END)
    success = next(m for m in built["spec"]["metrics"] if m["name"] == "success_rate")
    assert {p["value"] for p in success["periods"]} == {1.0}
    fixed = 'sum(rate(requests_total{status=~"2.."}[5m])) / sum(rate(requests_total[5m]))'
    end = timing.timestamp(guide_scenario.SLOW_END)
    (series,) = prometheus_range(prometheus, fixed, end)
    assert float(series["values"][-1][1]) == pytest.approx(0.7)


def prometheus_range(url, query, end):
    return prometheus.range_query(url, query, end - 270, end, 30, 30).series


def test_the_guides_queries_forced_through_never_pass_the_guides_gate(prometheus, copy):
    (copy / "slogate.yaml").write_text(guide_scenario.as_text(guide_scenario.gate()))
    _, built = _forced_report(copy, prometheus, guide_scenario.SLOW_END)
    (copy / "measurements").mkdir()
    (copy / REPORT).write_text(report.as_yaml(built))
    code, status = _phase(copy)
    assert code == 0
    assert status["phase"] == "Inconclusive"
    reasons = {t["metric"]: t["reason"] for t in status["targets"]}
    # The job names its measurements latency_p95 and throughput, the gate latency_p95_ms and throughput_p95_mbps;
    # success_rate names no unit, so its 1.0 is never compared.
    assert reasons == {"latency_p95_ms": "MetricMissing", "success_rate": "NoUnit", "throughput_p95_mbps": "MetricMissing"}


# ---- 3. a target without a unit ------------------------------------------------------------------------

LATENCY_IN_SECONDS = {
    "name": "latency_p95_ms",
    "query": "histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))",
    "unit": "s",
}
GUIDE_LATENCY = [{"metric": "latency_p95_ms", "threshold": 10, "operator": "<="}]


def _latency_in_seconds(root):
    (root / "slogate.yaml").write_text(guide_scenario.as_text(guide_scenario.gate(targets=GUIDE_LATENCY)))
    (root / "measurementjob.yaml").write_text(guide_scenario.as_text(guide_scenario.job([LATENCY_IN_SECONDS])))


def test_latency_measured_in_seconds_fails_the_guides_target_in_ms(prometheus, copy, capsys, tmp_path):
    """43.75 ms measured as 0.04375 s once passed `latency_p95_ms <= 10` as a bare number."""
    _latency_in_seconds(copy)
    assert _collect(copy, prometheus, guide_scenario.SLOW_END) == 0
    run = kpt.render(copy, "--results-dir", str(tmp_path / "results"))
    assert run.exit_code == 1  # a blocking gate fails
    results = yaml.safe_load((tmp_path / "results" / "results.yaml").read_text())
    found = [r for item in results["items"] for r in item.get("results") or []]
    (note,) = [r for r in found if (r.get("tags") or {}).get("reason") == "UnitFromMetricName"]
    assert note["severity"] == "info" and "ms is taken from the suffix of its metric latency_p95_ms" in note["message"]
    (breach,) = [r for r in found if r["field"]["path"] == "spec.sloTargets[0].threshold"]
    assert breach["severity"] == "error" and "43.75 ms breaches <= 10 ms" in breach["message"]


def test_latency_measured_in_seconds_passes_the_same_target_when_fast(prometheus, copy):
    _latency_in_seconds(copy)
    assert _collect(copy, prometheus, guide_scenario.FAST_END) == 0
    code, status = _phase(copy)
    assert code == 0
    (target,) = status["targets"]
    assert (status["phase"], target["unit"], target["unitConversion"]) == ("Passed", "ms", "s -> ms")
    assert target["observedValue"] == pytest.approx(2.5 + 2.5 * (950 - 700) / 280)
