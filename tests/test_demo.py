"""`make demo` (scripts/demo) ends with what the render produced, intent to verdict, and the next step."""

from __future__ import annotations

import subprocess
import sys

from tests import kpt

DEMO = kpt.ROOT / "scripts" / "demo"


def demo(package: str) -> str:
    done = subprocess.run([sys.executable, str(DEMO), package], capture_output=True, text=True, env=kpt.env(), timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.split("What the render produced", 1)[1]


def test_the_tree_follows_the_intent_to_a_request_per_cluster_its_workloads_and_its_gate():
    out = demo("packages/urllc-scaling")
    lines = out.splitlines()
    assert "TMF921 Intent urllc-scaling  (intent.yaml)" in lines
    assert "└─ TS 28.312 Intent urllc-scaling" in lines
    for cluster, vlan in (("eu-west-1", 111), ("us-west-1", 110)):
        request = next(i for i, line in enumerate(lines) if f"ProvisioningRequest urllc-scaling-edge-cluster-{cluster} -> edge-cluster-{cluster}" in line)
        assert f"VLAN {vlan} " in lines[request]
        assert "workloads: du StatefulSet" in lines[request + 1]
        assert f"SLOGate urllc-scaling-edge-cluster-{cluster}: Inconclusive (NoMeasurements)" in lines[request + 2]
    assert "Next: the gate waits for measurements of this revision" in out
    assert "scripts/slo-gate-debug.sh --gate NAME .demo/urllc-scaling" in out


def test_a_passed_gate_says_what_comes_next():
    out = demo("functions/slo_gate_validator/examples/slo-gate-validator-pass")
    assert "SLOGate deploy-edge-ran-edge-cluster-us-west-1: Passed (AllTargetsPassed)" in out
    assert "Next: commit the package" in out
