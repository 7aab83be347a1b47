"""The controller's RBAC and NetworkPolicies: valid, and least privilege compared with the guide's."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RBAC = ROOT / "deploy" / "rbac"
POLICIES = ROOT / "deploy" / "networkpolicy"
KUBERNETES = "1.32"
NAMESPACE = "o2ims"
DANGEROUS_VERBS = {"*", "escalate", "bind", "impersonate", "deletecollection"}
SENSITIVE_RESOURCES = {"secrets", "pods/exec", "pods/attach", "serviceaccounts/token", "nodes/proxy", "*"}


def load(directory: Path) -> list[dict]:
    return [d for p in sorted(directory.glob("*.yaml")) for d in yaml.safe_load_all(p.read_text()) if d]


def of_kind(docs: list[dict], kind: str) -> list[dict]:
    return [d for d in docs if d["kind"] == kind]


def rules() -> list[dict]:
    return [r for role in of_kind(load(RBAC), "ClusterRole") + of_kind(load(RBAC), "Role") for r in role["rules"]]


def granted(api_group: str, resource: str) -> set[str]:
    return {v for r in rules() if api_group in r["apiGroups"] and resource in r["resources"] for v in r["verbs"]}


@pytest.mark.parametrize("path", sorted(RBAC.glob("*.yaml")) + sorted(POLICIES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_manifest_is_valid_kubernetes(path):
    for doc in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_no_rule_uses_a_wildcard_or_a_dangerous_verb_or_touches_secrets():
    for rule in rules():
        assert "*" not in rule["apiGroups"] and "*" not in rule["resources"], rule
        assert not DANGEROUS_VERBS & set(rule["verbs"]), rule
        assert not SENSITIVE_RESOURCES & set(rule["resources"]), rule
        assert "nonResourceURLs" not in rule


def test_provisioning_requests_are_reconciled_not_created_or_deleted():
    """The guide granted "*" on provisioningrequests; GitOps creates them, the controller only reconciles them."""
    assert granted("o2ims.provisioning.oran.org", "provisioningrequests") == {"get", "list", "watch", "patch"}
    assert granted("o2ims.provisioning.oran.org", "provisioningrequests/status") == {"get", "patch", "update"}


def test_the_guides_pods_and_services_grants_are_gone_and_configmaps_are_read_only_in_its_namespace():
    assert granted("", "pods") == set() and granted("", "services") == set()
    [clusterrole] = of_kind(load(RBAC), "ClusterRole")
    assert not any("configmaps" in r["resources"] for r in clusterrole["rules"])
    [role] = of_kind(load(RBAC), "Role")
    assert role["metadata"]["namespace"] == NAMESPACE
    assert granted("", "configmaps") == {"get", "list", "watch"}


def test_the_pipelines_own_kinds_are_read_only_except_a_measurement_jobs_status():
    assert granted("gate.slo.nephio.org", "slogates") == {"get", "list", "watch"}
    assert granted("measurement.o2ims.org", "measurementjobs") == {"get", "list", "watch"}
    assert granted("measurement.o2ims.org", "measurementjobs/status") == {"get", "patch", "update"}


def test_updating_a_lease_is_limited_to_the_controllers_own_lease():
    lease_rules = [r for r in rules() if "leases" in r["resources"]]
    for rule in lease_rules:
        assert set(rule["verbs"]) <= {"create"} or rule.get("resourceNames") == ["o2ims-controller"], rule


def test_the_bindings_give_the_roles_to_the_controllers_service_account_only():
    docs = load(RBAC)
    [account] = of_kind(docs, "ServiceAccount")
    roles = {(d["kind"], d["metadata"]["name"]) for d in of_kind(docs, "ClusterRole") + of_kind(docs, "Role")}
    bindings = of_kind(docs, "ClusterRoleBinding") + of_kind(docs, "RoleBinding")
    assert len(bindings) == 2
    for binding in bindings:
        assert (binding["roleRef"]["kind"], binding["roleRef"]["name"]) in roles
        assert binding["subjects"] == [{"kind": "ServiceAccount", "name": account["metadata"]["name"], "namespace": NAMESPACE}]


def test_the_namespace_is_default_deny_both_ways():
    [deny] = [p for p in load(POLICIES) if p["metadata"]["name"] == "default-deny"]
    assert deny["spec"]["podSelector"] == {}
    assert set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny["spec"] and "egress" not in deny["spec"]


def test_the_controller_accepts_no_connections_and_reaches_only_dns_the_api_and_prometheus():
    [policy] = [p for p in load(POLICIES) if p["metadata"]["name"] == "o2ims-network-policy"]
    spec = policy["spec"]
    assert policy["metadata"]["namespace"] == NAMESPACE
    assert spec["podSelector"] == {"matchLabels": {"app": "o2ims-controller"}}
    assert set(spec["policyTypes"]) == {"Ingress", "Egress"} and spec["ingress"] == []
    ports = {(p["protocol"], p["port"]) for rule in spec["egress"] for p in rule["ports"]}
    assert ports == {("UDP", 53), ("TCP", 53), ("TCP", 443), ("TCP", 6443), ("TCP", 9090)}
    for rule in spec["egress"]:
        assert rule.get("ports"), "an egress rule without ports allows every port"
        for peer in rule.get("to", []):
            # The label Kubernetes sets on every namespace (the guide's `name:` label matches nothing by default).
            assert set(peer["namespaceSelector"]["matchLabels"]) == {"kubernetes.io/metadata.name"}
            assert peer.get("podSelector"), "a namespace peer without a pod selector allows the whole namespace"
