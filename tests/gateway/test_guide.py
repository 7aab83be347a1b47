"""The guide's commands, as the guide prints them, with curl and envsubst against a real gateway.

The guide's curl commands carry no credentials and name localhost:8080; curl's own config file
(`CURL_HOME/.curlrc`) adds the bearer token and points localhost:8080 at the test's gateway, so
the commands run byte for byte as printed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import kpt
from tests.gateway.server import ALIAS, TMF, TOKEN

EXAMPLE_1 = """curl -X POST http://localhost:8080/intent-gateway/v1/intents \\
  -H "Content-Type: application/json" \\
  -d @samples/tmf921/deploy-cu-intent.json
"""
EXAMPLE_2 = """for site in us-west-1 us-east-1 eu-west-1; do
  envsubst < samples/tmf921/edge-deployment-template.json \\
    TARGET_SITE=$site | \\
    curl -X POST http://localhost:8080/intent-gateway/v1/intents \\
      -H "Content-Type: application/json" \\
      -d @-
done
"""
# What Example 2 means: envsubst takes the variables from its environment.
EXAMPLE_2_WORKING = """for site in us-west-1 us-east-1 eu-west-1; do
  TARGET_SITE=$site envsubst < samples/tmf921/edge-deployment-template.json | \\
    curl -sS -X POST http://localhost:8080/intent-gateway/v1/intents \\
      -H "Content-Type: application/json" \\
      -d @-
done
"""
needs_tools = pytest.mark.skipif(
    not (shutil.which("curl") and shutil.which("envsubst")), reason="curl and envsubst (Debian: gettext-base) run the guide's commands; CI installs both"
)


def _run(server, script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    home = tmp_path / "curl-home"
    home.mkdir(exist_ok=True)
    (home / ".curlrc").write_text(f'header = "Authorization: Bearer {TOKEN}"\nconnect-to = "localhost:8080:127.0.0.1:{server.port}"\nsilent\nshow-error\n')
    env = {**kpt.env(), "CURL_HOME": str(home)}
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=kpt.ROOT, env=env, capture_output=True, text=True, timeout=600)


def _answers(stdout: str) -> list[dict]:
    decoder, out, position = json.JSONDecoder(), [], 0
    while position < len(stdout.strip()):
        value, end = decoder.raw_decode(stdout, position)
        out.append(value)
        position = end
        while position < len(stdout) and stdout[position].isspace():
            position += 1
    return out


@needs_tools
def test_example_1_creates_the_cu_intent_and_its_package(fresh, tmp_path):
    server = fresh()
    done = _run(server, EXAMPLE_1, tmp_path)
    assert done.returncode == 0, done.stderr
    [intent] = _answers(done.stdout)
    assert (intent["kind"], intent["metadata"]["name"], intent["metadata"]["namespace"]) == ("Intent", "deploy-cu", "intent-system")
    assert intent["status"]["conditions"][0]["type"] == "Fulfilled"
    with server.client() as client:
        listed = client.get(f"{ALIAS}/intents").json()
        jobs = client.get("/o2ims/v1/measurementJobs").json()
    assert [(i["metadata"]["namespace"], i["metadata"]["name"]) for i in listed["items"]] == [("intent-system", "deploy-cu")]
    assert [j["consumerPerformanceJobId"] for j in jobs] == ["deploy-cu-edge-cluster-us-west-1"]
    [pr] = server.resources("deploy-cu", "ProvisioningRequest")
    assert pr["spec"]["templateParameters"]["clusterName"] == "edge-cluster-us-west-1"


@needs_tools
def test_example_2_as_printed_sends_the_template_unexpanded_and_is_told_how_to_fix_it(fresh, tmp_path):
    """`envsubst < file TARGET_SITE=$site` replaces nothing: its argument only names variables, it sets none."""
    server = fresh()
    head = server.git("rev-parse", "main")
    done = _run(server, EXAMPLE_2, tmp_path)
    answers = _answers(done.stdout)
    assert len(answers) == 3
    for answer in answers:
        assert (answer["code"], answer["reason"]) == ("ERR400", "Unexpanded template")
        assert "$TARGET_SITE" in answer["message"] and "TARGET_SITE=... envsubst < template.json" in answer["message"]
    assert server.git("rev-parse", "main") == head


@needs_tools
def test_example_2_with_the_variable_set_deploys_one_intent_per_site_on_its_own_network(fresh, tmp_path):
    server = fresh()
    done = _run(server, EXAMPLE_2_WORKING, tmp_path)
    assert done.returncode == 0, done.stderr
    created = _answers(done.stdout)
    assert [i["metadata"]["name"] for i in created] == ["edge-deployment-us-west-1", "edge-deployment-us-east-1", "edge-deployment-eu-west-1"]
    with server.client() as client:
        intents = client.get(f"{TMF}/intent").json()
    assert {i["id"]: i["priority"] for i in intents} == {i["metadata"]["name"]: "2" for i in created}
    for site, vlan, subnet in (("us-west-1", 100, "192.168.100.0/24"), ("us-east-1", 101, "192.168.101.0/24"), ("eu-west-1", 102, "192.168.102.0/24")):
        [pr] = server.resources(f"edge-deployment-{site}", "ProvisioningRequest")
        parameters = pr["spec"]["templateParameters"]
        assert (parameters["clusterName"], parameters["networkConfig"]["vlan"], parameters["networkConfig"]["subnet"]) == (f"edge-cluster-{site}", vlan, subnet)
        nads = server.resources(f"edge-deployment-{site}", "NetworkAttachmentDefinition")
        assert nads and all(subnet.rsplit(".", 1)[0] + "." in nad["spec"]["config"] for nad in nads)
