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
# Records each call (arguments, then stdin) and answers as FAKE_KUBECTL_WAIT says; the CRDs
# named in FAKE_KUBECTL_MISSING are not found.
FAKE_KUBECTL = """#!/usr/bin/env bash
log="${FAKE_KUBECTL_LOG:?}"
printf 'ARGS %s\\n' "$*" >> "$log"
if [ "$1" = apply ]; then cat > "${log}.stdin"; fi
if [ "$1" = wait ]; then exit "${FAKE_KUBECTL_WAIT:-0}"; fi
if [ "$1 $2" = "get crd" ]; then
  case " ${FAKE_KUBECTL_MISSING:-} " in *" $3 "*) echo "Error from server (NotFound)" >&2; exit 1 ;; esac
fi
exit 0
"""
TMF921_CRD = "tmf921.intent.tmforum.org_intents.yaml"
EXTERNAL = ROOT / "deploy" / "external-crds"


def run(*args: str, path_first: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    path = os.environ.get("PATH", "")
    if path_first is not None:
        path = f"{path_first}{os.pathsep}{path}"
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, env={**os.environ, "PATH": path, **env}, timeout=60)


def committed(directory: str, leave_out: str = "") -> list[dict]:
    return [d for p in sorted((DEPLOY / directory).glob("*.yaml")) if p.name != leave_out for d in yaml.safe_load_all(p.read_text()) if d]


def namespace(name: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": name,
            "labels": {
                "app.kubernetes.io/part-of": "oran-intent",
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "latest",
            },
        },
    }


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
    for flag in ("--namespace", "--intent-namespace", "--cluster", "--dry-run", "--verbose", "--timeout", "--help"):
        assert flag in done.stdout


def test_the_dry_run_prints_exactly_the_namespaces_the_crds_rbac_and_network_policies(kubectl):
    bin_dir, log = kubectl
    done = run("--dry-run", path_first=bin_dir, FAKE_KUBECTL_LOG=str(log))
    assert done.returncode == 0, done.stderr
    assert not log.exists(), "a dry run must not call kubectl"
    printed = [d for d in yaml.safe_load_all(done.stdout) if d]
    crds = committed("crds", leave_out=TMF921_CRD)
    assert printed[:2] == [namespace("o2ims"), namespace("intent-system")]
    assert printed[2:] == crds + committed("rbac") + committed("networkpolicy")
    assert [d["kind"] for d in printed[2 : 2 + len(crds)]] == ["CustomResourceDefinition"] * len(crds)


def test_the_tmf921_intent_crd_is_not_installed_so_kubectl_get_intents_finds_the_28312_intents():
    """Both CRDs have the plural `intents`; which one `kubectl get intents` finds would depend on discovery order."""
    printed = [d for d in yaml.safe_load_all(run("--dry-run").stdout) if d and d["kind"] == "CustomResourceDefinition"]
    by_plural = {}
    for crd in printed:
        by_plural.setdefault(crd["spec"]["names"]["plural"], []).append(crd["spec"]["group"])
    assert by_plural["intents"] == ["intent.3gpp.org"]
    assert all(len(groups) == 1 for groups in by_plural.values())
    assert (DEPLOY / "crds" / TMF921_CRD).is_file(), "the CRD stays in deploy/crds, for validation and for who wants it"


def test_every_object_of_the_dry_run_is_valid_kubernetes():
    for doc in yaml.safe_load_all(run("--dry-run", "--namespace", "oran-o2ims").stdout):
        if doc:
            kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_namespace_moves_every_namespaced_object_and_the_binding_subjects():
    done = run("--dry-run", "--namespace", "oran-o2ims")
    assert done.returncode == 0
    printed = [d for d in yaml.safe_load_all(done.stdout) if d]
    assert [printed[0]["metadata"]["name"], printed[1]["metadata"]["name"]] == ["oran-o2ims", "intent-system"]
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


def test_the_intents_namespace_is_chosen_with_intent_namespace_and_made_once():
    printed = [d for d in yaml.safe_load_all(run("--dry-run", "--intent-namespace", "ran-intents").stdout) if d]
    assert [d["metadata"]["name"] for d in printed if d["kind"] == "Namespace"] == ["o2ims", "ran-intents"]
    same = [d for d in yaml.safe_load_all(run("--dry-run", "--namespace", "ran", "--intent-namespace", "ran").stdout) if d]
    assert [d["metadata"]["name"] for d in same if d["kind"] == "Namespace"] == ["ran"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--namespace", "O2IMS"], "not a valid namespace name"),
        (["--intent-namespace", "Intents"], "not a valid namespace name"),
        (["--cluster", "edge"], "expected management or workload"),
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


def external(cluster: str) -> list[str]:
    return sorted(d["metadata"]["name"] for d in committed("external-crds") if cluster_of(d) == cluster)


def cluster_of(crd: dict) -> str:
    return "workload" if crd["spec"]["group"] in ("k8s.cni.cncf.io", "workload.nephio.org") else "management"


def test_an_install_checks_the_cluster_applies_the_dry_run_output_waits_then_checks_the_other_crds(kubectl):
    bin_dir, log = kubectl
    done = run("--namespace", "ran", "--timeout", "42", path_first=bin_dir, FAKE_KUBECTL_LOG=str(log))
    assert done.returncode == 0, done.stderr
    calls = [line.removeprefix("ARGS ") for line in log.read_text().splitlines()]
    assert calls[0] == "get --raw /version --request-timeout=15s"
    assert calls[1] == "apply --server-side --field-manager=oran-intent-install -f -"
    assert Path(f"{log}.stdin").read_text() == run("--dry-run", "--namespace", "ran").stdout
    crd_names = [d["metadata"]["name"] for d in committed("crds", leave_out=TMF921_CRD)]
    assert calls[2] == "wait --for=condition=Established --timeout=42s " + " ".join(f"crd/{n}" for n in crd_names)
    checked = sorted(c.split()[2] for c in calls[3:])
    assert all(c.startswith("get crd ") for c in calls[3:]) and checked == external("management")


def test_a_missing_provisioningrequest_crd_is_named_with_who_installs_it_and_fails(kubectl):
    bin_dir, log = kubectl
    done = run(path_first=bin_dir, FAKE_KUBECTL_LOG=str(log), FAKE_KUBECTL_MISSING="provisioningrequests.o2ims.provisioning.oran.org")
    assert done.returncode == 1
    assert "missing crd/provisioningrequests.o2ims.provisioning.oran.org, required on the management cluster" in done.stderr
    assert "Nephio's O2 IMS operator" in done.stderr and "until the missing CRDs are" in done.stderr


def test_missing_porch_crds_are_only_noted(kubectl):
    bin_dir, log = kubectl
    porch = "repositories.config.porch.kpt.dev packagevariantsets.config.porch.kpt.dev"
    done = run(path_first=bin_dir, FAKE_KUBECTL_LOG=str(log), FAKE_KUBECTL_MISSING=porch)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("note: crd/") == 2 and "PackageVariantSet fan-out" in done.stderr


def test_a_workload_cluster_gets_nothing_installed_and_needs_multus(kubectl):
    bin_dir, log = kubectl
    done = run("--cluster", "workload", path_first=bin_dir, FAKE_KUBECTL_LOG=str(log), FAKE_KUBECTL_MISSING="network-attachment-definitions.k8s.cni.cncf.io")
    assert done.returncode == 1
    assert "missing crd/network-attachment-definitions.k8s.cni.cncf.io, required on the workload cluster: install Multus" in done.stderr
    calls = [line.removeprefix("ARGS ") for line in log.read_text().splitlines()]
    assert not any(c.startswith(("apply", "wait")) for c in calls)
    assert sorted(c.split()[2] for c in calls if c.startswith("get crd ")) == external("workload")
    assert run("--cluster", "workload", "--dry-run").stdout == ""


def test_every_external_crd_is_checked_on_one_of_the_two_clusters():
    script = SCRIPT.read_text()
    for crd in committed("external-crds"):
        assert crd["metadata"]["name"] in script


def test_without_a_reachable_cluster_the_real_kubectl_gives_one_line_and_nothing_is_applied(tmp_path):
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl is not installed")
    config = tmp_path / "kubeconfig"
    config.write_text(
        "apiVersion: v1\nkind: Config\ncurrent-context: nowhere\nclusters:\n- name: nowhere\n  cluster: {server: 'https://127.0.0.1:9'}\n"
        "contexts:\n- name: nowhere\n  context: {cluster: nowhere, user: nobody}\nusers:\n- name: nobody\n  user: {}\n"
    )
    for args in ((), ("--cluster", "workload")):
        done = run(*args, KUBECONFIG=str(config))
        assert done.returncode == 1
        assert done.stderr.splitlines() == [
            "p0.3_o2ims_install.sh: no reachable Kubernetes cluster (kubectl context: nowhere); check KUBECONFIG and kubectl cluster-info"
        ]
        assert done.stdout == ""


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
