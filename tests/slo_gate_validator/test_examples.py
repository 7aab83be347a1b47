"""The golden examples' inputs are what example_packages builds, with valid provenance and evidence."""

from pathlib import Path

import pytest
import yaml
from oran_intent_krm.models.measurement import MeasurementReport, SLOGateRecord
from oran_intent_krm.sdk import ownership

from tests import kpt
from tests.slo_gate_validator import example_packages

NAMES = sorted(example_packages.ALL)


def _inputs(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_text()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and ".expected" not in p.parts and p.name != "README.md"
    }


@pytest.mark.parametrize("name", NAMES)
def test_example_inputs_are_the_generated_ones(name):
    assert _inputs(example_packages.EXAMPLES / name) == example_packages.files(example_packages.ALL[name]())


@pytest.mark.parametrize("name", NAMES)
def test_example_inputs_have_valid_provenance_and_evidence(name):
    for item in example_packages.ALL[name]():
        notes = (item.get("metadata") or {}).get("annotations") or {}
        if ownership.DIGEST in notes:
            assert notes[ownership.DIGEST] == ownership.content_digest(item), item["metadata"]["name"]
        if item["kind"] == "MeasurementReport":
            MeasurementReport.model_validate(yaml.safe_load(yaml.safe_dump(item)))
        if item["kind"] == "SLOGateRecord":
            SLOGateRecord.model_validate(item)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_is_documented_and_has_an_expected_outcome(name):
    directory = example_packages.EXAMPLES / name
    assert (directory / "README.md").is_file()
    assert (directory / ".expected" / "config.yaml").is_file()


def test_a_rollback_restores_the_files_of_the_passed_revision_byte_for_byte(tmp_path):
    package = kpt.fresh_copy(example_packages.EXAMPLES / "slo-gate-validator-rollback", tmp_path / "pkg")
    before = kpt.tree_digest(package)
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    after = kpt.tree_digest(package)
    passed = example_packages.passed_workload_files()
    for path, text in passed.items():
        assert after[path] == text.encode(), path
    assert any(before[path] != text.encode() for path, text in passed.items())  # something was restored
