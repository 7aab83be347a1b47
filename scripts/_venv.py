"""For the scripts in this folder: run under the project's virtual environment, found by itself.

`make install` creates `.venv/` in the checkout.  A script started by another
interpreter (`scripts/render` with the system python3, the venv not activated)
re-executes itself with `.venv/bin/python`, so the project's modules and its
console scripts are there without `. .venv/bin/activate`.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def require_project(script: str) -> None:
    """Return if `oran_intent_krm` can be imported here; otherwise switch to the venv or explain what to do."""
    if importlib.util.find_spec("oran_intent_krm") is not None:
        return
    if VENV_PYTHON.is_file() and Path(sys.executable) != VENV_PYTHON:
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), script, *sys.argv[1:]])
    sys.exit(f"{Path(script).name}: the project is not installed for {sys.executable}: run `make install` in {ROOT}")
