"""The images install pinned, hash-checked dependencies that agree with pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.images.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCK = (ROOT / "requirements" / "image.txt").read_text()
BUILD_LOCK = (ROOT / "requirements" / "image-build.txt").read_text()


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_in(path: str) -> dict[str, Requirement]:
    lines = (ROOT / path).read_text().splitlines()
    found = [Requirement(line.split("#")[0].strip()) for line in lines if line.split("#")[0].strip()]
    return {normalise(r.name): r for r in found}


def pins(text: str) -> dict[str, tuple[Version, list[str]]]:
    """name -> (pinned version, its hashes), from a pip-compile --generate-hashes lock."""
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", block)
        if match:
            found[normalise(match.group(1))] = (
                Version(match.group(2)),
                re.findall(r"--hash=sha256:([0-9a-f]{64})", block),
            )
    return found


def declared() -> dict[str, list[Requirement]]:
    """Every dependency pyproject.toml declares, runtime or optional, by name."""
    found: dict[str, list[Requirement]] = {}
    for text in [
        *PYPROJECT["dependencies"],
        *(d for group in PYPROJECT["optional-dependencies"].values() for d in group),
    ]:
        requirement = Requirement(text)
        found.setdefault(normalise(requirement.name), []).append(requirement)
    return found


def test_every_runtime_dependency_goes_into_the_images():
    runtime = {normalise(Requirement(text).name) for text in PYPROJECT["dependencies"]}
    assert runtime <= set(requirements_in("requirements/image.in"))


def test_the_images_install_only_what_pyproject_declares():
    assert set(requirements_in("requirements/image.in")) <= set(declared())


def test_every_locked_version_satisfies_pyproject_and_the_image_requirements():
    locked = pins(LOCK)
    for name, requirement in requirements_in("requirements/image.in").items():
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
        for declared_requirement in declared()[name]:
            assert declared_requirement.specifier.contains(version, prereleases=True), (name, version)


def test_every_locked_file_is_pinned_exactly_with_hashes():
    for text in (LOCK, BUILD_LOCK):
        locked = pins(text)
        assert locked
        assert all(hashes for _, hashes in locked.values()), locked
        requirement_lines = [line for line in text.splitlines() if line and line[0].isalnum()]
        assert all("==" in line for line in requirement_lines), requirement_lines


def test_the_build_lock_pins_only_pip():
    assert set(pins(BUILD_LOCK)) == {"pip"}
