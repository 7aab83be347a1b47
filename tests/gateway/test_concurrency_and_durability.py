"""Concurrent requests render in parallel and commit one at a time; a SIGKILL loses nothing acknowledged."""

from __future__ import annotations

import ipaddress
import json
import random
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests import kpt
from tests.gateway.server import TMF, TOKEN, Server, krm_intent

SITES = ("edge-cluster-us-west-1", "edge-cluster-us-east-1", "edge-cluster-eu-west-1")


def _post_all(server: Server, names: list[str], concurrency: int, stop: threading.Event | None = None, outcomes: dict | None = None) -> dict[str, int | str]:
    """POST one intent per name, `concurrency` at a time; name -> status code (or the transport error),
    filled in as the answers come."""
    outcomes = {} if outcomes is None else outcomes

    def post(index_name: tuple[int, str]) -> None:
        index, name = index_name
        if stop is not None and stop.is_set():
            outcomes[name] = "not sent"
            return
        try:
            with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600) as client:
                outcomes[name] = client.post("/intent-gateway/v1/intents", json=krm_intent(name, SITES[index % len(SITES)])).status_code
        except httpx.HTTPError as error:
            outcomes[name] = type(error).__name__

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(post, enumerate(names)))
    return outcomes


def _assert_consistent(server: Server) -> list[str]:
    """git fsck clean, linear history, every package whole and on its own addresses; the intents in main."""
    fsck = subprocess.run(["git", "fsck", "--full", "--no-dangling"], cwd=server.repo, capture_output=True, text=True)
    assert fsck.returncode == 0 and not fsck.stdout.strip() and "error" not in fsck.stderr.lower(), fsck.stdout + fsck.stderr
    parents = [line.split()[1:] for line in server.git("rev-list", "--parents", "main").splitlines()]
    assert all(len(p) == 1 for p in parents[:-1]) and parents[-1] == [], "history is one line"
    files = server.git("ls-tree", "-r", "--name-only", "main", "intents").split()
    names = sorted({f.split("/")[1] for f in files})
    held: dict[tuple[str, str], str] = {}
    for name in names:
        own = [f for f in files if f.startswith(f"intents/{name}/")]
        assert {f"intents/{name}/Kptfile", f"intents/{name}/intent.yaml"} <= set(own), f"{name} is not whole"
        resources = server.resources(name)
        kinds = {r["kind"] for r in resources}
        assert {"ProvisioningRequest", "NetworkAttachmentDefinition", "SLOGate"} <= kinds, f"{name} was not rendered"
        for nad in (r for r in resources if r["kind"] == "NetworkAttachmentDefinition"):
            cluster = nad["metadata"]["labels"]["nephio.org/cluster-name"]
            for plugin in json.loads(nad["spec"]["config"])["plugins"]:
                for entry in plugin["ipam"].get("addresses", []):
                    claim = (cluster, str(ipaddress.ip_interface(entry["address"]).ip))
                    assert claim not in held, f"{claim} is held by {held[claim]} and {name}"
                    held[claim] = name
    return names


def test_a_hundred_intents_at_concurrency_ten_are_all_committed_once(fresh):
    server = fresh()
    names = [f"burst-{number:03d}" for number in range(100)]
    outcomes = _post_all(server, names, concurrency=10)
    assert sorted(set(outcomes.values()), key=str) == [201], {n: o for n, o in outcomes.items() if o != 201}
    committed = _assert_consistent(server)
    assert committed == names
    with server.client() as client:
        listed = client.get(f"{TMF}/intent", params={"fields": "name"})
    assert listed.headers["x-total-count"] == "100"
    creates = [line for line in server.git("log", "--format=%s", "main").splitlines() if line.startswith("Create intent ")]
    assert sorted(creates) == [f"Create intent {n}" for n in names], "one commit per intent"


def test_concurrent_creates_of_one_name_give_one_intent_and_conflicts(shared):
    def post(_):
        with shared.client() as client:
            return client.post("/intent-gateway/v1/intents", json=krm_intent("same-name", "edge-cluster-eu-west-1")).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = sorted(pool.map(post, range(6)))
    assert codes == [201, 409, 409, 409, 409, 409]


def test_a_sigkill_during_a_burst_loses_nothing_acknowledged_and_leaves_nothing_torn(fresh, tmp_path):
    repo = tmp_path / "killed"
    rng = random.Random(20261202)
    acknowledged: list[str] = []
    for round_number, kill_after in enumerate((2, 7)):
        server = fresh(repo=repo)
        names = [f"kill-{round_number}-{n:02d}" for n in range(12)]
        stop = threading.Event()
        outcomes: dict[str, int | str] = {}

        sender = threading.Thread(target=_post_all, args=(server, names, 6, stop, outcomes))
        sender.start()
        while sum(1 for o in list(outcomes.values()) if o == 201) < kill_after and sender.is_alive():
            threading.Event().wait(0.05)
        threading.Event().wait(rng.uniform(0, 0.5))
        server.kill()
        stop.set()
        sender.join()
        acknowledged += [n for n, o in outcomes.items() if o == 201]
        assert len([o for o in outcomes.values() if o == 201]) >= kill_after, outcomes
        assert set(outcomes.values()) <= {201, "not sent", "RemoteProtocolError", "ConnectError", "ReadError"}, outcomes

    restarted = fresh(repo=repo)
    committed = _assert_consistent(restarted)
    assert set(acknowledged) <= set(committed), f"acknowledged but lost: {sorted(set(acknowledged) - set(committed))}"
    with restarted.client() as client:
        for name in acknowledged:
            assert client.get(f"{TMF}/intent/{name}").status_code == 200
        assert client.post("/intent-gateway/v1/intents", json=krm_intent("after-the-kill")).status_code == 201
    assert not (repo / "gateway-tmp").exists() or not any((repo / "gateway-tmp").iterdir()), "no render left behind"
    # A committed package is exactly what its pipeline renders: render one again, nothing changes.
    work = tmp_path / "check"
    kpt.git(tmp_path, "clone", "-q", str(repo), str(work))
    package = work / "intents" / sorted(committed)[0]
    before = kpt.tree_digest(package)
    assert kpt.render(package).exit_code == 0
    assert kpt.tree_digest(package) == before
