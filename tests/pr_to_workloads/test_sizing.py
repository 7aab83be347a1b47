"""Workloads add up exactly to the PR's resourceRequirements; URLLC NFs get Guaranteed QoS."""

from fractions import Fraction

from oran_intent_krm.pr_to_workloads.sizing import GRAINS, split_exact
from oran_intent_krm.sdk import quantity

from .helpers import container, nf, pr, run

WORKLOAD_KINDS = ("Deployment", "StatefulSet")


def totals(result, storage_key="ephemeral-storage"):
    sums = {"cpu": Fraction(0), "memory": Fraction(0), "storage": Fraction(0)}
    for workload in result.generated():
        if workload["kind"] not in WORKLOAD_KINDS:
            continue
        requests = container(workload)["resources"]["requests"]
        replicas = workload["spec"]["replicas"]
        sums["cpu"] += replicas * quantity.parse(requests.get("cpu", 0))
        sums["memory"] += replicas * quantity.parse(requests.get("memory", 0))
        sums["storage"] += replicas * quantity.parse(requests.get(storage_key, 0))
    return sums


def test_the_guide_pr_sums_to_8_cpu_16gi_50gi():
    result = run(pr())
    assert result.code == 0, result.errors()
    assert totals(result) == {"cpu": 8, "memory": 16 * 2**30, "storage": 50 * 2**30}


def test_nfs_without_resources_share_the_rest_by_catalog_weights():
    nfs = [nf("cu-cp", "O-CU-CP"), nf("cu-up", "O-CU-UP"), nf("du", "O-DU")]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 0, result.errors()
    du = container(result.get("StatefulSet", "du"))["resources"]["requests"]
    cu_cp = container(result.get("Deployment", "cu-cp"))["resources"]["requests"]
    assert (du["cpu"], du["memory"], du["ephemeral-storage"]) == ("4", "8Gi", "30Gi")
    assert (cu_cp["cpu"], cu_cp["memory"], cu_cp["ephemeral-storage"]) == ("2", "4Gi", "10Gi")
    assert totals(result) == {"cpu": 8, "memory": 16 * 2**30, "storage": 50 * 2**30}


def test_stated_resources_are_kept_and_the_remainder_is_split():
    nfs = [nf("du", "O-DU", resources={"cpu": "5", "memory": "10Gi", "storage": "20Gi"}), nf("cu-cp", "O-CU-CP"),
           nf("cu-up", "O-CU-UP")]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 0, result.errors()
    assert container(result.get("StatefulSet", "du"))["resources"]["requests"]["cpu"] == "5"
    assert container(result.get("Deployment", "cu-cp"))["resources"]["requests"]["cpu"] == "1500m"
    assert totals(result) == {"cpu": 8, "memory": 16 * 2**30, "storage": 50 * 2**30}


def test_replicas_multiply_the_per_replica_resources():
    nfs = [nf("du", "O-DU", replicas=2, resources={"cpu": "2", "memory": "4Gi", "storage": "15Gi"}),
           nf("cu-cp", "O-CU-CP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"}),
           nf("cu-up", "O-CU-UP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"})]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 0, result.errors()
    assert result.get("StatefulSet", "du")["spec"]["replicas"] == 2
    assert totals(result) == {"cpu": 8, "memory": 16 * 2**30, "storage": 50 * 2**30}


def test_stated_resources_that_do_not_add_up_are_an_error():
    nfs = [nf("du", "O-DU", resources={"cpu": "4", "memory": "8Gi", "storage": "30Gi"})]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 1
    assert "spec.templateParameters.resourceRequirements.cpu" in result.error_paths()
    error = next(e for e in result.errors() if e["field"]["path"].endswith(".cpu"))
    assert error["field"]["currentValue"] == "8" and error["field"]["proposedValue"] == "4"
    assert not result.generated()


def test_more_stated_than_required_is_an_error():
    nfs = [nf("du", "O-DU", resources={"cpu": "10"}), nf("cu-cp", "O-CU-CP")]
    result = run(pr(networkFunctions=nfs))
    assert "spec.templateParameters.resourceRequirements.cpu" in result.error_paths()


def test_a_resource_the_requirements_do_not_name_is_an_error():
    result = run(pr(resourceRequirements={"cpu": "8000m", "memory": "16Gi"}))
    assert "spec.templateParameters.resourceRequirements.storage" in result.error_paths()


def test_urllc_nfs_get_guaranteed_qos_and_hugepages_from_the_profile():
    nfs = [nf("du", "O-DU", performanceClass="urllc", resources={"cpu": "4", "memory": "8Gi", "storage": "30Gi"}),
           nf("cu-cp", "O-CU-CP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"}),
           nf("cu-up", "O-CU-UP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"})]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 0, result.errors()
    resources = container(result.get("StatefulSet", "du"))["resources"]
    assert resources["requests"] == resources["limits"]
    assert resources["limits"]["cpu"] == "4" and resources["limits"]["hugepages-1Gi"] == "2Gi"
    volumes = result.get("StatefulSet", "du")["spec"]["template"]["spec"]["volumes"]
    assert {"emptyDir": {"medium": "HugePages-1Gi"}, "name": "hugepages-1gi"} in volumes
    cu = container(result.get("Deployment", "cu-cp"))["resources"]
    assert "cpu" not in cu["limits"], "standard NFs stay Burstable: no CPU limit"
    assert cu["limits"]["memory"] == cu["requests"]["memory"]


def test_dedicated_cpu_forces_guaranteed_qos_in_any_class():
    nfs = [nf("du", "O-DU", dedicatedCpu=True, resources={"cpu": "4", "memory": "8Gi", "storage": "30Gi",
                                                          "hugepages-2Mi": "512Mi"}),
           nf("cu-cp", "O-CU-CP"), nf("cu-up", "O-CU-UP")]
    result = run(pr(networkFunctions=nfs))
    resources = container(result.get("StatefulSet", "du"))["resources"]
    assert resources["requests"] == resources["limits"]
    assert resources["limits"]["hugepages-2Mi"] == "512Mi"


def test_guaranteed_qos_needs_whole_cpus():
    nfs = [nf("du", "O-DU", dedicatedCpu=True, resources={"cpu": "3500m", "memory": "8Gi", "storage": "30Gi"}),
           nf("cu-cp", "O-CU-CP", resources={"cpu": "2500m", "memory": "4Gi", "storage": "10Gi"}),
           nf("cu-up", "O-CU-UP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"})]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 1
    assert "spec.templateParameters.networkFunctions[0].resources.cpu" in result.error_paths()


def test_a_guaranteed_nf_sharing_the_remainder_gets_whole_cpus():
    nfs = [nf("du", "O-DU", dedicatedCpu=True), nf("cu-cp", "O-CU-CP"), nf("cu-up", "O-CU-UP")]
    result = run(pr(resourceRequirements={"cpu": "7", "memory": "16Gi", "storage": "50Gi"}, networkFunctions=nfs))
    assert result.code == 0, result.errors()
    du_cpu = quantity.parse(container(result.get("StatefulSet", "du"))["resources"]["limits"]["cpu"])
    assert du_cpu.denominator == 1
    assert totals(result)["cpu"] == 7


def test_hugepages_in_the_requirements_must_add_up():
    nfs = [nf("du", "O-DU", performanceClass="urllc"), nf("cu-cp", "O-CU-CP"), nf("cu-up", "O-CU-UP")]
    result = run(pr(resourceRequirements={"cpu": "8", "memory": "16Gi", "storage": "50Gi", "hugepages-1Gi": "4Gi"},
                    networkFunctions=nfs))
    assert "spec.templateParameters.resourceRequirements.hugepages-1Gi" in result.error_paths()


def test_the_cu_pair_becomes_cu_cp_and_cu_up():
    nfs = [nf("cu", "o-ran-cu", source="o-ran-cu", resources={"cpu": "4", "memory": "8Gi", "storage": "20Gi"}),
           nf("du", "o-ran-du", resources={"cpu": "4", "memory": "8Gi", "storage": "30Gi"})]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 0, result.errors()
    cp, up = result.get("Deployment", "cu-cp"), result.get("StatefulSet", "cu-up")
    assert container(cp)["resources"]["requests"] == container(up)["resources"]["requests"]
    assert container(cp)["resources"]["requests"]["cpu"] == "2"
    assert cp["metadata"]["labels"]["o-ran.org/cu-pair"] == "cu"


def test_split_uses_the_coarsest_exact_grain():
    parts = split_exact(Fraction(50 * 2**30), [1, 1, 3], [1, 1, 1], [0, 0, 0], GRAINS["storage"])
    assert parts == [10 * 2**30, 10 * 2**30, 30 * 2**30]
    parts = split_exact(Fraction(1), [1, 1, 1], [1, 1, 1], [0, 0, 0], GRAINS["cpu"])
    assert sum(parts) == 1 and sorted(parts) == [Fraction(33, 100), Fraction(33, 100), Fraction(34, 100)]


def test_split_respects_replicas_and_reports_impossible_splits():
    assert split_exact(Fraction(1, 1000), [1], [2], [0], GRAINS["cpu"]) is None
    parts = split_exact(Fraction(6), [1, 1], [2, 1], [0, 0], GRAINS["cpu"])
    assert 2 * parts[0] + parts[1] == 6


def test_an_indivisible_remainder_is_an_error_naming_the_nfs():
    nfs = [nf("du", "O-DU", replicas=3, resources={"memory": "8Gi", "storage": "30Gi"}),
           nf("cu-cp", "O-CU-CP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"}),
           nf("cu-up", "O-CU-UP", resources={"cpu": "2", "memory": "4Gi", "storage": "10Gi"})]
    result = run(pr(resourceRequirements={"cpu": "4001m", "memory": "40Gi", "storage": "110Gi"}, networkFunctions=nfs))
    error = next(e for e in result.errors() if e["field"]["path"].endswith("resourceRequirements.cpu"))
    assert "du" in error["message"]


def test_a_cu_pair_that_cannot_be_divided_into_whole_dedicated_cpus_is_an_error():
    nfs = [nf("cu", "O-CU", dedicatedCpu=True, resources={"cpu": "1500m", "memory": "8Gi", "storage": "20Gi"}),
           nf("du", "O-DU", resources={"cpu": "8", "memory": "8Gi", "storage": "30Gi"})]
    result = run(pr(networkFunctions=nfs))
    assert "spec.templateParameters.networkFunctions[0].resources.cpu" in result.error_paths()


def test_ephemeral_storage_is_read_as_storage():
    nfs = [dict(n, resources={k if k != "storage" else "ephemeral-storage": v for k, v in n["resources"].items()})
           for n in pr()["spec"]["templateParameters"]["networkFunctions"]]
    result = run(pr(networkFunctions=nfs))
    assert result.code == 0, result.errors()
    assert totals(result)["storage"] == 50 * 2**30
