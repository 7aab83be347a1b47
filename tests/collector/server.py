"""A real Prometheus on 127.0.0.1, serving a TSDB backfilled with promtool; stopped on exit."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

READY_SECONDS = 20
STOP_SECONDS = 10
MISSING = [tool for tool in ("prometheus", "promtool") if shutil.which(tool) is None]
SKIP_REASON = f"{' and '.join(MISSING)} not installed (Debian: apt-get install -y prometheus)"


@contextlib.contextmanager
def running_prometheus(directory: Path, openmetrics_text: str, scrape_interval: str = "15s") -> Iterator[str]:
    """Yield the base URL of a Prometheus serving exactly the given samples, configured with the scrape interval they were taken at."""
    tsdb = directory / "tsdb"
    source = directory / "data.om"
    source.write_text(openmetrics_text)
    subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", str(source), str(tsdb)], check=True, capture_output=True, timeout=60)
    config = directory / "prometheus.yml"
    # No scrape targets: the backfilled blocks are all it serves.
    config.write_text(f"global:\n  scrape_interval: {scrape_interval}\n")
    port = _free_port()
    log = (directory / "prometheus.log").open("w")
    process = subprocess.Popen(
        [
            "prometheus",
            f"--config.file={config}",
            f"--storage.tsdb.path={tsdb}",
            "--storage.tsdb.retention.time=100y",  # the samples are from 2025: keep them
            f"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, url, directory / "prometheus.log")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)
        log.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_ready(process: subprocess.Popen, url: str, log: Path) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"prometheus exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with opener.open(url + "/-/ready", timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"prometheus was not ready within {READY_SECONDS}s:\n{log.read_text()[-2000:]}")
