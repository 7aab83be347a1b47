"""What the committed packages of the guide's Examples 1 and 3, and the sample, deliver."""

from __future__ import annotations

from tests.packages.support import PACKAGES, documents, of_kind

BASIC_CU = PACKAGES / "basic-cu"
URLLC = PACKAGES / "urllc-scaling"


def targets(gate: dict) -> set[tuple[str, str, float]]:
    return {(t["metric"], t["operator"], t["threshold"]) for t in gate["spec"]["sloTargets"]}


def test_example_1_deploys_a_cu_pair_on_the_us_west_1_edge_and_gates_its_latency():
    docs = documents(BASIC_CU)
    [request] = of_kind(docs, "ProvisioningRequest")
    params = request["spec"]["templateParameters"]
    assert params["clusterName"] == "edge-cluster-us-west-1"
    assert sorted(nf["nfType"] for nf in params["networkFunctions"]) == ["O-CU-CP", "O-CU-UP"]
    assert {k: params["networkConfig"][k] for k in ("vlan", "subnet", "gateway")} == {"vlan": 100, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1"}
    [gate] = of_kind(docs, "SLOGate")
    assert ("latency_p95_ms", "<", 10) in targets(gate)
    assert gate["status"]["phase"] == "Inconclusive", "no measurements are committed: the gate holds the revision back"
    # The guide watches intents in intent-system, which the install script creates (no package owns it).
    assert {d["metadata"].get("namespace") for d in of_kind(docs, "Intent")} == {"intent-system"}
    assert not [n for n in of_kind(docs, "Namespace") if n["metadata"]["name"] == "intent-system"]


def test_example_3_scales_the_du_on_every_edge_cluster_and_only_there_as_urllc():
    docs = documents(URLLC)
    requests = of_kind(docs, "ProvisioningRequest")
    assert sorted(r["spec"]["templateParameters"]["clusterName"] for r in requests) == ["edge-cluster-eu-west-1", "edge-cluster-us-west-1"]
    for request in requests:
        params = request["spec"]["templateParameters"]
        assert params["performanceClass"] == "urllc"
        [du] = params["networkFunctions"]
        assert (du["nfType"], du["dedicatedCpu"], du["performanceClass"]) == ("O-DU", True, "urllc")
    for gate in of_kind(docs, "SLOGate"):
        assert {("latency_p95_ms", "<", 1), ("success_rate", ">=", 0.99999)} <= targets(gate)
    statefulsets = of_kind(docs, "StatefulSet")
    assert len(statefulsets) == 2
    for workload in statefulsets:
        [container] = workload["spec"]["template"]["spec"]["containers"]
        assert container["resources"]["requests"] == container["resources"]["limits"], "URLLC DUs get Guaranteed QoS"


def test_the_sample_package_is_the_guides_deploy_edge_ran_workflow():
    docs = documents(PACKAGES / "intent-to-krm")
    [request] = of_kind(docs, "ProvisioningRequest")
    assert request["spec"]["templateParameters"]["resourceRequirements"] == {"cpu": "8000m", "memory": "16Gi", "storage": "50Gi"}
    [gate] = of_kind(docs, "SLOGate")
    assert {("latency_p95_ms", "<", 10), ("throughput_p95_mbps", ">", 1000)} <= targets(gate)
