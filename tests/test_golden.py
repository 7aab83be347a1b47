"""Every golden example renders with the real kpt as its `.expected/` folder says, twice."""

from __future__ import annotations

import pytest

from tests import golden

EXAMPLES = golden.examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_renders_as_expected(example, tmp_path):
    first, second = golden.run_example(example, tmp_path)
    if golden.UPDATE:
        golden.write_expected(example, first)
    assert first.exit_code == golden.expected_exit_code(example), first.stderr
    assert first.diff == golden.read_expected(example, "diff.patch")
    assert first.results == golden.read_expected(example, "results.yaml")
    # Rendering the rendered package again changes nothing.
    assert second.diff == first.diff
    assert second.exit_code == first.exit_code


def test_every_function_has_golden_examples():
    functions = {e.parent.parent.name for e in EXAMPLES}
    expected = {"intent_to_28312", "ts28312_to_pr", "pr_to_workloads", "slo_gate_validator"}
    assert expected <= functions
