"""The CRDs: generated from the models, structural, valid, committed up to date, and fitting what the pipeline emits."""

from __future__ import annotations

import functools
import importlib
import re
import runpy
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from oran_intent_krm.models import crds
from oran_intent_krm.models.crd import object_problems

from tests import pipeline
from tests.models.test_crd import structural_problems

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "scripts" / "generate-crds"
COMMITTED = ROOT / "deploy" / "crds"
PACKAGES = ROOT / "packages"
KUBERNETES = "1.32"
# Groups whose kinds this project defines; everything else it emits has an upstream CRD.
OWN_GROUPS = {"tmf921.intent.tmforum.org", "intent.3gpp.org", "gate.slo.nephio.org", "measurement.o2ims.org", "fn.oran-intent.io"}
DEFINITIONS = runpy.run_path(str(GENERATE), run_name="generate_crds")["definitions"]()
BY_KIND = {(d["spec"]["group"], d["spec"]["names"]["kind"]): d for d in DEFINITIONS.values()}


def schema_of(definition: dict) -> dict:
    [version] = definition["spec"]["versions"]
    return version["schema"]["openAPIV3Schema"]


@functools.lru_cache(maxsize=1)
def package_objects() -> list[tuple[Path, dict]]:
    found = []
    for path in sorted(PACKAGES.rglob("*.yaml")):
        found += [(path, d) for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict) and "kind" in d]
    return found


def group_of(obj: dict) -> str:
    api_version = str(obj.get("apiVersion", ""))
    return api_version.split("/", 1)[0] if "/" in api_version else ""


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_every_crd_is_structural_and_a_valid_customresourcedefinition(name):
    definition = DEFINITIONS[name]
    assert structural_problems(schema_of(definition)) == []
    kubernetes_validate.validate(definition, KUBERNETES, strict=True)


def test_the_committed_crds_are_what_the_models_generate():
    done = subprocess.run([sys.executable, str(GENERATE), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in COMMITTED.glob("*.yaml")) == sorted(DEFINITIONS)


def test_the_up_to_date_check_fails_on_an_edited_or_missing_crd(tmp_path):
    out = tmp_path / "crds"
    assert subprocess.run([sys.executable, str(GENERATE), "--out", str(out)], capture_output=True).returncode == 0
    slogates = out / "gate.slo.nephio.org_slogates.yaml"
    slogates.write_text(slogates.read_text().replace("Verdict", "Phase"))
    (out / "fn.oran-intent.io_sitenetworkplans.yaml").unlink()
    done = subprocess.run([sys.executable, str(GENERATE), "--check", "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "gate.slo.nephio.org_slogates.yaml" in done.stdout and "fn.oran-intent.io_sitenetworkplans.yaml" in done.stdout


def test_a_crd_names_its_kind_and_plural_consistently():
    names = [d["metadata"]["name"] for d in DEFINITIONS.values()]
    assert len(set(names)) == len(names)
    for file_name, definition in DEFINITIONS.items():
        spec = definition["spec"]
        assert definition["metadata"]["name"] == f"{spec['names']['plural']}.{spec['group']}"
        assert file_name == f"{spec['group']}_{spec['names']['plural']}.yaml"
        assert spec["scope"] == "Namespaced"
    short_names = [s for d in DEFINITIONS.values() for s in d["spec"]["names"].get("shortNames", [])]
    assert len(set(short_names)) == len(short_names)


def test_every_kind_of_the_project_emitted_in_a_package_has_a_crd():
    emitted = {(group_of(o), o["kind"]) for _, o in package_objects() if group_of(o) in OWN_GROUPS}
    assert emitted, "the packages emit no kind of this project"
    assert emitted - set(BY_KIND) == set()


@pytest.mark.parametrize("name", sorted(pipeline.MODULES))
def test_each_function_declares_the_config_kind_it_accepts(name):
    function = importlib.import_module(pipeline.MODULES[name]).FUNCTION
    config = importlib.import_module(pipeline.MODULES[name].rsplit(".", 1)[0] + ".config")
    assert config.KIND == function.config.kind
    assert (crds.CONFIG_GROUP, config.KIND) in BY_KIND


def test_every_config_kind_and_the_kinds_the_pipeline_writes_are_served():
    kinds = {kind for _, kind in BY_KIND}
    assert {"IntentTo28312Config", "ProvisioningPlanConfig", "PrToWorkloadsConfig", "SloGateValidatorConfig"} <= kinds
    assert {"Intent", "SLOGate", "MeasurementJob", "MeasurementReport", "IntentReport", "SLOGateRecord", "SiteNetworkPlan"} <= kinds
    assert ("tmf921.intent.tmforum.org", "Intent") in BY_KIND and ("intent.3gpp.org", "Intent") in BY_KIND


def test_every_object_in_the_packages_would_be_stored_as_written():
    """No field the pipeline writes is unknown to (and so pruned by) its CRD, and every value is accepted."""
    checked = 0
    for path, obj in package_objects():
        definition = BY_KIND.get((group_of(obj), obj["kind"]))
        if definition is None:
            continue
        assert object_problems(definition, obj) == [], f"{path.relative_to(ROOT)}: {obj['kind']} {obj['metadata']['name']}"
        checked += 1
    assert checked >= 20


def test_the_check_of_objects_against_a_crd_catches_unknown_fields_and_bad_values():
    slogate = BY_KIND[("gate.slo.nephio.org", "SLOGate")]
    good = {
        "apiVersion": "gate.slo.nephio.org/v1alpha1",
        "kind": "SLOGate",
        "metadata": {"name": "g"},
        "spec": {
            "targetRef": {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": "pr"},
            "intentRef": {"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "Intent", "name": "i"},
            "sloTargets": [{"metric": "latency_p95_ms", "threshold": 10, "operator": "<", "unit": "ms", "weight": 2}],
            "measurementWindow": "5m",
            "evaluationPeriod": "30s",
            "totalScore": {"pass": 90, "warning": 75},
        },
    }
    assert object_problems(slogate, good) == []
    bad = {**good, "spec": {**good["spec"], "sloTargets": [{"metric": "m", "threshold": 1, "operator": "=<"}], "colour": "red"}}
    found = object_problems(slogate, bad)
    assert any("colour" in p for p in found) and any("=<" in p for p in found)


def test_the_function_examples_configs_are_valid_config_resources():
    configs = []
    for path in sorted(ROOT.glob("functions/*/examples/*/*.yaml")):
        configs += [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict) and group_of(d) == crds.CONFIG_GROUP and d.get("kind", "").endswith("Config")]
    assert configs, "no example uses a functionConfig resource"
    for config in configs:
        assert object_problems(BY_KIND[(crds.CONFIG_GROUP, config["kind"])], config) == [], config["metadata"]


def _schema_at(schema: dict, json_path: str) -> dict | None:
    """The sub-schema a printer column's JSONPath points at, or None if it points at nothing declared."""
    for step in re.findall(r"\.([A-Za-z0-9_-]+)(\[[^\]]*\])?", json_path):
        name, index = step
        if schema.get("x-kubernetes-preserve-unknown-fields") and "properties" not in schema:
            return schema
        schema = schema.get("properties", {}).get(name)
        if schema is None:
            return None
        if index:
            schema = schema.get("items")
            if schema is None:
                return None
    return schema


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_printer_columns_point_at_declared_fields_of_their_type(name):
    definition = DEFINITIONS[name]
    [version] = definition["spec"]["versions"]
    for column in version.get("additionalPrinterColumns", []):
        if column["jsonPath"] == ".metadata.creationTimestamp":
            continue
        target = _schema_at(schema_of(definition), column["jsonPath"])
        assert target is not None, column
        if column["type"] in ("integer", "number") and "type" in target:
            assert target["type"] in ("integer", "number"), column


def test_the_columns_a_user_wants_in_kubectl_get():
    def columns(group, kind):
        [version] = BY_KIND[(group, kind)]["spec"]["versions"]
        return {c["name"]: c["jsonPath"] for c in version["additionalPrinterColumns"]}

    assert columns("gate.slo.nephio.org", "SLOGate")["Verdict"] == ".status.phase"
    assert columns("gate.slo.nephio.org", "SLOGate")["Target"] == ".spec.targetRef.name"
    assert "TargetCluster" in columns("intent.3gpp.org", "Intent")["Target Cluster"]
    assert "Fulfilled" in columns("tmf921.intent.tmforum.org", "Intent")["Fulfilled"]
    assert columns("measurement.o2ims.org", "MeasurementJob")["State"] == ".status.o2imsJob.state"
    assert columns("fn.oran-intent.io", "SiteNetworkPlan")["Cluster"] == ".spec.clusterName"


def test_status_written_by_the_render_is_applied_with_the_object_and_a_collectors_through_the_subresource():
    def subresources(group, kind):
        [version] = BY_KIND[(group, kind)]["spec"]["versions"]
        return version.get("subresources")

    # slo-gate-validator writes these statuses into the package: GitOps must be able to apply them.
    assert subresources("gate.slo.nephio.org", "SLOGate") is None
    assert subresources("tmf921.intent.tmforum.org", "Intent") is None
    # A collector records the O2 IMS job in the cluster.
    assert subresources("measurement.o2ims.org", "MeasurementJob") == {"status": {}}


def test_the_slogate_crd_declares_the_validators_policy_fields_and_evaluation_status():
    spec = schema_of(BY_KIND[("gate.slo.nephio.org", "SLOGate")])["properties"]["spec"]["properties"]
    assert {"totalScore", "minSamples", "failureLimit"} <= set(spec)
    assert {"warningThreshold", "weight", "keyTarget", "maxRegression"} <= set(spec["sloTargets"]["items"]["properties"])
    status = schema_of(BY_KIND[("gate.slo.nephio.org", "SLOGate")])["properties"]["status"]
    assert status["properties"]["phase"]["enum"] == ["Passed", "Failed", "Inconclusive"]


def test_the_committed_crds_are_plain_yaml_without_anchors_or_aliases():
    """Aliases are legal YAML, but some appliers and linters refuse them (and the SDK does, in functions' input)."""
    for path in sorted(COMMITTED.glob("*.yaml")):
        events = list(yaml.parse(path.read_text()))
        assert not [e for e in events if isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)], path.name
