"""docs/troubleshooting.md: the guide's three cases, with commands that work and messages the project prints."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.docs import guide_runner, kubectl_check, links
from tests.kpt import ROOT

DOC = ROOT / "docs" / "troubleshooting.md"
BLOCKS = guide_runner.blocks(DOC.read_text())
OFFLINE = [b for b in BLOCKS if b.runs_on("exec")]
SAMPLE = ROOT / "packages" / "intent-to-krm"
DOCS_WITH_KUBECTL = ("troubleshooting.md", "user-guide.md", "from-the-guide.md")


def test_it_answers_the_guides_three_cases():
    headings = re.findall(r"^## (.+)$", DOC.read_text(), re.MULTILINE)
    assert headings == ["ProvisioningRequest stuck in Pending", "SLO gate failures", "Network configuration issues"]
    assert len(OFFLINE) >= 4 and all(b.shows for b in OFFLINE)


@pytest.mark.parametrize("block", OFFLINE, ids=lambda b: f"line-{b.line}")
def test_each_offline_command_prints_what_it_shows_in_the_sample_package(block, tmp_path):
    package = Path(shutil.copytree(SAMPLE, tmp_path / "edge-ran"))
    venv = {"PATH": str(Path(sys.executable).parent) + ":" + guide_runner.path_without_venvs(ROOT)}
    run = guide_runner.run(ROOT, [block], tmp_path, venv, cwd=package)
    assert run.exit_code == 0, run.output
    assert guide_runner.missing_lines(block.shows, run.of(block)) == [], run.of(block)


@pytest.mark.parametrize("name", DOCS_WITH_KUBECTL)
def test_every_kubectl_command_names_a_served_resource_and_reads_what_is_rendered(name):
    doc = ROOT / "docs" / name
    if not doc.exists():
        pytest.fail(f"docs/{name} is missing")
    markdown = doc.read_text()
    found = [c for b in guide_runner.blocks(markdown) if b.language == "sh" for c in kubectl_check.commands(b.body)]
    found += kubectl_check.table_commands(markdown)
    assert found, f"docs/{name} has no kubectl command"
    assert [p for c in found for p in kubectl_check.problems(c)] == []


def test_the_check_catches_a_field_that_is_not_there_and_a_resource_that_is_not_served():
    assert kubectl_check.problems("kubectl get provisioningrequest deploy-edge-ran-edge-cluster-us-west-1 -o jsonpath='{.spec.networkConfig}'")
    assert kubectl_check.problems("kubectl get pr -A --watch")
    assert kubectl_check.problems("kubectl get provisioningrequest <name> -o jsonpath='{.spec.networkConfig}'")
    assert kubectl_check.problems("kubectl get provisioningrequest <name> -o jsonpath='{.spec.templateParameters.networkConfig}'") == []
    assert kubectl_check.problems("kubectl get provisioningrequest x -o jsonpath='{.status.provisioningPhase}'")
    assert kubectl_check.problems("kubectl auth can-i create provisioningrequest --as=x") == []


def test_every_link_leads_to_a_file_and_heading():
    assert links.broken(DOC, DOC.read_text()) == []


def test_every_reason_in_the_table_is_one_the_validator_gives():
    source = "\n".join(p.read_text() for p in ROOT.glob("functions/slo_gate_validator/*.py"))
    table = DOC.read_text().split("What each reason means", 1)[1].split("\n\n", 2)[1]
    reasons = re.findall(r"`([A-Z][A-Za-z]+)`", "\n".join(line.split("|")[1] for line in table.splitlines()[2:]))
    assert reasons and [r for r in reasons if f'"{r}"' not in source] == []
