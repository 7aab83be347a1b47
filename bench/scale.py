#!/usr/bin/env python3
"""Generate a kpt package of N TMF921 intents over a three-site inventory (deterministic, seeded).

    bench/scale.py N OUTPUT_DIR [--seed S]

Each intent delivers a random mix of CU, DU and RU-less RAN functions to one of three
edge clusters and asks for latency and throughput targets drawn from realistic ranges;
about one in ten is a URLLC intent with a wildcard target.  The same N and seed give
the same package, byte for byte.  Used by `make bench-scale` and the reliability tests.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SITES = (("us-west-1", 100, "10.100.0.0/16"), ("us-east-1", 101, "10.101.0.0/16"), ("eu-west-1", 102, "10.102.0.0/16"))
PIPELINE = """apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: {name}
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - image: ghcr.io/oran-intent/intent-to-28312:v0.1.0
  - image: ghcr.io/oran-intent/28312-to-pr:v0.1.0
  - image: ghcr.io/oran-intent/pr-to-workloads:v0.1.0
  - image: ghcr.io/oran-intent/slo-gate-validator:v0.1.0
"""


def inventory() -> str:
    docs = []
    for region, vlan, subnet in SITES:
        gateway = subnet.replace("0.0/16", "0.1")
        docs.append(
            f"""apiVersion: infra.nephio.org/v1alpha1
kind: WorkloadCluster
metadata:
  name: edge-cluster-{region}
  labels:
    nephio.org/region: {region}
    nephio.org/site-type: edge
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: edge-cluster-{region}
  cnis:
  - macvlan
  masterInterface: eth1
---
apiVersion: fn.oran-intent.io/v1alpha1
kind: SiteNetworkPlan
metadata:
  name: edge-cluster-{region}
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: edge-cluster-{region}
  vlan: {vlan}
  subnet: {subnet}
  gateway: {gateway}
"""
        )
    return "---\n".join(docs)


def intent(index: int, rng: random.Random) -> str:
    region = SITES[index % len(SITES)][0]
    name = f"intent-{index:05d}"
    if rng.random() < 0.1:
        return f"""apiVersion: tmf921.intent.tmforum.org/v1
kind: Intent
metadata:
  name: {name}
spec:
  intentExpectations:
  - expectationTargets: ["edge-cluster-{region}"]
    expectationVerbs: ["scale"]
    expectationObjects: ["o-ran-du"]
    expectationContexts:
    - contextAttribute: latency_requirement
      contextValue: "<1ms"
    - contextAttribute: reliability
      contextValue: "99.999%"
"""
    functions = rng.choice((["o-ran-cu", "o-ran-du"], ["o-ran-du"], ["o-ran-cu"]))
    latency = rng.choice((5, 10, 20, 50))
    throughput = rng.choice(("100Mbps", "500Mbps", "1Gbps", "2Gbps"))
    objects = ", ".join(f'"{f}"' for f in functions)
    return f"""apiVersion: tmf921.intent.tmforum.org/v1
kind: Intent
metadata:
  name: {name}
spec:
  intentExpectations:
  - expectationTargets:
    - targetName: edge-cluster-{region}
    expectationVerbs: ["deploy"]
    expectationObjects: [{objects}]
  - expectationTargets:
    - targetName: performance
    expectationVerbs: ["maintain"]
    expectationObjects: ["latency<{latency}ms", "throughput>{throughput}"]
"""


def generate(count: int, output: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    output.mkdir(parents=True, exist_ok=True)
    (output / "Kptfile").write_text(PIPELINE.format(name=output.name))
    (output / "inventory.yaml").write_text(inventory())
    intents = output / "intents"
    intents.mkdir(exist_ok=True)
    for index in range(count):
        (intents / f"intent-{index:05d}.yaml").write_text(intent(index, rng))
    return output


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.count, args.output, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
