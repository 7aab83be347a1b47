"""A package's Kptfile pipeline run in-process or through the console scripts, stage by stage.

kpt hands each function a ResourceList; this builds the same one with `kpt fn source`,
resolves each step's functionConfig (`configPath` or `configMap`) and pipes the stages.
"""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path
from typing import Any

from oran_intent_krm.sdk import yaml_io

from tests import kpt

MODULES = {
    "intent-to-28312": "oran_intent_krm.intent_to_28312.main",
    "28312-to-pr": "oran_intent_krm.ts28312_to_pr.main",
    "pr-to-workloads": "oran_intent_krm.pr_to_workloads.main",
    "slo-gate-validator": "oran_intent_krm.slo_gate_validator.main",
}


def steps(package: Path) -> list[tuple[str, Any, str]]:
    """(function name, functionConfig, configPath) for each mutator of the package's Kptfile."""
    kptfile = yaml_io._yaml().load((package / "Kptfile").read_text())
    out = []
    for step in (kptfile.get("pipeline") or {}).get("mutators") or []:
        image = str(step.get("image") or "")
        name = image.rsplit("/", 1)[-1].split(":", 1)[0]
        if name not in MODULES:
            continue
        config = None
        if step.get("configPath"):
            config = yaml_io._yaml().load((package / step["configPath"]).read_text())
        elif step.get("configMap"):
            config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "function-input"}, "data": dict(step["configMap"])}
        out.append((name, config, str(step.get("configPath") or "")))
    return out


def source(package: Path, exclude: tuple[str, ...] = ()) -> str:
    """The ResourceList kpt builds from a package (config files of the pipeline left out)."""
    done = subprocess.run(["kpt", "fn", "source", str(package)], capture_output=True, text=True, check=True, env=kpt.env())
    if not exclude:
        return done.stdout
    parsed = yaml_io.parse_resource_list(done.stdout)
    kept = [t for item, t in zip(parsed.items, parsed.item_texts) if str(item["metadata"]["annotations"].get("internal.config.kubernetes.io/path")) not in exclude]
    return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + "".join(kept)


def with_config(resource_list: str, config: Any) -> str:
    if config is None:
        return resource_list
    return resource_list.replace("kind: ResourceList\n", "kind: ResourceList\nfunctionConfig:\n" + _indent(yaml_io.dump_value(config)), 1)


def _indent(text: str) -> str:
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))


def run_in_process(name: str, resource_list: str) -> tuple[str, int]:
    function = importlib.import_module(MODULES[name]).FUNCTION
    return function.process(resource_list.encode())


def without_results(text: str) -> str:
    return text.split("\nresults:\n")[0]


def run_pipeline(package: Path, resource_list: str | None = None, runner=run_in_process) -> list[tuple[str, str, int]]:
    """Every stage's (name, output, exit code); stops after the first failure, as kpt does."""
    pipeline = steps(package)
    config_paths = tuple(path for _, _, path in pipeline if path)
    current = resource_list if resource_list is not None else source(package, config_paths)
    outputs = []
    for name, config, _ in pipeline:
        out, code = runner(name, with_config(without_results(current), config))
        outputs.append((name, out, code))
        if code != 0:
            break
        current = out
    return outputs
