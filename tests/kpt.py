"""Running packages through the real kpt, the way kpt's own e2e harness does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDER = ROOT / "scripts" / "render"


def env() -> dict[str, str]:
    """The environment for kpt: this interpreter's console scripts first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "NO_COLOR": "1"}


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def render(package: Path, *args: str) -> Run:
    done = subprocess.run(
        [sys.executable, str(RENDER), str(package), *args],
        capture_output=True,
        text=True,
        env=env(),
        timeout=600,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def git(package: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "core.autocrlf=false", *args],
        cwd=package,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def fresh_copy(source: Path, destination: Path) -> Path:
    """A copy of a package under git, so a render's changes show as a diff."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".expected"))
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "input", "--allow-empty")
    return destination


def diff(package: Path) -> str:
    git(package, "add", "-A")
    return git(package, "diff", "--cached", "--no-color", "--no-renames")


def tree_digest(package: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(package)): p.read_bytes()
        for p in sorted(package.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(package).parts
    }
