"""The command line: what is refused before any query, and what an unreachable Prometheus gives."""

from __future__ import annotations

import shutil
import socket

import pytest
from oran_intent_krm.collector.errors import CollectorError
from oran_intent_krm.collector.main import run as collect
from oran_intent_krm.collector.prometheus import base_url

from tests import kpt

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
END = "2025-06-01T10:05:00Z"


@pytest.fixture
def package(tmp_path):
    return shutil.copytree(SAMPLE, tmp_path / "pkg")


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def _fails(args, capsys):
    assert collect([str(a) for a in args]) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--prometheus", "http://127.0.0.1:9", "--end", "2025-06-01T10:05:00"], "--end: '2025-06-01T10:05:00' has no time zone"),
        (["--prometheus", "http://127.0.0.1:9", "--end", "yesterday"], "--end: 'yesterday' is not an RFC 3339 timestamp"),
        (["--prometheus", "http://127.0.0.1:9", "--end", END, "--window", "5 minutes"], "--window: '5 minutes' is not a duration"),
        (["--prometheus", "ftp://127.0.0.1:9", "--end", END], "is not an http:// or https:// URL"),
        (["--prometheus", "http://admin:secret@127.0.0.1:9", "--end", END], "must not carry credentials"),
        (["--prometheus", "http://127.0.0.1:9/?x=1", "--end", END], "must be a base URL"),
        (["--prometheus", "http://127.0.0.1:9", "--end", END, "--timeout", "0"], "--timeout 0 must be more than 0 seconds"),
        (["--prometheus", "http://127.0.0.1:9", "--end", END, "--scrape-interval", "often"], "--scrape-interval: 'often' is not a duration"),
    ],
)
def test_bad_arguments_are_refused_before_any_query(package, capsys, args, message):
    assert message in _fails([package, *args], capsys)
    assert not (package / "measurements").exists()


def test_a_directory_that_does_not_exist_is_an_error(tmp_path, capsys):
    assert "is not a directory" in _fails([tmp_path / "nothing", "--prometheus", "http://127.0.0.1:9", "--end", END], capsys)


def test_an_unreachable_prometheus_is_an_error_and_nothing_is_written(package, capsys):
    url = f"http://127.0.0.1:{_closed_port()}"
    err = _fails([package, "--prometheus", url, "--end", END], capsys)
    assert f"cannot reach Prometheus at {url}" in err  # asked for its scrape interval first
    err = _fails([package, "--prometheus", url, "--end", END, "--scrape-interval", "15s"], capsys)
    assert f"cannot reach Prometheus at {url}" in err
    assert 'query: count({__name__=~"bytes_transferred_total|request_duration_seconds_bucket|requests_total"' in err
    assert not (package / "measurements").exists()


def test_a_package_without_gates_collects_nothing(tmp_path, capsys):
    (tmp_path / "Kptfile").write_text("apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: empty\n")
    assert collect([str(tmp_path), "--prometheus", "http://127.0.0.1:9", "--end", END]) == 0
    assert "no SLOGate" in capsys.readouterr().err


def test_the_endpoint_is_recorded_without_a_trailing_slash():
    assert base_url("http://prometheus.monitoring.svc:9090/") == "http://prometheus.monitoring.svc:9090"
    assert base_url("https://example.org/prometheus/") == "https://example.org/prometheus"
    with pytest.raises(CollectorError):
        base_url("prometheus:9090")


def test_a_missing_argument_is_a_usage_error_with_exit_code_1(package, capsys):
    with pytest.raises(SystemExit) as exited:
        collect([str(package), "--end", END])
    assert exited.value.code == 1
    assert "the following arguments are required: --prometheus" in capsys.readouterr().err
