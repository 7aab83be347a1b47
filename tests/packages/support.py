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


PERIOD_ENDS = [f"2025-06-01T10:{seconds // 60:02d}:{seconds % 60:02d}Z" for seconds in range(30, 301, 30)]


def value_meeting(target: dict) -> float:
    threshold = float(target["threshold"])
    if target["operator"] in ("<", "<="):
        return threshold / 2
    if target.get("unit") == "ratio":
        return threshold + (1 - threshold) / 2
    return threshold * 2


def passing_report(gate: dict, revision: dict) -> dict:
    """Five minutes of 30 s periods meeting every target of the gate, measured on the revision `explain` names."""
    metrics = [
        {"name": t["metric"], "unit": t.get("unit"), "periods": [{"end": end, "value": value_meeting(t), "samples": 1000} for end in PERIOD_ENDS]}
        for t in gate["spec"]["sloTargets"]
    ]
    return {
        "apiVersion": "measurement.o2ims.org/v1alpha1",
        "kind": "MeasurementReport",
        "metadata": {"name": gate["metadata"]["name"], "annotations": {"config.kubernetes.io/local-config": "true"}},
        "spec": {
            "targetRef": gate["spec"]["targetRef"],
            "configDigest": revision["rendered"],
            "revision": {"label": "krm_oran_intent_io_revision", "value": revision["podRevision"], "firstSample": "2025-06-01T09:55:00Z"},
            "source": {"type": "prometheus", "endpoint": "http://prometheus.monitoring.svc:9090"},
            "window": {"start": "2025-06-01T10:00:00Z", "end": "2025-06-01T10:05:00Z"},
            "metrics": metrics,
        },
    }
