"""What is generated from the models is committed up to date."""

from __future__ import annotations

import subprocess
import sys

from tests.kpt import ROOT


def test_schemas_and_reference_tables_are_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_is_lint_clean():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "functions", "tests", "bench"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
