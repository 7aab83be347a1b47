"""What a render imports: never pydantic (the models' JSON Schemas stand in for them), for every function."""

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
heavy = sorted(m for m in ("pydantic", "pydantic_core", "jsonschema", "yaml") if m in sys.modules)
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
