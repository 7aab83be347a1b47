"""oran-render and scripts/render work right after `make install`, with or without the venv activated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from oran_intent_krm.sdk import layout

from tests import kpt

SAMPLE = kpt.ROOT / "packages" / "basic-cu"
VENV_PYTHON = kpt.ROOT / ".venv" / "bin" / "python"
SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin")
BARE_PATH = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())


def bare_env() -> dict[str, str]:
    """No venv on PATH, as in a new shell after `make install`."""
    return {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")} | {"PATH": BARE_PATH, "NO_COLOR": "1"}


def rendered_copy(tmp_path: Path) -> Path:
    package = Path(shutil.copytree(SAMPLE, tmp_path / "pkg"))
    for generated in package.rglob("generated"):
        shutil.rmtree(generated)
    return package


def test_the_console_script_renders_with_the_venv_not_activated(tmp_path):
    package = rendered_copy(tmp_path)
    assert shutil.which("pr-to-workloads", path=BARE_PATH) is None
    done = subprocess.run([str(Path(sys.executable).parent / "oran-render"), str(package)], capture_output=True, text=True, env=bare_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Successfully executed 4 function(s)" in done.stderr
    assert kpt.tree_digest(package) == kpt.tree_digest(SAMPLE)


@pytest.mark.skipif(not VENV_PYTHON.is_file(), reason="the checkout has no .venv (`make install` creates it); the tests run from another environment")
@pytest.mark.skipif(SYSTEM_PYTHON is None, reason="no python3 in /usr/bin or /bin to start the script with")
def test_scripts_render_started_by_another_python_uses_the_checkouts_venv(tmp_path):
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import oran_intent_krm"], capture_output=True, env=bare_env())
    if probe.returncode == 0:
        pytest.skip(f"{SYSTEM_PYTHON} has the project installed: nothing to find")
    package = rendered_copy(tmp_path)
    done = subprocess.run([SYSTEM_PYTHON, str(kpt.ROOT / "scripts" / "render"), str(package)], capture_output=True, text=True, env=bare_env())
    assert done.returncode == 0, done.stderr
    assert kpt.tree_digest(package) == kpt.tree_digest(SAMPLE)


def test_a_folder_that_is_not_a_package_is_refused(tmp_path):
    done = subprocess.run([sys.executable, "-m", "oran_intent_krm.tools.render", str(tmp_path)], capture_output=True, text=True, env=bare_env())
    assert done.returncode == 2 and "is not a kpt package (no Kptfile)" in done.stderr


def test_a_render_in_place_answers_kpts_results_named_by_the_images(tmp_path):
    from oran_intent_krm.tools import render

    package = rendered_copy(tmp_path)
    kptfile = (package / "Kptfile").read_text()
    outcome = render.render_in_place(package)
    assert outcome.ok and not outcome.errors()
    assert {r["function"] for r in outcome.results} >= {"ghcr.io/oran-intent/28312-to-pr:v0.1.0"}
    assert "exec:" not in (package / "Kptfile").read_text() and "image: ghcr.io/oran-intent/pr-to-workloads:v0.1.0" in kptfile
    management = package / layout.MANAGEMENT
    assert any("kind: ProvisioningRequest" in p.read_text() for p in management.rglob("*.yaml")), "rendered where it is"
    broken = rendered_copy(tmp_path / "broken")
    intent = broken / "intent.yaml"
    intent.write_text(intent.read_text().replace("edge-cluster-us-west-1", "edge-cluster-mars"))
    failed = render.render_in_place(broken)
    assert not failed.ok
    assert any("edge-cluster-mars" in e["message"] and e["function"].endswith("28312-to-pr:v0.1.0") for e in failed.errors())
