"""`make help` lists every target of the Makefile, each with what it does, and every target is phony."""

from __future__ import annotations

import re
import subprocess

from tests.kpt import ROOT

HELP_LINE = re.compile(r"^  make (?P<target>[a-z0-9-]+)\s+(?P<text>\S.*)$")


def make(*args: str) -> str:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout


def targets_in_makes_database() -> set[str]:
    """The rules make itself reads from the Makefile (`make -p`), less the files it builds (.venv/...)."""
    found, not_a_target = set(), False
    for line in make("-pRrq", "-f", "Makefile", ":").splitlines():
        if line.startswith("# Not a target"):
            not_a_target = True
            continue
        match = re.match(r"^([a-zA-Z0-9][^$#\t=:]*):(?!=)", line)
        if match and not not_a_target and "/" not in match.group(1):
            found.add(match.group(1))
        not_a_target = False
    return found


def phony() -> set[str]:
    line = next(line for line in make("-pRrq", "-f", "Makefile", ":").splitlines() if line.startswith(".PHONY:"))
    return set(line.split(":", 1)[1].split())


def test_help_lists_every_target_and_only_targets():
    listed = {m["target"]: m["text"] for line in make("help").splitlines() if (m := HELP_LINE.match(line))}
    targets = targets_in_makes_database()
    assert {"demo", "test", "help", "add-site", "picture", "test-e2e-wfd", "test-o2ims-controller", "test-slo-gate"} <= targets
    assert sorted(targets - set(listed)) == [], "targets without a `## text` in the Makefile"
    assert sorted(set(listed) - targets) == []
    assert all(len(text) > 8 for text in listed.values())


def test_every_target_is_phony():
    assert sorted(targets_in_makes_database() - phony()) == []


def test_help_runs_without_installing_anything():
    done = subprocess.run(["make", "--no-print-directory", "-n", "help"], cwd=ROOT, capture_output=True, text=True)
    assert "pip install" not in done.stdout and "venv" not in done.stdout
