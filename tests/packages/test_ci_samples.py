"""The sample CI workflows in docs/ci run the GitOps gate."""

from __future__ import annotations

import yaml

from tests.packages.support import ROOT

GATE = ("make check-rendered", "packages/multi-site-edge/fan-out --check", "scripts/generate-crds --check", "make check-deployable")


def commands(steps: list) -> str:
    return "\n".join(s if isinstance(s, str) else str(s.get("run", "")) for s in steps)


def test_the_github_actions_workflow_installs_kpt_and_the_functions_then_runs_the_gate():
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yaml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # a YAML 1.1 reader takes the key `on` for true
    assert {"pull_request", "push"} <= set(triggers)
    [job] = workflow["jobs"].values()
    script = commands(job["steps"])
    assert "kpt_linux_amd64" in script and "make install" in script
    positions = [script.index(g) for g in GATE]
    assert script.index("make install") < min(positions)
    assert workflow["permissions"] == {"contents": "read"}


def test_the_gitlab_job_installs_kpt_and_the_functions_then_runs_the_gate():
    pipeline = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text())
    job = pipeline["gitops-gate"]
    assert "kpt_linux_amd64" in commands(job["before_script"]) and "make install" in commands(job["before_script"])
    script = commands(job["script"])
    assert all(g in script for g in GATE)


def test_both_install_the_kpt_version_the_project_is_tested_with():
    github = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yaml").read_text())
    gitlab = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text())
    assert github["env"]["KPT_VERSION"] == gitlab["variables"]["KPT_VERSION"]
    assert github["env"]["KPT_VERSION"].startswith("v1.0.0-beta.")
