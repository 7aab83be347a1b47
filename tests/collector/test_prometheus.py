"""The collector against a real Prometheus, and the real `kpt fn render` judging what it wrote.

Each test collects one scenario of backfilled traffic (tests/collector/conftest.py)
into its own copy of the rendered sample package, and renders it again.  Beside
every way evidence can mislead, a healthy case shows the gate still passes.
"""

from __future__ import annotations

import json

import pytest
import yaml
from oran_intent_krm.collector.main import run as collect
from oran_intent_krm.slo_gate_validator.explain import main as explain

from tests import kpt
from tests.collector.conftest import (
    ABSENT_END,
    DEPLOYED,
    ERRORS_END,
    FAST_P95_MS,
    GOOD_END,
    SLOW_END,
    SLOW_P95_MS,
    TRICKLE_END,
    UPGRADED,
    at,
    rendered_labels,
)

GATE = "deploy-edge-ran-edge-cluster-us-west-1"
GATE_FILE = "generated/management/assurance/deploy-edge-ran-edge-cluster-us-west-1.slogate.yaml"
JOB_FILE = "generated/management/assurance/deploy-edge-ran-edge-cluster-us-west-1.measurementjob.yaml"
REPORT_FILE = f"measurements/intent-system/{GATE}.yaml"
CONDITION = f"gate.slo.nephio.org.SLOGate.{GATE}"


def _load(path):
    return yaml.safe_load(path.read_text())


def _targets(gate_status):
    return {t["metric"]: t for t in gate_status["targets"]}


def _condition(package):
    return next(c for c in _load(package / "Kptfile")["status"]["conditions"] if c["type"] == CONDITION)


def _explain(package, capsys):
    capsys.readouterr()
    assert explain([str(package), "-o", "json"]) == 0
    (gate,) = json.loads(capsys.readouterr().out)["gates"]
    return gate


def _collect(package, prometheus, end, *args):
    return collect([str(package), "--prometheus", prometheus, "--end", end, *args])


def _configure(package, **config):
    """Give slo-gate-validator a configMap in the package's Kptfile, as the README's Usage does."""
    kptfile = _load(package / "Kptfile")
    step = next(s for s in kptfile["pipeline"]["mutators"] if "slo-gate-validator" in s["image"])
    step["configMap"] = {k: str(v) for k, v in config.items()}
    (package / "Kptfile").write_text(yaml.safe_dump(kptfile, sort_keys=False))


def _judged(package):
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    return _load(package / GATE_FILE)["status"]


# ---- healthy traffic --------------------------------------------------------------------------------


def test_good_traffic_passes_the_gate(prometheus, package, capsys):
    assert _collect(package, prometheus, GOOD_END) == 0
    assert f"wrote {REPORT_FILE}" in capsys.readouterr().out
    written = (package / REPORT_FILE).read_text()

    status = _judged(package)
    assert (package / REPORT_FILE).read_text() == written  # evidence is never rewritten by a render
    assert (status["phase"], status["reason"]) == ("Passed", "AllTargetsPassed")
    assert status["revision"]["state"] == "match"
    assert status["evidence"] == {"report": GATE, "source": "prometheus", "window": {"start": "2025-06-01T09:55:00Z", "end": GOOD_END}}
    targets = _targets(status)
    assert targets["latency_p95_ms"]["observedValue"] == pytest.approx(FAST_P95_MS)
    assert targets["success_rate"]["observedValue"] == pytest.approx(0.998)
    assert targets["throughput_p95_mbps"]["observedValue"] == pytest.approx(1600)
    assert {t["verdict"] for t in targets.values()} == {"Passed"}
    assert _condition(package)["status"] == "True"


def test_the_report_names_the_revision_and_when_it_went_live(prometheus, package):
    assert _collect(package, prometheus, GOOD_END) == 0
    report = _load(package / REPORT_FILE)
    revision, _ = rendered_labels()
    # The pod's first scrape, 12 minutes before the end.
    assert report["spec"]["revision"] == {"label": "krm_oran_intent_io_revision", "value": revision, "firstSample": "2025-06-01T09:48:00Z"}


# ---- 1. one meaning of a sample -----------------------------------------------------------------------


def test_samples_are_requests_for_the_ratio_and_the_histogram_and_data_points_for_the_throughput(prometheus, package):
    assert _collect(package, prometheus, GOOD_END) == 0
    metrics = {m["name"]: m for m in _load(package / REPORT_FILE)["spec"]["metrics"]}
    assert {name: m["samplesKind"] for name, m in metrics.items()} == {
        "latency_p95_ms": "events",
        "success_rate": "events",
        "throughput_p95_mbps": "dataPoints",
    }
    # 1000 requests per 15 s scrape: 2000 per 30 s period, for both the histogram and the ratio.
    assert [p["samples"] for p in metrics["latency_p95_ms"]["periods"]] == [2000] * 10
    assert [p["samples"] for p in metrics["success_rate"]["periods"]] == [2000] * 10
    # A 15 s scrape stores 2 or 3 points in a 30 s range (left-open in Prometheus 3, closed in 2).
    assert {p["samples"] for p in metrics["throughput_p95_mbps"]["periods"]} <= {2, 3}


def test_the_readmes_default_min_samples_of_100_passes_healthy_traffic(prometheus, package):
    _configure(package, defaultMinSamples=100)
    assert _collect(package, prometheus, GOOD_END) == 0
    status = _judged(package)
    assert status["phase"] == "Passed"
    targets = _targets(status)
    assert (targets["success_rate"]["samples"], targets["success_rate"]["samplesKind"], targets["success_rate"]["minSamples"]) == (20000, "events", 100)
    assert (targets["throughput_p95_mbps"]["samplesKind"], targets["throughput_p95_mbps"]["minSamples"]) == ("dataPoints", 10)


def test_a_trickle_of_requests_is_too_few_samples_for_the_same_minimum(prometheus, package):
    _configure(package, defaultMinSamples=100)
    assert _collect(package, prometheus, TRICKLE_END) == 0
    status = _judged(package)
    assert status["phase"] == "Inconclusive"
    targets = _targets(status)
    for metric in ("latency_p95_ms", "success_rate"):
        assert (targets[metric]["verdict"], targets[metric]["reason"], targets[metric]["samples"]) == ("Inconclusive", "TooFewSamples", 20)
    assert targets["throughput_p95_mbps"]["verdict"] == "Passed"


# ---- 2. evidence belongs to a revision ---------------------------------------------------------------


def test_a_window_that_ends_before_the_new_revision_was_deployed_is_refused(prometheus, package, capsys):
    """The previous revision's fast pods served until 14:00: their data must never pass the new one."""
    assert _collect(package, prometheus, at(DEPLOYED, -1)) == 1
    err = capsys.readouterr().err
    assert "no sample of revision" in err and "krm_oran_intent_io_revision" in err
    assert not (package / "measurements").exists()


def test_a_window_that_begins_before_the_revisions_first_sample_is_refused_with_the_end_to_use(prometheus, package, capsys):
    assert _collect(package, prometheus, at(DEPLOYED, 3)) == 1
    err = capsys.readouterr().err
    assert "the window 2025-06-01T13:58:00Z .. 2025-06-01T14:03:00Z begins before the first sample of revision" in err
    assert "at 2025-06-01T14:00:00Z" in err and "--end 2025-06-01T14:05:00Z or later" in err
    assert not (package / "measurements").exists()


def test_the_new_revisions_slow_requests_fail_the_gate(prometheus, package, capsys, tmp_path):
    assert _collect(package, prometheus, at(DEPLOYED, 10)) == 0
    run = kpt.render(package)
    assert run.exit_code == 1  # blocking gate, Failed
    gate = _explain(package, capsys)
    assert (gate["phase"], gate["reason"]) == ("Failed", "KeyTargetFailed")
    assert _targets(gate)["latency_p95_ms"]["observedValue"] == pytest.approx(SLOW_P95_MS)


def test_pods_of_an_earlier_build_still_reporting_make_the_window_refused(prometheus, package, capsys):
    """Same request, new du image: the old pod served fast requests until 15:02, the new one slow ones from 14:58."""
    assert _collect(package, prometheus, at(UPGRADED, 5)) == 1
    err = capsys.readouterr().err
    assert "pods of an earlier build of revision" in err and "reported until 2025-06-01T15:02:00Z" in err
    assert "--end 2025-06-01T15:12:31Z or later" in err
    assert not (package / "measurements").exists()


def test_once_the_earlier_build_is_gone_the_new_builds_data_is_judged(prometheus, package, capsys):
    assert _collect(package, prometheus, at(UPGRADED, 15)) == 0
    assert kpt.render(package).exit_code == 1
    gate = _explain(package, capsys)
    assert gate["phase"] == "Failed"
    assert _targets(gate)["latency_p95_ms"]["observedValue"] == pytest.approx(SLOW_P95_MS)


def test_a_report_whose_window_begins_before_its_first_sample_is_inconclusive(prometheus, package):
    """What another collector might write: the validator does not judge it."""
    assert _collect(package, prometheus, GOOD_END) == 0
    report = _load(package / REPORT_FILE)
    report["spec"]["revision"]["firstSample"] = "2025-06-01T09:57:00Z"
    (package / REPORT_FILE).write_text(yaml.safe_dump(report, sort_keys=False))
    status = _judged(package)
    assert (status["phase"], status["reason"]) == ("Inconclusive", "WindowBeforeRevision")
    assert _condition(package)["status"] == "Unknown"


# ---- the rest of the evidence -------------------------------------------------------------------------


def test_a_latency_breach_fails_the_gate_and_blocks_the_render(prometheus, package, capsys, tmp_path):
    assert _collect(package, prometheus, SLOW_END) == 0
    gate_before = (package / GATE_FILE).read_text()

    run = kpt.render(package, "--results-dir", str(tmp_path / "results"))
    assert run.exit_code == 1  # enforcement block: kpt writes nothing
    assert (package / GATE_FILE).read_text() == gate_before
    results = _load(tmp_path / "results" / "results.yaml")
    errors = [r for item in results["items"] for r in item.get("results") or [] if r["severity"] == "error"]
    assert {(e["resourceRef"]["kind"], e["field"]["path"]) for e in errors} == {("SLOGate", "status.phase"), ("SLOGate", "spec.sloTargets[0].threshold")}

    gate = _explain(package, capsys)
    assert (gate["phase"], gate["reason"]) == ("Failed", "KeyTargetFailed")
    targets = _targets(gate)
    assert targets["latency_p95_ms"]["verdict"] == "Failed"
    assert targets["latency_p95_ms"]["observedValue"] == pytest.approx(SLOW_P95_MS)
    assert targets["latency_p95_ms"]["breaches"] == 10
    assert targets["success_rate"]["verdict"] == targets["throughput_p95_mbps"]["verdict"] == "Passed"


def test_thirty_percent_errors_fail_the_success_rate(prometheus, package, capsys):
    assert _collect(package, prometheus, ERRORS_END) == 0
    assert kpt.render(package).exit_code == 1
    target = _targets(_explain(package, capsys))["success_rate"]
    assert (target["verdict"], target["observedValue"]) == ("Failed", pytest.approx(0.7))


def test_no_data_at_all_is_refused_and_the_gate_stays_inconclusive(prometheus, package, capsys):
    assert _collect(package, prometheus, ABSENT_END) == 1
    assert "no sample of revision" in capsys.readouterr().err
    status = _judged(package)
    assert (status["phase"], status["reason"]) == ("Inconclusive", "NoMeasurements")
    assert _condition(package)["status"] == "Unknown"


def test_a_dry_run_prints_the_report_it_would_write_and_writes_nothing(prometheus, package, capsys):
    assert _collect(package, prometheus, GOOD_END, "--dry-run", "-o", "yaml") == 0
    printed = capsys.readouterr().out
    assert not (package / "measurements").exists()

    assert _collect(package, prometheus, GOOD_END) == 0
    assert (package / REPORT_FILE).read_text() == printed


def test_collecting_twice_writes_the_same_bytes(prometheus, package):
    assert _collect(package, prometheus, GOOD_END) == 0
    first = (package / REPORT_FILE).read_bytes()
    assert _collect(package, prometheus, GOOD_END) == 0
    assert (package / REPORT_FILE).read_bytes() == first


def _with_query(package, metric, query):
    job_path = package / JOB_FILE
    job = _load(job_path)
    for measurement in job["spec"]["measurements"]:
        if measurement["name"] == metric:
            measurement["query"] = query
    job_path.write_text(yaml.safe_dump(job, sort_keys=False))


def test_a_query_that_does_not_parse_is_refused_before_any_is_run(prometheus, package, capsys):
    _with_query(package, "success_rate", 'sum(rate(requests_total{cluster="edge-cluster-us-west-1"}[5m])')
    assert _collect(package, prometheus, GOOD_END) == 1
    assert "measurement success_rate: the query is not valid PromQL" in capsys.readouterr().err
    assert not (package / "measurements").exists()


def test_a_query_prometheus_rejects_is_an_error_and_nothing_is_written(prometheus, package, capsys):
    """mad_over_time() parses, but Prometheus 2.42 does not know it."""
    revision, _ = rendered_labels()
    _with_query(package, "success_rate", f'sum(mad_over_time(requests_total{{krm_oran_intent_io_revision="{revision}"}}[5m]))')
    assert _collect(package, prometheus, GOOD_END) == 1
    err = capsys.readouterr().err
    assert "the query of SLOGate deploy-edge-ran-edge-cluster-us-west-1, metric success_rate: Prometheus rejected the query (bad_data)" in err
    assert not (package / "measurements").exists()


def test_a_query_giving_several_series_is_an_error(prometheus, package, capsys):
    revision, _ = rendered_labels()
    _with_query(package, "success_rate", f'rate(requests_total{{cluster="edge-cluster-us-west-1",krm_oran_intent_io_revision="{revision}"}}[5m])')
    assert _collect(package, prometheus, GOOD_END) == 1
    err = capsys.readouterr().err
    assert "returned 2 series" in err and 'status="500"' in err and "aggregate the query" in err
    assert not (package / "measurements").exists()


def test_the_scrape_interval_comes_from_prometheus_and_a_rate_window_too_short_for_it_is_refused(prometheus, package, capsys):
    assert _collect(package, prometheus, GOOD_END, "--scrape-interval", "1m") == 1
    err = capsys.readouterr().err
    assert "measurement throughput_p95_mbps [rate-window]" in err and "twice the scrape interval (1m)" in err
    assert "query: quantile_over_time(0.95" in err
    assert not (package / "measurements").exists()
