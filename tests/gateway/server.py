"""A real intent-gateway on loopback, as a user starts it: its own process, a git repository, kpt."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests import kpt

TOKEN = "gateway-test-token-0123456789"
TMF = "/tmf-api/intentManagement/v5"
ALIAS = "/intent-gateway/v1"
SAMPLES = kpt.ROOT / "samples" / "tmf921"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    repo: Path
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> Server:
        self.port = self.port or free_port()
        self.log = self.repo.parent / f"gateway-{self.port}.log"
        env = {**kpt.env(), "INTENT_GATEWAY_TOKEN": TOKEN, **self.env}
        command = [sys.executable, "-m", "oran_intent_krm.gateway", "--listen", f"127.0.0.1:{self.port}", "--repo", str(self.repo), *self.args]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.repo.parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the gateway exited {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + ALIAS + "/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the gateway did not answer in {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> int:
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        code = self.process.returncode
        self.process = None
        return code

    def kill(self) -> None:
        """SIGKILL: no shutdown of any kind."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def client(self, token: str | None = TOKEN, timeout: float = 300) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.repo, capture_output=True, text=True, check=True).stdout

    def resources(self, intent: str, kind: str | None = None) -> list[dict[str, Any]]:
        """The resources of an intent's package on main (of one kind), wherever the pipeline put them."""
        from oran_intent_krm.gateway import krm
        from oran_intent_krm.gateway.repository import Repository

        files = Repository(self.repo).read_tree_files(Repository(self.repo).head(), f"intents/{intent}")
        found = [doc for path, content in sorted(files.items()) if krm.is_yaml_file(path) for doc in krm.documents(content)]
        return [doc for doc in found if kind is None or doc.get("kind") == kind]


def krm_intent(name: str, cluster: str = "edge-cluster-us-west-1", objects: tuple[str, ...] = ("o-ran-cu",), namespace: str = "intent-system", **spec: Any) -> dict[str, Any]:
    """An intent in the guide's KRM form: deploy `objects` on `cluster`, latency under 10 ms."""
    return {
        "apiVersion": "tmf921.intent.tmforum.org/v1",
        "kind": "Intent",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            **spec,
            "intentExpectations": [
                {"expectationTargets": [{"targetName": cluster}], "expectationVerbs": ["deploy"], "expectationObjects": list(objects)},
                {"expectationTargets": [{"targetName": "performance"}], "expectationVerbs": ["maintain"], "expectationObjects": ["latency<10ms"]},
            ],
        },
    }


def v5_intent(name: str, cluster: str = "edge-cluster-us-west-1", type_: str = "Intent", objects: tuple[str, ...] = ("o-ran-cu",), **fields: Any) -> dict[str, Any]:
    """A TMF921 v5 Intent_FVO with a JSON-LD expression: `objects` (a CU) on `cluster`, latency at most 10 ms."""
    return {
        "@type": type_,
        "name": name,
        **fields,
        "expression": {
            "@type": "JsonLdExpression",
            "iri": f"https://operator.example.com/tmf-api/rdfs/{name}",
            "expressionValue": {
                "@context": {"icm": "http://tio.models.tmforum.org/tio/v3.4.0/IntentCommonModel/", "ran": "http://operator.example.com/ran#"},
                "ran:Intent1": {
                    "@type": "icm:Intent",
                    "icm:hasExpectation": {
                        "ran:Delivery": {
                            "@type": "icm:DeliveryExpectation",
                            "icm:target": "_:ran",
                            "icm:params": {"icm:targetDescription": list(objects), "ran:targetCluster": cluster},
                        },
                        "ran:Property": {"@type": "icm:PropertyExpectation", "icm:target": "_:ran", "icm:params": {"ran:latency": [{"icm:atMost": "10ms"}]}},
                    },
                },
            },
        },
    }
