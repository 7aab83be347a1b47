"""One ProvisioningRequest per (intent, target cluster); wildcards expand against the inventory."""

from tests.ts28312_to_pr.builders import (
    cluster,
    context,
    deliver,
    ensure,
    guide_intent,
    guide_package,
    intent,
    plan,
    run,
    site,
    target,
)

SITES = [*site("edge-cluster-us-west-1", 0), *site("edge-cluster-us-east-1", 1, "us-east-1"),
         *site("edge-cluster-eu-west-1", 2, "eu-west-1"), *site("core-cluster-1", 3, "us-west-1")]
DELIVER_PATH = "spec.intentExpectations[0].expectationObject.objectContexts"


def pr_clusters(result):
    return sorted(p["spec"]["templateParameters"]["clusterName"] for p in result.kind("ProvisioningRequest"))


def test_the_guide_intent_yields_one_request_for_its_cluster():
    result = run(guide_package())
    assert result.exit_code == 0, result.errors()
    pr = result.one("ProvisioningRequest")
    assert pr["metadata"]["name"] == "deploy-edge-ran-edge-cluster-us-west-1"
    assert pr["metadata"]["annotations"]["krm.oran-intent.io/source"] == "intent.3gpp.org/v1alpha1/Intent/deploy-edge-ran"
    assert pr["metadata"]["annotations"]["internal.config.kubernetes.io/path"] == (
        "generated/management/o2ims/deploy-edge-ran-edge-cluster-us-west-1.yaml"
    )


def test_a_wildcard_expands_to_every_matching_cluster():
    result = run([intent("ran", [deliver(["o-ran-du"], selector="edge-cluster-*")]), *SITES])
    assert result.exit_code == 0, result.errors()
    assert pr_clusters(result) == ["edge-cluster-eu-west-1", "edge-cluster-us-east-1", "edge-cluster-us-west-1"]
    assert sorted(p["metadata"]["name"] for p in result.kind("ProvisioningRequest")) == [
        "ran-edge-cluster-eu-west-1", "ran-edge-cluster-us-east-1", "ran-edge-cluster-us-west-1",
    ]


def test_a_wildcard_in_target_cluster_is_a_pattern_too():
    result = run([intent("ran", [deliver(["o-ran-du"], "edge-cluster-us-*")]), *SITES])
    assert pr_clusters(result) == ["edge-cluster-us-east-1", "edge-cluster-us-west-1"]


def test_a_label_selector_picks_clusters_by_nephio_labels():
    selector = "nephio.org/site-type=edge,nephio.org/region=us-west-1"
    result = run([intent("ran", [deliver(["o-ran-du"], selector=selector)]), *SITES])
    assert pr_clusters(result) == ["core-cluster-1", "edge-cluster-us-west-1"]


def test_several_named_clusters_each_get_a_request():
    result = run([intent("ran", [deliver(["o-ran-du"], ["edge-cluster-us-west-1", "edge-cluster-eu-west-1"])]), *SITES])
    assert pr_clusters(result) == ["edge-cluster-eu-west-1", "edge-cluster-us-west-1"]


def test_a_cluster_named_twice_gets_one_request_with_every_function():
    expectations = [
        deliver(["o-ran-du"], "edge-cluster-us-west-1", eid="a"),
        deliver(["o-ran-cu"], selector="edge-cluster-us-*", eid="b"),
    ]
    result = run([intent("ran", expectations), *SITES])
    prs = {p["spec"]["templateParameters"]["clusterName"]: p for p in result.kind("ProvisioningRequest")}
    west = prs["edge-cluster-us-west-1"]["spec"]["templateParameters"]["networkFunctions"]
    assert [f["name"] for f in west] == ["cu-cp", "cu-up", "du"]
    east = prs["edge-cluster-us-east-1"]["spec"]["templateParameters"]["networkFunctions"]
    assert [f["name"] for f in east] == ["cu-cp", "cu-up"]


def test_separate_intents_get_separate_requests_on_the_same_cluster():
    items = [intent("cu", [deliver(["o-ran-cu"], "edge-cluster-us-west-1")]),
             intent("du", [deliver(["o-ran-du"], "edge-cluster-us-west-1")]), *SITES]
    names = sorted(p["metadata"]["name"] for p in run(items).kind("ProvisioningRequest"))
    assert names == ["cu-edge-cluster-us-west-1", "du-edge-cluster-us-west-1"]


def test_intent_and_cluster_names_that_join_alike_still_get_their_own_requests():
    """`edge` on `eu-west-1` and `edge-eu` on `west-1` both read edge-eu-west-1 when joined."""
    items = [intent("edge", [deliver(["o-ran-cu"], "eu-west-1")]), intent("edge-eu", [deliver(["o-ran-du"], "west-1")]),
             intent("slice-a", [deliver(["o-ran-du"], "west-1")]), *site("eu-west-1", 0), *site("west-1", 1)]
    result = run(items)
    assert result.exit_code == 0, result.errors()
    by_intent = {p["metadata"]["annotations"]["krm.oran-intent.io/source"].rsplit("/", 1)[1]: p for p in result.kind("ProvisioningRequest")}
    names = {source: pr["metadata"]["name"] for source, pr in by_intent.items()}
    assert names["edge"] != names["edge-eu"]
    assert names["edge"].startswith("edge-eu-west-1-") and names["edge-eu"].startswith("edge-eu-west-1-")
    assert names["slice-a"] == "slice-a-west-1"  # unambiguous: the plain join
    for source, pr in by_intent.items():
        assert pr["spec"]["name"] == pr["metadata"]["name"]
        assert pr["metadata"]["annotations"]["internal.config.kubernetes.io/path"] == f"generated/management/o2ims/{names[source]}.yaml"


def test_intents_of_one_name_in_two_namespaces_get_their_own_requests():
    items = []
    for namespace in ("team-a", "team-b"):
        item = intent("slice", [deliver(["o-ran-du"], "edge-cluster-us-west-1")])
        item["metadata"]["namespace"] = namespace
        items.append(item)
    result = run([*items, *SITES])
    assert result.exit_code == 0, result.errors()
    names = sorted(p["metadata"]["name"] for p in result.kind("ProvisioningRequest"))
    assert len(set(names)) == 2 and all(n.startswith("slice-edge-cluster-us-west-1-") for n in names)


def test_a_wildcard_matching_nothing_is_an_error():
    result = run([intent("ran", [deliver(["o-ran-du"], selector="far-cluster-*")]), *SITES])
    assert result.exit_code == 1
    assert result.error_paths() == [("ran", f"{DELIVER_PATH}[1].contextValueRange")]
    assert "matches no WorkloadCluster" in result.errors()[0]["message"]
    assert "edge-cluster-us-west-1" in result.errors()[0]["field"]["proposedValue"]


def test_an_unknown_cluster_name_is_an_error():
    result = run([intent("ran", [deliver(["o-ran-du"], ["edge-cluster-us-west-1", "nowhere"])]), *SITES])
    assert result.error_paths() == [("ran", f"{DELIVER_PATH}[1].contextValueRange[1]")]
    assert result.kind("ProvisioningRequest") == []


def test_an_intent_in_error_does_not_stop_the_others():
    items = [intent("bad", [deliver(["o-ran-du"], "nowhere")]),
             intent("good", [deliver(["o-ran-du"], "edge-cluster-us-west-1")]), *SITES]
    result = run(items)
    assert result.exit_code == 1
    assert [p["metadata"]["name"] for p in result.kind("ProvisioningRequest")] == ["good-edge-cluster-us-west-1"]


def test_the_guide_v28312_api_version_is_read():
    item = guide_intent()
    item["apiVersion"] = "intent.3gpp.org/v28.312"
    result = run([item, *site("edge-cluster-us-west-1", 0)])
    assert result.exit_code == 0
    assert result.one("SLOGate")["spec"]["intentRef"]["apiVersion"] == "intent.3gpp.org/v28.312"


def test_another_intent_version_is_an_error_naming_the_versions_read():
    item = guide_intent()
    item["apiVersion"] = "intent.3gpp.org/v2"
    result = run([item, *site("edge-cluster-us-west-1", 0)])
    assert result.exit_code == 1 and result.kind("ProvisioningRequest") == []
    [error] = result.errors()
    assert error["field"]["path"] == "apiVersion"
    assert "intent.3gpp.org/v1alpha1, intent.3gpp.org/v28.312" in error["message"]


def test_a_deactivated_intent_provisions_nothing():
    item = guide_intent()
    item["spec"]["intentAdminState"] = "DEACTIVATED"
    result = run([item, *site("edge-cluster-us-west-1", 0)])
    assert result.exit_code == 0 and result.kind("ProvisioningRequest") == []


def test_unknown_network_functions_are_errors():
    result = run([intent("ran", [deliver(["o-ran-du", "o-ran-xu"], "edge-cluster-us-west-1")]), *SITES])
    assert result.error_paths() == [("ran", f"{DELIVER_PATH}[0].contextValueRange[1]")]


def test_network_function_aliases_are_case_insensitive():
    result = run([intent("ran", [deliver(["O-DU", "O-RAN-CU-CP"], "edge-cluster-us-west-1")]), *SITES])
    functions = result.one("ProvisioningRequest")["spec"]["templateParameters"]["networkFunctions"]
    assert [(f["name"], f["source"]) for f in functions] == [("cu-cp", "O-RAN-CU-CP"), ("du", "O-DU")]


def test_a_delivery_needs_network_functions_and_clusters():
    bare = deliver(["o-ran-du"])
    bare["expectationObject"]["objectContexts"] = []
    result = run([intent("ran", [bare]), *SITES])
    assert result.error_paths() == [("ran", DELIVER_PATH), ("ran", DELIVER_PATH)]
    messages = " ".join(r["message"] for r in result.errors())
    assert "no network function" in messages and "no target cluster" in messages


def test_context_conditions_are_checked():
    expectation = deliver(["o-ran-du"], "edge-cluster-us-west-1")
    expectation["expectationObject"]["objectContexts"][1]["contextCondition"] = "IS_LESS_THAN"
    result = run([intent("ran", [expectation]), *SITES])
    assert result.error_paths() == [("ran", f"{DELIVER_PATH}[1].contextCondition")]


def test_malformed_label_selectors_are_errors():
    result = run([intent("ran", [deliver(["o-ran-du"], selector="nephio.org/region=")]), *SITES])
    assert result.error_paths() == [("ran", f"{DELIVER_PATH}[1].contextValueRange")]


def test_unknown_verbs_are_errors():
    expectation = deliver(["o-ran-du"], "edge-cluster-us-west-1")
    expectation["expectationVerb"] = "deploy"
    result = run([intent("ran", [expectation]), *SITES])
    assert result.error_paths() == [("ran", "spec.intentExpectations[0].expectationVerb")]


def test_an_intent_without_spec_or_expectations_is_an_error():
    no_spec = intent("a", [])
    del no_spec["spec"]
    bad_list = intent("b", [])
    bad_list["spec"]["intentExpectations"] = {"x": 1}
    result = run([no_spec, bad_list, *SITES])
    assert result.error_paths() == [("a", "spec"), ("b", "spec.intentExpectations")]


def test_an_intent_with_nothing_to_deliver_is_a_warning():
    result = run([intent("watch", [ensure([target("DlLatency", "IS_LESS_THAN", 5, "ms")])]), *SITES])
    assert result.exit_code == 0 and result.kind("ProvisioningRequest") == []
    assert [r["field"]["path"] for r in result.results if r["severity"] == "warning"] == [
        "spec.intentExpectations[0].expectationTargets[0]", "spec.intentExpectations",
    ]


def test_placeholder_workload_clusters_are_not_targets():
    placeholder = cluster("example")
    placeholder["metadata"]["name"] = "workload-cluster"
    result = run([intent("ran", [deliver(["o-ran-du"], selector="*")]), placeholder, *site("edge-cluster-us-west-1", 0)])
    assert pr_clusters(result) == ["edge-cluster-us-west-1"]
    assert any(r["severity"] == "warning" and r["resourceRef"]["name"] == "workload-cluster" for r in result.results)


def test_two_workload_clusters_for_one_cluster_are_an_error():
    twin = cluster("edge-cluster-us-west-1")
    twin["metadata"]["name"] = "twin"
    result = run([*guide_package(), twin])
    assert ("twin", "spec.clusterName") in result.error_paths()


def test_intent_order_and_item_order_do_not_change_the_output():
    items = [intent("b", [deliver(["o-ran-du"], selector="edge-*")]), intent("a", [deliver(["o-ran-cu"], selector="edge-*")]), *SITES]
    first, second = run(items), run(list(reversed(items)))
    assert first.exit_code == 0
    def generated(run):
        items = (i for i in run.items if "krm.oran-intent.io/digest" in i["metadata"].get("annotations", {}))
        return sorted(items, key=lambda i: (i["kind"], i["metadata"]["name"]))

    assert generated(first) == generated(second)
    assert first.results == second.results


def test_contexts_on_unrelated_attributes_are_ignored():
    expectation = deliver(["o-ran-du"], "edge-cluster-us-west-1")
    expectation["expectationObject"]["objectContexts"].append(context("RAT", "IS_ALL_OF", ["NR"]))
    assert run([intent("ran", [expectation]), *SITES]).exit_code == 0


def test_plans_for_unused_sites_are_still_checked():
    result = run([*guide_package(), cluster("spare"), plan("spare", vlan=0)])
    assert ("spare", "spec.vlan") in result.error_paths()
    assert len(result.kind("ProvisioningRequest")) == 1
