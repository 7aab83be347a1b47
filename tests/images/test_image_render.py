"""Rendering through the images gives byte for byte what rendering with the console scripts gives.

The real `kpt fn render` runs each package twice from the same input: once with the Kptfiles'
image functions in podman (`KPT_FN_RUNTIME=podman`, images built locally, never pulled), once
through `scripts/render` (the same functions as installed exec functions). The package files,
the exit code and kpt's results must be the same.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests import kpt
from tests.images.conftest import IMAGE_LINE, ROOT, SAMPLE, needs_podman, podman_env

pytestmark = needs_podman
GENERATED = "krm.oran-intent.io/generated-by: "


def packages() -> list[Path]:
    """Every package users get (a Kptfile with none above it under packages/) and every golden example."""
    kptfiles = sorted((ROOT / "packages").rglob("Kptfile"))
    tops = [k.parent for k in kptfiles if not any((a / "Kptfile").exists() for a in k.parent.parents if a != ROOT)]
    return tops + sorted(p.parent for p in ROOT.glob("functions/*/examples/*/.expected"))


def copy(package: Path, destination: Path) -> Path:
    shutil.copytree(package, destination, ignore=shutil.ignore_patterns(".expected"))
    return destination


def results(results_dir: Path) -> str:
    path = results_dir / "results.yaml"
    return path.read_text() if path.exists() else ""


def without_generated_files(package: Path) -> Path:
    """The package as a user writes it: every file a function generated removed."""
    for path in sorted(package.rglob("*.yaml")):
        if GENERATED in path.read_text():
            path.unlink()
    return package


def render_in_podman(package: Path, results_dir: Path) -> int:
    done = subprocess.run(
        ["kpt", "fn", "render", str(package), "--image-pull-policy", "never", "--results-dir", str(results_dir)],
        check=False,
        cwd=package.parent,
        env={**podman_env(), "KPT_FN_RUNTIME": "podman"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode


@pytest.mark.parametrize("package", packages(), ids=lambda p: p.name)
def test_images_render_the_package_exactly_as_the_console_scripts(package, images, tmp_path):
    through_exec = copy(package, tmp_path / "exec" / package.name)
    through_images = copy(package, tmp_path / "images" / package.name)
    (tmp_path / "exec-results").mkdir()
    (tmp_path / "image-results").mkdir()

    exec_run = kpt.render(through_exec, "--results-dir", str(tmp_path / "exec-results"))
    image_exit = render_in_podman(through_images, tmp_path / "image-results")

    assert image_exit == exec_run.exit_code, exec_run.stderr
    assert kpt.tree_digest(through_images) == kpt.tree_digest(through_exec)
    assert results(tmp_path / "image-results") == results(tmp_path / "exec-results")


def test_from_its_inputs_alone_the_sample_package_is_generated_alike_by_both(images, tmp_path):
    """Every function does real work here, so the comparison cannot pass on renders that change nothing."""
    through_exec = without_generated_files(copy(SAMPLE, tmp_path / "exec" / SAMPLE.name))
    through_images = without_generated_files(copy(SAMPLE, tmp_path / "images" / SAMPLE.name))
    inputs = kpt.tree_digest(through_exec)
    (tmp_path / "results").mkdir()

    assert kpt.render(through_exec).exit_code == 0
    assert render_in_podman(through_images, tmp_path / "results") == 0

    rendered = kpt.tree_digest(through_images)
    assert rendered == kpt.tree_digest(through_exec)
    generators = {
        line.split(GENERATED)[1].split("@")[0]
        for text in rendered.values()
        for line in text.decode().splitlines()
        if GENERATED in line
    }
    assert generators == set(images) and set(rendered) > set(inputs)
    pipeline = IMAGE_LINE.findall((SAMPLE / "Kptfile").read_text())
    ran = yaml.safe_load(results(tmp_path / "results"))["items"]
    assert [(item["image"], item["exitCode"]) for item in ran] == [(image, 0) for image in pipeline]
    assert sorted(pipeline) == sorted(images.values())
