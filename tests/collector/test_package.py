"""Which gate is measured by which job, where its report goes, and the revision it names."""

from __future__ import annotations

import copy
import functools

import pytest
from oran_intent_krm.collector import package
from oran_intent_krm.collector.errors import CollectorError
from oran_intent_krm.sdk import ownership
from oran_intent_krm.slo_gate_validator.plan import plan_gates

from tests import kpt

PACKAGES = kpt.ROOT / "packages"
SAMPLE = PACKAGES / "intent-to-krm"
VALIDATOR_DEFAULTS = {"defaultEnforcement": "block", "defaultMinSamples": 1, "defaultFailureLimit": 0}


@functools.lru_cache(maxsize=None)
def _items(directory):
    return package.read_items(directory)


def _sample():
    return copy.deepcopy(_items(SAMPLE))


def _of_kind(items, kind):
    return [i for i in items if i["kind"] == kind]


def _problems(items, **kwargs):
    with pytest.raises(CollectorError) as caught:
        package.plan(items, **kwargs)
    return str(caught.value)


def test_the_sample_gate_is_paired_with_its_job_and_reported_under_measurements():
    (collection,) = package.plan(_sample())
    assert collection.name == collection.job_ref["name"] == "deploy-edge-ran-edge-cluster-us-west-1"
    assert collection.path == "measurements/intent-system/deploy-edge-ran-edge-cluster-us-west-1.yaml"
    assert (collection.window_seconds, collection.step_seconds, collection.periods) == (300, 30, 10)
    assert [m.name for m in collection.metrics] == ["latency_p95_ms", "success_rate", "throughput_p95_mbps"]
    assert collection.unmeasured == ()


def test_the_config_digest_is_the_one_the_validator_computes_for_the_rendered_package():
    (collection,) = package.plan(_sample())
    (gate_plan,), _ = plan_gates(_sample(), VALIDATOR_DEFAULTS)
    assert collection.config_digest == gate_plan.evaluation.rendered_digest


def test_the_config_digest_changes_when_a_guarded_workload_changes():
    items = _sample()
    before = package.plan(items)[0].config_digest
    deployment = next(i for i in _of_kind(items, "Deployment") if i["metadata"]["annotations"].get(ownership.SOURCE, "").endswith("/deploy-edge-ran-edge-cluster-us-west-1"))
    deployment["spec"]["replicas"] = 7
    assert package.plan(items)[0].config_digest != before


def test_each_subpackage_gets_its_report_and_its_own_revision():
    root = PACKAGES / "multi-site-edge"
    collections = package.plan(_items(root))
    for collection in collections:
        assert collection.path == f"{collection.package}/measurements/intent-system/{collection.name}.yaml"
        (gate_plan,), _ = plan_gates(_items(root / collection.package), VALIDATOR_DEFAULTS)
        assert collection.config_digest == gate_plan.evaluation.rendered_digest
    assert len({c.package for c in collections}) == len(collections) > 1


def test_a_namespaced_gate_is_reported_under_its_namespace():
    (collection,) = package.plan(_items(PACKAGES / "basic-cu"))
    assert collection.path == "measurements/intent-system/deploy-cu-edge-cluster-us-west-1.yaml"


def test_the_window_can_be_given_in_whole_evaluation_periods():
    (collection,) = package.plan(_sample(), window_override=600)
    assert (collection.window_seconds, collection.periods) == (600, 20)
    assert "is not a whole number of evaluationPeriods (30s)" in _problems(_sample(), window_override=95)


def test_a_gate_without_a_job_for_its_target_is_an_error():
    items = _sample()
    _of_kind(items, "MeasurementJob")[0]["spec"]["targetResources"][0]["resourceName"] = "someone-else"
    assert "no MeasurementJob in its package lists ProvisioningRequest deploy-edge-ran-edge-cluster-us-west-1" in _problems(items)


def test_two_jobs_for_one_target_are_an_error():
    items = _sample()
    twin = copy.deepcopy(_of_kind(items, "MeasurementJob")[0])
    twin["metadata"]["name"] = "twin"
    items.append(twin)
    assert "2 MeasurementJobs measure ProvisioningRequest deploy-edge-ran-edge-cluster-us-west-1 (deploy-edge-ran-edge-cluster-us-west-1, twin)" in _problems(items)


def test_an_unrendered_package_is_an_error_since_no_revision_can_be_named():
    items = [i for i in _sample() if i["metadata"].get("annotations", {}).get(ownership.SOURCE) != "o2ims.provisioning.oran.org/v1alpha1/ProvisioningRequest/deploy-edge-ran-edge-cluster-us-west-1"]
    assert "render the package first" in _problems(items)


def test_a_measurement_without_a_query_is_an_error_with_its_path():
    items = _sample()
    del _of_kind(items, "MeasurementJob")[0]["spec"]["measurements"][1]["query"]
    assert "spec.measurements[1].query must be a PromQL query" in _problems(items)


def test_a_gate_metric_the_job_does_not_measure_is_listed():
    items = _sample()
    measurements = _of_kind(items, "MeasurementJob")[0]["spec"]["measurements"]
    measurements[:] = [m for m in measurements if m["name"] != "success_rate"]
    (collection,) = package.plan(items)
    assert collection.unmeasured == ("success_rate",)


def test_a_file_of_another_kind_at_the_report_path_is_not_overwritten():
    items = _sample()
    squatter = copy.deepcopy(_of_kind(items, "MeasurementJob")[0])
    squatter["metadata"]["name"] = "squatter"
    squatter["spec"]["targetResources"] = []
    squatter["metadata"]["annotations"]["internal.config.kubernetes.io/path"] = "measurements/intent-system/deploy-edge-ran-edge-cluster-us-west-1.yaml"
    items.append(squatter)
    assert "holds a MeasurementJob, not a MeasurementReport" in _problems(items)


def test_an_unreadable_window_is_an_error_naming_the_field():
    items = _sample()
    _of_kind(items, "SLOGate")[0]["spec"]["evaluationPeriod"] = "soon"
    assert "spec.evaluationPeriod" in _problems(items)


def test_every_problem_is_reported_at_once():
    items = _sample()
    _of_kind(items, "SLOGate")[0]["spec"]["evaluationPeriod"] = "soon"
    second = copy.deepcopy(_of_kind(items, "SLOGate")[0])
    second["metadata"]["name"] = "second"
    second["spec"]["evaluationPeriod"] = "30s"
    second["spec"]["targetRef"]["name"] = "nobody"
    items.append(second)
    lines = _problems(items).splitlines()
    assert len(lines) == 2
    assert any("SLOGate second" in line and "nobody" in line for line in lines)


def test_a_gate_without_target_ref_is_about_its_packages_only_request():
    items = _sample()
    del _of_kind(items, "SLOGate")[0]["spec"]["targetRef"]
    (collection,) = package.plan(items)
    assert collection.target_ref["name"] == "deploy-edge-ran-edge-cluster-us-west-1"
    (gate_plan,), _ = plan_gates(items, VALIDATOR_DEFAULTS)
    assert collection.config_digest == gate_plan.evaluation.rendered_digest  # the revision the validator judges


def test_a_gate_without_target_ref_among_two_requests_is_an_error_naming_the_target_ref_to_add():
    items = _sample()
    del _of_kind(items, "SLOGate")[0]["spec"]["targetRef"]
    other = copy.deepcopy(_of_kind(items, "ProvisioningRequest")[0])
    other["metadata"]["name"] = "other-edge"
    items.append(other)
    problems = _problems(items)
    assert "spec.targetRef is missing" in problems and "name: <one of: deploy-edge-ran-edge-cluster-us-west-1, other-edge>" in problems
