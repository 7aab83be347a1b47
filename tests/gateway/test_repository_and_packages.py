"""The git layer commits atomically and recovers from a crash; an intent's package is the blueprint
cloned as Porch clones one; the Porch PackageVariant fits Porch's CRD."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from oran_intent_krm.gateway import packages, porch
from oran_intent_krm.gateway.repository import Changes, GitError, Moved, Repository
from oran_intent_krm.gateway.service import DEFAULT_INVENTORY, Settings
from oran_intent_krm.models.crd import object_problems
from oran_intent_krm.tools import render

from tests import kpt
from tests.gateway.server import TMF, krm_intent

BLUEPRINT = kpt.ROOT / "packages" / "intent-to-krm"
PORCH_CRD = Path(__file__).parent / "porch" / "config.porch.kpt.dev_packagevariants.yaml"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_commit_moves_main_only_from_the_commit_it_was_built_on(tmp_path):
    repo = Repository.open(tmp_path / "repo")
    first = repo.commit(Changes(files={"a/one.yaml": b"1\n", "b/two.yaml": b"2\n"}), "first\n", None)
    second = repo.commit(Changes(removed=["a"], files={"a/three.yaml": b"3\n"}), "second\n", first)
    assert repo.read_tree_files(second) == {"a/three.yaml": b"3\n", "b/two.yaml": b"2\n"}
    assert repo.commit(Changes(files={"a/three.yaml": b"3\n"}), "nothing\n", second) is None, "no change, no commit"
    with pytest.raises(Moved) as moved:
        repo.commit(Changes(files={"c": b"x"}), "stale\n", first)
    assert moved.value.head == second and repo.head() == second
    assert repo.changed_paths(first, second) == ["a/one.yaml", "a/three.yaml"]


def test_recovery_removes_the_locks_a_killed_git_leaves_and_the_next_commit_works(tmp_path):
    head = Repository.open(tmp_path / "repo").commit(Changes(files={"x": b"x\n"}), "first\n", None)
    # What a process killed inside `git update-ref` and inside writing its index leaves behind:
    (tmp_path / "repo" / "refs" / "heads" / "main.lock").write_text("half an update-ref\n")
    (tmp_path / "repo" / "gateway-index").write_bytes(b"torn")
    restarted = Repository.open(tmp_path / "repo")
    with pytest.raises((Moved, GitError)):
        restarted.commit(Changes(files={"y": b"y\n"}), "blocked\n", head)
    restarted.lock()
    assert restarted.recover() == ["refs/heads/main.lock"]
    assert restarted.commit(Changes(files={"y": b"y\n"}), "after recovery\n", head)
    assert subprocess.run(["git", "fsck", "--full"], cwd=restarted.path, capture_output=True).returncode == 0
    restarted.unlock()


def test_one_process_serves_a_repository(tmp_path):
    from oran_intent_krm.gateway.repository import RepositoryBusy

    first, second = Repository.open(tmp_path / "repo"), Repository.open(tmp_path / "repo")
    first.lock()
    with pytest.raises(RepositoryBusy):
        second.lock()
    first.unlock()
    second.lock()
    second.unlock()


def test_the_clone_is_the_blueprint_with_the_intent_written_in_as_porch_clones(tmp_path):
    intent = krm_intent("clone-me")
    upstream = packages.Upstream("https://git.example.com/intents.git", "/blueprints/intent-to-krm", "a" * 40)
    target = tmp_path / "clone-me"
    packages.clone(_files(BLUEPRINT), _files(DEFAULT_INVENTORY), "clone-me", intent, ["192.168.100.9"], upstream, target)
    kptfile = yaml.safe_load((target / "Kptfile").read_text())
    assert kptfile["metadata"]["name"] == "clone-me"
    assert kptfile["upstream"] == {"type": "git", "git": {"repo": upstream.repo, "directory": upstream.directory, "ref": "main"}, "updateStrategy": "resource-merge"}
    assert kptfile["upstreamLock"]["git"]["commit"] == "a" * 40
    assert list(kptfile)[:5] == ["apiVersion", "kind", "metadata", "info", "upstream"]
    [step] = [s for s in kptfile["pipeline"]["mutators"] if "pr-to-workloads" in s["image"]]
    assert step["configPath"] == packages.RESERVATIONS
    assert yaml.safe_load((target / packages.RESERVATIONS).read_text())["reservedAddresses"] == ["192.168.100.9"]
    assert yaml.safe_load((target / "package-context.yaml").read_text())["data"]["name"] == "clone-me"
    assert yaml.safe_load((target / "intent.yaml").read_text()) == intent
    assert not [p for p in target.rglob("*.yaml") if "krm.oran-intent.io/generated-by" in p.read_text()], "the blueprint's outputs are not the intent's"
    assert sorted(p.name for p in (target / "inventory").iterdir()) == sorted(p.name for p in DEFAULT_INVENTORY.iterdir())
    assert kptfile["pipeline"]["mutators"][0]["image"] == yaml.safe_load((BLUEPRINT / "Kptfile").read_text())["pipeline"]["mutators"][0]["image"]


def test_leaving_the_blueprints_outputs_out_renders_what_the_pipelines_pruning_would(tmp_path):
    """The clone drops the blueprint's intent and its outputs by provenance; rendering the blueprint
    with its intent replaced prunes them instead.  Both end with the same outputs."""
    intent = krm_intent("pruned")
    upstream = packages.Upstream("file:///repo", "/blueprints/intent-to-krm", "b" * 40)
    clone = tmp_path / "clone" / "pruned"
    packages.clone(_files(BLUEPRINT), _files(DEFAULT_INVENTORY), "pruned", intent, [], upstream, clone)
    pruned = tmp_path / "pruned" / "pruned"
    shutil.copytree(BLUEPRINT, pruned)
    for path in ("Kptfile", "package-context.yaml", packages.RESERVATIONS):
        shutil.copy(clone / path, pruned / path)
    (pruned / "intent.yaml").write_text((clone / "intent.yaml").read_text())
    shutil.rmtree(pruned / "inventory")
    shutil.copytree(clone / "inventory", pruned / "inventory")
    for package in (clone, pruned):
        outcome = render.render_in_place(package)
        assert outcome.ok, outcome.stderr
    assert _files(clone) == _files(pruned)


def test_a_blueprint_the_gateway_cannot_keep_addresses_apart_in_is_refused():
    files = _files(BLUEPRINT)
    kptfile = yaml.safe_load(files["Kptfile"])
    kptfile["pipeline"]["mutators"][2]["configMap"] = {"addressOffset": "3"}
    with pytest.raises(packages.BlueprintError, match="configMap"):
        packages.check_blueprint({**files, "Kptfile": yaml.safe_dump(kptfile).encode()})
    kptfile["pipeline"]["mutators"] = kptfile["pipeline"]["mutators"][:2]
    with pytest.raises(packages.BlueprintError, match="no pr-to-workloads"):
        packages.check_blueprint({**files, "Kptfile": yaml.safe_dump(kptfile).encode()})


def test_the_package_variant_is_valid_against_porchs_crd(tmp_path):
    crd = yaml.safe_load(PORCH_CRD.read_text())
    variant = yaml.safe_load(porch.package_variant("deploy-cu", Settings(repo=tmp_path)))
    assert object_problems(crd, variant) == []
    assert (variant["apiVersion"], variant["kind"]) == (f"{crd['spec']['group']}/v1alpha1", crd["spec"]["names"]["kind"])
    assert variant["spec"]["upstream"] == {"repo": "intent-gateway", "package": "deploy-cu", "workspaceName": "main"}
    assert variant["spec"]["downstream"] == {"repo": "management", "package": "deploy-cu"}
    broken = {**variant, "spec": {**variant["spec"], "upstream": {"repository": "x"}}}
    assert object_problems(crd, broken), "the check sees a field Porch does not know"


def test_with_porch_variants_each_intent_gets_one_and_loses_it_with_the_intent(fresh):
    server = fresh("--porch-variants")
    crd = yaml.safe_load(PORCH_CRD.read_text())
    with server.client() as client:
        assert client.post("/intent-gateway/v1/intents", json=krm_intent("with-variant")).status_code == 201
        variant = yaml.safe_load(server.git("show", "main:porch/with-variant.yaml"))
        assert object_problems(crd, variant) == []
        assert client.delete(f"{TMF}/intent/with-variant").status_code == 204
    assert server.git("ls-tree", "--name-only", "main", "porch/") == ""
