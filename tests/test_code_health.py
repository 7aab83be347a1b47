"""Code a maintainer can trust: nothing unreferenced, and one name for one type within a function."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "functions"
SCRIPTS = sorted(str(p) for p in (ROOT / "scripts").iterdir() if p.is_file() and p.read_text(errors="replace").startswith("#!/usr/bin/env python"))
# Used where vulture cannot see: ruamel.yaml's settings (read by ruamel), an urllib hook and the
# parameters its signature has (functions/collector/prometheus.py), a ruamel multi-constructor's.
USED_ELSEWHERE = ("Constructor", "preserve_quotes", "allow_duplicate_keys", "redirect_request", "fp", "headers", "msg", "constructor")


CALLED_BY_PYDANTIC = ("@model_validator", "@field_validator", "@model_serializer", "@field_serializer")
# The gateway's routes and exception handlers, called by FastAPI.
CALLED_BY_FASTAPI = ("@router.get", "@router.post", "@router.patch", "@router.delete", "@app.exception_handler")


def is_pydantic_field(report: str) -> bool:
    """Fields of the pydantic models (the models and each function's config) are read by pydantic."""
    path = report.split(":", 1)[0]
    return "unused variable" in report and (path.startswith("functions/models/") or path.endswith("/config.py"))
FUNCTIONS = sorted(p.name for p in SOURCE.iterdir() if (p / "main.py").exists())


def test_no_code_is_left_unreferenced():
    """vulture over the source, with the scripts, bench and tests as its users."""
    done = subprocess.run(
        [sys.executable, "-m", "vulture", "functions", *SCRIPTS, "bench", "tests", "--min-confidence", "60",
         "--ignore-names", ",".join(USED_ELSEWHERE), "--ignore-decorators", ",".join(CALLED_BY_PYDANTIC + CALLED_BY_FASTAPI)],
        capture_output=True, text=True, cwd=ROOT,
    )
    unused = [line for line in done.stdout.splitlines() if line.startswith(("functions/", "scripts/")) and not is_pydantic_field(line)]
    assert unused == [], "\n".join(unused)


def class_names(package: Path) -> list[tuple[str, str]]:
    return [(node.name, str(path.relative_to(ROOT)))
            for path in sorted(package.rglob("*.py"))
            for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.ClassDef)]


@pytest.mark.parametrize("package", [*FUNCTIONS, "sdk", "assurance"])
def test_within_a_package_one_class_name_is_one_type(package):
    """A configuration model and the checked value built from it are different types: they get different names."""
    seen: dict[str, list[str]] = {}
    for name, path in class_names(SOURCE / package):
        seen.setdefault(name, []).append(path)
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
