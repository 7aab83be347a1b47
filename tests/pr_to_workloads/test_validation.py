"""Everything emitted is valid: standard kinds against the Kubernetes OpenAPI schemas (kubernetes-validate),
NAD configs as the CNI plugins read them, NFDeployments against the Nephio model; over the unit
scenarios and over every golden example's rendered files."""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from oran_intent_krm.models.workloads import NFDeployment

from .helpers import EDGE_NFS, config, pr, run

KUBERNETES = "1.33"
EXAMPLES = Path(__file__).resolve().parents[2] / "functions" / "pr_to_workloads" / "examples"
CNI_VERSIONS = {"0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"}
MAIN_PLUGINS = {"macvlan": {"bridge", "private", "vepa", "passthru"}, "ipvlan": {"l2", "l3", "l3s"}, "vlan": None}
IPAM_PLUGINS = {"static", "whereabouts"}


def cni_problems(config_text: str, nad_name: str) -> list[str]:
    """What a CNI runtime would reject in a NAD's spec.config (for the plugins this function writes)."""
    try:
        conf = json.loads(config_text)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    problems = []
    if conf.get("cniVersion") not in CNI_VERSIONS:
        problems.append(f"unknown cniVersion {conf.get('cniVersion')!r}")
    if conf.get("name") != nad_name:
        problems.append("name is not the NAD's name")
    plugins = conf.get("plugins")
    if not isinstance(plugins, list) or not plugins:
        return problems + ["no plugins list"]
    for plugin in plugins:
        kind = plugin.get("type")
        if kind not in MAIN_PLUGINS:
            problems.append(f"unknown plugin {kind!r}")
            continue
        if not isinstance(plugin.get("master"), str) or not plugin["master"]:
            problems.append(f"{kind} has no master")
        if MAIN_PLUGINS[kind] is not None and plugin.get("mode") not in MAIN_PLUGINS[kind]:
            problems.append(f"{kind} mode {plugin.get('mode')!r}")
        if kind == "vlan" and not (isinstance(plugin.get("vlanId"), int) and 0 < plugin["vlanId"] < 4095):
            problems.append("vlan without a vlanId")
        problems += ipam_problems(plugin.get("ipam") or {})
    return problems


def ipam_problems(ipam: dict) -> list[str]:
    if ipam.get("type") not in IPAM_PLUGINS:
        return [f"unknown IPAM {ipam.get('type')!r}"]
    try:
        if ipam["type"] == "static":
            _require(ipam["addresses"], "no addresses")
            for entry in ipam["addresses"]:
                interface = ipaddress.ip_interface(entry["address"])
                if "gateway" in entry:
                    _require(ipaddress.ip_address(entry["gateway"]) in interface.network, "gateway off-net")
        else:
            network = ipaddress.ip_network(ipam["range"])
            start, end = ipaddress.ip_address(ipam["range_start"]), ipaddress.ip_address(ipam["range_end"])
            _require(start in network and end in network and start <= end, "range_start/range_end outside range")
            for excluded in ipam.get("exclude", []):
                ipaddress.ip_network(excluded)
    except (KeyError, ValueError, TypeError) as exc:
        return [f"{ipam['type']} IPAM: {exc}"]
    return []


def _require(condition, message: str) -> None:
    if not condition:
        raise ValueError(message)


def check(obj: dict) -> list[str]:
    kind = obj["kind"]
    if kind == "NetworkAttachmentDefinition":
        return cni_problems(obj["spec"]["config"], obj["metadata"]["name"])
    if kind == "NFDeployment":
        NFDeployment.model_validate(obj)
        return []
    try:
        kubernetes_validate.validate(obj, KUBERNETES, strict=True)
    except kubernetes_validate.ValidationError as exc:
        return [f"{kind}/{obj['metadata']['name']}: {exc.message} at {list(exc.path)}"]
    return []


SCENARIOS = {
    "edge-ran": (pr(), None),
    "both": (pr(), config(output="both")),
    "persistent": (pr(), config(storageMode="persistent", storageClassName="local")),
    "vlan": (pr(), config(cniType="vlan", egressCidrs={"n2": ["10.0.0.0/24"]})),
    "replicas": (pr(networkFunctions=[dict(EDGE_NFS[2], replicas=2, resources={"cpu": "2", "memory": "4Gi", "storage": "15Gi"}),
                                      *EDGE_NFS[:2]]), config(cniType="ipvlan")),
    "urllc": (pr(networkFunctions=[dict(EDGE_NFS[2], performanceClass="urllc"), *EDGE_NFS[:2]]), None),
    "ipv6": (pr(networkConfig={"vlan": 7, "subnet": "fd00:7::/64", "gateway": "fd00:7::1"}), None),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_every_emitted_object_is_valid(scenario):
    item, function_config = SCENARIOS[scenario]
    result = run(item, function_config=function_config)
    assert result.code == 0, result.errors()
    assert result.generated()
    problems = [p for obj in result.generated() for p in check(obj)]
    assert problems == []


def golden_files() -> list[tuple[str, dict]]:
    """The objects in the files a render of each example adds or changes, read from its diff.patch."""
    found = []
    for patch in sorted(EXAMPLES.glob("*/.expected/diff.patch")):
        for path, text in _new_files(patch.read_text()).items():
            for obj in yaml.safe_load_all(text):
                if obj and path.startswith("generated/"):
                    found.append((f"{patch.parent.parent.name}:{path}", obj))
    return found


def _new_files(patch: str) -> dict[str, str]:
    files: dict[str, str] = {}
    for chunk in re.split(r"(?m)^diff --git ", patch)[1:]:
        target = re.search(r"(?m)^\+\+\+ b/(\S+)$", chunk)
        if not target or "\nnew file mode" not in chunk:
            continue
        body = chunk.split("\n@@", 1)[1].split("\n", 1)[1]
        files[target.group(1)] = "".join(line[1:] + "\n" for line in body.splitlines() if line.startswith("+"))
    return files


GOLDEN = golden_files()


def test_the_golden_examples_add_files():
    examples = {name.split(":")[0] for name, _ in GOLDEN}
    assert {"pr-to-workloads-edge-ran", "pr-to-workloads-urllc", "pr-to-workloads-nfdeployment"} <= examples


@pytest.mark.parametrize("name, obj", GOLDEN, ids=[name for name, _ in GOLDEN])
def test_every_golden_object_is_valid(name, obj):
    assert check(obj) == []


def test_the_validators_reject_what_they_should():
    bad = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
           "spec": {"selector": {}, "template": {}, "replicas": "one"}}
    assert check(bad)
    assert check({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}, "spec": {"typo": 1}})
    assert cni_problems("{not json", "x")
    assert cni_problems(json.dumps({"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "bridgez"}]}), "x")
    macvlan = {"type": "macvlan", "master": "eth1.100", "mode": "bridge",
               "ipam": {"type": "static", "addresses": [{"address": "10.0.0.2/24", "gateway": "10.1.0.1"}]}}
    assert cni_problems(json.dumps({"cniVersion": "1.0.0", "name": "x", "plugins": [macvlan]}), "x") == [
        "static IPAM: gateway off-net"]
