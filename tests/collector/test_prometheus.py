"""The collector against a real Prometheus, and the real `kpt fn render` judging what it wrote.

One Prometheus serves three stretches of backfilled traffic of the sample
package's cluster, an hour apart: good traffic, the same traffic with slow
requests, and none at all.  Each test collects one stretch into its own copy
of the rendered sample package and renders it again.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta

import pytest
import yaml
from oran_intent_krm.collector.main import run as collect
from oran_intent_krm.slo_gate_validator.explain import main as explain

from tests import kpt
from tests.collector import openmetrics as om
from tests.collector import server

pytestmark = pytest.mark.skipif(bool(server.MISSING), reason=server.SKIP_REASON)

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
CLUSTER = "edge-cluster-us-west-1"
GATE = "deploy-edge-ran-edge-cluster-us-west-1"
GATE_FILE = "generated/management/assurance/deploy-edge-ran-edge-cluster-us-west-1.slogate.yaml"
JOB_FILE = "generated/management/assurance/deploy-edge-ran-edge-cluster-us-west-1.measurementjob.yaml"
REPORT_FILE = f"measurements/intent-system/{GATE}.yaml"
CONDITION = f"gate.slo.nephio.org.SLOGate.{GATE}"

GOOD_END = "2025-06-01T10:00:00Z"
SLOW_END = "2025-06-01T11:00:00Z"
ABSENT_END = "2025-06-01T12:00:00Z"
# 1000 requests per 15 s; 95 % are done by the 950th, which falls in (2.5 ms, 5 ms] or (25 ms, 50 ms].
FAST = {"0.001": 200, "0.0025": 500, "0.005": 280, "0.01": 20}
SLOW = {"0.005": 300, "0.01": 200, "0.025": 300, "0.05": 200}
FAST_P95_MS = 2.5 + 2.5 * (950 - 700) / 280
SLOW_P95_MS = 25 + 25 * (950 - 800) / 200


def _stretch(cluster: str, end: str, latency: dict[str, int]) -> om.Traffic:
    # 12 minutes: the 5 m window plus the 5 m rate() and the 1 m subquery behind its first period.
    start = datetime.fromisoformat(end.replace("Z", "+00:00")) - timedelta(minutes=12)
    return om.Traffic(cluster, start.strftime("%Y-%m-%dT%H:%M:%SZ"), end, latency)


TRAFFIC = [
    _stretch(CLUSTER, GOOD_END, FAST),
    _stretch("edge-cluster-us-east-1", GOOD_END, SLOW),  # another cluster's slow traffic must not count
    _stretch(CLUSTER, SLOW_END, SLOW),
]


@pytest.fixture(scope="module")
def prometheus(tmp_path_factory):
    with server.running_prometheus(tmp_path_factory.mktemp("prometheus"), om.openmetrics(TRAFFIC)) as url:
        yield url


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    package = kpt.fresh_copy(SAMPLE, tmp_path_factory.mktemp("sample") / "pkg")
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    return package


@pytest.fixture
def package(rendered, tmp_path):
    return shutil.copytree(rendered, tmp_path / "pkg")


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


def test_good_traffic_passes_the_gate(prometheus, package, capsys):
    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END]) == 0
    assert f"wrote {REPORT_FILE}" in capsys.readouterr().out
    written = (package / REPORT_FILE).read_text()

    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    assert (package / REPORT_FILE).read_text() == written  # evidence is never rewritten by a render
    status = _load(package / GATE_FILE)["status"]
    assert (status["phase"], status["reason"]) == ("Passed", "AllTargetsPassed")
    assert status["revision"]["state"] == "match"
    assert status["evidence"] == {"report": GATE, "source": "prometheus", "window": {"start": "2025-06-01T09:55:00Z", "end": GOOD_END}}
    targets = _targets(status)
    assert targets["latency_p95_ms"]["observedValue"] == pytest.approx(FAST_P95_MS)
    assert targets["success_rate"]["observedValue"] == pytest.approx(0.998)
    assert targets["throughput_p95_mbps"]["observedValue"] == pytest.approx(1600)
    assert {t["verdict"] for t in targets.values()} == {"Passed"}
    assert targets["latency_p95_ms"]["samples"] == 10 * 2000  # 1000 requests per 15 s, over 10 periods of 30 s
    assert _condition(package)["status"] == "True"


def test_a_latency_breach_fails_the_gate_and_blocks_the_render(prometheus, package, capsys, tmp_path):
    assert collect([str(package), "--prometheus", prometheus, "--end", SLOW_END]) == 0
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


def test_absent_series_make_the_gate_inconclusive(prometheus, package, capsys):
    assert collect([str(package), "--prometheus", prometheus, "--end", ABSENT_END]) == 0
    report = _load(package / REPORT_FILE)
    periods = [p for m in report["spec"]["metrics"] for p in m["periods"]]
    assert len(periods) == 3 * 10
    assert all(p["value"] is None and "samples" not in p for p in periods)

    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    status = _load(package / GATE_FILE)["status"]
    assert status["phase"] == "Inconclusive"
    assert {t["verdict"] for t in status["targets"]} == {"Inconclusive"}
    assert _condition(package)["status"] == "Unknown"


def test_a_dry_run_prints_the_report_it_would_write_and_writes_nothing(prometheus, package, capsys):
    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END, "--dry-run", "-o", "yaml"]) == 0
    printed = capsys.readouterr().out
    assert not (package / "measurements").exists()

    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END]) == 0
    assert (package / REPORT_FILE).read_text() == printed


def test_collecting_twice_writes_the_same_bytes(prometheus, package):
    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END]) == 0
    first = (package / REPORT_FILE).read_bytes()
    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END]) == 0
    assert (package / REPORT_FILE).read_bytes() == first


def _with_query(package, metric, query):
    job_path = package / JOB_FILE
    job = _load(job_path)
    for measurement in job["spec"]["measurements"]:
        if measurement["name"] == metric:
            measurement["query"] = query
    job_path.write_text(yaml.safe_dump(job, sort_keys=False))


def test_a_query_prometheus_rejects_is_an_error_and_nothing_is_written(prometheus, package, capsys):
    _with_query(package, "success_rate", 'sum(rate(requests_total{cluster="edge-cluster-us-west-1"}[5m])')
    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END]) == 1
    err = capsys.readouterr().err
    assert f"the query of SLOGate {GATE}, metric success_rate: Prometheus rejected the query (bad_data)" in err
    assert not (package / "measurements").exists()


def test_a_query_giving_several_series_is_an_error(prometheus, package, capsys):
    _with_query(package, "success_rate", 'rate(requests_total{cluster="edge-cluster-us-west-1"}[5m])')
    assert collect([str(package), "--prometheus", prometheus, "--end", GOOD_END]) == 1
    err = capsys.readouterr().err
    assert "returned 2 series" in err and 'status="500"' in err and "aggregate the query" in err
    assert not (package / "measurements").exists()
