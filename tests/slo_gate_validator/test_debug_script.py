"""scripts/slo-gate-debug.sh, the guide's "manual SLO evaluation": `slo-gate-validator explain` for one gate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import kpt

SCRIPT = kpt.ROOT / "scripts" / "slo-gate-debug.sh"
PASSING = kpt.ROOT / "functions" / "slo_gate_validator" / "examples" / "slo-gate-validator-pass"
SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
GATE = "deploy-edge-ran-edge-cluster-us-west-1"


def debug(*args: str, cwd: Path = kpt.ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, env=env or kpt.env(), timeout=120)


def explain(package: Path, *args: str) -> str:
    done = subprocess.run(["slo-gate-validator", "explain", str(package), *args], capture_output=True, text=True, env=kpt.env(), check=True)
    return done.stdout


def test_it_prints_what_explain_prints_for_the_gate():
    done = debug("--gate", GATE, "--verbose", str(PASSING))
    assert done.returncode == 0, done.stderr
    assert done.stdout == explain(PASSING, "--gate", GATE, "--verbose")
    assert f"SLOGate {GATE}: Passed" in done.stdout


def test_from_the_repository_it_finds_the_package_holding_the_gate():
    done = debug("--gate", GATE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == explain(SAMPLE, "--gate", GATE)


def test_inside_a_package_it_explains_that_package(tmp_path):
    package = Path(shutil.copytree(PASSING, tmp_path / "pkg"))
    done = debug("--gate", GATE, "-o", "json", cwd=package)
    assert done.returncode == 0, done.stderr
    [gate] = json.loads(done.stdout)["gates"]
    assert gate["phase"] == "Passed"


def test_a_gate_in_no_package_or_in_several_is_named_with_what_to_do(tmp_path):
    done = debug("--gate", "no-such-gate")
    assert done.returncode == 1
    assert "no SLOGate named no-such-gate in a package under packages/: give the package" in done.stderr
    for name in ("one", "two"):
        shutil.copytree(PASSING, tmp_path / name)
    done = debug("--gate", GATE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"several packages have a SLOGate named {GATE}" in done.stderr
    assert str(tmp_path / "one") in done.stderr and str(tmp_path / "two") in done.stderr


@pytest.mark.parametrize(("args", "message"), [([], "--gate NAME is required"), (["--gate", "a/b"], "not a Kubernetes object name"), (["--gate", GATE, "--bogus"], "unknown option")])
def test_usage_errors_exit_2(args, message):
    done = debug(*args)
    assert done.returncode == 2 and message in done.stderr


@pytest.mark.skipif(not (kpt.ROOT / ".venv" / "bin" / "slo-gate-validator").is_file(), reason="the checkout has no .venv (`make install` creates it)")
def test_it_finds_the_checkouts_venv_when_it_is_not_activated():
    bare = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"PATH": "/usr/bin:/bin"}
    assert shutil.which("slo-gate-validator", path=bare["PATH"]) is None
    done = debug("--gate", GATE, str(PASSING), env=bare)
    assert done.returncode == 0, done.stderr
    assert f"SLOGate {GATE}: Passed" in done.stdout


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed (apt-get install shellcheck)")
def test_the_script_is_shellcheck_clean():
    done = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_it_is_executable_and_documented():
    assert os.access(SCRIPT, os.X_OK)
    assert "--gate NAME [--verbose]" in debug("--help").stdout
