"""What the image tests share: the engine's environment and the images, built once per run."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_IMAGES = ROOT / "scripts" / "build-images"
CONTAINERS_CONF = ROOT / "tests" / "containers.conf"
SAMPLE = ROOT / "packages" / "intent-to-krm"
IMAGE_LINE = re.compile(r"^\s*(?:-\s+)?image:\s*['\"]?([^\s'\"#]+)", re.MULTILINE)

needs_podman = pytest.mark.skipif(
    shutil.which("podman") is None,
    reason="podman is not installed (Debian: apt-get install podman runc debootstrap); "
    "the image tests build and run the function images with it",
)


def podman_env() -> dict[str, str]:
    return {**os.environ, "CONTAINERS_CONF": os.environ.get("CONTAINERS_CONF", str(CONTAINERS_CONF)), "NO_COLOR": "1"}


def podman(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], check=False, env=podman_env(), capture_output=True, timeout=300, **kwargs)


def console_scripts() -> dict[str, str]:
    """The KRM functions among the console scripts: those whose folder has a catalog metadata.yaml."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    return {
        name: entry
        for name, entry in sorted(scripts.items())
        if (ROOT / "functions" / entry.split(":")[0].split(".")[1] / "metadata.yaml").exists()
    }


def kptfile_images(package: Path) -> list[str]:
    return sorted({m for kptfile in package.rglob("Kptfile") for m in IMAGE_LINE.findall(kptfile.read_text())})


def registry_and_tag() -> tuple[str, str]:
    """The one registry and tag the sample package's Kptfile uses for the function images."""
    declared = kptfile_images(SAMPLE)
    registries = {image.rsplit("/", 1)[0] for image in declared}
    tags = {image.rsplit(":", 1)[1] for image in declared}
    assert len(registries) == 1 and len(tags) == 1, declared
    return registries.pop(), tags.pop()


def can_write_sboms() -> bool:
    return importlib.util.find_spec("cyclonedx_py") is not None


@pytest.fixture(scope="session")
def sbom_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sbom")


@pytest.fixture(scope="session")
def images(sbom_dir) -> dict[str, str]:
    """Console script -> its image, built by scripts/build-images under the Kptfiles' names
    (and an SBOM per image into sbom_dir when cyclonedx-bom is installed)."""
    registry, tag = registry_and_tag()
    command = [sys.executable, str(BUILD_IMAGES), "--engine", "podman", "--registry", registry, "--tag", tag]
    if can_write_sboms():
        command += ["--sbom", str(sbom_dir)]
    done = subprocess.run(command, check=False, env=podman_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return {script: f"{registry}/{script}:{tag}" for script in console_scripts()}
