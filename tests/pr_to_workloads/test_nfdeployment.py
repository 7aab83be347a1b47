"""The `output` option: Nephio NFDeployments instead of or beside the plain workloads."""

from oran_intent_krm.models.workloads import NFDeployment

from .helpers import EDGE_NFS, config, pr, run

WORKLOAD_KINDS = {"Deployment", "StatefulSet", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy"}


def test_nfdeployment_output_replaces_the_workloads():
    result = run(pr(), function_config=config(output="nfdeployment"))
    assert result.code == 0, result.errors()
    kinds = {i["kind"] for i in result.generated()}
    assert kinds == {"Namespace", "NFDeployment", "NetworkAttachmentDefinition", "ConfigMap"}
    assert not kinds & WORKLOAD_KINDS


def test_both_emits_nfdeployments_beside_the_workloads():
    kinds = {i["kind"] for i in run(pr(), function_config=config(output="both")).generated()}
    assert {"NFDeployment", "StatefulSet", "Deployment"} <= kinds


def test_an_nfdeployment_names_the_provider_interfaces_and_config():
    result = run(pr(), function_config=config(output="nfdeployment"))
    du = result.get("NFDeployment", "du")
    NFDeployment.model_validate(du)
    assert du["spec"]["provider"] == "du.openairinterface.org"
    assert du["spec"]["interfaces"] == [
        {"name": "f1c", "ipv4": {"address": "192.168.100.8/24", "gateway": "192.168.100.1"}, "vlanID": 100},
        {"name": "f1u", "ipv4": {"address": "192.168.100.9/24", "gateway": "192.168.100.1"}, "vlanID": 100},
    ]
    assert du["spec"]["parametersRefs"] == [{"apiVersion": "v1", "kind": "ConfigMap", "name": "du-config"}]
    nad_names = {n["metadata"]["name"] for n in result.kinds("NetworkAttachmentDefinition")}
    assert {f"du-{i['name']}" for i in du["spec"]["interfaces"]} <= nad_names


def test_nfdeployment_output_needs_no_image_but_a_provider():
    nfs = [*EDGE_NFS[:2], dict(EDGE_NFS[2], name="ru", nfType="O-RU")]
    assert run(pr(networkFunctions=nfs), function_config=config(output="nfdeployment")).code == 0
    result = run(pr(), function_config=config(output="nfdeployment", catalog={"O-DU": {"provider": ""}}))
    assert "spec.templateParameters.networkFunctions[2].nfType" in result.error_paths()


def test_a_multi_replica_nfdeployment_is_a_warning():
    nfs = [dict(EDGE_NFS[2], replicas=2, resources={"cpu": "2", "memory": "4Gi", "storage": "15Gi"}), *EDGE_NFS[:2]]
    result = run(pr(networkFunctions=nfs), function_config=config(output="nfdeployment"))
    warnings = [r for r in result.results if r["severity"] == "warning"]
    assert warnings and warnings[0]["field"]["path"] == "spec.templateParameters.networkFunctions[0].replicas"
