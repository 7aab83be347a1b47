"""The whole function: contracts of what it emits, idempotency, pruning and configuration forms."""

import subprocess
import sys

import pytest
import yaml
from oran_intent_krm.models.o2ims import ProvisioningRequest, RanTemplateParameters, SiteNetworkPlan, WorkloadCluster
from oran_intent_krm.models.slo import MeasurementJob, SLOGate
from oran_intent_krm.ts28312_to_pr.main import FUNCTION

from tests.ts28312_to_pr.builders import (
    config,
    deliver,
    ensure,
    guide_package,
    intent,
    resource_list,
    run,
    site,
    target,
)

GENERATED = ("ProvisioningRequest", "SLOGate", "MeasurementJob")


def multi_site():
    return [
        intent("ran", [deliver(["o-ran-cu", "o-ran-du"], selector="edge-cluster-*"),
                       ensure([target("DlLatency", "IS_LESS_THAN", 10, "ms"), target("DlThptPerUE", "IS_GREATER_THAN", 1000, "Mbps")])]),
        *site("edge-cluster-us-west-1", 0), *site("edge-cluster-us-east-1", 1, "us-east-1"),
        *site("edge-cluster-eu-west-1", 2, "eu-west-1"),
    ]


def rerun(items, cfg=None):
    """Feed a run's output back in, as kpt does on the next render."""
    text, code = FUNCTION.process(resource_list(items, cfg).encode())
    return yaml.safe_load(text), code


def test_emitted_objects_validate_against_the_models():
    result = run(multi_site())
    assert result.exit_code == 0, result.errors()
    for pr in result.kind("ProvisioningRequest"):
        ProvisioningRequest.model_validate(pr)
        RanTemplateParameters.model_validate(pr["spec"]["templateParameters"])
    for gate in result.kind("SLOGate"):
        SLOGate.model_validate(gate)
    for job in result.kind("MeasurementJob"):
        MeasurementJob.model_validate(job)
    assert [len(result.kind(k)) for k in GENERATED] == [3, 3, 3]


def test_urllc_requests_validate_too():
    items = [intent("urllc", [deliver(["o-ran-du", "o-ran-ru"], selector="edge-*"),
                              ensure([target("DlLatency", "IS_LESS_THAN", 1, "ms")])]), *site("edge-1", 0)]
    pr = run(items).one("ProvisioningRequest")
    params = RanTemplateParameters.model_validate(pr["spec"]["templateParameters"])
    assert params.resourceRequirements.hugepages_1gi == "8Gi" and params.resourceRequirements.hugepages_2mi == "1Gi"


def test_inventory_examples_validate_against_their_models():
    for item in site("edge-cluster-us-west-1", 0):
        model = WorkloadCluster if item["kind"] == "WorkloadCluster" else SiteNetworkPlan
        model.model_validate(item)


def test_multi_site_networks_are_distinct_and_disjoint():
    import ipaddress

    networks = [p["spec"]["templateParameters"]["networkConfig"] for p in run(multi_site()).kind("ProvisioningRequest")]
    subnets = [ipaddress.ip_network(n["subnet"]) for n in networks]
    assert len({n["vlan"] for n in networks}) == 3
    assert not any(a.overlaps(b) for i, a in enumerate(subnets) for b in subnets[i + 1:])


def test_a_second_render_changes_nothing():
    first = run(multi_site())
    second, code = rerun(first.items)
    assert code == 0
    assert second["items"] == first.items


def test_removing_a_cluster_prunes_its_objects():
    first = run(multi_site())
    remaining = [i for i in first.items if i["metadata"]["name"] != "edge-cluster-eu-west-1"]
    second, code = rerun(remaining)
    assert code == 0
    names = sorted(i["metadata"]["name"] for i in second["items"] if i["kind"] == "ProvisioningRequest")
    assert names == ["ran-edge-cluster-us-east-1", "ran-edge-cluster-us-west-1"]
    assert not [i for i in second["items"] if "eu-west-1" in i["metadata"]["name"]]
    assert any(r.get("tags", {}).get("reason") == "Pruned" for r in second["results"])


def test_removing_the_targets_prunes_the_assurance_plan():
    first = run(guide_package())
    items = [i for i in first.items]
    items[0]["spec"]["intentExpectations"] = items[0]["spec"]["intentExpectations"][:1]
    second, code = rerun(items)
    assert code == 0
    assert sorted(i["kind"] for i in second["items"] if i["kind"] in GENERATED) == ["ProvisioningRequest"]


def test_a_hand_edited_request_is_kept_with_a_warning():
    first = run(guide_package())
    pr = next(i for i in first.items if i["kind"] == "ProvisioningRequest")
    pr["spec"]["templateParameters"]["networkConfig"]["vlan"] = 200
    second, code = rerun(first.items)
    kept = next(i for i in second["items"] if i["kind"] == "ProvisioningRequest")
    assert code == 0 and kept["spec"]["templateParameters"]["networkConfig"]["vlan"] == 200
    assert any(r.get("tags", {}).get("reason") == "HandEdited" for r in second["results"])


def test_a_status_written_downstream_survives_regeneration():
    first = run(guide_package())
    gate = next(i for i in first.items if i["kind"] == "SLOGate")
    gate["status"] = {"phase": "Passed"}
    intent_item = first.items[0]
    intent_item["spec"]["intentExpectations"][1]["expectationTargets"][0]["targetValueRange"] = 20
    second, _ = rerun(first.items)
    regenerated = next(i for i in second["items"] if i["kind"] == "SLOGate")
    assert regenerated["status"] == {"phase": "Passed"}
    assert regenerated["spec"]["sloTargets"][0]["threshold"] == 20


def test_a_configmap_configures_the_function():
    cfg = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"},
           "data": {"templateName": "ran-blueprint", "collectionInterval": "60",
                    "sizingProfiles": '{"du": {"classes": {"high-throughput": {"cpu": "6"}}}}'}}
    result = run(guide_package(), cfg)
    assert result.exit_code == 0, result.errors()
    pr = result.one("ProvisioningRequest")
    assert pr["spec"]["templateName"] == "ran-blueprint"
    assert pr["spec"]["templateParameters"]["resourceRequirements"]["cpu"] == "10000m"
    assert result.one("MeasurementJob")["spec"]["o2imsJobRequest"]["collectionInterval"] == 60


def test_configmap_errors_name_the_data_field():
    cfg = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"},
           "data": {"sizingProfiles": '{"du": {"classes": {"high-throughput": {"cpu": "six"}}}}'}}
    result = run(guide_package(), cfg)
    assert result.error_paths() == [("cfg", "data.sizingProfiles.du.classes.high-throughput.cpu")]


def test_an_unknown_config_field_is_an_error():
    result = run(guide_package(), config(templateNmae="x"))
    assert result.exit_code == 1 and result.kind("ProvisioningRequest") == []


def test_a_broken_config_leaves_generated_objects_in_place():
    first = run(guide_package())
    second, code = rerun(first.items, config(defaultObjectives=[{"metric": "nope", "operator": ">=", "threshold": 1}]))
    assert code == 1
    assert sorted(i["kind"] for i in second["items"]) == sorted(i["kind"] for i in first.items)


def test_resources_it_does_not_own_pass_through_untouched():
    other = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "keep"}, "data": {"a": "1"}}
    result = run([*guide_package(), other])
    assert other in result.items


def test_an_existing_object_it_does_not_own_is_not_overwritten():
    squatter = {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest",
                "metadata": {"name": "deploy-edge-ran-edge-cluster-us-west-1"}, "spec": {}}
    result = run([*guide_package(), squatter])
    assert result.exit_code == 1
    assert squatter in result.items


def test_the_committed_config_schema_is_current():
    import json

    from oran_intent_krm.ts28312_to_pr.config import SCHEMA_PATH, Config

    assert json.loads(SCHEMA_PATH.read_text()) == json.loads(json.dumps(Config.model_json_schema(by_alias=True)))


def test_the_render_path_does_not_import_pydantic():
    code = (
        "import sys; from oran_intent_krm.ts28312_to_pr.main import FUNCTION; "
        "from tests.ts28312_to_pr.builders import resource_list, guide_package; "
        "text, rc = FUNCTION.process(resource_list(guide_package()).encode()); "
        "assert rc == 0; print('pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version(flag, capsys):
    assert FUNCTION.main([flag]) == 0
    assert "28312-to-pr" in capsys.readouterr().out


def test_the_readme_configuration_example_works():
    import re
    from pathlib import Path

    readme = Path(__file__).resolve().parents[2] / "functions" / "ts28312_to_pr" / "README.md"
    block = re.search(r"```yaml\n# plan-config.yaml\n(.*?)```", readme.read_text(), re.S).group(1)
    items = guide_package()
    items[0]["spec"]["intentExpectations"][1]["expectationTargets"].append(target("jitter", "IS_LESS_THAN", 2, "ms"))
    result = run(items, yaml.safe_load(block))
    assert result.exit_code == 0, result.errors()
    assert result.one("ProvisioningRequest")["spec"]["templateName"] == "oran-edge-ran"
    assert "jitter_p95_ms" in [t["metric"] for t in result.one("SLOGate")["spec"]["sloTargets"]]
