"""Whole runs: deterministic files per cluster and NF, idempotent, pruned when the PR goes."""

import copy
import random

import yaml
from oran_intent_krm.pr_to_workloads.main import FUNCTION

from .helpers import pr, run

BASE = "generated/clusters/edge-cluster-us-west-1/deploy-edge-ran-edge-cluster-us-west-1"
PATH = "internal.config.kubernetes.io/path"


def test_files_are_laid_out_by_cluster_namespace_and_nf():
    result = run(pr())
    paths = {(i["kind"], i["metadata"]["name"]): i["metadata"]["annotations"][PATH] for i in result.generated()}
    assert paths[("Namespace", "deploy-edge-ran-edge-cluster-us-west-1")] == f"{BASE}/namespace_deploy-edge-ran-edge-cluster-us-west-1.yaml"
    assert paths[("StatefulSet", "du")] == f"{BASE}/du/statefulset_du.yaml"
    assert paths[("Service", "cu-cp-f1c")] == f"{BASE}/cu-cp/service_cu-cp-f1c.yaml"
    assert len(set(paths.values())) == len(paths)


def test_the_output_directory_is_configurable():
    from .helpers import config

    result = run(pr(), function_config=config(outputDir="clusters"))
    assert all(i["metadata"]["annotations"][PATH].startswith("clusters/edge-cluster-us-west-1/") for i in result.generated())


def without_provenance_digests(items):
    """The objects minus the digests of their source, which differ when the source's lists are reordered."""
    out = []
    for item in copy.deepcopy(items):
        for key in ("krm.oran-intent.io/source-digest", "krm.oran-intent.io/digest"):
            item["metadata"]["annotations"].pop(key)
        out.append(item)
    return sorted(out, key=lambda i: (i["kind"], i["metadata"].get("namespace", ""), i["metadata"]["name"]))


def test_reordered_input_gives_the_same_output():
    first, second = pr("a"), pr("b", clusterName="edge-cluster-eu-west-1")
    shuffled = copy.deepcopy(second)
    random.Random(7).shuffle(shuffled["spec"]["templateParameters"]["networkFunctions"])
    assert shuffled != second
    one = run(first, second)
    two = run(shuffled, first)
    assert without_provenance_digests(one.generated()) == without_provenance_digests(two.generated())


def test_a_second_run_changes_nothing():
    once = run(pr())
    text, code = FUNCTION.process(once.text.split("results:")[0].encode())
    assert code == 0
    twice = yaml.safe_load(text)
    assert twice["items"] == once.items


def test_workloads_of_a_deleted_pr_are_pruned():
    kept, gone = pr("kept"), pr("gone", clusterName="edge-cluster-eu-west-1")
    both = run(kept, gone)
    package = [i for i in both.items if not (i["kind"] == "ProvisioningRequest" and i["metadata"]["name"] == "gone")]
    after = run(*package)
    assert after.code == 0
    assert not [i for i in after.generated() if "gone" in i["metadata"]["annotations"]["krm.oran-intent.io/source"]]
    assert after.get("Namespace", "kept")
    pruned = [r for r in after.results if r.get("tags", {}).get("reason") == "Pruned"]
    assert len(pruned) == len([i for i in both.generated() if i["metadata"]["annotations"]["krm.oran-intent.io/source"].endswith("/gone")])


def test_a_changed_pr_updates_its_workloads_in_place():
    before = run(pr())
    changed = pr(networkConfig={"vlan": 200, "subnet": "192.168.100.0/24", "gateway": "192.168.100.1", "masterInterface": "eth1"})
    package = [i for i in before.items if i["kind"] != "ProvisioningRequest"] + [changed]
    after = run(*package)
    assert '"eth1.200"' in after.get("NetworkAttachmentDefinition", "du-f1u")["spec"]["config"]
    assert len(after.generated()) == len(before.generated())


def test_local_config_prs_are_ignored():
    item = pr()
    item["metadata"]["annotations"] = {"config.kubernetes.io/local-config": "true"}
    assert not run(item).generated()


def test_each_success_is_summarised_in_an_info_result():
    (info,) = [r for r in run(pr()).results if r["severity"] == "info"]
    assert "3 NFs" in info["message"] and "cpu 8, memory 16Gi, storage 50Gi as required" in info["message"]


def test_the_readme_config_example_is_accepted():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "functions" / "pr_to_workloads" / "README.md").read_text()
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "PrToWorkloadsConfig" in block)
    result = run(pr(), function_config=yaml.safe_load(example))
    assert result.code == 0, result.errors()
    assert result.kinds("NFDeployment") and result.kinds("PersistentVolumeClaim")


def test_a_config_map_function_config_is_coerced():
    function_config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                       "data": {"output": "both", "addressOffset": "10", "egressCidrs": '{"n2": ["10.0.0.0/24"]}'}}
    result = run(pr(), function_config=function_config)
    assert result.code == 0, result.errors()
    assert '"192.168.100.12/24"' in result.get("NetworkAttachmentDefinition", "cu-cp-e1")["spec"]["config"]


def test_the_render_path_does_not_import_pydantic():
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys, yaml; from oran_intent_krm.pr_to_workloads.main import FUNCTION; "
            "from tests.pr_to_workloads.helpers import pr; "
            "FUNCTION.process(yaml.safe_dump({'apiVersion': 'config.kubernetes.io/v1', 'kind': 'ResourceList', "
            "'items': [pr()]}).encode()); print('pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "False"
