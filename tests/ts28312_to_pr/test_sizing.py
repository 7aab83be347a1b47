"""Intent targets pick each component's performance class; the request's requirements are the exact sum."""

import pytest

from tests.ts28312_to_pr.builders import config, deliver, ensure, guide_package, intent, run, site, target

CLUSTER = "edge-cluster-us-west-1"


def parameters(result):
    assert result.exit_code == 0, result.errors()
    return result.one("ProvisioningRequest")["spec"]["templateParameters"]


def sized(nfs, targets=(), cfg=None):
    expectations = [deliver(nfs, CLUSTER)]
    if targets:
        expectations.append(ensure(list(targets)))
    return run([intent("ran", expectations), *site(CLUSTER, 0)], cfg)


def classes(params):
    return {f["name"]: f["performanceClass"] for f in params["networkFunctions"]}


def test_the_guide_request_is_8_cpus_16gi_and_50gi():
    params = parameters(run(guide_package()))
    assert params["resourceRequirements"] == {"cpu": "8000m", "memory": "16Gi", "storage": "50Gi"}
    assert classes(params) == {"cu-cp": "standard", "cu-up": "standard", "du": "high-throughput"}
    assert params["performanceClass"] == "high-throughput"
    assert params["labels"] == {"nephio.org/region": "us-west-1", "nephio.org/site-type": "edge"}


def test_o_ran_cu_expands_to_cu_cp_and_cu_up():
    functions = parameters(sized(["o-ran-cu"]))["networkFunctions"]
    assert [(f["name"], f["nfType"], f["source"]) for f in functions] == [
        ("cu-cp", "O-CU-CP", "o-ran-cu"), ("cu-up", "O-CU-UP", "o-ran-cu"),
    ]


def test_no_targets_means_standard_everywhere():
    params = parameters(sized(["o-ran-cu", "o-ran-du", "o-ran-ru"]))
    assert set(classes(params).values()) == {"standard"}
    assert params["performanceClass"] == "standard"
    assert params["resourceRequirements"] == {"cpu": "7000m", "memory": "14Gi", "storage": "45Gi"}


@pytest.mark.parametrize(
    "latency, condition, expected",
    [(1, "IS_LESS_THAN", "urllc"), (1, "IS_EQUAL_TO_OR_LESS_THAN", "urllc"), (0.5, "IS_LESS_THAN", "urllc"),
     (1.5, "IS_LESS_THAN", "standard"), (10, "IS_LESS_THAN", "standard")],
)
def test_latency_of_at_most_1ms_selects_urllc_for_the_du(latency, condition, expected):
    params = parameters(sized(["o-ran-du"], [target("DlLatency", condition, latency, "ms")]))
    assert classes(params) == {"du": expected}


def test_latency_in_other_units_is_converted_before_selecting():
    params = parameters(sized(["o-ran-du"], [target("UlLatency", "IS_LESS_THAN", 500, "us")]))
    assert classes(params) == {"du": "urllc"}


@pytest.mark.parametrize("mbps, expected", [(1000, "high-throughput"), (999, "standard"), (2000, "high-throughput")])
def test_throughput_of_at_least_1000_mbps_selects_high_throughput_for_the_du(mbps, expected):
    params = parameters(sized(["o-ran-du"], [target("DlThptPerUE", "IS_GREATER_THAN", mbps, "Mbps")]))
    assert classes(params) == {"du": expected}


def test_a_gbps_throughput_counts_in_mbps():
    params = parameters(sized(["o-ran-du"], [target("DlThptPerUE", "IS_GREATER_THAN", 1, "Gbps")]))
    assert classes(params) == {"du": "high-throughput"}


def test_a_lower_bound_on_latency_never_selects_urllc():
    params = parameters(sized(["o-ran-du"], [target("DlLatency", "IS_GREATER_THAN", 0.1, "ms")]))
    assert classes(params) == {"du": "standard"}


def test_urllc_wins_over_high_throughput_and_brings_dedicated_cpus_and_hugepages():
    targets = [target("DlLatency", "IS_LESS_THAN", 1, "ms"), target("DlThptPerUE", "IS_GREATER_THAN", 5000, "Mbps")]
    params = parameters(sized(["o-ran-du"], targets))
    du = params["networkFunctions"][0]
    assert du["performanceClass"] == "urllc" and du["dedicatedCpu"] is True
    assert du["resources"] == {"cpu": "8000m", "memory": "16Gi", "storage": "30Gi", "hugepages-1Gi": "8Gi"}
    assert params["resourceRequirements"] == {"cpu": "8000m", "memory": "16Gi", "storage": "30Gi", "hugepages-1Gi": "8Gi"}


def test_reliability_of_five_nines_selects_urllc():
    params = parameters(sized(["o-ran-du"], [target("reliability", "IS_EQUAL_TO_OR_GREATER_THAN", 0.99999, "ratio")]))
    assert classes(params) == {"du": "urllc"}


def test_urllc_leaves_the_control_plane_standard():
    params = parameters(sized(["o-ran-cu"], [target("DlLatency", "IS_LESS_THAN", 1, "ms")]))
    assert classes(params) == {"cu-cp": "standard", "cu-up": "urllc"}
    assert params["performanceClass"] == "urllc"


def test_profiles_are_overridable_field_by_field():
    cfg = config(sizingProfiles={"du": {"classes": {"standard": {"cpu": 0.5, "replicas": 3}}}})
    params = parameters(sized(["o-ran-du"], cfg=cfg))
    du = params["networkFunctions"][0]
    assert du["replicas"] == 3 and du["resources"] == {"cpu": "500m", "memory": "4Gi", "storage": "20Gi"}
    assert params["resourceRequirements"] == {"cpu": "1500m", "memory": "12Gi", "storage": "60Gi"}


def test_fractional_sizes_sum_without_drift():
    cfg = config(sizingProfiles={
        "cu-cp": {"classes": {"standard": {"cpu": 0.1, "memory": "1.5Gi"}}},
        "cu-up": {"classes": {"standard": {"cpu": 0.2, "memory": "512Mi"}}},
    })
    params = parameters(sized(["o-ran-cu"], cfg=cfg))
    assert params["resourceRequirements"]["cpu"] == "300m"
    assert params["resourceRequirements"]["memory"] == "2Gi"


def test_class_rules_are_configurable():
    rules = [{"class": "high-throughput", "metric": "throughput_p95_mbps", "atLeast": 500, "components": ["cu-up", "du"]}]
    cfg = config(performanceClassRules=rules)
    params = parameters(sized(["o-ran-cu", "o-ran-du"], [target("DlThptPerUE", "IS_GREATER_THAN", 600, "Mbps")], cfg))
    assert classes(params) == {"cu-cp": "standard", "cu-up": "high-throughput", "du": "high-throughput"}


def test_new_components_and_aliases_come_from_config():
    cfg = config(
        networkFunctions={"o-ran-du-lite": ["du-lite"]},
        sizingProfiles={"du-lite": {"nfType": "O-DU", "classes": {"standard": {"replicas": 1, "cpu": "1", "memory": "1Gi", "storage": "1Gi"}}}},
    )
    functions = parameters(sized(["o-ran-du-lite"], cfg=cfg))["networkFunctions"]
    assert functions[0]["name"] == "du-lite" and functions[0]["resources"]["cpu"] == "1000m"


@pytest.mark.parametrize(
    "override, path",
    [
        ({"sizingProfiles": {"du": {"classes": {"standard": {"cpu": "lots"}}}}}, "sizingProfiles.du.classes.standard.cpu"),
        ({"sizingProfiles": {"du": {"classes": {"urllc": {"cpu": "1500m"}}}}}, "sizingProfiles.du.classes.urllc.cpu"),
        ({"sizingProfiles": {"du": {"classes": {"standard": {"cpu": "0.0001"}}}}}, "sizingProfiles.du.classes.standard.cpu"),
        ({"sizingProfiles": {"du": {"classes": {"standard": {"memory": "-1Gi"}}}}}, "sizingProfiles.du.classes.standard.memory"),
        ({"sizingProfiles": {"x": {"classes": {"standard": {"replicas": 1, "cpu": 1, "memory": "1Gi", "storage": "1Gi"}}}}},
         "sizingProfiles.x.nfType"),
        ({"sizingProfiles": {"x": {"nfType": "O-DU", "classes": {"standard": {"cpu": 1}}}}}, "sizingProfiles.x.classes.standard"),
        ({"networkFunctions": {"o-ran-du": ["dux"]}}, "networkFunctions.o-ran-du"),
        ({"performanceClassRules": [{"class": "urllc", "metric": "latency_p95_ms", "components": ["du"]}]},
         "performanceClassRules[0]"),
        ({"performanceClassRules": [{"class": "urllc", "metric": "jitter", "atMost": 1, "components": ["du"]}]},
         "performanceClassRules[0].metric"),
        ({"performanceClassRules": [{"class": "urllc", "metric": "latency_p95_ms", "atMost": 1, "components": ["dux"]}]},
         "performanceClassRules[0].components"),
    ],
)
def test_bad_sizing_configuration_is_an_error_on_its_field(override, path):
    result = sized(["o-ran-du"], cfg=config(**override))
    assert result.exit_code == 1
    assert ("plan", path) in result.error_paths()
    assert result.kind("ProvisioningRequest") == []


def test_a_rule_needs_a_profile_for_its_class():
    cfg = config(
        sizingProfiles={"du-lite": {"nfType": "O-DU", "classes": {"standard": {"replicas": 1, "cpu": 1, "memory": "1Gi", "storage": "1Gi"}}}},
        performanceClassRules=[{"class": "urllc", "metric": "latency_p95_ms", "atMost": 1, "components": ["du-lite"]}],
    )
    result = sized(["o-ran-du"], cfg=cfg)
    assert ("plan", "sizingProfiles.du-lite.classes.urllc") in result.error_paths()
