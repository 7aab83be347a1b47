"""The authoring mistakes that used to render wrong infrastructure, through the real kpt.

Each mistake is made in a copy of a committed package and rendered with `kpt fn render` (the
functions as exec functions, scripts/render). A mistake fails the render with an error naming it
at the user's file and line, and the package is left byte for byte as it was: nothing pruned,
nothing half-written. Two intents on one cluster render, with no address shared.
"""

from __future__ import annotations

import ipaddress
import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests import kpt
from tests.packages.support import PACKAGES, documents, of_kind

URLLC = PACKAGES / "urllc-scaling"
SAMPLE = PACKAGES / "intent-to-krm"


def copy(source: Path, tmp_path: Path) -> Path:
    destination = tmp_path / source.name
    shutil.copytree(source, destination)
    return destination


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


def render_failing(package: Path, tmp_path: Path) -> list[dict]:
    """Render a package with a mistake: it must fail and leave every file as it was; its error results."""
    before = kpt.tree_digest(package)
    results_dir = tmp_path / "results"
    run = kpt.render(package, "--results-dir", str(results_dir))
    assert run.exit_code == 1, run.stdout + run.stderr
    assert kpt.tree_digest(package) == before, "a failed render changed the package"
    report = yaml.safe_load((results_dir / "results.yaml").read_text())
    return [r for step in report["items"] for r in step.get("results") or [] if r["severity"] == "error"]


# (package, file, text replaced, replacement, what the error says); it is at the line of the replacement.
MISTAKES = {
    "a context key misspelt": (URLLC, "intent.yaml", "expectationContexts", "expectationContxts", "did you mean `expectationContexts`?"),
    "an object key misspelt": (URLLC, "intent.yaml", "expectationObjects", "expectationObjcts", "did you mean `expectationObjects`?"),
    "a target key misspelt": (URLLC, "intent.yaml", "expectationTargets", "expectationTargts", "did you mean `expectationTargets` (a required field)?"),
    "the kind misspelt": (URLLC, "intent.yaml", "kind: Intent", "kind: Intnet", "did you mean `Intent`?"),
    "the group misspelt": (URLLC, "intent.yaml", "tmf921.intent.tmforum.org", "tmf921.intent.tmforum.rog", "did you mean `tmf921.intent.tmforum.org`?"),
    "a cluster missing from the inventory": (SAMPLE, "intent.yaml", '"edge-cluster-us-west-1"', '"edge-cluster-us-west-9"', "the package's clusters: edge-cluster-us-west-1"),
}


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_mistake_fails_at_the_users_line_and_changes_nothing(mistake, tmp_path):
    source, file, old, new, says = MISTAKES[mistake]
    package = copy(source, tmp_path)
    edit(package / file, old, new)
    line = line_of(package / file, new)
    errors = render_failing(package, tmp_path)
    assert errors, "no error"
    [error] = [e for e in errors if says in e["message"]]
    assert error["file"]["path"] == file and error["message"].endswith(f"(at {file}:{line})")
    assert error["resourceRef"]["apiVersion"].startswith(("tmf921.", new.split("/")[0]))


def test_overlapping_site_subnets_fail_naming_both_plans(tmp_path):
    package = copy(URLLC, tmp_path)
    edit(package / "inventory" / "network-plans.yaml", "subnet: 10.111.0.0/24\n  gateway: 10.111.0.1", "subnet: 10.110.0.128/25\n  gateway: 10.110.0.129")
    [error] = [e for e in render_failing(package, tmp_path) if "overlaps" in e["message"]]
    assert "edge-cluster-us-west-1" in error["message"] and "edge-cluster-eu-west-1" in error["message"]
    assert error["file"]["path"] == "inventory/network-plans.yaml"


def test_a_capacity_the_intents_exceed_fails_naming_them(tmp_path):
    package = copy(SAMPLE, tmp_path)
    plan = package / "inventory" / "network-plan.yaml"
    plan.write_text(plan.read_text().rstrip("\n") + "\n  capacity:\n    cpu: \"4\"\n")
    [error] = [e for e in render_failing(package, tmp_path) if "capacity" in e["message"]]
    assert "more than the capacity cpu 4" in error["message"] and "deploy-edge-ran" in error["message"]


def test_two_intents_on_one_cluster_render_without_sharing_an_address(tmp_path):
    package = copy(SAMPLE, tmp_path)
    second = (package / "intent.yaml").read_text().replace("name: deploy-edge-ran", "name: deploy-edge-ran-second", 1)
    (package / "intent-second.yaml").write_text(second)
    run = kpt.render(package)
    assert run.exit_code == 0, run.stdout + run.stderr
    docs = documents(package)
    addresses = []
    for nad in of_kind(docs, "NetworkAttachmentDefinition"):
        ipam = json.loads(nad["spec"]["config"])["plugins"][0]["ipam"]
        if ipam["type"] == "static":
            addresses += [a["address"].split("/")[0] for a in ipam["addresses"]]
        else:
            first, last = (int(ipaddress.ip_address(ipam[k])) for k in ("range_start", "range_end"))
            addresses += [str(ipaddress.ip_address(v)) for v in range(first, last + 1)]
    assert len(of_kind(docs, "ProvisioningRequest")) == 2
    assert len(addresses) == len(set(addresses)) == 16
