"""oran-add-site (make add-site): a new site is one command, and the next render places intents on it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import kpt

PACKAGES = kpt.ROOT / "packages"
ADD_SITE = [sys.executable, "-m", "oran_intent_krm.tools.add_site"]


def add_site(package: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ADD_SITE, str(package), *args], capture_output=True, text=True, env=kpt.env(), timeout=600)


def copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(PACKAGES / name, tmp_path / name))


def documents(package: Path, kind: str) -> list[dict]:
    return [d for f in sorted(package.rglob("*.yaml")) for d in yaml.safe_load_all(f.read_text()) if isinstance(d, dict) and d.get("kind") == kind]


def test_a_new_site_is_placed_by_an_intent_whose_targets_match_it(tmp_path):
    package = copy("urllc-scaling", tmp_path)  # targets edge-cluster-*
    done = add_site(package, "--site", "ap-south-1", "--vlan", "120", "--subnet", "10.120.0.0/24", "--render")
    assert done.returncode == 0, done.stdout + done.stderr
    written = package / "inventory" / "edge-cluster-ap-south-1.yaml"
    [cluster, plan] = list(yaml.safe_load_all(written.read_text()))
    assert cluster["kind"] == "WorkloadCluster" and cluster["metadata"]["labels"] == {"nephio.org/region": "ap-south-1", "nephio.org/site-type": "edge"}
    assert plan["spec"] == {"clusterName": "edge-cluster-ap-south-1", "vlan": 120, "subnet": "10.120.0.0/24", "gateway": "10.120.0.1"}
    [request] = [p for p in documents(package, "ProvisioningRequest") if p["spec"]["templateParameters"]["clusterName"] == "edge-cluster-ap-south-1"]
    assert request["spec"]["templateParameters"]["networkConfig"] == {"vlan": 120, "subnet": "10.120.0.0/24", "gateway": "10.120.0.1", "masterInterface": "eth1"}


def test_an_intent_moved_to_a_new_site_renders_there(tmp_path):
    package = copy("intent-to-krm", tmp_path)
    done = add_site(package, "--site", "eu-central-1", "--vlan", "130", "--subnet", "10.130.0.0/24", "--gateway", "10.130.0.254")
    assert done.returncode == 0, done.stderr
    intent = package / "intent.yaml"
    intent.write_text(intent.read_text().replace("edge-cluster-us-west-1", "edge-cluster-eu-central-1"))
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    [request] = documents(package, "ProvisioningRequest")
    assert request["spec"]["templateParameters"]["clusterName"] == "edge-cluster-eu-central-1"
    assert request["spec"]["templateParameters"]["networkConfig"]["gateway"] == "10.130.0.254"


def test_an_intent_extended_to_a_new_site_keeps_the_first_and_adds_the_second(tmp_path):
    package = copy("intent-to-krm", tmp_path)
    assert add_site(package, "--site", "us-east-1", "--vlan", "120", "--subnet", "10.120.0.0/24").returncode == 0
    intent = package / "intent.yaml"
    first = '        - targetName: "edge-cluster-us-west-1"\n'
    assert first in intent.read_text()
    intent.write_text(intent.read_text().replace(first, first + '        - targetName: "edge-cluster-us-east-1"\n'))
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    clusters = {p["spec"]["templateParameters"]["clusterName"]: p for p in documents(package, "ProvisioningRequest")}
    assert sorted(clusters) == ["edge-cluster-us-east-1", "edge-cluster-us-west-1"]
    assert clusters["edge-cluster-us-east-1"]["spec"]["templateParameters"]["networkConfig"]["vlan"] == 120
    assert (package / "generated" / "clusters" / "edge-cluster-us-east-1").is_dir()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "us-west-1", "--vlan", "101", "--subnet", "10.1.0.0/24"], "edge-cluster-us-west-1 is already in the package (SiteNetworkPlan in inventory/network-plan.yaml, WorkloadCluster in"),
        (["--site", "x", "--vlan", "5000", "--subnet", "10.1.0.0/24"], "VLAN 5000 is outside 1-4094"),
        (["--site", "x", "--vlan", "101", "--subnet", "10.1.0.7/24"], "has host bits set: the network is 10.1.0.0/24"),
        (["--site", "x", "--vlan", "101", "--subnet", "10.1.0.0/24", "--gateway", "10.2.0.1"], "is not a host address of 10.1.0.0/24"),
        (["--site", "x", "--vlan", "101", "--subnet", "10.1.0.0/24", "--gateway", "10.1.0.255"], "is not a host address"),
        (["--site", "US_East", "--vlan", "101", "--subnet", "10.1.0.0/24"], "is not a DNS label"),
        (["--site", "x", "--vlan", "101", "--subnet", "10.1.0.0/24", "--master-interface", "enp175s0f1np1"], "at most 15 characters"),
    ],
)
def test_a_site_that_cannot_be_right_is_refused_and_nothing_is_written(tmp_path, args, message):
    package = copy("intent-to-krm", tmp_path)
    before = kpt.tree_digest(package)
    done = add_site(package, *args)
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert kpt.tree_digest(package) == before


def test_a_render_that_fails_takes_the_new_site_back_out(tmp_path):
    package = copy("intent-to-krm", tmp_path)
    (package / "broken.yaml").write_text("apiVersion: tmf921.intent.tmforum.org/v1\nkind: Intent\nmetadata: {name: broken}\nspec: {}\n")
    before = kpt.tree_digest(package)
    done = add_site(package, "--site", "x", "--vlan", "101", "--subnet", "10.1.0.0/24", "--render")
    assert done.returncode != 0
    assert "was removed again" in done.stderr
    assert kpt.tree_digest(package) == before


def test_labels_that_yaml_would_read_as_something_else_are_quoted(tmp_path):
    package = copy("intent-to-krm", tmp_path)
    done = add_site(package, "--site", "x", "--region", "true", "--cluster", "123", "--vlan", "101", "--subnet", "10.1.0.0/24")
    assert done.returncode == 0, done.stderr
    [cluster, plan] = list(yaml.safe_load_all((package / "inventory" / "123.yaml").read_text()))
    assert cluster["metadata"]["labels"]["nephio.org/region"] == "true" and plan["spec"]["clusterName"] == "123"


def test_make_add_site_is_one_step(tmp_path):
    package = copy("urllc-scaling", tmp_path)
    done = subprocess.run(
        ["make", "--no-print-directory", "add-site", f"PKG={package}", "SITE=sa-east-1", "VLAN=140", "SUBNET=10.140.0.0/24"],
        cwd=kpt.ROOT, capture_output=True, text=True, env=kpt.env(), timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(p["metadata"]["name"] == "urllc-scaling-edge-cluster-sa-east-1" for p in documents(package, "ProvisioningRequest"))
