"""The SVG chart of the sample gate stays as it is: golden files in tests/gateway/ui/golden/.

The sample gate is the SLOGate of `packages/intent-to-krm`.  It is drawn as committed (no
measurements yet: its thresholds alone) and as each of slo-gate-validator's golden examples renders
it with their MeasurementReports (passed, failed with enforcement warn, within a failure limit,
inconclusive on missing data, judged against a baseline, rolled back, of a stale revision; an
example whose render fails writes nothing, so it has no chart).  An example's rendered package is the example with its `.expected/diff.patch`
applied, the diff tests/test_golden.py checks against a real kpt render.

`make golden` (GOLDEN_UPDATE=1) rewrites the golden files; review their diff like any golden's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from oran_intent_krm.gateway.ui import chart, evidence

from tests import golden, kpt

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
# Examples whose render fails (a blocking gate that fails) change nothing, so there is nothing to draw.
EXAMPLES = [e for e in golden.examples() if e.parent.name == "examples" and e.parent.parent.name == "slo_gate_validator" and golden.expected_exit_code(e) == 0]
CASES = {"intent-to-krm": None, **{e.name: e for e in EXAMPLES}}


def rendered(example: Path, workdir: Path) -> Path:
    """The example as its render leaves it: a copy with the golden diff applied."""
    package = kpt.fresh_copy(example, workdir / example.name)
    kpt.git(package, "apply", "--whitespace=nowarn", str(example / ".expected" / "diff.patch"))
    return package


def resources(package: Path) -> list[dict]:
    found = []
    for path in sorted(package.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(package).parts and (path.suffix in (".yaml", ".yml") or path.name == "Kptfile"):
            found += [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict)]
    return found


def drawn(package: Path) -> str:
    items = resources(package)
    reports = [i for i in items if i.get("kind") == "MeasurementReport"]
    requests = [i for i in items if i.get("kind") == "ProvisioningRequest"]
    [gate] = [i for i in items if i.get("kind") == "SLOGate"]
    return chart.svg(evidence.gate_chart(gate, reports, requests))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_sample_gates_chart_is_as_golden(case, tmp_path):
    source = CASES[case]
    package = SAMPLE if source is None else rendered(source, tmp_path)
    svg = drawn(package)
    expected = GOLDEN / f"{case}.svg"
    if golden.UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        expected.write_text(svg)
    assert expected.exists(), f"no golden chart {expected.name}: run make golden"
    assert svg == expected.read_text()


def test_every_golden_chart_has_a_case():
    assert sorted(p.stem for p in GOLDEN.glob("*.svg")) == sorted(CASES)


def test_the_examples_cover_each_verdict(tmp_path):
    """The golden charts show a passed, a failed and an inconclusive gate, and one with no data."""
    phases = set()
    for name, source in CASES.items():
        if source is not None:
            items = resources(rendered(source, tmp_path / name))
            phases |= {i["status"]["phase"] for i in items if i.get("kind") == "SLOGate"}
    assert {"Passed", "Failed", "Inconclusive"} <= phases
    assert "No MeasurementReport has come yet" in drawn(SAMPLE)


def test_a_gate_with_a_verdict_on_evidence_has_its_evidence_drawn(tmp_path):
    """A Passed or Failed gate judged measurements: its chart may never say that none have come."""
    for name, source in CASES.items():
        if source is None:
            continue
        items = resources(rendered(source, tmp_path / name))
        reports = [i for i in items if i.get("kind") == "MeasurementReport"]
        requests = [i for i in items if i.get("kind") == "ProvisioningRequest"]
        for gate in (i for i in items if i.get("kind") == "SLOGate"):
            data = evidence.gate_chart(gate, reports, requests)
            if gate["status"]["phase"] in ("Passed", "Failed"):
                assert data.judged and data.has_data, name


def test_drawing_twice_gives_the_same_bytes(tmp_path):
    package = rendered(CASES["slo-gate-validator-failure-limit"], tmp_path)
    assert drawn(package) == drawn(package)
    shutil.rmtree(package)
