"""Golden examples: every `examples/<fn>-<variant>/` package with an `.expected/` folder.

`.expected/config.yaml` gives the expected `exitCode` (default 0); `diff.patch` is the
`git diff` a render makes to the package; `results.yaml` is kpt's `--results-dir`
output.  `make golden` (GOLDEN_UPDATE=1) rewrites diff.patch and results.yaml.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests import kpt

UPDATE = os.environ.get("GOLDEN_UPDATE") == "1"


def examples() -> list[Path]:
    found = kpt.ROOT.glob("functions/*/examples/*/.expected")
    return sorted(p.parent for p in found)


@dataclass
class Outcome:
    exit_code: int
    diff: str
    results: str
    stderr: str


def run_example(example: Path, workdir: Path) -> tuple[Outcome, Outcome]:
    """Render a fresh copy twice, as kpt's e2e runner does; the second run shows idempotency."""
    package = kpt.fresh_copy(example, workdir / example.name)
    outcomes = []
    for attempt in (1, 2):
        results_dir = workdir / f"results-{attempt}"
        results_dir.mkdir()
        run = kpt.render(package, "--results-dir", str(results_dir))
        results_file = results_dir / "results.yaml"
        results = normalise_results(results_file.read_text()) if results_file.exists() else ""
        outcomes.append(Outcome(run.exit_code, kpt.diff(package), results, run.stderr))
    return outcomes[0], outcomes[1]


def normalise_results(text: str) -> str:
    """kpt's results with what varies between machines removed (timings in stderr)."""
    data = yaml.safe_load(text) or {}
    for item in data.get("items") or []:
        item.pop("stderr", None)
    return yaml.safe_dump(data, sort_keys=False, width=4096, allow_unicode=True)


def expected_exit_code(example: Path) -> int:
    config = example / ".expected" / "config.yaml"
    data = yaml.safe_load(config.read_text()) if config.exists() else None
    return int((data or {}).get("exitCode", 0))


def write_expected(example: Path, outcome: Outcome) -> None:
    expected = example / ".expected"
    _write_or_remove(expected / "diff.patch", outcome.diff)
    _write_or_remove(expected / "results.yaml", outcome.results)


def _write_or_remove(path: Path, text: str) -> None:
    if text:
        path.write_text(text)
    elif path.exists():
        path.unlink()


def read_expected(example: Path, name: str) -> str:
    path = example / ".expected" / name
    return path.read_text() if path.exists() else ""
