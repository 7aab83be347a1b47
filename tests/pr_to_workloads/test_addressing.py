"""Static addresses are deterministic, inside the subnet, and never the network, gateway or broadcast."""

import ipaddress

import pytest
from oran_intent_krm.pr_to_workloads.addressing import Request, SubnetExhausted, allocate, usable

NET = ipaddress.ip_network("192.168.100.0/24")
GW = ipaddress.ip_address("192.168.100.1")


def test_addresses_follow_nf_and_interface_order_whatever_the_request_order():
    requests = [Request("du", "f1u", 1), Request("cu-cp", "n2", 1), Request("cu-cp", "e1", 1)]
    forward = allocate(NET, GW, requests)
    backward = allocate(NET, GW, list(reversed(requests)))
    assert forward == backward
    assert [str(a[0]) for a in forward.values()] == ["192.168.100.2", "192.168.100.3", "192.168.100.4"]
    assert list(forward) == [("cu-cp", "e1"), ("cu-cp", "n2"), ("du", "f1u")]


def test_network_gateway_and_broadcast_are_never_used():
    net = ipaddress.ip_network("10.0.0.0/29")
    gateway = ipaddress.ip_address("10.0.0.4")
    got = allocate(net, gateway, [Request("du", "f1u", 5)])[("du", "f1u")]
    assert [str(a) for a in got] == ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.5", "10.0.0.6"]


def test_each_replica_gets_its_own_address():
    got = allocate(NET, GW, [Request("du", "f1u", 3), Request("du", "f1c", 3)])
    addresses = [a for block in got.values() for a in block]
    assert len(set(addresses)) == 6


def test_offset_and_reserved_addresses_are_skipped():
    reserved = [ipaddress.ip_address("192.168.100.12")]
    got = allocate(NET, GW, [Request("a", "x", 2)], offset=9, reserved=reserved)[("a", "x")]
    assert [str(a) for a in got] == ["192.168.100.11", "192.168.100.13"]


def test_an_exhausted_subnet_raises_with_what_was_needed():
    net = ipaddress.ip_network("192.168.100.0/30")  # .1 and .2 usable, .1 is the gateway
    with pytest.raises(SubnetExhausted) as caught:
        allocate(net, GW, [Request("a", "x", 1), Request("b", "y", 1)])
    assert (caught.value.needed, caught.value.available) == (2, 1)


def test_ipv6_subnets_skip_the_subnet_router_anycast_address():
    net = ipaddress.ip_network("fd00:100::/120")
    gateway = ipaddress.ip_address("fd00:100::1")
    assert str(next(usable(net, gateway))) == "fd00:100::2"
    assert str(allocate(net, gateway, [Request("a", "x", 1)])[("a", "x")][0]) == "fd00:100::2"
