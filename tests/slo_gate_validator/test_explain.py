"""`slo-gate-validator explain`: the manual SLO evaluation of the guide's troubleshooting section."""

import json

import yaml
from oran_intent_krm.assurance.revision import config_digest
from oran_intent_krm.slo_gate_validator.main import FUNCTION

from tests.slo_gate_validator import example_packages


def _package(tmp_path, name):
    for path, text in example_packages.files(example_packages.ALL[name]()).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return str(tmp_path)


def _explain(capsys, *args):
    code = FUNCTION.main(["explain", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_table_shows_each_target_against_its_threshold(tmp_path, capsys):
    code, out, _ = _explain(capsys, _package(tmp_path, "slo-gate-validator-fail-block"))
    assert code == 0
    assert "SLOGate deploy-edge-ran-edge-cluster-us-west-1: Failed (KeyTargetFailed)" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("latency_p95_ms "))
    assert row.split()[:6] == ["latency_p95_ms", "<", "10", "ms", "13.1", "ms"]
    assert "Breached" in row
    assert "13.1 ms breaches < 10 ms in 3 of 10 usable periods" in out
    assert "window 2025-06-01T10:00:00Z .. 2025-06-01T10:05:00Z (5m = 10 periods of 30s)" in out


def test_it_says_why_a_gate_is_inconclusive(tmp_path, capsys):
    _, out, _ = _explain(capsys, _package(tmp_path, "slo-gate-validator-missing-data"))
    assert "Inconclusive (TargetsInconclusive)" in out
    assert "NaN (no observations)" in out
    assert "7 of 10 evaluation periods in the window have data" in out
    assert "the report has no metric throughput_p95_mbps" in out


def test_verbose_lists_every_period(tmp_path, capsys):
    _, out, _ = _explain(capsys, _package(tmp_path, "slo-gate-validator-missing-data"), "--verbose")
    assert "latency_p95_ms periods (end, value, samples):" in out
    assert "2025-06-01T10:02:00Z         nan         0  NaN (no observations)" in out


def test_json_output_carries_the_rendered_revision_a_collector_stamps(tmp_path, capsys):
    items = example_packages.ALL["slo-gate-validator-pass"]()
    code, out, _ = _explain(capsys, _package(tmp_path, "slo-gate-validator-pass"), "-o", "json")
    gate = json.loads(out)["gates"][0]
    workloads = [i for i in items if i["kind"] in ("Namespace", "Deployment")]
    assert (code, gate["phase"], gate["revision"]["rendered"]) == (0, "Passed", config_digest(workloads))


def test_yaml_output_and_gate_selection(tmp_path, capsys):
    _, out, _ = _explain(capsys, _package(tmp_path, "slo-gate-validator-rollback"), "-o", "yaml", "--gate", example_packages.PR)
    gate = yaml.safe_load(out)["gates"][0]
    assert gate["phase"] == "Failed"
    assert gate["rollback"].startswith("restores the 3 guarded workload(s) of revision sha256:")


def test_it_applies_the_config_the_kptfile_gives(tmp_path, capsys):
    _, out, _ = _explain(capsys, _package(tmp_path, "slo-gate-validator-missing-data"), "-o", "json")
    targets = json.loads(out)["gates"][0]["targets"]
    assert [t["minSamples"] for t in targets] == [1000, 1000, 1000]  # the Kptfile's configMap: defaultMinSamples "1000"


def test_an_unknown_gate_or_package_is_an_error(tmp_path, capsys):
    code, _, err = _explain(capsys, _package(tmp_path, "slo-gate-validator-pass"), "--gate", "nope")
    assert code == 1 and "no SLOGate named nope" in err
    code, _, err = _explain(capsys, str(tmp_path / "missing"))
    assert code == 1 and "is not a directory" in err


def test_explain_changes_nothing(tmp_path, capsys):
    root = _package(tmp_path, "slo-gate-validator-rollback")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    _explain(capsys, root)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
