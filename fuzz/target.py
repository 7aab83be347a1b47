"""The shared body of the coverage-guided fuzz targets (atheris, libFuzzer's engine).

Each input is a function's whole stdin.  A run breaks the contract (and libFuzzer saves the
input as a crash) if the output is not one complete ResourceList with structured results,
if the exit code is not 0 or 1 or disagrees with the results, if a traceback appears, or
if the function failed unexpectedly (an exception the SDK caught for it).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.reliability (the seed corpus)

MODULES = {
    "intent-to-28312": "oran_intent_krm.intent_to_28312.main",
    "28312-to-pr": "oran_intent_krm.ts28312_to_pr.main",
    "pr-to-workloads": "oran_intent_krm.pr_to_workloads.main",
    "slo-gate-validator": "oran_intent_krm.slo_gate_validator.main",
}


def fuzz(name: str) -> None:
    import atheris

    with atheris.instrument_imports(include=["oran_intent_krm"]):
        function = importlib.import_module(MODULES[name]).FUNCTION
    from tests.reliability import contract

    def one_input(data: bytes) -> None:
        out, code = function.process(data)
        contract.check_against_input(data, out, code)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
