"""What the package tests share: where the packages are, reading them, running the scripts."""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import yaml

from tests import kpt

ROOT = kpt.ROOT
PACKAGES = ROOT / "packages"
CHECK_RENDERED = ROOT / "scripts" / "check-rendered"
MULTI_SITE = PACKAGES / "multi-site-edge"
FAN_OUT = MULTI_SITE / "fan-out"
FUNCTIONS = ("intent-to-28312", "28312-to-pr", "pr-to-workloads", "slo-gate-validator")


def script_module(path: Path) -> ModuleType:
    """A script without a .py suffix, imported to test its functions."""
    loader = importlib.machinery.SourceFileLoader(path.name.replace("-", "_"), str(path))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[loader.name] = module  # dataclasses look their module up there
    loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def package_dirs() -> tuple[Path, ...]:
    return tuple(script_module(CHECK_RENDERED).packages_under(PACKAGES))


def documents(directory: Path) -> list[dict]:
    found = []
    for path in sorted(directory.rglob("*.yaml")):
        found += [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict) and "kind" in d]
    return found


def of_kind(docs: list[dict], kind: str, api_group: str | None = None) -> list[dict]:
    return [d for d in docs if d["kind"] == kind and (api_group is None or str(d["apiVersion"]).startswith(api_group + "/"))]


def kptfile(package: Path) -> dict:
    return yaml.safe_load((package / "Kptfile").read_text())


def run_script(script: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, env=kpt.env(), timeout=900)
