"""One address plan per cluster: PRs of several intents on one network never share an address,
whatever order they come in; networks of one cluster that disagree or overlap are conflicts."""

from __future__ import annotations

import ipaddress
import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.models.conflicts import reports_from_results

from tests.pr_to_workloads.helpers import pr, run

NETWORK = {"vlan": 100, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1", "masterInterface": "eth1"}


def of_intent(name: str, intent: str, **params):
    """A PR as 28312-to-pr writes it, with the provenance naming its intent."""
    item = pr(name, **params)
    item["metadata"]["annotations"] = {"krm.oran-intent.io/source": f"intent.3gpp.org/v1alpha1/Intent/{intent}"}
    return item


def addresses(result) -> dict[str, list[str]]:
    """NAD name (namespace/name) -> the addresses its IPAM hands out."""
    out = {}
    for nad in result.kinds("NetworkAttachmentDefinition"):
        ipam = json.loads(nad["spec"]["config"])["plugins"][0]["ipam"]
        if ipam["type"] == "static":
            found = [a["address"].split("/")[0] for a in ipam["addresses"]]
        else:
            first, last = (ipaddress.ip_address(ipam[k]) for k in ("range_start", "range_end"))
            found = [str(ipaddress.ip_address(v)) for v in range(int(first), int(last) + 1)]
        out[f"{nad['metadata']['namespace']}/{nad['metadata']['name']}"] = found
    return out


def test_two_intents_on_one_cluster_never_share_an_address():
    result = run(of_intent("a-edge", "a"), of_intent("b-edge", "b"))
    assert result.code == 0, result.errors()
    found = addresses(result)
    alone = addresses(run(of_intent("a-edge", "a")))
    every = [address for block in found.values() for address in block]
    assert len(every) == len(set(every)) == 2 * sum(len(block) for block in alone.values())
    assert {k: v for k, v in found.items() if k.startswith("a-edge/")} == alone  # the first PR keeps what it had alone


@settings(max_examples=25, deadline=None)
@given(st.permutations(["c-edge", "a-edge", "b-edge"]), st.integers(0, 2**16))
def test_the_plan_does_not_depend_on_the_order_of_the_prs(names, seed):
    items = [of_intent(name, name.split("-")[0]) for name in names]
    random.Random(seed).shuffle(items)
    assert addresses(run(*items)) == addresses(run(*sorted(items, key=lambda i: i["metadata"]["name"])))


def test_one_network_given_two_subnets_is_a_conflict_naming_both_intents():
    other = {**NETWORK, "subnet": "192.168.200.0/24", "gateway": "192.168.200.1"}
    result = run(of_intent("a-edge", "a", networkConfig=NETWORK), of_intent("b-edge", "b", networkConfig=other))
    assert result.code == 1 and not result.kinds("NetworkAttachmentDefinition")
    [error] = [r for r in result.errors() if r["field"]["path"].endswith("networkConfig.subnet")]
    assert "disagrees with subnet 192.168.100.0/24" in error["message"]
    assert error["resourceRef"]["name"] == "b-edge" and "a-edge (intent a)" in error["message"]
    assert error["tags"]["conflictType"] == "INTENT_CONFLICT" and error["tags"]["conflictingIntent"] == "Intent=a"


def test_overlapping_subnets_on_two_vlans_of_one_cluster_are_a_conflict():
    other = {**NETWORK, "vlan": 200, "subnet": "192.168.100.128/25", "gateway": "192.168.100.129"}
    result = run(of_intent("a-edge", "a", networkConfig=NETWORK), of_intent("b-edge", "b", networkConfig=other))
    assert result.code == 1
    overlaps = [r for r in result.errors() if "overlaps" in r["message"]]
    assert {r["resourceRef"]["name"] for r in overlaps} == {"a-edge", "b-edge"}
    reports = reports_from_results(overlaps)
    assert reports["Intent=a"][0]["conflictingIntent"] == "Intent=b"
    assert reports["Intent=b"][0] == {
        "conflictId": reports["Intent=b"][0]["conflictId"],
        "conflictType": "INTENT_CONFLICT",
        "conflictingIntent": "Intent=a",
        "recommendedSolutions": ["MODIFY"],
    }


def test_the_same_subnet_on_two_clusters_is_no_conflict_here():
    result = run(of_intent("a-edge", "a"), of_intent("b-edge", "b", clusterName="edge-cluster-eu-west-1"))
    assert result.code == 0, result.errors()


def test_a_subnet_too_small_for_two_intents_names_both_and_their_needs():
    small = {**NETWORK, "subnet": "192.168.100.0/28", "gateway": "192.168.100.1"}  # 13 free
    result = run(of_intent("a-edge", "a", networkConfig=small), of_intent("b-edge", "b", networkConfig=small))
    assert result.code == 1
    errors = [r for r in result.errors() if "too small" in r["message"]]
    assert {r["resourceRef"]["name"] for r in errors} == {"a-edge", "b-edge"}
    assert "a-edge (intent a, 8)" in errors[0]["message"] and "b-edge (intent b, 8)" in errors[0]["message"]
    assert "need 16 addresses" in errors[0]["message"] and "only 13 are free" in errors[0]["message"]


def test_the_conflict_reports_are_what_the_ts28312_model_accepts():
    from oran_intent_krm.models.measurement import IntentConflictReport

    other = {**NETWORK, "vlan": 200, "subnet": "192.168.100.128/25", "gateway": "192.168.100.129"}
    result = run(of_intent("a-edge", "a", networkConfig=NETWORK), of_intent("b-edge", "b", networkConfig=other))
    reports = reports_from_results(result.results)
    assert set(reports) == {"Intent=a", "Intent=b"}
    for found in reports.values():
        for report in found:
            IntentConflictReport.model_validate(report)
