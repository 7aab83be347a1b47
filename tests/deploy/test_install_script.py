"""scripts/p0.3_o2ims_install.sh: its flags, its dry run, and what it asks kubectl to do."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "p0.3_o2ims_install.sh"
DEPLOY = ROOT / "deploy"
KUBERNETES = "1.32"
# Records each call (arguments, then stdin) and answers as FAKE_KUBECTL_WAIT says.
FAKE_KUBECTL = """#!/usr/bin/env bash
log="${FAKE_KUBECTL_LOG:?}"
printf 'ARGS %s\\n' "$*" >> "$log"
if [ "$1" = apply ]; then cat > "${log}.stdin"; fi
if [ "$1" = wait ]; then exit "${FAKE_KUBECTL_WAIT:-0}"; fi
exit 0
"""


def run(*args: str, path_first: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    path = os.environ.get("PATH", "")
    if path_first is not None:
        path = f"{path_first}{os.pathsep}{path}"
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, env={**os.environ, "PATH": path, **env}, timeout=60)


def committed(directory: str) -> list[dict]:
    return [d for p in sorted((DEPLOY / directory).glob("*.yaml")) for d in yaml.safe_load_all(p.read_text()) if d]


def identity(obj: dict) -> tuple[str, str, str]:
    return (obj["kind"], obj["metadata"]["name"], obj["metadata"].get("namespace", ""))


@pytest.fixture
def kubectl(tmp_path):
    """A kubectl that records what it is asked to do."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "kubectl"
    fake.write_text(FAKE_KUBECTL)
    fake.chmod(0o755)
    return bin_dir, tmp_path / "kubectl.log"


def test_help_lists_every_flag_and_succeeds():
    done = run("--help")
    assert done.returncode == 0
    for flag in ("--namespace", "--dry-run", "--verbose", "--timeout", "--help"):
        assert flag in done.stdout


def test_the_dry_run_prints_exactly_the_namespace_the_crds_rbac_and_network_policies(kubectl):
    bin_dir, log = kubectl
    done = run("--dry-run", path_first=bin_dir, FAKE_KUBECTL_LOG=str(log))
    assert done.returncode == 0, done.stderr
    assert not log.exists(), "a dry run must not call kubectl"
    printed = [d for d in yaml.safe_load_all(done.stdout) if d]
    expected = committed("crds") + committed("rbac") + committed("networkpolicy")
    assert printed[0] == {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": "o2ims",
            "labels": {
                "app.kubernetes.io/part-of": "oran-intent",
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "latest",
            },
        },
    }
    assert printed[1:] == expected
    assert [d["kind"] for d in printed[1 : 1 + len(committed("crds"))]] == ["CustomResourceDefinition"] * len(committed("crds"))


def test_every_object_of_the_dry_run_is_valid_kubernetes():
    for doc in yaml.safe_load_all(run("--dry-run", "--namespace", "oran-o2ims").stdout):
        if doc:
            kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_namespace_moves_every_namespaced_object_and_the_binding_subjects():
    done = run("--dry-run", "--namespace", "oran-o2ims")
    assert done.returncode == 0
    printed = [d for d in yaml.safe_load_all(done.stdout) if d]
    assert printed[0]["metadata"]["name"] == "oran-o2ims"
    namespaced = [d for d in printed if d["kind"] in ("ServiceAccount", "Role", "RoleBinding", "NetworkPolicy")]
    assert namespaced and {d["metadata"]["namespace"] for d in namespaced} == {"oran-o2ims"}
    subjects = [s for d in printed if d["kind"].endswith("Binding") for s in d["subjects"]]
    assert {s["namespace"] for s in subjects} == {"oran-o2ims"}
    unchanged = {identity(d)[:2] for d in committed("rbac") + committed("networkpolicy")}
    assert {identity(d)[:2] for d in namespaced + [d for d in printed if d["kind"].startswith("Cluster")]} == unchanged


def test_verbose_speaks_on_stderr_and_keeps_stdout_parseable():
    quiet, verbose = run("--dry-run"), run("--dry-run", "--verbose")
    assert verbose.stdout == quiet.stdout
    assert quiet.stderr == "" and "dry run" in verbose.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--namespace", "O2IMS"], "not a valid namespace name"),
        (["--namespace"], "needs a value"),
        (["--timeout", "ten"], "whole number of seconds"),
        (["--timeout", "0"], "at least 1 second"),
        (["--force"], "unknown argument"),
    ],
)
def test_bad_arguments_are_refused_with_exit_code_2(args, message):
    done = run(*args, "--dry-run")
    assert done.returncode == 2
    assert message in done.stderr and done.stdout == ""


def test_an_install_applies_the_dry_run_output_then_waits_for_every_crd(kubectl):
    bin_dir, log = kubectl
    done = run("--namespace", "ran", "--timeout", "42", path_first=bin_dir, FAKE_KUBECTL_LOG=str(log))
    assert done.returncode == 0, done.stderr
    calls = [line.removeprefix("ARGS ") for line in log.read_text().splitlines()]
    assert calls[0] == "apply --server-side --field-manager=oran-intent-install -f -"
    assert Path(f"{log}.stdin").read_text() == run("--dry-run", "--namespace", "ran").stdout
    crd_names = [d["metadata"]["name"] for d in committed("crds")]
    assert calls[1] == "wait --for=condition=Established --timeout=42s " + " ".join(f"crd/{n}" for n in crd_names)
    assert len(calls) == 2


def test_crds_not_established_in_time_fail_the_install(kubectl):
    bin_dir, log = kubectl
    done = run("--timeout", "5", path_first=bin_dir, FAKE_KUBECTL_LOG=str(log), FAKE_KUBECTL_WAIT="1")
    assert done.returncode == 1
    assert "not all Established within 5s" in done.stderr


def test_an_install_without_kubectl_says_so(tmp_path):
    # Only the tools the script needs besides kubectl.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "basename", "find", "sort", "wc", "tr", "grep", "sed", "awk", "cat"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env={"PATH": str(bin_dir)})
    assert done.returncode == 2
    assert "kubectl not found" in done.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed (apt-get install shellcheck)")
def test_the_script_is_shellcheck_clean():
    done = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
