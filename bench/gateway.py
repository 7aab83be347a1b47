#!/usr/bin/env python3
"""Measure the intent gateway against the renders it runs, side by side in one run.

    bench/gateway.py [--samples 21] [--burst 100] [--concurrency 10] [--intents 1000]

1. Latency: POST-to-committed of one intent at a time (the 201 comes after the commit), beside a
   bare `kpt fn render` (exec functions) of the same intent's package, fresh from the blueprint,
   alternating sample by sample.  Target: p50 at most 1.3x the bare render's.
2. Throughput: `--burst` intents at `--concurrency`, beside the same packages rendered one after
   another with bare kpt.  Target: at least 1.6x on 2 cores.
3. Scale: the gateway's RSS with `--intents` intents in its repository, and its start-up time on
   that repository with and without its cache of rendered views.

A gateway of its own on loopback and a temporary repository; an inventory of three sites with a
/16 each, so a thousand intents fit.  Prints a table and writes JSON under bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from oran_intent_krm.gateway import packages
from oran_intent_krm.tools import render

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token-0123456789abcdef"
SITES = ("us-west-1", "us-east-1", "eu-west-1")
INVENTORY = """apiVersion: infra.nephio.org/v1alpha1
kind: WorkloadCluster
metadata:
  name: edge-cluster-{site}
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: edge-cluster-{site}
  cnis: [macvlan]
  masterInterface: eth1
---
apiVersion: fn.oran-intent.io/v1alpha1
kind: SiteNetworkPlan
metadata:
  name: edge-cluster-{site}
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: edge-cluster-{site}
  vlan: {vlan}
  subnet: 10.{vlan}.0.0/16
  gateway: 10.{vlan}.0.1
"""


def intent(name: str, number: int) -> dict:
    site = SITES[number % len(SITES)]
    return {
        "apiVersion": "tmf921.intent.tmforum.org/v1",
        "kind": "Intent",
        "metadata": {"name": name, "namespace": "intent-system"},
        "spec": {
            "intentExpectations": [
                {"expectationTargets": [{"targetName": f"edge-cluster-{site}"}], "expectationVerbs": ["deploy"], "expectationObjects": ["o-ran-cu"]},
                {"expectationTargets": [{"targetName": "performance"}], "expectationVerbs": ["maintain"], "expectationObjects": ["latency<10ms"]},
            ]
        },
    }


class Gateway:
    def __init__(self, repo: Path, inventory: Path):
        self.repo, self.inventory = repo, inventory
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> float:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "PATH": render.search_path(), "NO_COLOR": "1", "INTENT_GATEWAY_TOKEN": TOKEN}
        command = [sys.executable, "-m", "oran_intent_krm.gateway", "--listen", f"127.0.0.1:{self.port}", "--repo", str(self.repo), "--inventory", str(self.inventory)]
        started = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        while True:
            try:
                if httpx.get(f"{self.url}/intent-gateway/v1/health", timeout=5).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                time.sleep(0.05)
            if self.process.poll() is not None:
                raise SystemExit(f"the gateway exited {self.process.returncode}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_kib(self) -> tuple[int, int]:
        """(current, peak) resident set of the gateway process, KiB."""
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=120)
            self.process = None

    def post(self, name: str, number: int) -> float:
        with httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=900) as client:
            started = time.perf_counter()
            answer = client.post("/intent-gateway/v1/intents", json=intent(name, number))
            elapsed = time.perf_counter() - started
        if answer.status_code != 201:
            raise SystemExit(f"{name}: {answer.status_code} {answer.text[:500]}")
        return elapsed


def blueprint_files(repo: Path) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    """The blueprint and inventory as the gateway's repository holds them."""
    def tree(prefix: str) -> dict[str, bytes]:
        names = subprocess.run(["git", "ls-tree", "-r", "--name-only", "main", prefix], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
        return {n[len(prefix) + 1 :]: subprocess.run(["git", "show", f"main:{n}"], cwd=repo, capture_output=True, check=True).stdout for n in names}

    listed = subprocess.run(["git", "ls-tree", "--name-only", "main", "blueprints/"], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    return tree(listed[0]), tree("inventory"), listed[0]


def bare_render_seconds(files, inventory, blueprint: str, name: str, number: int, scratch: Path) -> float:
    """`kpt fn render` of the intent's package, fresh from the blueprint, as the gateway renders it."""
    package = scratch / name
    shutil.rmtree(package, ignore_errors=True)
    packages.clone(files, inventory, name, intent(name, number), [], packages.Upstream("file:///bench", "/" + blueprint, "0" * 40), package)
    render.to_exec(package)
    started = time.perf_counter()
    env = {**os.environ, "PATH": render.search_path(), "NO_COLOR": "1"}
    done = subprocess.run(["kpt", "fn", "render", str(package), "--allow-exec"], capture_output=True, env=env, cwd=scratch)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bare render of {name} failed: {done.stderr[-500:]}")
    shutil.rmtree(package)
    return elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.999999) - 1))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=21)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--intents", type=int, default=1000)
    args = parser.parse_args(argv)
    record: dict = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(), "arguments": vars(args)}
    with tempfile.TemporaryDirectory(prefix="bench-gateway-") as tmp:
        work = Path(tmp)
        inventory = work / "inventory"
        inventory.mkdir()
        for number, site in enumerate(SITES):
            (inventory / f"{site}.yaml").write_text(INVENTORY.format(site=site, vlan=100 + number))
        gateway = Gateway(work / "repo", inventory)
        gateway.start()
        files, inventory_files, blueprint = blueprint_files(gateway.repo)
        scratch = work / "scratch"
        scratch.mkdir()

        # 1. Latency, alternating with the bare render of the same package.
        latency, bare = [], []
        for number in range(args.samples):
            name = f"latency-{number:03d}"
            bare.append(bare_render_seconds(files, inventory_files, blueprint, name, number, scratch))
            latency.append(gateway.post(name, number))
        record["latency"] = {
            "gatewayP50": statistics.median(latency),
            "gatewayP95": percentile(latency, 0.95),
            "bareRenderP50": statistics.median(bare),
            "bareRenderP95": percentile(bare, 0.95),
            "ratioP50": statistics.median(latency) / statistics.median(bare),
        }

        # 2. Throughput: a burst at concurrency, then the same packages rendered one after another.
        names = [f"burst-{number:03d}" for number in range(args.burst)]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(lambda pair: gateway.post(pair[1], pair[0]), enumerate(names)))
        burst_seconds = time.perf_counter() - started
        started = time.perf_counter()
        for number, name in enumerate(names):
            bare_render_seconds(files, inventory_files, blueprint, f"sequential-{name}", number, scratch)
        sequential_seconds = time.perf_counter() - started
        record["throughput"] = {
            "intents": args.burst,
            "concurrency": args.concurrency,
            "gatewaySeconds": burst_seconds,
            "sequentialRenderSeconds": sequential_seconds,
            "gatewayPerSecond": args.burst / burst_seconds,
            "ratio": sequential_seconds / burst_seconds,
        }

        # 3. Scale: fill the repository to --intents, then restart on it, cold and warm.
        present = args.samples + args.burst
        rest = [f"scale-{number:04d}" for number in range(max(0, args.intents - present))]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 1)) as pool:
            list(pool.map(lambda pair: gateway.post(pair[1], pair[0]), enumerate(rest)))
        fill_seconds = time.perf_counter() - started
        rss_serving, peak_serving = gateway.rss_kib()
        gateway.stop()
        shutil.rmtree(gateway.repo / "gateway-cache", ignore_errors=True)
        cold = gateway.start()
        rss_cold, _ = gateway.rss_kib()
        gateway.stop()
        warm = gateway.start()
        rss_warm, _ = gateway.rss_kib()
        with httpx.Client(base_url=gateway.url, timeout=300) as client:
            started = time.perf_counter()
            listed = client.get("/tmf-api/intentManagement/v5/intent")
            list_seconds = time.perf_counter() - started
        rss_listed, peak_listed = gateway.rss_kib()
        gateway.stop()
        size = subprocess.run(["du", "-sk", str(gateway.repo)], capture_output=True, text=True).stdout.split()[0]
        record["scale"] = {
            "intents": int(listed.headers["x-total-count"]),
            "fillSeconds": fill_seconds,
            "rssWhileServingKiB": rss_serving,
            "peakRssWhileServingKiB": peak_serving,
            "startupColdSeconds": cold,
            "rssAfterColdStartKiB": rss_cold,
            "startupWarmSeconds": warm,
            "rssAfterWarmStartKiB": rss_warm,
            "listAllSeconds": list_seconds,
            "rssAfterListKiB": rss_listed,
            "peakRssAfterListKiB": peak_listed,
            "repositoryKiB": int(size),
        }
    _print(record)
    out = ROOT / "bench" / "results" / f"gateway-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


def _print(record: dict) -> None:
    lat, thr, scale = record["latency"], record["throughput"], record["scale"]
    print(f"{'figure':52s} {'measured':>10s} {'baseline':>10s} {'ratio':>7s} {'target':>7s}")
    print(f"{'POST to committed, p50 (bare kpt fn render p50)':52s} {lat['gatewayP50']:9.3f}s {lat['bareRenderP50']:9.3f}s {lat['ratioP50']:6.2f}x {'1.3x':>7s}")
    print(f"{'POST to committed, p95 (bare kpt fn render p95)':52s} {lat['gatewayP95']:9.3f}s {lat['bareRenderP95']:9.3f}s")
    print(
        f"{'%d intents at concurrency %d (the renders in a row)' % (thr['intents'], thr['concurrency']):52s} "
        f"{thr['gatewaySeconds']:9.1f}s {thr['sequentialRenderSeconds']:9.1f}s {thr['ratio']:6.2f}x {'1.6x':>7s}"
    )
    print(f"{'gateway RSS serving %d intents' % scale['intents']:52s} {scale['rssWhileServingKiB'] / 1024:8.0f}Mi")
    print(f"{'start-up on %d intents, cold / warm cache' % scale['intents']:52s} {scale['startupColdSeconds']:9.1f}s {scale['startupWarmSeconds']:9.1f}s")
    print(f"{'RSS after start-up, cold / warm':52s} {scale['rssAfterColdStartKiB'] / 1024:8.0f}Mi {scale['rssAfterWarmStartKiB'] / 1024:8.0f}Mi")
    print(f"{'GET all %d intents' % scale['intents']:52s} {scale['listAllSeconds']:9.2f}s   (RSS after it {scale['rssAfterListKiB'] / 1024:.0f}Mi)")
    print(f"{'repository on disk':52s} {scale['repositoryKiB'] / 1024:8.0f}Mi")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
