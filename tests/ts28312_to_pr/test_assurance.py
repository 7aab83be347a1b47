"""ENSURE targets become one SLOGate and one MeasurementJob per ProvisioningRequest."""

import pytest

from tests.ts28312_to_pr.builders import config, deliver, ensure, guide_package, intent, run, site, target

CLUSTER = "edge-cluster-us-west-1"
TARGET_PATH = "spec.intentExpectations[1].expectationTargets[0]"


def plan_for(targets, cfg=None, clusters=(CLUSTER,)):
    items = [intent("ran", [deliver(["o-ran-du"], list(clusters)), ensure(list(targets))])]
    for index, name in enumerate(clusters):
        items += site(name, index)
    return run(items, cfg)


def slo_targets(result):
    assert result.exit_code == 0, result.errors()
    return [(t["metric"], t["operator"], t["threshold"]) for t in result.one("SLOGate")["spec"]["sloTargets"]]


def test_the_guide_gate_has_the_guides_three_targets_with_the_intents_operators():
    result = run(guide_package())
    gate = result.one("SLOGate")
    assert gate["metadata"]["name"] == "deploy-edge-ran-edge-cluster-us-west-1"
    assert gate["spec"]["sloTargets"] == [
        {"metric": "latency_p95_ms", "threshold": 10, "operator": "<", "unit": "ms",
         "intentTarget": {"expectationId": "deploy-edge-ran-2", "targetName": "DlLatency"}},
        {"metric": "success_rate", "threshold": 0.995, "operator": ">=", "unit": "ratio"},
        {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">", "unit": "Mbps",
         "intentTarget": {"expectationId": "deploy-edge-ran-2", "targetName": "DlThptPerUE"}},
    ]
    assert gate["spec"]["measurementWindow"] == "5m" and gate["spec"]["evaluationPeriod"] == "30s"
    assert gate["spec"]["targetRef"] == {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest",
                                         "name": "deploy-edge-ran-edge-cluster-us-west-1"}
    assert gate["spec"]["intentRef"] == {"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "Intent", "name": "deploy-edge-ran"}
    assert gate["spec"]["enforcement"] == "block" and gate["spec"]["onFailure"] == "none"


def test_the_guide_measurement_job_carries_the_o2ims_performance_api_names():
    job = run(guide_package()).one("MeasurementJob")
    spec = job["spec"]
    assert spec["targetResources"] == [{"resourceType": "ProvisioningRequest", "resourceName": "deploy-edge-ran-edge-cluster-us-west-1"}]
    assert [(m["name"], m["unit"]) for m in spec["measurements"]] == [
        ("latency_p95_ms", "ms"), ("success_rate", "ratio"), ("throughput_p95_mbps", "Mbps"),
    ]
    assert all('cluster="edge-cluster-us-west-1"' in m["query"] and "[5m" in m["query"] for m in spec["measurements"])
    assert spec["schedule"] == "*/30 * * * * *"
    request = spec["o2imsJobRequest"]
    assert request["consumerPerformanceJobId"] == "deploy-edge-ran-edge-cluster-us-west-1"
    assert request["collectionInterval"] == 30
    assert request["resourceScopeCriteria"] == {"clusterName": CLUSTER, "provisioningRequestName": "deploy-edge-ran-edge-cluster-us-west-1"}
    assert request["measurementSelectionCriteria"] == [
        {"measurementName": "latency_p95_ms"}, {"measurementName": "success_rate"}, {"measurementName": "throughput_p95_mbps"},
    ]
    assert job["metadata"]["annotations"]["internal.config.kubernetes.io/path"] == (
        "generated/management/assurance/deploy-edge-ran-edge-cluster-us-west-1.measurementjob.yaml"
    )


def test_an_intent_without_targets_gets_no_assurance_plan():
    result = run([intent("ran", [deliver(["o-ran-du"], CLUSTER)]), *site(CLUSTER, 0)])
    assert len(result.kind("ProvisioningRequest")) == 1
    assert result.kind("SLOGate") == [] and result.kind("MeasurementJob") == []


def test_each_cluster_gets_its_own_gate_and_job():
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], clusters=(CLUSTER, "edge-cluster-eu-west-1"))
    gates = sorted(g["spec"]["targetRef"]["name"] for g in result.kind("SLOGate"))
    assert gates == ["ran-edge-cluster-eu-west-1", "ran-edge-cluster-us-west-1"]
    queries = {j["metadata"]["name"]: j["spec"]["measurements"][0]["query"] for j in result.kind("MeasurementJob")}
    assert 'cluster="edge-cluster-eu-west-1"' in queries["ran-edge-cluster-eu-west-1"]


@pytest.mark.parametrize(
    "condition, value, expected",
    [
        ("IS_LESS_THAN", 10, [("latency_p95_ms", "<", 10)]),
        ("IS_EQUAL_TO_OR_LESS_THAN", 10, [("latency_p95_ms", "<=", 10)]),
        ("IS_GREATER_THAN", 2, [("latency_p95_ms", ">", 2)]),
        ("IS_EQUAL_TO_OR_GREATER_THAN", 2, [("latency_p95_ms", ">=", 2)]),
        ("IS_EQUAL_TO", 4, [("latency_p95_ms", "==", 4)]),
        ("IS_WITHIN_RANGE", [2, 8], [("latency_p95_ms", "<=", 8), ("latency_p95_ms", ">=", 2)]),
        ("IS_NOT_ONE_OF", [3, 4], [("latency_p95_ms", "!=", 3), ("latency_p95_ms", "!=", 4)]),
        ("IS_ONE_OF", [6], [("latency_p95_ms", "==", 6)]),
    ],
)
def test_operators_mirror_the_intents_condition(condition, value, expected):
    found = slo_targets(plan_for([target("DlLatency", condition, value, "ms")]))
    assert [t for t in found if t[0] == "latency_p95_ms"] == expected


@pytest.mark.parametrize(
    "condition, value", [("IS_OUTSIDE_RANGE", [1, 2]), ("IS_ALL_OF", [1]), ("IS_ONE_OF", [1, 2])]
)
def test_conditions_that_are_not_a_conjunction_of_thresholds_are_errors(condition, value):
    result = plan_for([target("DlLatency", condition, value, "ms")])
    assert result.error_paths() == [("ran", f"{TARGET_PATH}.targetCondition")]
    assert result.kind("ProvisioningRequest") == []


def test_a_condition_outside_ts_28312_is_an_error():
    result = plan_for([target("DlLatency", "LESS", 10, "ms")])
    assert result.error_paths() == [("ran", f"{TARGET_PATH}.targetCondition")]


@pytest.mark.parametrize("value", ["fast", None, [1, 2, 3], {"a": 1}, True])
def test_target_values_must_be_numbers(value):
    condition = "IS_WITHIN_RANGE" if isinstance(value, list) else "IS_LESS_THAN"
    result = plan_for([target("DlLatency", condition, value, "ms")])
    assert result.exit_code == 1
    assert result.error_paths()[0][1].startswith(f"{TARGET_PATH}.targetValueRange")


def test_a_reversed_range_is_an_error():
    result = plan_for([target("DlLatency", "IS_WITHIN_RANGE", [8, 2], "ms")])
    assert result.error_paths() == [("ran", f"{TARGET_PATH}.targetValueRange")]


def test_numeric_text_is_read_as_a_number():
    assert slo_targets(plan_for([target("DlLatency", "IS_LESS_THAN", "7.5", "ms")]))[0] == ("latency_p95_ms", "<", 7.5)


def test_thresholds_are_converted_to_the_metrics_unit():
    found = slo_targets(plan_for([
        target("DlLatency", "IS_LESS_THAN", 0.02, "s"),
        target("DlThptPerUE", "IS_GREATER_THAN", 2, "Gbps"),
        target("reliability", "IS_GREATER_THAN", 99.9, "%"),
    ]))
    assert found == [("latency_p95_ms", "<", 20), ("success_rate", ">", 0.999), ("throughput_p95_mbps", ">", 2000)]


def test_the_guides_lower_case_mbps_is_understood():
    assert slo_targets(plan_for([target("throughput", "IS_GREATER_THAN", 100, "mbps")]))[-1] == ("throughput_p95_mbps", ">", 100)


@pytest.mark.parametrize("unit, threshold", [("MBps", 800), ("MB/s", 800), ("Mbps", 100), ("Mbit/s", 100), ("kBps", 0.8)])
def test_bytes_per_second_are_eight_bits_each_never_lowercased_into_bits(unit, threshold):
    assert slo_targets(plan_for([target("throughput", "IS_GREATER_THAN", 100, unit)]))[-1] == ("throughput_p95_mbps", ">", threshold)


@pytest.mark.parametrize("unit, threshold", [("μs", 0.5), ("µs", 0.5), ("us", 0.5), ("Percent", None)])
def test_the_aliases_of_the_one_unit_table_are_understood(unit, threshold):
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 500, unit)])
    if threshold is None:
        assert result.error_paths() == [("ran", f"{TARGET_PATH}.targetContexts")]
    else:
        assert slo_targets(result)[0] == ("latency_p95_ms", "<", threshold)


def test_a_target_without_unit_is_in_the_canonical_unit():
    assert slo_targets(plan_for([target("DlLatency", "IS_LESS_THAN", 3)]))[0] == ("latency_p95_ms", "<", 3)


@pytest.mark.parametrize("unit", ["furlongs", "%"])
def test_units_that_do_not_fit_the_metric_are_errors(unit):
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 3, unit)])
    assert result.error_paths() == [("ran", f"{TARGET_PATH}.targetContexts")]


def test_a_target_no_metric_measures_is_an_error():
    result = plan_for([target("jitter", "IS_LESS_THAN", 3, "ms")])
    assert result.error_paths() == [("ran", f"{TARGET_PATH}.targetName")]
    assert "metrics.<metric>.targetNames" in result.errors()[0]["message"]


def test_a_user_metric_can_measure_it():
    cfg = config(metrics={"jitter_p95_ms": {"unit": "ms", "targetNames": ["jitter"],
                                            "query": 'max(jitter_ms{cluster="${cluster}"})'}})
    result = plan_for([target("jitter", "IS_LESS_THAN", 3, "ms")], cfg)
    assert ("jitter_p95_ms", "<", 3) in slo_targets(result)
    queries = {m["name"]: m["query"] for m in result.one("MeasurementJob")["spec"]["measurements"]}
    assert queries["jitter_p95_ms"] == 'max(jitter_ms{cluster="edge-cluster-us-west-1"})'


def test_target_names_match_case_insensitively_exact_names_before_globs():
    cfg = config(metrics={"ul_latency_ms": {"unit": "ms", "targetNames": ["ullatency"], "query": "max(ul_latency_ms)"}})
    found = slo_targets(plan_for([target("UlLatency", "IS_LESS_THAN", 3, "ms"), target("e2eLatency", "IS_LESS_THAN", 9, "ms")], cfg))
    assert ("ul_latency_ms", "<", 3) in found and ("latency_p95_ms", "<", 9) in found


def test_a_specialised_throughput_target_bounds_the_guaranteed_throughput():
    found = slo_targets(plan_for([target("DlThptPerUE", "IS_GREATER_THAN", {"guaThpt": 300, "maxThpt": 900}, "Mbps")]))
    assert ("throughput_p95_mbps", ">", 300) in found


def test_default_objectives_are_added_unless_the_intent_targets_the_metric():
    found = slo_targets(plan_for([target("reliability", "IS_EQUAL_TO_OR_GREATER_THAN", 0.99999, "ratio")]))
    assert found == [("success_rate", ">=", 0.99999)]


def test_default_objectives_are_configurable():
    cfg = config(defaultObjectives=[{"metric": "availability_ratio", "operator": ">=", "threshold": 0.999}])
    found = slo_targets(plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], cfg))
    assert found == [("availability_ratio", ">=", 0.999), ("latency_p95_ms", "<", 5)]
    assert slo_targets(plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], config(defaultObjectives=[]))) == [
        ("latency_p95_ms", "<", 5)
    ]


def test_a_default_objective_on_an_unknown_metric_is_a_config_error():
    result = plan_for([], config(defaultObjectives=[{"metric": "nope", "operator": ">=", "threshold": 1}]))
    assert result.error_paths() == [("plan", "defaultObjectives[0].metric")]


def test_queries_are_overridable_and_windows_configurable():
    cfg = config(metrics={"latency_p95_ms": {"query": 'max(latency_ms{cluster="${cluster}", pr="${provisioningRequest}"}) or vector(0)'}},
                 measurementWindow="10m", evaluationPeriod="1m", schedule="0 * * * * *", collectionInterval=60,
                 enforcement="warn", onFailure="rollback")
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], cfg)
    gate, job = result.one("SLOGate")["spec"], result.one("MeasurementJob")["spec"]
    assert (gate["measurementWindow"], gate["evaluationPeriod"], gate["enforcement"], gate["onFailure"]) == ("10m", "1m", "warn", "rollback")
    queries = {m["name"]: m["query"] for m in job["measurements"]}
    assert queries["latency_p95_ms"] == 'max(latency_ms{cluster="edge-cluster-us-west-1", pr="ran-edge-cluster-us-west-1"}) or vector(0)'
    assert "[10m]" in queries["success_rate"]
    assert job["schedule"] == "0 * * * * *" and job["o2imsJobRequest"]["collectionInterval"] == 60


@pytest.mark.parametrize(
    "query, reason",
    [
        ("sum(rate(x[5m])", "not valid PromQL"),
        ("rate(x[${window}]) +", "not valid PromQL"),
        ("x[5m]", "range vector"),
        ('"text"', "string"),
        ("rate(x[${interval}])", "unknown placeholder"),
    ],
)
def test_a_query_that_does_not_parse_is_an_error(query, reason):
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], config(metrics={"latency_p95_ms": {"query": query}}))
    assert result.exit_code == 1
    assert result.error_paths() == [("plan", "metrics.latency_p95_ms.query")]
    assert reason in result.errors()[0]["message"]
    assert result.kind("SLOGate") == [] and result.kind("ProvisioningRequest") == []


@pytest.mark.parametrize(
    "window, period, path, message",
    [
        ("0s", "30s", "measurementWindow", "must match"),  # the schema's pattern refuses what promql-parser refuses
        ("5m", "0m", "evaluationPeriod", "must match"),
        ("1m1m", "30s", "measurementWindow", "must match"),
        ("5m", "4294967296s", "evaluationPeriod", "too long"),  # a pattern cannot bound a number: the function does
        ("1m", "5m", "evaluationPeriod", "longer than measurementWindow"),
    ],
)
def test_the_gate_window_and_period_are_positive_durations_promql_accepts(window, period, path, message):
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], config(measurementWindow=window, evaluationPeriod=period))
    assert result.exit_code == 1
    assert ("plan", path) in result.error_paths()
    assert any(message in e["message"] for e in result.errors())


def test_a_year_long_window_is_a_duration_promql_accepts():
    result = plan_for([target("DlLatency", "IS_LESS_THAN", 5, "ms")], config(measurementWindow="1y", evaluationPeriod="1d"))
    assert result.exit_code == 0 and result.one("SLOGate")["spec"]["measurementWindow"] == "1y"


def test_a_new_metric_needs_a_unit_and_a_query():
    result = plan_for([], config(metrics={"jitter": {"targetNames": ["jitter"]}}))
    assert result.error_paths() == [("plan", "metrics.jitter")]


def test_targets_on_another_object_instance_do_not_apply():
    items = [intent("ran", [deliver(["o-ran-du"], CLUSTER), ensure([target("DlLatency", "IS_LESS_THAN", 5, "ms")], instance="SubNetwork=other")]),
             *site(CLUSTER, 0)]
    result = run(items)
    assert result.exit_code == 0 and result.kind("SLOGate") == []
    assert [r["field"]["path"] for r in result.results if r["severity"] == "warning"] == [TARGET_PATH]


def test_targets_apply_only_to_the_deliveries_of_their_object_instance():
    items = [
        intent("ran", [
            deliver(["o-ran-du"], CLUSTER, eid="a", instance="SubNetwork=a"),
            deliver(["o-ran-du"], "edge-cluster-eu-west-1", eid="b", instance="SubNetwork=b"),
            ensure([target("DlLatency", "IS_LESS_THAN", 5, "ms")], instance="SubNetwork=a"),
        ]),
        *site(CLUSTER, 0), *site("edge-cluster-eu-west-1", 1),
    ]
    result = run(items)
    assert [g["metadata"]["name"] for g in result.kind("SLOGate")] == ["ran-edge-cluster-us-west-1"]
    assert len(result.kind("ProvisioningRequest")) == 2


def test_assurance_objects_follow_a_namespaced_intent():
    item = intent("ran", [deliver(["o-ran-du"], CLUSTER), ensure([target("DlLatency", "IS_LESS_THAN", 5, "ms")])])
    item["metadata"]["namespace"] = "intents"
    result = run([item, *site(CLUSTER, 0)])
    assert result.one("SLOGate")["metadata"]["namespace"] == "intents"
    assert result.one("SLOGate")["spec"]["intentRef"]["namespace"] == "intents"
    assert "namespace" not in result.one("ProvisioningRequest")["metadata"]  # cluster-scoped
