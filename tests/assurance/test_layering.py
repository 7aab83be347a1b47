"""The gate vocabulary has one home: the collector and the functions share it, and never import one another."""

from __future__ import annotations

import ast

import pytest

from tests.kpt import ROOT

SOURCE = ROOT / "functions"
PACKAGE = "oran_intent_krm"
FUNCTIONS = ("intent_to_28312", "ts28312_to_pr", "pr_to_workloads", "slo_gate_validator")


def _imported(folder: str) -> set[tuple[str, str]]:
    """(file, imported oran_intent_krm subpackage) for every import in a source folder."""
    found = set()
    for path in (SOURCE / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == PACKAGE and len(parts) > 1:
                    found.add((str(path.relative_to(SOURCE)), parts[1]))
    return found


def test_the_assurance_vocabulary_imports_only_the_sdk():
    assert {sub for _, sub in _imported("assurance")} <= {"sdk", "assurance"}


def test_the_collector_imports_no_function():
    assert sorted(f"{file} imports {sub}" for file, sub in _imported("collector") if sub in FUNCTIONS) == []


@pytest.mark.parametrize("function", FUNCTIONS)
def test_no_function_imports_another_function_or_the_collector(function):
    others = set(FUNCTIONS) - {function} | {"collector"}
    assert sorted(f"{file} imports {sub}" for file, sub in _imported(function) if sub in others) == []
