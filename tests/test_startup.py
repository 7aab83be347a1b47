"""What a render imports: never pydantic (the models' JSON Schemas stand in for them) nor the gateway's web stack, for every function."""

from __future__ import annotations

import functools
import subprocess
import sys

import pytest

from tests import kpt, pipeline

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
PROBE = """
import sys
from importlib import import_module
function = import_module(sys.argv[1]).FUNCTION
text, code = function.process(sys.stdin.buffer.read())
heavy = sorted(m for m in ("pydantic", "pydantic_core", "jsonschema", "yaml", "fastapi", "starlette", "uvicorn", "httpx") if m in sys.modules)
print(code, ",".join(heavy))
"""


@functools.cache
def stage_inputs() -> dict[str, str]:
    inputs, current = {}, pipeline.source(SAMPLE)
    for name, config, _ in pipeline.steps(SAMPLE):
        inputs[name] = pipeline.with_config(pipeline.without_results(current), config)
        current, code = pipeline.run_in_process(name, inputs[name])
        assert code == 0
    return inputs


@pytest.mark.parametrize("name", sorted(pipeline.MODULES))
def test_a_render_imports_no_pydantic(name):
    resource_list = stage_inputs()[name]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, pipeline.MODULES[name]], input=resource_list.encode(), capture_output=True, env=kpt.env()
    )
    assert done.returncode == 0, done.stderr.decode()
    code, heavy = done.stdout.decode().split()[0], done.stdout.decode().strip().partition(" ")[2]
    assert code == "0"
    assert heavy == "", f"{name} imported {heavy} while rendering"


COMPILES = """
import sys
from importlib import import_module
from importlib.machinery import SourceFileLoader

compiled = []
source_to_code = SourceFileLoader.source_to_code


def counting(self, data, path, *args, **kwargs):
    compiled.append(path)
    return source_to_code(self, data, path, *args, **kwargs)


SourceFileLoader.source_to_code = counting
function = import_module(sys.argv[1]).FUNCTION
text, code = function.process(sys.stdin.buffer.read())
print(code, ",".join(p for p in compiled if "/functions/" in p) or "-")
"""


@pytest.mark.parametrize("name", sorted(pipeline.MODULES))
def test_make_install_leaves_bytecode_so_no_start_compiles_the_project(name):
    """Functions run with PYTHONDONTWRITEBYTECODE (as in the images, and wherever the checkout is
    read-only): without bytecode written at install, every start would compile every module."""
    subprocess.run(["make", "-s", "bytecode"], cwd=kpt.ROOT, check=True, env=kpt.env())
    done = subprocess.run(
        [sys.executable, "-c", COMPILES, pipeline.MODULES[name]], input=stage_inputs()[name].encode(), capture_output=True,
        env={**kpt.env(), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr.decode()
    code, compiled = done.stdout.decode().split()
    assert code == "0"
    assert compiled == "-", f"{name} compiled at start: {compiled}"
