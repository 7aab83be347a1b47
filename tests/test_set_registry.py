"""The registry of every function image is set in one place."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.kpt import ROOT


def test_set_registry_rewrites_kptfiles_and_the_signing_policy_only(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", ".demo", "build", "*.egg-info", "__pycache__"))
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    done = subprocess.run([sys.executable, str(copy / "scripts" / "set-registry"), "registry.example.com/ran"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    changed = {p for p in before if p.read_bytes() != before[p]}
    assert changed, "nothing was rewritten"
    assert all(p.name in ("Kptfile", "verify-function-images.yaml") for p in changed)
    sample = (copy / "packages" / "intent-to-krm" / "Kptfile").read_text()
    assert "image: registry.example.com/ran/intent-to-28312:v0.1.0\n" in sample
    assert "ghcr.io/oran-intent/" not in sample
    assert '"registry.example.com/ran/slo-gate-validator*"' in (copy / "deploy" / "kyverno" / "verify-function-images.yaml").read_text()
    # Everything else about the files is as it was: only the registry part changed.
    for path in changed:
        assert path.read_text().replace("registry.example.com/ran/", "ghcr.io/oran-intent/") == before[path].decode()
