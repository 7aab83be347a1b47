"""Fuzz seeds: the ResourceList each golden example hands its function, as kpt builds it.

Each example's package goes through `kpt fn source` once (with the example's
functionConfig added), and the sample package's pipeline adds the input every
stage receives from the stage before it.
"""

from __future__ import annotations

import importlib
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from oran_intent_krm.sdk import yaml_io

from tests import kpt, pipeline

FUNCTIONS = tuple(pipeline.MODULES)
SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"


def function(name: str):
    return importlib.import_module(pipeline.MODULES[name]).FUNCTION


def examples() -> list[Path]:
    return sorted(p for p in kpt.ROOT.glob("functions/*/examples/*") if (p / "Kptfile").is_file())


@lru_cache(maxsize=None)
def seed_texts() -> dict[str, tuple[str, ...]]:
    """Function name -> the ResourceList texts of its golden inputs."""
    found: dict[str, list[str]] = {name: [] for name in FUNCTIONS}
    for example in examples():
        steps = pipeline.steps(example)
        if not steps:
            continue
        name, config, _ = steps[0]
        with tempfile.TemporaryDirectory() as tmp:
            # Without .expected/: kpt would read the golden results as package resources.
            package = Path(shutil.copytree(example, Path(tmp) / example.name, ignore=shutil.ignore_patterns(".expected")))
            source = pipeline.source(package, tuple(p for _, _, p in steps if p))
        found[name].append(pipeline.with_config(source, config))
    current = pipeline.source(SAMPLE)
    for name, out, code in pipeline.run_pipeline(SAMPLE, current):
        found[name].append(current)
        if code:
            break
        current = pipeline.without_results(out)
    return {name: tuple(texts) for name, texts in found.items()}


@lru_cache(maxsize=None)
def seed_documents() -> dict[str, tuple[str, ...]]:
    """The same seeds as plain JSON-able data (kept as JSON text so nobody mutates the cache)."""
    return {name: tuple(as_json(yaml_io._yaml().load(text)) for text in texts) for name, texts in seed_texts().items()}


def as_json(value: Any) -> str:
    return yaml_io.ordered_json(value)


@lru_cache(maxsize=None)
def vocabulary() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Every key, (apiVersion, kind) and short string the seeds use: what generated input is made of."""
    keys: set[str] = set()
    kinds: set[tuple[str, str]] = set()
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("apiVersion"), str) and isinstance(node.get("kind"), str):
                kinds.add((node["apiVersion"], node["kind"]))
            for key, value in node.items():
                keys.add(str(key))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) <= 40:
            words.add(node)

    for documents in seed_documents().values():
        for text in documents:
            walk(json.loads(text))
    return tuple(sorted(keys)), tuple(sorted(kinds)), tuple(sorted(words))
