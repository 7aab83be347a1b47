"""The guide's performance scripts against a running gateway: load test and latency measurement."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests import kpt
from tests.gateway.server import TMF, TOKEN

LOAD_TEST = kpt.ROOT / "scripts" / "load-test-o2ims.sh"
LATENCY = kpt.ROOT / "scripts" / "measure-intent-latency.sh"


def _run(script, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(script), *args], capture_output=True, text=True, cwd=kpt.ROOT, env={**kpt.env(), **env}, timeout=900)


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck checks the scripts (Debian: shellcheck); CI installs it")
@pytest.mark.parametrize("script", [LOAD_TEST, LATENCY], ids=lambda p: p.name)
def test_the_scripts_are_shellcheck_clean(script):
    done = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("script", [LOAD_TEST, LATENCY], ids=lambda p: p.name)
def test_the_scripts_explain_themselves_and_refuse_bad_arguments(script):
    assert "--url" in _run(script, "--help").stdout
    refused = _run(script, "--colour", "red")
    assert refused.returncode == 2 and "unknown argument --colour" in refused.stderr
    nobody = _run(script, "--url", "http://127.0.0.1:1", INTENT_GATEWAY_TOKEN=TOKEN)
    assert nobody.returncode == 2 and "no gateway answers" in nobody.stderr


def test_the_load_test_posts_concurrently_and_finds_every_intent(fresh, tmp_path):
    server = fresh()
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    done = _run(LOAD_TEST, "--requests", "6", "--concurrency", "3", "--url", server.url, "--token-file", str(token_file), "--keep")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "  201: 6" in done.stdout
    assert re.search(r"p50 [0-9.]+ s  p95 [0-9.]+ s  p99 [0-9.]+ s  max [0-9.]+ s", done.stdout)
    assert "lost intents (acknowledged, not in the repository): 0" in done.stdout
    with server.client() as client:
        assert client.get(f"{TMF}/intent").headers["x-total-count"] == "6"
    cleaned = _run(LOAD_TEST, "--requests", "3", "--concurrency", "3", "--url", server.url, INTENT_GATEWAY_TOKEN=TOKEN)
    assert cleaned.returncode == 0 and "deleted the 3 intents" in cleaned.stdout
    with server.client() as client:
        assert client.get(f"{TMF}/intent").headers["x-total-count"] == "6"


def test_the_latency_measurement_reports_percentiles_errors_and_losses(fresh):
    server = fresh()
    done = _run(LATENCY, "--samples", "3", "--url", server.url, INTENT_GATEWAY_TOKEN=TOKEN)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"POST to committed: p50 [0-9.]+ s .* \(3 acknowledged\)", done.stdout)
    assert "errors: 0" in done.stdout and "lost intents: 0" in done.stdout
    with server.client() as client:
        assert client.get(f"{TMF}/intent").headers["x-total-count"] == "0", "each sample is deleted once measured"
    wrong = _run(LATENCY, "--samples", "1", "--url", server.url, INTENT_GATEWAY_TOKEN="not-the-token-0123456789")
    assert wrong.returncode == 1 and "errors: 1" in wrong.stdout and "answered 403" in wrong.stdout
