"""The guide's Example 2 (multi-site edge): a Porch PackageVariantSet over WorkloadClusters, and its local fan-out."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from tests import kpt
from tests.packages.support import FAN_OUT, MULTI_SITE, documents, kptfile, of_kind, run_script, script_module

SITES = ("edge-cluster-eu-west-1", "edge-cluster-us-east-1", "edge-cluster-us-west-1")
BLUEPRINT = MULTI_SITE / "edge-deployment"
# Fields of config.porch.kpt.dev/v1alpha2 PackageVariantSet (porch controllers/packagevariantsets/api/v1alpha2).
PVS_FIELDS = {"upstream", "targets"}
UPSTREAM_FIELDS = {"repo", "package", "revision", "workspaceName"}
TARGET_FIELDS = {"repositories", "repositorySelector", "objectSelector", "template"}
TEMPLATE_FIELDS = {"downstream", "adoptionPolicy", "deletionPolicy", "labels", "labelExprs", "annotations", "annotationExprs", "packageContext", "pipeline", "injectors"}
INJECTOR_FIELDS = {"group", "version", "kind", "name", "nameExpr"}
MAP_EXPR_FIELDS = {"key", "value", "keyExpr", "valueExpr"}


def porch(kind: str) -> list[dict]:
    return of_kind(documents(MULTI_SITE / "porch"), kind)


def site_package(site: str):
    return MULTI_SITE / "sites" / site / "edge-deployment"


def test_the_package_variant_set_uses_only_porch_fields():
    [pvs] = porch("PackageVariantSet")
    assert pvs["apiVersion"] == "config.porch.kpt.dev/v1alpha2"
    assert set(pvs["spec"]) <= PVS_FIELDS and set(pvs["spec"]["upstream"]) <= UPSTREAM_FIELDS
    for target in pvs["spec"]["targets"]:
        assert set(target) <= TARGET_FIELDS
        assert len(set(target) & {"repositories", "repositorySelector", "objectSelector"}) == 1
        assert set(target["template"]) <= TEMPLATE_FIELDS
        for injector in target["template"]["injectors"]:
            assert set(injector) <= INJECTOR_FIELDS and len(set(injector) & {"name", "nameExpr"}) == 1
        for expr in target["template"].get("labelExprs", []):
            assert set(expr) <= MAP_EXPR_FIELDS


def test_the_upstream_is_the_blueprint_in_the_registered_catalog_repository():
    [pvs] = porch("PackageVariantSet")
    [repository] = porch("Repository")
    assert pvs["spec"]["upstream"]["repo"] == repository["metadata"]["name"]
    assert repository["spec"]["git"]["directory"] == "packages/multi-site-edge"
    assert (MULTI_SITE / pvs["spec"]["upstream"]["package"] / "Kptfile").is_file()
    assert pvs["metadata"]["namespace"] == repository["metadata"]["namespace"]


def test_the_set_selects_the_guides_three_edge_sites_each_with_a_network_plan_named_after_it():
    [pvs] = porch("PackageVariantSet")
    [target] = pvs["spec"]["targets"]
    selector = target["objectSelector"]
    clusters = [c for c in porch(selector["kind"]) if c["apiVersion"] == selector["apiVersion"]]
    chosen = sorted(c["metadata"]["name"] for c in clusters if selector["matchLabels"].items() <= c["metadata"]["labels"].items())
    assert tuple(chosen) == SITES
    # The objectSelector only sees objects in the set's namespace; injectors read from it too.
    assert {c["metadata"]["namespace"] for c in clusters} == {pvs["metadata"]["namespace"]}
    plans = {p["metadata"]["name"]: p for p in porch("SiteNetworkPlan")}
    assert sorted(plans) == list(SITES)
    assert all(plans[s]["spec"]["clusterName"] == s for s in SITES)
    assert {(i["kind"], i["nameExpr"]) for i in target["template"]["injectors"]} == {("WorkloadCluster", "target.name"), ("SiteNetworkPlan", "target.name")}


def test_the_blueprint_marks_its_site_specific_objects_as_required_injection_points():
    docs = documents(BLUEPRINT)
    points = {(d["kind"], d["metadata"]["name"]) for d in docs if (d["metadata"].get("annotations") or {}).get("kpt.dev/config-injection") == "required"}
    assert points == {("WorkloadCluster", "workload-cluster"), ("SiteNetworkPlan", "site-network-plan")}


@pytest.mark.parametrize("site", SITES)
def test_each_site_package_provisions_its_own_cluster_on_its_own_network(site):
    docs = documents(site_package(site))
    [request] = of_kind(docs, "ProvisioningRequest")
    params = request["spec"]["templateParameters"]
    [plan] = [p for p in porch("SiteNetworkPlan") if p["metadata"]["name"] == site]
    [cluster] = [c for c in porch("WorkloadCluster") if c["metadata"]["name"] == site]
    assert params["clusterName"] == site
    assert {k: params["networkConfig"][k] for k in ("vlan", "subnet", "gateway")} == {k: plan["spec"][k] for k in ("vlan", "subnet", "gateway")}
    assert params["networkConfig"]["masterInterface"] == cluster["spec"]["masterInterface"]
    assert sorted(nf["nfType"] for nf in params["networkFunctions"]) == ["O-CU-CP", "O-CU-UP", "O-DU"]
    assert not any("edge-cluster-example" in str(d) for d in docs), "the blueprint's placeholder site must be pruned"


@pytest.mark.parametrize("site", SITES)
def test_each_site_package_is_gated_on_its_injections_and_its_slo_gate(site):
    kf = kptfile(site_package(site))
    gates = [g["conditionType"] for g in kf["info"]["readinessGates"]]
    assert gates == sorted(gates)
    assert gates == [
        "config.injection.SiteNetworkPlan.site-network-plan",
        "config.injection.WorkloadCluster.workload-cluster",
        f"gate.slo.nephio.org.SLOGate.edge-deployment-{site}",
    ]
    conditions = {c["type"]: c for c in kf["status"]["conditions"]}
    for injected in gates[:2]:
        assert (conditions[injected]["status"], conditions[injected]["reason"]) == ("True", "ConfigInjected")
        assert site in conditions[injected]["message"]


def test_the_committed_site_packages_are_the_fan_out_of_the_blueprint():
    done = run_script(FAN_OUT, "--check")
    assert done.returncode == 0, done.stdout + done.stderr


def _copy_without_sites(tmp_path):
    copy = tmp_path / "multi-site-edge"
    shutil.copytree(MULTI_SITE, copy, ignore=shutil.ignore_patterns("sites"))
    return copy


def test_the_fan_out_refuses_what_it_does_not_implement_rather_than_guess(tmp_path):
    copy = _copy_without_sites(tmp_path)
    pvs_file = copy / "porch" / "packagevariantset.yaml"
    pvs_file.write_text(pvs_file.read_text().replace("nameExpr: target.name", "nameExpr: \"target.name + '-plan'\"", 1))
    done = subprocess.run([sys.executable, str(copy / "fan-out")], capture_output=True, text=True)
    assert done.returncode == 2
    assert "only target.name is supported" in done.stderr
    assert not (copy / "sites").exists()


def test_sites_whose_subnets_overlap_stop_the_fan_out_naming_both_plans(tmp_path):
    copy = _copy_without_sites(tmp_path)
    plans = copy / "porch" / "site-network-plans.yaml"
    plans.write_text(plans.read_text().replace("subnet: 192.168.101.0/24", "subnet: 192.168.100.128/25").replace("gateway: 192.168.101.1", "gateway: 192.168.100.129"))
    done = subprocess.run([sys.executable, str(copy / "fan-out")], capture_output=True, text=True, env=kpt.env())
    assert done.returncode == 1, done.stdout + done.stderr
    assert "porch/site-network-plans.yaml" in done.stderr
    assert "cluster edge-cluster-us-west-1 (VLAN 100) overlaps subnet 192.168.100.128/25 of cluster edge-cluster-us-east-1 (VLAN 101)" in done.stderr
    assert not (copy / "sites").exists()


def test_an_injection_point_with_no_matching_object_stays_false_and_keeps_its_gate(tmp_path):
    fan_out = script_module(FAN_OUT)
    package = tmp_path / "pkg"
    shutil.copytree(BLUEPRINT, package)
    objects = [o for o in fan_out.in_cluster_objects() if o["kind"] == "WorkloadCluster"]
    selectors = [{"group": None, "version": None, "kind": None, "name": "edge-cluster-us-west-1"}]
    fan_out.inject(package, selectors, objects)
    kf = yaml.safe_load((package / "Kptfile").read_text())
    conditions = {c["type"]: c for c in kf["status"]["conditions"]}
    assert conditions["config.injection.WorkloadCluster.workload-cluster"]["status"] == "True"
    assert conditions["config.injection.SiteNetworkPlan.site-network-plan"]["status"] == "False"
    assert conditions["config.injection.SiteNetworkPlan.site-network-plan"]["reason"] == "NoResourceSelected"
    assert {"conditionType": "config.injection.SiteNetworkPlan.site-network-plan"} in kf["info"]["readinessGates"]
    plan = yaml.safe_load((package / "site-network-plan.yaml").read_text())
    assert plan["spec"]["clusterName"] == "edge-cluster-example", "an unmatched point keeps its placeholder"


def test_the_fan_out_works_from_a_copy_of_the_package_anywhere(tmp_path):
    """As after `kpt pkg get` of multi-site-edge alone: no checkout around it, the project installed for its Python."""
    copy = shutil.copytree(MULTI_SITE, tmp_path / "multi-site-edge")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run([sys.executable, str(copy / "fan-out"), "--check"], capture_output=True, text=True, cwd=elsewhere, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sites/ is up to date (3 packages)" in done.stdout


SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin")


@pytest.mark.skipif(SYSTEM_PYTHON is None, reason="no python3 in /usr/bin or /bin to start the fan-out with")
def test_without_the_project_the_fan_out_says_how_to_get_it(tmp_path):
    if subprocess.run([SYSTEM_PYTHON, "-c", "import oran_intent_krm"], capture_output=True).returncode == 0:
        pytest.skip(f"{SYSTEM_PYTHON} has the project installed")
    copy = shutil.copytree(MULTI_SITE, tmp_path / "multi-site-edge")
    done = subprocess.run([SYSTEM_PYTHON, str(copy / "fan-out"), "--check"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "the oran-intent-krm project is not installed" in done.stderr and ". .venv/bin/activate" in done.stderr
