"""oran-synthetic-traffic: steady traffic for exactly the series a package's MeasurementJobs select,
which a real Prometheus serves and the collector and the gate read as the profile asked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from oran_intent_krm.collector.main import run as collect
from oran_intent_krm.slo_gate_validator.explain import main as explain
from oran_intent_krm.tools import synthetic_traffic as traffic

from tests import kpt
from tests.collector import server

PACKAGES = kpt.ROOT / "packages"
SAMPLE = PACKAGES / "intent-to-krm"
END = "2025-06-01T10:05:00Z"
JOB_FILE = "generated/management/assurance/deploy-edge-ran-edge-cluster-us-west-1.measurementjob.yaml"


def generate(package: Path, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = traffic.main([str(package), "--end", END, *args])
    out, err = capsys.readouterr()
    return code, out, err


def with_query(tmp_path: Path, query: str, only: bool = False) -> Path:
    """A copy of the sample whose job's first measurement has this query (with `only`, as its one measurement)."""
    package = Path(shutil.copytree(SAMPLE, tmp_path / "pkg"))
    job = yaml.safe_load((package / JOB_FILE).read_text())
    job["spec"]["measurements"][0]["query"] = query
    if only:
        job["spec"]["measurements"] = job["spec"]["measurements"][:1]
    (package / JOB_FILE).write_text(yaml.safe_dump(job))
    return package


def samples(text: str, metric: str) -> list[tuple[str, float, int]]:
    """(labels, value, timestamp) of every sample of one metric, in file order."""
    found = []
    for line in text.splitlines():
        if line.startswith(metric + "{"):
            labels, _, rest = line.partition("} ")
            value, at = rest.split()
            found.append((labels + "}", float(value), int(at)))
    return found


def equal_matchers(package: Path) -> set[tuple[str, str]]:
    """Every `label="value"` the package's job queries write, except the ones the traffic sets itself."""
    queries = [m["query"] for job in traffic.read_resources(package) if job["kind"] == "MeasurementJob" for m in job["spec"]["measurements"]]
    return {(k, v) for q in queries for k, v in re.findall(r'([a-z_]+)="([^"]*)"', q) if k not in traffic.CHOSEN_HERE}


def test_one_pod_per_pod_template_of_the_revision_the_jobs_select():
    resources = traffic.read_resources(SAMPLE)
    pods = traffic.selected_series(resources)
    templates = sorted(w["spec"]["template"]["metadata"]["labels"]["krm.oran-intent.io/pod-template"] for w in resources if w["kind"] in ("Deployment", "StatefulSet"))
    assert [dict(p.labels)[traffic.PROMETHEUS_POD_TEMPLATE_LABEL] for p in pods] == templates and len(templates) == 3
    assert all(set(p.labels) - {(traffic.PROMETHEUS_POD_TEMPLATE_LABEL, t)} == equal_matchers(SAMPLE) for p, t in zip(pods, templates))
    assert all(dict(p.labels)["cluster"] == "edge-cluster-us-west-1" for p in pods) and sum(p.share for p in pods) == pytest.approx(1)
    sites = traffic.selected_series(traffic.read_resources(PACKAGES / "multi-site-edge" / "sites"))
    assert sorted({dict(p.labels)["cluster"] for p in sites}) == [f"edge-cluster-{s}" for s in ("eu-west-1", "us-east-1", "us-west-1")]


def test_a_job_selecting_no_revision_gets_one_pod_of_its_labels(tmp_path):
    package = with_query(tmp_path, 'sum(rate(requests_total{cluster="edge-cluster-us-west-1"}[5m]))', only=True)
    assert traffic.selected_series(traffic.read_resources(package)) == [traffic.Pod((("cluster", "edge-cluster-us-west-1"),), 1.0)]


def test_a_revision_no_workload_runs_is_refused(tmp_path, capsys):
    package = with_query(tmp_path, 'sum(rate(requests_total{krm_oran_intent_io_revision="0000000000000000"}[5m]))', only=True)
    code, _, err = generate(package, capsys)
    assert code == 1 and "no rendered workload runs revision 0000000000000000, which its queries select" in err


def test_the_scrapes_end_at_end_cover_window_and_history_and_counters_start_at_zero(capsys):
    code, out, err = generate(SAMPLE, capsys)
    assert code == 0 and out.endswith("# EOF\n")
    counts = [s for s in samples(out, "request_duration_seconds_count") if s[0] == samples(out, "request_duration_seconds_count")[0][0]]
    assert [v for _, v, _ in counts[:3]] == [0, 1000, 2000]
    end = traffic._timestamp(END)
    assert counts[-1][2] == end and counts[0][2] == end - 5 * 60 - traffic.HISTORY_SECONDS
    assert {b - a for (_, _, a), (_, _, b) in zip(counts, counts[1:])} == {15}
    last = {labels: value for labels, value, _ in samples(out, "requests_total")}
    answered = {labels.rsplit(",", 1)[1]: value for labels, value in last.items()}  # each pod: 80 scrape intervals of 1000 requests
    assert len(last) == 2 * 3 and answered == {'status="200"}': 80 * 997, 'status="500"}': 80 * 3}
    total_bytes = sum(value for labels, value in {lb: v for lb, v, _ in samples(out, "bytes_transferred_total")}.items())
    assert total_bytes == pytest.approx(1190e6 / 8 * 80 * 15)  # the pods share the job's throughput
    assert "3 pod(s) for 1 MeasurementJob(s), every 15s from 2025-06-01T09:45:00Z to 2025-06-01T10:05:00Z" in err


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sum(rate(http_requests_total[5m]))", "reads http_requests_total; synthetic traffic has only"),
        ('sum(rate(requests_total{cluster=~"edge-.*"}[5m]))', "selects cluster by a pattern or an exclusion"),
        ('sum(rate(requests_total{cluster="a"}[5m])) / sum(rate(requests_total{cluster="b"}[5m]))', "no series has both"),
        ("sum(rate(requests_total[5m]", "the query is not valid PromQL"),
    ],
)
def test_a_query_nothing_synthetic_would_answer_is_refused(tmp_path, capsys, query, message):
    code, out, err = generate(with_query(tmp_path, query), capsys, "-o", str(tmp_path / "traffic.om"))
    assert (code, out) == (1, "") and message in err and "MeasurementJob deploy-edge-ran-edge-cluster-us-west-1" in err
    assert not (tmp_path / "traffic.om").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--end", "2025-06-01T10:05:00"], "has no time zone"),
        (["--latency-ms", "0"], "--latency-ms 0 must be a number more than 0"),
        (["--latency-ms", "inf"], "--latency-ms inf must be a number more than 0"),
        (["--throughput-mbps", "nan"], "--throughput-mbps nan must be a number, 0 or more"),
        (["--success-rate", "1.5"], "--success-rate 1.5 must be between 0 and 1"),
    ],
)
def test_bad_arguments_are_refused(capsys, args, message):
    code, out, err = generate(SAMPLE, capsys, *args)
    assert (code, out) == (1, "") and message in err


def test_a_package_without_measurement_jobs_is_refused(tmp_path, capsys):
    (tmp_path / "Kptfile").write_text("apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: empty\n")
    code, _, err = generate(tmp_path, capsys)
    assert code == 1 and "no MeasurementJob in the package: render it first" in err


def _gate_after_collecting(package: Path, text: str, directory: Path, capsys) -> dict:
    directory.mkdir()
    with server.running_prometheus(directory, text) as url:
        assert collect([str(package), "--prometheus", url, "--end", END]) == 0
    capsys.readouterr()
    assert explain([str(package), "-o", "json"]) == 0
    (gate,) = json.loads(capsys.readouterr().out)["gates"]
    return gate


@pytest.mark.skipif(bool(server.MISSING), reason=server.SKIP_REASON)
def test_through_a_real_prometheus_the_gate_reads_the_profile_asked_for(tmp_path, capsys):
    package = Path(shutil.copytree(SAMPLE, tmp_path / "pkg"))
    code, text, _ = generate(package, capsys)
    assert code == 0
    gate = _gate_after_collecting(package, text, tmp_path / "good", capsys)
    assert (gate["phase"], gate["reason"]) == ("Passed", "AllTargetsPassed")
    observed = {t["metric"]: t["observedValue"] for t in gate["targets"]}
    assert observed == pytest.approx({"latency_p95_ms": 7.5, "success_rate": 0.997, "throughput_p95_mbps": 1190})

    slow = Path(shutil.copytree(SAMPLE, tmp_path / "slow"))
    code, text, _ = generate(slow, capsys, "--latency-ms", "25", "--success-rate", "0.9")
    gate = _gate_after_collecting(slow, text, tmp_path / "bad", capsys)
    targets = {t["metric"]: t for t in gate["targets"]}
    assert gate["phase"] == "Failed"
    assert targets["latency_p95_ms"]["observedValue"] == pytest.approx(25) and targets["latency_p95_ms"]["verdict"] == "Failed"
    assert targets["success_rate"]["observedValue"] == pytest.approx(0.9) and targets["success_rate"]["verdict"] == "Failed"
