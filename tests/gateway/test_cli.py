"""intent-gateway as a user starts it: defaults, the generated token, one server per repository."""

from __future__ import annotations

import stat
import subprocess
import sys

import httpx

from tests import kpt
from tests.gateway.server import TMF, Server, v5_intent


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "oran_intent_krm.gateway", *args], capture_output=True, text=True, env={**kpt.env(), **env}, timeout=120)


def test_help_names_every_flag_and_the_defaults_listen_on_loopback():
    done = _cli("--help")
    assert done.returncode == 0
    for flag in ("--listen", "--repo", "--inventory", "--token-file", "--render", "--porch-variants", "--max-body", "--workers", "--blueprint"):
        assert flag in done.stdout
    assert "127.0.0.1:8080" in done.stdout and ".gateway/repo" in done.stdout
    assert _cli("--version").stdout.startswith("intent-gateway ")
    assert _cli("--listen", "8080").returncode != 0


def test_without_a_token_one_is_generated_into_the_repository_folder_readable_by_its_owner_only(tmp_path):
    server = Server(tmp_path / "repo", env={"INTENT_GATEWAY_TOKEN": ""})
    server.start()
    try:
        token_file = tmp_path / "repo" / "gateway-token"
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        token = token_file.read_text().strip()
        assert len(token) >= 32
        assert str(token_file) in server.log.read_text(), "the gateway says where the token is"
        assert "gateway-token" not in server.git("ls-tree", "-r", "--name-only", "main"), "the token is never committed"
        with server.client(token=token) as client:
            assert client.post(f"{TMF}/intent", json=v5_intent("with-generated-token", type_="ProbeIntent")).status_code == 201
        with server.client(token="an-old-token-0123456789") as client:
            assert client.post(f"{TMF}/intent", json=v5_intent("x", type_="ProbeIntent")).status_code == 403
    finally:
        server.stop()


def test_a_token_file_holds_the_accepted_tokens(tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text("# writers\nfirst-writer-token-0123456789\nsecond-writer-token-0123456789\n")
    server = Server(tmp_path / "repo", ["--token-file", str(tokens)], env={"INTENT_GATEWAY_TOKEN": ""}).start()
    try:
        for token in ("first-writer-token-0123456789", "second-writer-token-0123456789"):
            with server.client(token=token) as client:
                assert client.delete(f"{TMF}/hub/none").status_code == 404, "authorised, then not found"
    finally:
        server.stop()


def test_a_second_gateway_on_the_same_repository_says_so_and_exits(fresh, tmp_path):
    server = fresh()
    second = _cli("--listen", "127.0.0.1:1", "--repo", str(server.repo), INTENT_GATEWAY_TOKEN="another-token-0123456789")
    assert second.returncode == 1 and "another intent-gateway serves" in second.stderr
    assert httpx.get(server.url + "/intent-gateway/v1/health").status_code == 200


def test_the_repository_is_created_bare_with_the_blueprint_and_the_inventory(fresh):
    server = fresh()
    assert server.git("rev-parse", "--is-bare-repository").strip() == "true"
    files = server.git("ls-tree", "-r", "--name-only", "main").split()
    assert "README.md" in files and "blueprints/intent-to-krm/Kptfile" in files
    assert {"inventory/workload-clusters.yaml", "inventory/site-network-plans.yaml"} <= set(files)
    assert server.git("log", "--format=%an <%ae>", "main").strip() == "intent-gateway <intent-gateway@localhost>"


def test_the_default_inventory_covers_every_cluster_of_the_sample_packages():
    import yaml
    from oran_intent_krm.gateway.service import DEFAULT_INVENTORY

    def clusters(paths):
        found = {}
        for path in paths:
            for doc in yaml.safe_load_all(path.read_text()):
                placeholder = isinstance(doc, dict) and "kpt.dev/config-injection" in (doc.get("metadata", {}).get("annotations") or {})
                if isinstance(doc, dict) and doc.get("kind") in ("WorkloadCluster", "SiteNetworkPlan") and not placeholder:
                    found.setdefault(doc["kind"], {})[doc["spec"]["clusterName"]] = doc["spec"]
        return found

    ours = clusters(DEFAULT_INVENTORY.glob("*.yaml"))
    samples = clusters(p for p in (kpt.ROOT / "packages").rglob("*.yaml") if ".expected" not in p.parts)
    assert set(samples["WorkloadCluster"]) <= set(ours["WorkloadCluster"])
    assert {"edge-cluster-us-west-1", "edge-cluster-us-east-1", "edge-cluster-eu-west-1"} <= set(ours["SiteNetworkPlan"])
    porch_plans = clusters([kpt.ROOT / "packages" / "multi-site-edge" / "porch" / "site-network-plans.yaml"])["SiteNetworkPlan"]
    assert all(ours["SiteNetworkPlan"][c] == spec for c, spec in porch_plans.items()), "the sites' networks of Example 2"
