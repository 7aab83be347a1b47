"""What the function writes and reads is valid against its published models."""

import pytest
from oran_intent_krm.models import measurement as models

from tests.slo_gate_validator import builders as b


def test_reports_as_the_tests_write_them_are_valid_measurement_reports():
    models.MeasurementReport.model_validate(b.find(b.package(), "MeasurementReport"))


@pytest.mark.parametrize("values", [{}, {"latency_p95_ms": 12}])
def test_status_record_and_intent_report_are_valid(values):
    items, _, _ = b.run(b.package(values, gate_spec={"enforcement": "warn"}))
    models.SLOGateEvaluationStatus.model_validate(b.find(items, "SLOGate")["status"])
    models.IntentReport.model_validate(b.find(items, "IntentReport"))
    if not values:
        models.SLOGateRecord.model_validate(b.find(items, "SLOGateRecord"))


def test_policy_extension_defaults_are_the_ones_the_validator_applies():
    from oran_intent_krm.assurance.gate import DEFAULT_TOTAL_SCORE, read_gate

    policy = read_gate(b.gate(), {})
    gate_defaults = models.GatePolicyExtensions()
    target_defaults = models.SLOTargetPolicyExtensions()
    assert (gate_defaults.totalScore.pass_, gate_defaults.totalScore.warning) == (DEFAULT_TOTAL_SCORE["pass"], DEFAULT_TOTAL_SCORE["warning"])
    assert (policy.total_score_pass, policy.total_score_warning) == (90, 75)
    target = policy.targets[0]
    assert (target.weight, target.key, target.warning_threshold, target.max_regression) == (
        target_defaults.weight,
        target_defaults.keyTarget,
        target_defaults.warningThreshold,
        target_defaults.maxRegression,
    )


def test_the_config_schema_is_generated_from_the_model():
    import json

    from oran_intent_krm.slo_gate_validator.config import SCHEMA_FILE, Config

    assert json.loads(SCHEMA_FILE.read_text()) == Config.model_json_schema(by_alias=True)
