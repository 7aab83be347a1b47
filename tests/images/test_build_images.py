"""scripts/build-images picks an engine, or says plainly that there is none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.images.conftest import BUILD_IMAGES


def build_images(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BUILD_IMAGES), *args],
        check=False,
        env={"PATH": str(path)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def fake(directory: Path, name: str, script: str) -> None:
    tool = directory / name
    tool.write_text(f"#!{sys.executable}\n{script}\n")
    tool.chmod(0o755)


def test_with_neither_podman_nor_docker_it_says_so_and_fails(tmp_path):
    done = build_images(tmp_path)
    assert done.returncode == 2
    assert "no container engine: neither podman nor docker is installed" in done.stderr
    assert "Traceback" not in done.stderr


def test_with_a_docker_client_but_no_engine_it_says_so_and_fails(tmp_path):
    fake(tmp_path, "docker", "import sys; sys.stderr.write('Cannot connect to the Docker daemon\\n'); sys.exit(1)")
    done = build_images(tmp_path)
    assert done.returncode == 2
    assert "the docker client has no engine (Cannot connect to the Docker daemon)" in done.stderr


def test_an_engine_asked_for_but_missing_is_named(tmp_path):
    done = build_images(tmp_path, "--engine", "docker")
    assert done.returncode == 2
    assert "docker is not installed" in done.stderr


def test_an_unknown_function_is_refused_before_anything_is_built(tmp_path):
    done = build_images(tmp_path, "no-such-function")
    assert done.returncode == 2
    assert "unknown function(s) no-such-function" in done.stderr
