"""Every bad input is an error result naming the PR, the field, what was found and what was expected."""

import pytest
from oran_intent_krm.pr_to_workloads.params import normalise_nf_type

from .helpers import EDGE_NFS, config, nf, pr, run

P = "spec.templateParameters"


def only_error(result, path):
    errors = [e for e in result.errors() if e.get("field", {}).get("path") == path]
    assert errors, f"no error at {path}: {result.errors()}"
    assert result.code == 1
    assert errors[0]["resourceRef"]["kind"] == "ProvisioningRequest"
    return errors[0]


def test_a_pr_without_requirements_is_an_error():
    error = only_error(run(pr(resourceRequirements=None)), f"{P}.resourceRequirements")
    assert "no resourceRequirements" in error["message"]
    assert "proposedValue" in error["field"]


def test_empty_requirements_are_an_error():
    only_error(run(pr(resourceRequirements={})), f"{P}.resourceRequirements")


def test_a_pr_without_template_parameters_is_an_error():
    item = pr()
    del item["spec"]["templateParameters"]
    only_error(run(item), P)


@pytest.mark.parametrize("value", ["8 cores", "16GB", "lots", "1..5"])
def test_an_unparseable_quantity_is_an_error_with_its_path(value):
    error = only_error(run(pr(resourceRequirements={"cpu": value, "memory": "16Gi", "storage": "50Gi"})),
                       f"{P}.resourceRequirements.cpu")
    assert error["field"]["currentValue"] == value


def test_an_unparseable_nf_quantity_names_the_nf_entry():
    nfs = [dict(EDGE_NFS[0], resources={"cpu": "2000m", "memory": "4 GiB", "storage": "10Gi"}), *EDGE_NFS[1:]]
    only_error(run(pr(networkFunctions=nfs)), f"{P}.networkFunctions[0].resources.memory")


@pytest.mark.parametrize("resources, path", [
    ({"cpu": "-1"}, "cpu"), ({"cpu": "0.0001"}, "cpu"), ({"memory": "0.5"}, "memory"), ({"gpus": "1"}, "gpus"),
    ({"hugepages-1Gi": "1536Mi"}, "hugepages-1Gi"),
])
def test_impossible_amounts_are_errors(resources, path):
    nfs = [dict(EDGE_NFS[0], resources=resources), *EDGE_NFS[1:]]
    only_error(run(pr(networkFunctions=nfs)), f"{P}.networkFunctions[0].resources.{path}")


def test_a_subnet_too_small_for_the_attachments_is_an_error():
    network = {"vlan": 100, "subnet": "192.168.100.0/29", "gateway": "192.168.100.1", "masterInterface": "eth1"}
    error = only_error(run(pr(networkConfig=network)), f"{P}.networkConfig.subnet")
    assert "too small" in error["message"] and "8 attachments" in error["message"]
    assert error["field"]["currentValue"] == "192.168.100.0/29"


def test_an_address_offset_can_exhaust_the_subnet():
    result = run(pr(), function_config=config(addressOffset=250))
    only_error(result, f"{P}.networkConfig.subnet")


@pytest.mark.parametrize("field, value, path", [
    ("subnet", "192.168.100.7/24", "subnet"),
    ("subnet", "not-a-cidr", "subnet"),
    ("gateway", "10.0.0.1", "gateway"),
    ("gateway", "192.168.100.0", "gateway"),
    ("gateway", "192.168.100.255", "gateway"),
    ("vlan", 5000, "vlan"),
    ("vlan", "blue", "vlan"),
    ("masterInterface", "a-very-long-interface-name", "masterInterface"),
])
def test_bad_network_config_is_an_error(field, value, path):
    network = {"vlan": 100, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1", "masterInterface": "eth1", field: value}
    only_error(run(pr(networkConfig=network)), f"{P}.networkConfig.{path}")


def test_a_subnet_with_host_bits_proposes_the_network():
    network = {"vlan": 100, "subnet": "192.168.100.7/24", "gateway": "192.168.100.1"}
    error = only_error(run(pr(networkConfig=network)), f"{P}.networkConfig.subnet")
    assert error["field"]["proposedValue"] == "192.168.100.0/24"


def test_missing_network_config_is_an_error():
    only_error(run(pr(networkConfig=None)), f"{P}.networkConfig")


def test_missing_cluster_and_nfs_are_errors():
    result = run(pr(clusterName=None, networkFunctions=None))
    only_error(result, f"{P}.clusterName")
    only_error(result, f"{P}.networkFunctions")


@pytest.mark.parametrize("entry, path", [
    ({"name": "DU_1", "nfType": "O-DU"}, "name"),
    ({"name": "5g-du", "nfType": "O-DU"}, "name"),
    ({"name": "du", "nfType": "O-XYZ"}, "nfType"),
    ({"name": "du", "nfType": "O-DU", "replicas": 0}, "replicas"),
    ({"name": "du", "nfType": "O-DU", "dedicatedCpu": "yes"}, "dedicatedCpu"),
    ({"name": "du", "nfType": "O-DU", "performanceClass": "gold"}, "performanceClass"),
    ({"name": "du", "nfType": "O-DU", "resources": "4 cores"}, "resources"),
])
def test_bad_network_function_fields_are_errors(entry, path):
    only_error(run(pr(networkFunctions=[entry])), f"{P}.networkFunctions[0].{path}")


def test_duplicate_nf_names_are_an_error():
    nfs = [nf("du", "O-DU"), nf("du", "O-DU")]
    only_error(run(pr(networkFunctions=nfs)), f"{P}.networkFunctions[1].name")


def test_an_nf_type_without_an_image_is_an_error_pointing_at_the_catalog():
    nfs = [*EDGE_NFS[:2], dict(EDGE_NFS[2], name="ru", nfType="O-RU")]
    error = only_error(run(pr(networkFunctions=nfs)), f"{P}.networkFunctions[2].nfType")
    assert "catalog.O-RU.image" in error["field"]["proposedValue"]


def test_a_namespace_template_giving_an_invalid_name_is_an_error():
    result = run(pr(), function_config=config(namespaceTemplate="ran-{cluster}-{pr}"))
    error = only_error(result, "metadata.name")
    assert error["field"]["currentValue"] == "ran-edge-cluster-us-west-1-deploy-edge-ran-edge-cluster-us-west-1"


def test_persistent_storage_for_a_multi_replica_deployment_is_an_error():
    nfs = [dict(EDGE_NFS[0], replicas=2, resources={"cpu": "1", "memory": "2Gi", "storage": "5Gi"}), *EDGE_NFS[1:]]
    result = run(pr(networkFunctions=nfs), function_config=config(storageMode="persistent"))
    only_error(result, f"{P}.networkFunctions[0].replicas")


def test_an_invalid_config_generates_nothing_and_prunes_nothing():
    result = run(pr(), function_config=config(cniType="bridge"))
    assert result.code == 1 and not result.generated()
    result = run(pr(), function_config=config(reservedAddresses=["300.1.1.1"]))
    assert result.code == 1 and "reservedAddresses[0]" in result.errors()[0]["message"]


def test_a_bad_pr_does_not_stop_the_others():
    good, bad = pr("good"), pr("bad", resourceRequirements=None)
    result = run(bad, good)
    assert result.code == 1
    assert {r["resourceRef"]["name"] for r in result.errors()} == {"bad"}
    assert result.get("Namespace", "good")
    assert not [i for i in result.generated() if i["metadata"].get("namespace") == "bad"]


def test_other_resources_pass_through_untouched():
    other = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "keep", "namespace": "x"}, "data": {"a": "1"}}
    result = run(other, pr())
    assert result.get("ConfigMap", "keep") == other


@pytest.mark.parametrize("text, expected", [
    ("O-CU-CP", "O-CU-CP"), ("cu-cp", "O-CU-CP"), ("o_cu_up", "O-CU-UP"), ("o-ran-du", "O-DU"), ("DU", "O-DU"),
    ("o-ran-cu", "O-CU"), ("O-CU", "O-CU"), ("gNB-DU", "O-DU"), ("upf", None), ("", None), (3, None),
])
def test_nf_types_accept_the_usual_spellings(text, expected):
    assert normalise_nf_type(text, {"O-CU-CP", "O-CU-UP", "O-DU", "O-RU"}) == expected


def test_the_guides_target_cluster_name_is_accepted():
    params = pr()["spec"]["templateParameters"]
    params["targetCluster"] = params.pop("clusterName")
    result = run(pr(**{k: v for k, v in params.items()}, clusterName=None))
    assert result.code == 0, result.errors()
    assert result.get("StatefulSet", "du")["metadata"]["labels"]["nephio.org/cluster-name"] == "edge-cluster-us-west-1"
