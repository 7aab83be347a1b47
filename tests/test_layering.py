"""The layers point one way, sdk <- models <- assurance <- functions: never the reverse, and no function uses another.

- `sdk`: the KRM plumbing every function shares (and the one unit table and duration parser);
  imports nothing else of the project.
- `models`: the pydantic models (schemas, CRDs, docs); imports only the SDK.  The functions'
  configuration models are collected by scripts/generate-crds, not imported here.
- `assurance`: the SLO gate vocabulary (gates, evidence, revisions, PromQL checks) that
  28312-to-pr, pr-to-workloads, slo-gate-validator and the measurement collector share;
  imports only the SDK and the models.
- each function (and the measurement collector): its own modules and the shared layers.
- the intent gateway, an application in front of the pipeline: the shared layers and `tools`
  (the render path it runs the functions through); it never imports a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "functions"
PACKAGE = "oran_intent_krm"
SHARED = {"sdk", "models", "assurance"}
LAYERS = sorted(p.name for p in SOURCE.iterdir() if (p / "__init__.py").exists())
# Imports across layers that are known and owed a fix elsewhere; each must still be needed.
OWED: set[tuple[str, str]] = set()
# Applications in front of the pipeline, and the layers beside the shared ones each may use.
APPLICATIONS = {"gateway": {"tools"}}


def imported_layers(path: Path, layer: str) -> set[str]:
    """The project's top-level subpackages a module imports, relative imports resolved."""
    module = ".".join((PACKAGE, *path.relative_to(SOURCE).with_suffix("").parts))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names = [base] if node.module else [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == PACKAGE and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found - {layer}


def crossings() -> set[tuple[str, str, str]]:
    """(layer, imported layer, module path) for every import of another layer."""
    out = set()
    for layer in LAYERS:
        for path in sorted((SOURCE / layer).rglob("*.py")):
            out |= {(layer, other, str(path.relative_to(ROOT))) for other in imported_layers(path, layer)}
    return out


def allowed(layer: str, other: str) -> bool:
    """The SDK imports no other layer, the models only the SDK, assurance the SDK and the models,
    a function only the shared layers, an application also what APPLICATIONS lists."""
    if layer == "sdk":
        return False
    if layer == "models":
        return other == "sdk"
    if layer == "assurance":
        return other in ("sdk", "models")
    return other in SHARED or other in APPLICATIONS.get(layer, set()) or (layer, other) in OWED


def test_the_layers_are_what_the_project_has():
    assert {"sdk", "models", "assurance", "intent_to_28312", "ts28312_to_pr", "pr_to_workloads", "slo_gate_validator", "collector"} <= set(LAYERS)


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_what_it_may(layer):
    wrong = sorted(f"{path} imports {PACKAGE}.{other}" for this, other, path in crossings() if this == layer and not allowed(this, other))
    assert wrong == []


def test_every_owed_crossing_is_still_there():
    """Once a crossing in OWED is gone, it must leave OWED so that it cannot come back unnoticed."""
    present = {(layer, other) for layer, other, _ in crossings()}
    assert OWED <= present


def test_relative_imports_are_resolved():
    sample = SOURCE / "pr_to_workloads" / "networking.py"
    assert "sdk" in imported_layers(sample, "pr_to_workloads")
