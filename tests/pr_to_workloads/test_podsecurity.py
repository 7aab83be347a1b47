"""The namespace enforces the strictest Pod Security level that admits its pods."""

from oran_intent_krm.pr_to_workloads import podsecurity

RESTRICTED_POD = {
    "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
    "volumes": [{"name": "c", "configMap": {"name": "x"}}, {"name": "h", "emptyDir": {"medium": "HugePages-1Gi"}}],
    "containers": [{"name": "nf", "securityContext": {"allowPrivilegeEscalation": False, "runAsUser": 65532,
                                                      "capabilities": {"drop": ["ALL"]}}}],
}


def with_container_context(**context):
    pod = {**RESTRICTED_POD, "containers": [{"name": "nf", "securityContext": {
        **RESTRICTED_POD["containers"][0]["securityContext"], **context}}]}
    return pod


def test_a_hardened_pod_is_restricted():
    assert podsecurity.level(RESTRICTED_POD) == "restricted"


def test_baseline_capabilities_make_a_pod_baseline():
    pod = with_container_context(capabilities={"drop": ["ALL"], "add": ["CHOWN"]})
    assert podsecurity.level(pod) == "baseline"


def test_real_time_and_memory_locking_capabilities_need_privileged():
    pod = with_container_context(capabilities={"drop": ["ALL"], "add": ["SYS_NICE", "IPC_LOCK"]})
    assert podsecurity.level(pod) == "privileged"
    assert "adds IPC_LOCK, SYS_NICE" in podsecurity.baseline_violations(pod)[0]


def test_root_escalation_and_host_access_are_caught():
    assert podsecurity.level(with_container_context(runAsUser=0)) == "baseline"
    assert podsecurity.level(with_container_context(allowPrivilegeEscalation=True)) == "baseline"
    assert podsecurity.level({**RESTRICTED_POD, "hostNetwork": True}) == "privileged"
    assert podsecurity.level({**RESTRICTED_POD, "volumes": [{"name": "h", "hostPath": {"path": "/"}}]}) == "privileged"
    assert podsecurity.level(with_container_context(privileged=True)) == "privileged"


def test_the_strictest_level_admitting_all_pods_wins():
    privileged = with_container_context(capabilities={"drop": ["ALL"], "add": ["NET_ADMIN"]})
    assert podsecurity.strictest_admitting([RESTRICTED_POD, privileged]) == "privileged"
    assert podsecurity.strictest_admitting([RESTRICTED_POD, RESTRICTED_POD]) == "restricted"


def test_namespace_labels_pin_the_version_and_audit_at_restricted():
    labels = podsecurity.namespace_labels("baseline", "v1.33")
    assert labels["pod-security.kubernetes.io/enforce"] == "baseline"
    assert labels["pod-security.kubernetes.io/enforce-version"] == "v1.33"
    assert labels["pod-security.kubernetes.io/audit"] == "restricted"
