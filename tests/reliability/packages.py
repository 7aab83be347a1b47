"""kpt packages for the reliability tests, rendered by the real `kpt fn render` with the
functions run as exec functions (the Kptfiles' images mapped to the console scripts)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from oran_intent_krm.sdk import yaml_io
from oran_intent_krm.tools import render as exec_render

from tests import kpt

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
CORPUS = kpt.ROOT / "tests" / "corpus"


@dataclass
class Render:
    exit_code: int
    stderr: str
    results: list[dict[str, Any]]  # every function's results, each with the function's name added


def exec_package(source: Path, destination: Path) -> Path:
    """A copy of a package whose pipeline runs the console scripts directly under kpt."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".expected", ".git"))
    exec_render.to_exec(destination)
    return destination


def identity_package(source: Path, destination: Path) -> Path:
    """A copy of a package whose pipeline is kpt's identity function, /bin/cat."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".expected", ".git"))
    kptfile = destination / "Kptfile"
    doc = yaml_io._yaml().load(kptfile.read_text())
    doc["pipeline"] = {"mutators": [{"exec": "/bin/cat"}]}
    kptfile.write_text(yaml_io.dump_value(doc))
    return destination


def add_corpus(package: Path, folder: str = "corpus") -> list[str]:
    """Copy every corpus file into the package; their package-relative paths."""
    target = package / folder
    target.mkdir(exist_ok=True)
    names = []
    for path in sorted(CORPUS.glob("*.yaml")):
        shutil.copyfile(path, target / path.name)
        names.append(f"{folder}/{path.name}")
    return names


def render(package: Path, results_dir: Path) -> Render:
    results_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["kpt", "fn", "render", str(package), "--allow-exec", "--results-dir", str(results_dir)],
        capture_output=True,
        text=True,
        env=kpt.env(),
        timeout=300,
    )
    return Render(done.returncode, done.stderr, _results(results_dir / "results.yaml"))


def _results(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    report = yaml.safe_load(path.read_text()) or {}
    out = []
    for step in report.get("items") or []:
        for result in step.get("results") or []:
            out.append({**result, "function": step.get("exec") or step.get("image")})
    return out


def files(package: Path) -> dict[str, bytes]:
    return kpt.tree_digest(package)


def resources_in(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict)]
