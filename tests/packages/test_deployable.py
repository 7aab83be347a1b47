"""scripts/check-deployable, the deployment gate: each destination of a package syncs from one folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import kpt
from tests.packages.support import MULTI_SITE, PACKAGES, ROOT, package_dirs, run_script, script_module

CHECK = ROOT / "scripts" / "check-deployable"
RENDER = ROOT / "scripts" / "render"
EXTERNAL_CRDS = ROOT / "deploy" / "external-crds"
needs_kubectl = pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (for kubectl kustomize) is not installed")


def destinations(stdout: str) -> dict[str, dict[str, str]]:
    """package -> destination -> folder, as the gate prints them."""
    out = {}
    for line in stdout.splitlines():
        found = re.match(r"^(ok|FAILED): (\S+): (.*)$", line)
        if found:
            pairs = re.findall(r"(the management cluster|workload cluster \S+): (\S+)/ \(\d+\)", found.group(3))
            out[found.group(2)] = {where: folder.removeprefix(found.group(2) + "/") for where, folder in pairs}
    return out


@needs_kubectl
def test_every_committed_package_syncs_each_destination_from_its_own_folder():
    done = run_script(CHECK)
    assert done.returncode == 0, done.stdout + done.stderr
    found = destinations(done.stdout)
    management = "the management cluster"
    for package in package_dirs():
        label = package.relative_to(ROOT).as_posix()
        assert found[label][management] == "generated/management", label
        clusters = {w.removeprefix("workload cluster "): f for w, f in found[label].items() if w != management}
        assert clusters and all(f == f"generated/clusters/{c}" for c, f in clusters.items()), label
    assert set(found["packages/urllc-scaling"]) == {management, "workload cluster edge-cluster-us-west-1", "workload cluster edge-cluster-eu-west-1"}
    # The Porch objects of the fan-out go to the management cluster, from a folder of their own.
    assert found["packages/multi-site-edge/porch"] == {management: "packages/multi-site-edge/porch"}
    assert not re.search(r"^FAILED", done.stdout, re.M)


def test_the_shared_multi_site_intent_is_reported():
    """The blueprint's one intent is realised per site: each site package carries the same 28.312 Intent."""
    done = run_script(CHECK, "--no-kustomize")
    [shared] = [line for line in done.stdout.splitlines() if line.startswith("shared: ")]
    assert "Intent intent-system/edge-deployment goes to the management cluster from 4 folders" in shared


# ---- What fails the gate ---------------------------------------------------------------------------------------------


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of basic-cu, rendered, to break."""
    copy = tmp_path / "packages" / "basic-cu"
    shutil.copytree(PACKAGES / "basic-cu", copy)
    return copy


def check(package: Path, *args: str):
    return run_script(CHECK, "--root", str(package.parent), "--no-kustomize", *args)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def dump(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(obj, sort_keys=False))


def one(package: Path, pattern: str) -> Path:
    [found] = sorted(package.glob(pattern))
    return found


def test_the_untouched_copy_passes(package):
    done = check(package)
    assert done.returncode == 0, done.stdout


def test_a_workload_in_the_management_folder_fails(package):
    deployment = one(package, "generated/clusters/*/*/cu-cp/deployment_cu-cp.yaml")
    deployment.rename(package / "generated/management/deployment_cu-cp.yaml")
    done = check(package)
    assert done.returncode == 1
    assert "is for workload cluster edge-cluster-us-west-1 but outside packages/basic-cu/generated/clusters/edge-cluster-us-west-1" in done.stdout
    assert "inside packages/basic-cu/generated/management: a sync of it would send it to the management cluster" in done.stdout


def test_a_local_config_record_inside_a_cluster_folder_fails(package):
    report = one(package, "generated/records/**/intentreport_*.yaml")
    report.rename(package / "generated/clusters/edge-cluster-us-west-1/intentreport.yaml")
    done = check(package)
    assert done.returncode == 1
    assert "is local-config inside packages/basic-cu/generated/clusters/edge-cluster-us-west-1: Argo CD and kubectl apply -R would apply it" in done.stdout


def test_a_non_workload_labelled_for_a_workload_cluster_fails(package):
    gate = one(package, "generated/management/assurance/*.slogate.yaml")
    obj = load(gate)
    obj["metadata"]["labels"]["nephio.org/cluster-name"] = "edge-cluster-us-west-1"
    dump(gate, obj)
    done = check(package)
    assert done.returncode == 1
    assert "a SLOGate is not a workload, yet its label nephio.org/cluster-name: edge-cluster-us-west-1 sends it to that workload cluster" in done.stdout


def test_a_workload_without_its_cluster_label_fails(package):
    service = one(package, "generated/clusters/*/*/cu-cp/service_cu-cp-e1.yaml")
    obj = load(service)
    del obj["metadata"]["labels"]["nephio.org/cluster-name"]
    dump(service, obj)
    assert "a workload resource without the label nephio.org/cluster-name: which cluster is it for?" in check(package).stdout


def test_an_unknown_kind_has_no_destination(package):
    dump(package / "generated/management/widget.yaml", {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w", "namespace": "intent-system"}})
    done = check(package)
    assert done.returncode == 1
    assert "no destination for example.com/Widget" in done.stdout


def test_an_unmarked_tmf921_intent_would_be_applied(package):
    intent = package / "intent.yaml"
    intent.write_text(intent.read_text().replace('    config.kubernetes.io/local-config: "true"\n', ""))
    assert 'Intent is an input or a record, never applied: mark it config.kubernetes.io/local-config: "true"' in check(package).stdout


def test_a_namespaced_resource_without_a_namespace_or_with_one_nobody_creates_fails(package):
    job = one(package, "generated/management/assurance/*.measurementjob.yaml")
    obj = load(job)
    del obj["metadata"]["namespace"]
    dump(job, obj)
    gate = one(package, "generated/management/assurance/*.slogate.yaml")
    obj = load(gate)
    obj["metadata"]["namespace"] = "elsewhere"
    dump(gate, obj)
    done = check(package)
    assert "no namespace, so each sync tool puts it somewhere else" in done.stdout
    assert "namespace elsewhere is neither created in packages/basic-cu/generated/management nor one the management cluster has" in done.stdout
    assert check(package, "--existing-namespace", "elsewhere").stdout.count("namespace elsewhere") == 0


def test_a_cluster_scoped_request_with_a_namespace_fails(package):
    request = one(package, "generated/management/o2ims/*.yaml")
    obj = load(request)
    obj["metadata"]["namespace"] = "intent-system"
    dump(request, obj)
    assert "a cluster-scoped ProvisioningRequest has no namespace" in check(package).stdout


def test_resources_are_checked_against_kubernetes_and_the_crds(package):
    deployment = one(package, "generated/clusters/*/*/cu-cp/deployment_cu-cp.yaml")
    obj = load(deployment)
    obj["spec"]["replica"] = 2
    dump(deployment, obj)
    nad = one(package, "generated/clusters/*/*/cu-cp/networkattachmentdefinition_cu-cp-e1.yaml")
    obj = load(nad)
    obj["spec"]["cni"] = "macvlan"
    dump(nad, obj)
    request = one(package, "generated/management/o2ims/*.yaml")
    obj = load(request)
    obj["apiVersion"] = "o2ims.provisioning.oran.org/v1beta1"
    dump(request, obj)
    done = check(package)
    assert "'replica' was unexpected" in done.stdout  # Kubernetes' schema, through kubernetes-validate
    assert "spec: Additional properties are not allowed ('cni' was unexpected)" in done.stdout  # Multus' CRD
    assert "apiVersion o2ims.provisioning.oran.org/v1beta1: the CRD serves v1alpha1" in done.stdout  # Nephio's CRD


def test_a_kind_without_a_crd_fails(package):
    request = one(package, "generated/management/o2ims/*.yaml")
    obj = load(request)
    obj["apiVersion"] = "clcm.openshift.io/v1alpha1"  # OpenShift's ProvisioningRequest: not installed, not vendored
    dump(request, obj)
    assert "no destination for clcm.openshift.io/ProvisioningRequest" in check(package).stdout


def test_a_loose_folder_must_hold_one_destination(tmp_path):
    root = tmp_path / "packages" / "multi-site-edge"
    shutil.copytree(MULTI_SITE / "porch", root / "porch")
    namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ran", "labels": {"nephio.org/cluster-name": "edge-cluster-us-west-1"}}}
    dump(root / "porch" / "namespace.yaml", namespace)
    done = run_script(CHECK, "--root", str(root.parent), "--no-kustomize")
    assert done.returncode == 1
    assert "holds resources for edge-cluster-us-west-1, management: one folder must hold one destination's" in done.stdout


def test_a_file_that_is_not_a_resource_inside_a_folder_fails(package):
    (package / "generated/management/notes.yaml").write_text("just: notes\n")
    assert "inside packages/basic-cu/generated/management, which a sync applies whole: document 0 is not a Kubernetes resource" in check(package).stdout


# ---- kustomize ---------------------------------------------------------------------------------------------------------


@needs_kubectl
def test_kustomize_builds_a_folder_as_flux_does_and_drops_local_config(tmp_path):
    module = script_module(CHECK)
    folder = tmp_path / "folder"
    shutil.copytree(one(PACKAGES / "basic-cu", "generated/clusters/edge-cluster-us-west-1"), folder)
    applied = sorted(module.Doc(p, 0, load(p)).identity for p in folder.rglob("*.yaml"))
    record = load(one(PACKAGES / "basic-cu", "generated/records/**/intentreport_*.yaml"))
    dump(folder / "deeper" / "record.yaml", record)
    built, error = module.kustomize_build(folder)
    assert not error
    assert built == applied and len(built) == 23  # every file, recursively; the local-config record dropped


@needs_kubectl
def test_a_folder_kustomize_cannot_build_fails_the_gate(package):
    twin = one(package, "generated/clusters/*/*/cu-cp/service_cu-cp-e1.yaml")
    shutil.copy(twin, twin.with_name("twin.yaml"))  # the same object twice: kustomize refuses
    done = run_script(CHECK, "--root", str(package.parent))
    assert done.returncode == 1
    assert "kubectl kustomize fails" in done.stdout


# ---- The upstream CRDs checked against -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(EXTERNAL_CRDS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_external_crd_is_a_valid_customresourcedefinition_naming_its_source(path):
    import kubernetes_validate

    crd = load(path)
    kubernetes_validate.validate(crd, "1.32", strict=True)
    assert crd["metadata"]["name"] == f"{crd['spec']['names']['plural']}.{crd['spec']['group']}"
    assert path.name == f"{crd['spec']['group']}_{crd['spec']['names']['plural']}.yaml"
    assert re.search(r"\bat [0-9a-f]{40} \(Apache-2.0\)", path.read_text()), "names its upstream source and commit"


# ---- Moving a package rendered with the older layout -------------------------------------------------------------------

OLD_LAYOUT = (
    ("generated/management/ts28312/", "generated/ts28312/"),
    ("generated/management/o2ims/", "generated/o2ims/"),
    ("generated/management/assurance/", "generated/assurance/"),
    ("generated/records/", "generated/assurance/"),
    ("generated/clusters/", "generated/workloads/"),
)


def test_a_package_rendered_with_the_older_layout_moves_into_the_new_one(tmp_path):
    """Nothing changes but the files: a render moves every generated item where its function writes it."""
    copy = tmp_path / "urllc-scaling"
    shutil.copytree(PACKAGES / "urllc-scaling", copy)
    for path in sorted(copy.rglob("*.yaml")):
        relative = path.relative_to(copy).as_posix()
        for new, old in OLD_LAYOUT:
            if relative.startswith(new):
                target = copy / (old + relative[len(new) :])
                target.parent.mkdir(parents=True, exist_ok=True)
                path.rename(target)
                break
    assert not list((copy / "generated" / "management").rglob("*.yaml"))
    done = subprocess.run([sys.executable, str(RENDER), str(copy)], capture_output=True, text=True, env=kpt.env(), timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert kpt.tree_digest(copy) == kpt.tree_digest(PACKAGES / "urllc-scaling")
    assert "moved " in done.stdout + done.stderr


# ---- The sync tools' snippets in docs/porch-gitops.md -----------------------------------------------------------------

DOC = ROOT / "docs" / "porch-gitops.md"
ANY = None  # a field whose value is not checked further
# The fields of each upstream API the snippets may use, and the required ones, from the upstream types:
# Config Sync pkg/api/configsync/v1beta1/{rootsync_types,gitconfig}.go (GoogleContainerTools/kpt-config-sync),
# Flux api/v1/kustomization_types.go (fluxcd/kustomize-controller) and source-controller's GitRepository v1,
# Argo CD pkg/apis/application/v1alpha1/types.go (argoproj/argo-cd).
APIS = {
    ("configsync.gke.io/v1beta1", "RootSync"): {
        "spec": ({"sourceFormat": ANY, "sourceType": ANY, "git": ANY, "oci": ANY, "helm": ANY, "override": ANY}, set()),
        "spec.git": ({"repo": ANY, "branch": ANY, "revision": ANY, "dir": ANY, "period": ANY, "auth": ANY, "gcpServiceAccountEmail": ANY,
                      "proxy": ANY, "secretRef": ANY, "noSSLVerify": ANY, "caCertSecretRef": ANY}, {"repo", "auth"}),
    },
    ("kustomize.toolkit.fluxcd.io/v1", "Kustomization"): {
        "spec": ({"commonMetadata": ANY, "dependsOn": ANY, "decryption": ANY, "interval": ANY, "retryInterval": ANY, "kubeConfig": ANY,
                  "path": ANY, "postBuild": ANY, "prune": ANY, "deletionPolicy": ANY, "healthChecks": ANY, "namePrefix": ANY, "nameSuffix": ANY,
                  "patches": ANY, "images": ANY, "serviceAccountName": ANY, "sourceRef": ANY, "suspend": ANY, "targetNamespace": ANY,
                  "timeout": ANY, "force": ANY, "wait": ANY, "components": ANY}, {"interval", "prune", "sourceRef"}),
        "spec.sourceRef": ({"apiVersion": ANY, "kind": ANY, "name": ANY, "namespace": ANY}, {"kind", "name"}),
        "spec.kubeConfig": ({"secretRef": ANY, "configMapRef": ANY}, set()),
        "spec.kubeConfig.secretRef": ({"name": ANY, "key": ANY}, {"name"}),
    },
    ("source.toolkit.fluxcd.io/v1", "GitRepository"): {
        "spec": ({"url": ANY, "secretRef": ANY, "interval": ANY, "timeout": ANY, "ref": ANY, "verify": ANY, "ignore": ANY, "suspend": ANY,
                  "recurseSubmodules": ANY, "include": ANY, "proxySecretRef": ANY, "provider": ANY}, {"url", "interval"}),
        "spec.ref": ({"branch": ANY, "tag": ANY, "semver": ANY, "name": ANY, "commit": ANY}, set()),
    },
    ("argoproj.io/v1alpha1", "Application"): {
        "spec": ({"source": ANY, "sources": ANY, "destination": ANY, "project": ANY, "syncPolicy": ANY, "ignoreDifferences": ANY, "info": ANY,
                  "revisionHistoryLimit": ANY, "sourceHydrator": ANY}, {"destination", "project"}),
        "spec.source": ({"repoURL": ANY, "path": ANY, "targetRevision": ANY, "helm": ANY, "kustomize": ANY, "directory": ANY, "plugin": ANY,
                         "chart": ANY, "ref": ANY, "name": ANY}, {"repoURL"}),
        "spec.source.directory": ({"recurse": ANY, "jsonnet": ANY, "exclude": ANY, "include": ANY}, set()),
        "spec.destination": ({"server": ANY, "namespace": ANY, "name": ANY}, set()),
        "spec.syncPolicy": ({"automated": ANY, "syncOptions": ANY, "retry": ANY, "managedNamespaceMetadata": ANY}, set()),
        "spec.syncPolicy.automated": ({"prune": ANY, "selfHeal": ANY, "allowEmpty": ANY, "enabled": ANY}, set()),
    },
}


def doc_snippets() -> list[dict]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(), re.S)
    return [d for block in blocks for d in yaml.safe_load_all(block) if isinstance(d, dict) and (d.get("apiVersion"), d.get("kind")) in APIS]


def at(obj: dict, path: str):
    for part in path.split("."):
        obj = obj.get(part) if isinstance(obj, dict) else None
    return obj


def test_the_sync_snippets_use_only_their_apis_fields_and_name_every_required_one():
    snippets = doc_snippets()
    assert {(d["apiVersion"], d["kind"]) for d in snippets} == set(APIS)
    for snippet in snippets:
        for path, (allowed, required) in APIS[(snippet["apiVersion"], snippet["kind"])].items():
            value = at(snippet, path)
            if value is None:
                continue
            assert set(value) <= set(allowed), (snippet["metadata"]["name"], path, set(value) - set(allowed))
            assert required <= set(value), (snippet["metadata"]["name"], path, required - set(value))
        if snippet["kind"] == "RootSync":
            assert snippet["metadata"]["namespace"] == "config-management-system"  # where Config Sync reads RootSyncs
            assert snippet["spec"]["sourceFormat"] == "unstructured" and snippet["spec"]["git"]["auth"] in ("ssh", "cookiefile", "gcenode", "gcpserviceaccount", "token", "none")
        if snippet["kind"] == "Application":
            assert snippet["spec"]["source"]["directory"]["recurse"] is True  # the cluster folders have sub-folders


def test_every_folder_a_snippet_syncs_is_one_destination_folder_of_a_committed_package():
    folders = []
    for snippet in doc_snippets():
        folders.append(at(snippet, "spec.git.dir") or at(snippet, "spec.path") or at(snippet, "spec.source.path"))
    folders = [f.removeprefix("./") for f in folders if f]
    assert len(folders) >= 7
    for folder in folders:
        assert re.fullmatch(r"packages/(.+)/generated/(management|clusters/[a-z0-9-]+)", folder), folder
        assert (ROOT / folder).is_dir(), folder
    documented = set(re.findall(r"`(packages/[^`]+/generated/(?:management|clusters/[a-z0-9-]+))`", DOC.read_text()))
    assert set(folders) <= documented


def test_the_documented_destinations_are_every_sample_packages_folders():
    """The table of sample destinations in the docs is what the packages hold."""
    text = DOC.read_text()
    for package in package_dirs():
        label = package.relative_to(ROOT).as_posix()
        if "/sites/" in label or label.endswith("multi-site-edge/edge-deployment"):
            continue  # documented once, with <cluster>
        clusters = sorted(p.name for p in (package / "generated" / "clusters").iterdir())
        assert f"`{label}/generated/management`" in text, label
        for cluster in clusters:
            assert f"`{label}/generated/clusters/{cluster}`" in text, (label, cluster)
