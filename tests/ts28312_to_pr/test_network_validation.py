"""Every SiteNetworkPlan is checked; each problem is an error naming the plan and the field."""

import pytest

from tests.ts28312_to_pr.builders import cluster, guide_intent, guide_package, plan, run

CLUSTER = "edge-cluster-us-west-1"


def run_with_plan(**fields):
    return run([guide_intent(), cluster(CLUSTER), plan(CLUSTER, **fields)])


def assert_plan_error(result, path):
    assert result.exit_code == 1
    assert (CLUSTER, path) in result.error_paths()
    assert result.kind("ProvisioningRequest") == []


def test_the_guide_network_is_valid():
    result = run(guide_package())
    assert result.exit_code == 0, result.errors()
    network = result.one("ProvisioningRequest")["spec"]["templateParameters"]["networkConfig"]
    assert network == {"vlan": 100, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1", "masterInterface": "eth1"}


@pytest.mark.parametrize("vlan", [0, 4095, -1, "100", True, None, 1.5])
def test_vlan_must_be_an_integer_in_1_to_4094(vlan):
    assert_plan_error(run_with_plan(vlan=vlan), "spec.vlan")


@pytest.mark.parametrize("vlan", [1, 4094])
def test_vlan_bounds_are_inclusive(vlan):
    assert run_with_plan(vlan=vlan).exit_code == 0


@pytest.mark.parametrize("subnet", ["192.168.100.0", "192.168.300.0/24", "not-a-subnet", "192.168.100.0/33", 24, None])
def test_subnet_must_be_a_cidr_network(subnet):
    assert_plan_error(run_with_plan(subnet=subnet), "spec.subnet")


def test_subnet_with_host_bits_set_names_the_network_address():
    result = run_with_plan(subnet="192.168.100.7/24")
    assert_plan_error(result, "spec.subnet")
    assert result.errors()[0]["field"]["proposedValue"] == "the network address 192.168.100.0/24"


@pytest.mark.parametrize(
    "gateway, reason",
    [
        ("192.168.101.1", "outside"),
        ("192.168.100.0", "network address"),
        ("192.168.100.255", "broadcast address"),
        ("fd00::1", "IPv6"),
        ("gateway", "not an IP address"),
        (None, "not an IP address"),
    ],
)
def test_gateway_must_be_a_host_of_the_subnet(gateway, reason):
    result = run_with_plan(gateway=gateway)
    assert_plan_error(result, "spec.gateway")
    assert reason in result.errors()[0]["message"]


def test_ipv6_networks_are_accepted():
    result = run_with_plan(subnet="fd00:100::/64", gateway="fd00:100::1")
    assert result.exit_code == 0, result.errors()
    network = result.one("ProvisioningRequest")["spec"]["templateParameters"]["networkConfig"]
    assert network["subnet"] == "fd00:100::/64" and network["gateway"] == "fd00:100::1"


def test_ipv6_gateway_cannot_be_the_subnet_router_anycast_address():
    assert_plan_error(run_with_plan(subnet="fd00:100::/64", gateway="fd00:100::"), "spec.gateway")


def test_point_to_point_subnets_use_both_addresses():
    assert run_with_plan(subnet="10.0.0.0/31", gateway="10.0.0.0").exit_code == 0


def test_a_single_address_subnet_has_no_room_for_a_gateway():
    assert_plan_error(run_with_plan(subnet="10.0.0.1/32", gateway="10.0.0.1"), "spec.gateway")


def test_every_problem_of_a_plan_is_reported():
    result = run_with_plan(vlan=5000, subnet="10.0.0.0/8", gateway="11.0.0.1", masterInterface="")
    assert {("edge-cluster-us-west-1", p) for p in ("spec.vlan", "spec.masterInterface", "spec.gateway")} <= set(result.error_paths())


def test_a_vlan_out_of_range_says_the_range():
    result = run_with_plan(vlan=5000)
    [error] = [r for r in result.errors() if r["field"]["path"] == "spec.vlan"]
    assert "from 1 to 4094" in error["message"]


def test_overlapping_subnets_on_the_same_vlan_across_sites_are_an_error():
    items = [
        guide_intent(),
        cluster(CLUSTER),
        plan(CLUSTER, 100, "192.168.100.0/24", "192.168.100.1"),
        cluster("edge-cluster-us-east-1", "us-east-1"),
        plan("edge-cluster-us-east-1", 100, "192.168.100.128/25", "192.168.100.129"),
    ]
    result = run(items)
    assert result.exit_code == 1
    assert ("edge-cluster-us-west-1", "spec.subnet") in result.error_paths()
    message = next(r["message"] for r in result.errors() if r["field"]["path"] == "spec.subnet")
    assert "overlaps subnet 192.168.100.128/25 of cluster edge-cluster-us-east-1 (VLAN 100)" in message


def test_overlapping_subnets_on_different_vlans_are_an_error_naming_both_plans():
    items = [
        guide_intent(),
        cluster(CLUSTER),
        plan(CLUSTER, 100, "192.168.100.0/24", "192.168.100.1"),
        cluster("edge-cluster-us-east-1", "us-east-1"),
        plan("edge-cluster-us-east-1", 101, "192.168.100.0/24", "192.168.100.1"),
    ]
    result = run(items)
    assert result.exit_code == 1 and result.kind("ProvisioningRequest") == []
    [error] = [r for r in result.errors() if r["field"]["path"] == "spec.subnet"]
    assert "cluster edge-cluster-us-west-1 (VLAN 100)" in error["message"]
    assert "cluster edge-cluster-us-east-1 (VLAN 101)" in error["message"]


def test_a_cluster_with_two_plans_is_an_error():
    items = [guide_intent(), cluster(CLUSTER), plan(CLUSTER), plan(CLUSTER, 101, "10.1.0.0/24", "10.1.0.1", name="second")]
    result = run(items)
    assert ("second", "spec.clusterName") in result.error_paths()
    assert result.kind("ProvisioningRequest") == []


def test_a_target_cluster_without_a_plan_is_an_error_on_the_intent():
    result = run([guide_intent(), cluster(CLUSTER)])
    assert result.exit_code == 1
    assert result.error_paths() == [
        ("deploy-edge-ran", "spec.intentExpectations[0].expectationObject.objectContexts[1].contextValueRange")
    ]


def test_the_plan_master_interface_overrides_the_workload_cluster():
    result = run([guide_intent(), cluster(CLUSTER, master="eth1"), plan(CLUSTER, masterInterface="bond0")])
    network = result.one("ProvisioningRequest")["spec"]["templateParameters"]["networkConfig"]
    assert network["masterInterface"] == "bond0"


def test_a_master_interface_is_required_somewhere():
    result = run([guide_intent(), cluster(CLUSTER, master=None), plan(CLUSTER)])
    assert result.error_paths() == [(CLUSTER, "spec.masterInterface")]


def test_a_missing_plan_is_reported_on_the_target_that_named_the_cluster():
    from tests.ts28312_to_pr.builders import deliver, intent

    expectations = [deliver(["o-ran-du"], "edge-cluster-us-west-1", eid="a"), deliver(["o-ran-cu"], "edge-cluster-eu-west-1", eid="b")]
    result = run([intent("ran", expectations), cluster(CLUSTER), plan(CLUSTER), cluster("edge-cluster-eu-west-1", "eu-west-1")])
    assert result.error_paths() == [("ran", "spec.intentExpectations[1].expectationObject.objectContexts[1].contextValueRange")]
