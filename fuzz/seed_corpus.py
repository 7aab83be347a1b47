"""Write each function's golden inputs (as kpt hands them over) into DIR/<module>/, one file
each, as the fuzzers' starting corpus: `python fuzz/seed_corpus.py DIR`."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from target import ROOT  # noqa: F401  (puts the project on sys.path)

from tests.reliability import seeds

MODULE_DIRS = {
    "intent-to-28312": "intent_to_28312",
    "28312-to-pr": "ts28312_to_pr",
    "pr-to-workloads": "pr_to_workloads",
    "slo-gate-validator": "slo_gate_validator",
}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write(__doc__ + "\n")
        return 2
    for name, texts in seeds.seed_texts().items():
        folder = Path(argv[0]) / MODULE_DIRS[name]
        folder.mkdir(parents=True, exist_ok=True)
        for text in texts:
            data = text.encode()
            (folder / f"seed-{hashlib.sha256(data).hexdigest()[:16]}").write_bytes(data)
        print(f"{folder}: {len(texts)} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
