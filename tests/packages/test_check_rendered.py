"""scripts/check-rendered, the GitOps gate: committed packages are exactly what their pipelines render."""

from __future__ import annotations

import shutil

from tests import kpt
from tests.packages.support import CHECK_RENDERED, PACKAGES, package_dirs, run_script, script_module


def test_every_committed_package_is_rendered_and_rendering_it_twice_changes_nothing():
    before = {p: kpt.tree_digest(p) for p in package_dirs()}
    done = run_script(CHECK_RENDERED, "--renders", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    for package in package_dirs():
        assert f"ok: {package.relative_to(PACKAGES.parent).as_posix()}" in done.stdout
    assert {p: kpt.tree_digest(p) for p in package_dirs()} == before, "the gate must not touch the working tree"


def test_the_gate_fails_on_an_altered_an_extra_or_a_missing_rendered_file(tmp_path):
    root = tmp_path / "packages"
    package = root / "basic-cu"
    shutil.copytree(PACKAGES / "basic-cu", package)
    [gate] = sorted(package.glob("generated/management/assurance/*.slogate.yaml"))
    gate.write_text(gate.read_text().replace("  phase: Inconclusive", "  phase: Passed", 1))
    # A request the pipeline generated for a cluster the intent no longer names.
    [request] = sorted(package.glob("generated/management/o2ims/*.yaml"))
    (request.parent / "left-over.yaml").write_text(request.read_text().replace("name: deploy-cu-edge-cluster-us-west-1", "name: deploy-cu-retired", 1))
    [report] = sorted(package.glob("generated/records/**/intentreport_*.yaml"))
    report.unlink()
    done = run_script(CHECK_RENDERED, "--root", str(root))
    assert done.returncode == 1
    assert "DIFFERS: packages/basic-cu" in done.stdout
    relative = gate.relative_to(package).as_posix()
    assert f"--- a/packages/basic-cu/{relative}" in done.stdout and "-  phase: Passed" in done.stdout
    assert "--- a/packages/basic-cu/generated/management/o2ims/left-over.yaml" in done.stdout  # pruned by the render
    assert f"b/packages/basic-cu/{report.relative_to(package).as_posix()}" in done.stdout  # written again
    assert "1 of 1 packages are not committed as rendered" in done.stderr


def test_a_package_whose_render_fails_fails_the_gate_with_the_functions_message(tmp_path):
    root = tmp_path / "packages"
    package = root / "basic-cu"
    shutil.copytree(PACKAGES / "basic-cu", package)
    intent = package / "intent.yaml"
    intent.write_text(intent.read_text().replace('["deploy"]', '["teleport"]'))
    done = run_script(CHECK_RENDERED, str(package), "--root", str(root))
    assert done.returncode == 1
    assert "FAILED: packages/basic-cu" in done.stdout and "teleport" in done.stdout


def test_packages_are_the_outermost_directories_with_a_kptfile(tmp_path):
    for folder in ("a", "a/nested", "group/b", "group/c/deeper", ".hidden/d", "no-kptfile"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for folder in ("a", "a/nested", "group/b", "group/c/deeper", ".hidden/d"):
        (tmp_path / folder / "Kptfile").write_text("apiVersion: kpt.dev/v1\nkind: Kptfile\n")
    found = script_module(CHECK_RENDERED).packages_under(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a", "group/b", "group/c/deeper"]


def test_the_committed_packages_are_the_guides_examples_the_sample_and_the_fan_out():
    names = sorted(p.relative_to(PACKAGES).as_posix() for p in package_dirs())
    assert names == [
        "basic-cu",
        "intent-to-krm",
        "multi-site-edge/edge-deployment",
        "multi-site-edge/sites/edge-cluster-eu-west-1/edge-deployment",
        "multi-site-edge/sites/edge-cluster-us-east-1/edge-deployment",
        "multi-site-edge/sites/edge-cluster-us-west-1/edge-deployment",
        "urllc-scaling",
    ]


def test_usage_errors_exit_2():
    assert run_script(CHECK_RENDERED, "--renders", "0").returncode == 2
    assert run_script(CHECK_RENDERED, str(PACKAGES)).returncode == 2  # not a package itself
    assert run_script(CHECK_RENDERED, "--help").returncode == 0
