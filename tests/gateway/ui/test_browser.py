"""The status page in a real headless browser (Debian's chromium, driven by Playwright).

A real gateway on loopback gets four intents.  Measurements reach three of them the way a
collector delivers them: clone the repository, write a MeasurementReport into the package, render
it with kpt, push.  One report meets every threshold (the gate passes), one breaches latency in
three periods with the gate's enforcement set to warn (so the render succeeds and records the
Failed gate), one lacks periods (Inconclusive); the fourth intent has no measurements.  The test
loads `/ui/` without a token and checks what each intent shows.

The screenshot of the page is kept at `build/test-artifacts/status-page.png` (and the page's
HTML beside it), overwritten by each run.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from tests import kpt
from tests.gateway.server import TMF, TOKEN, krm_intent
from tests.packages.support import PERIOD_ENDS, passing_report

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = kpt.ROOT / "build" / "test-artifacts"
# What a user's Chromium needs to run headless as root in a container, and to stay off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INTENTS = {
    "ran-passing": "edge-cluster-us-west-1",
    "ran-failing": "edge-cluster-us-east-1",
    "ran-inconclusive": "edge-cluster-eu-west-1",
    "ran-waiting": "edge-cluster-us-west-1",
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")


def measurement_report(gate: dict, revision: dict, kind: str) -> dict:
    """passing: every period meets; failing: latency breaches in periods 3, 4 and 8; inconclusive: 7 of 10 periods."""
    report = passing_report(gate, revision)
    thresholds = {t["metric"]: float(t["threshold"]) for t in gate["spec"]["sloTargets"]}
    for metric in report["spec"]["metrics"]:
        if kind == "failing" and metric["name"].startswith("latency"):
            for number in (2, 3, 7):
                metric["periods"][number]["value"] = thresholds[metric["name"]] * 1.3
        if kind == "inconclusive":
            metric["periods"] = metric["periods"][:7]
    return report


def warn_only(package: Path) -> None:
    """Give the gate enforcement warn (28312-to-pr's config), so that a failing gate is recorded, not blocking."""
    kptfile = package / "Kptfile"
    data = yaml.safe_load(kptfile.read_text())
    for step in data["pipeline"]["mutators"]:
        if "28312-to-pr" in step.get("image", "") or "28312-to-pr" in step.get("exec", ""):
            step.setdefault("configMap", {})["enforcement"] = "warn"
    kptfile.write_text(yaml.safe_dump(data, sort_keys=False))


def deliver_measurements(server, work: Path) -> None:
    """The collector's way: clone, write a MeasurementReport into each package, render, push."""
    kpt.git(work.parent, "clone", "-q", str(server.repo), str(work))
    for name, kind in (("ran-passing", "passing"), ("ran-failing", "failing"), ("ran-inconclusive", "inconclusive")):
        package = work / "intents" / name
        if kind == "failing":
            warn_only(package)
            assert kpt.render(package).exit_code == 0
        explained = subprocess.run(["slo-gate-validator", "explain", str(package), "-o", "json"], capture_output=True, text=True, env=kpt.env(), check=True)
        [evaluation] = json.loads(explained.stdout)["gates"]
        gate = next(d for p in sorted(package.rglob("*.yaml")) for d in yaml.safe_load_all(p.read_text()) if isinstance(d, dict) and d.get("kind") == "SLOGate")
        (package / "measurements").mkdir()
        report = measurement_report(gate, evaluation["revision"], kind)
        (package / "measurements" / "report.yaml").write_text(yaml.safe_dump(report, sort_keys=False))
        rendered = kpt.render(package)
        assert rendered.exit_code == 0, rendered.stderr
    kpt.git(work, "add", "-A")
    kpt.git(work, "commit", "-q", "-m", "Measurements of three intents")
    kpt.git(work, "push", "-q", "origin", "main")


def wait_for_statuses(server, wanted: dict[str, str], timeout: float = 60) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    with server.client(token=None) as client:
        while True:
            found = {i["id"]: i["lifecycleStatus"] for i in client.get(f"{TMF}/intent").json()}
            if all(found.get(k) == v for k, v in wanted.items()) or time.monotonic() > deadline:
                return found
            time.sleep(0.3)


@pytest.fixture(scope="module")
def gateway_with_verdicts(tmp_path_factory):
    from tests.gateway.server import Server

    root = tmp_path_factory.mktemp("status-page")
    server = Server(root / "repo").start()
    try:
        with server.client() as client:
            for name, cluster in INTENTS.items():
                answer = client.post("/intent-gateway/v1/intents", json=krm_intent(name, cluster=cluster, description=f"RAN on {cluster} <{name}>"))
                assert answer.status_code == 201, answer.text
        deliver_measurements(server, root / "work")
        wanted = {"ran-passing": "Fulfilled", "ran-failing": "Degraded", "ran-inconclusive": "Active", "ran-waiting": "Active"}
        assert wait_for_statuses(server, wanted) == wanted
        yield server
    finally:
        server.stop()


def browse(url: str, screenshot: Path):
    """Load `url` in headless chromium; (what the page shows, every request it made, console messages)."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    console: list[str] = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, viewport={"width": 1100, "height": 900}, java_script_enabled=True
        )
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            answer = page.goto(url)
            shown = page.evaluate(
                """() => {
                  const text = (e) => e ? e.textContent.trim() : null;
                  const intents = {};
                  for (const section of document.querySelectorAll('section.intent')) {
                    const gates = [...section.querySelectorAll('figure.gate')].map((g) => ({
                      phase: g.dataset.phase,
                      why: text(g.querySelector('.why')),
                      breaches: g.querySelectorAll('svg .period.breach').length,
                      met: g.querySelectorAll('svg .period.met').length,
                      noData: [...g.querySelectorAll('svg .no-data')].map(text),
                      thresholds: g.querySelectorAll('svg line.threshold').length,
                      chartWidth: g.querySelector('svg').getBoundingClientRect().width,
                    }));
                    intents[section.dataset.intent] = {
                      lifecycle: section.dataset.lifecycle,
                      badge: text(section.querySelector('h2 .badge')),
                      description: text(section.querySelector('.description')),
                      clusters: [...section.querySelectorAll('tr[data-cluster]')].map((r) => r.dataset.cluster),
                      workloads: [...section.querySelectorAll('tr[data-cluster] td:nth-child(3)')].map(text),
                      gates,
                    };
                  }
                  return {
                    intents,
                    pager: text(document.querySelector('.pager')),
                    scripts: document.scripts.length,
                    forms: document.forms.length,
                    styleApplied: getComputedStyle(document.querySelector('.intent')).borderTopStyle,
                    html: document.documentElement.outerHTML,
                  };
                }"""
            )
            page.screenshot(path=str(screenshot), full_page=True)
            return answer, shown, requests, console
        finally:
            browser.close()


def test_the_status_page_shows_each_gates_verdict_and_evidence_in_a_real_browser(gateway_with_verdicts):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "status-page.png"
    answer, shown, requests, console = browse(f"{gateway_with_verdicts.url}/ui/", screenshot)
    (ARTIFACTS / "status-page.html").write_text(shown["html"])

    assert answer.status == 200
    intents = shown["intents"]
    assert list(intents) == list(INTENTS), "in the order they were created"
    assert {n: i["lifecycle"] for n, i in intents.items()} == {"ran-passing": "Fulfilled", "ran-failing": "Degraded", "ran-inconclusive": "Active", "ran-waiting": "Active"}
    assert {n: i["badge"] for n, i in intents.items()} == {n: i["lifecycle"] for n, i in intents.items()}
    assert {n: i["clusters"] for n, i in intents.items()} == {n: [c] for n, c in INTENTS.items()}
    assert all("Deployment cu-cp" in i["workloads"][0] and "StatefulSet cu-up" in i["workloads"][0] for i in intents.values())
    assert intents["ran-failing"]["description"] == "RAN on edge-cluster-us-east-1 <ran-failing>", "text is shown as text"

    [passed] = intents["ran-passing"]["gates"]
    [failed] = intents["ran-failing"]["gates"]
    [unsure] = intents["ran-inconclusive"]["gates"]
    [waiting] = intents["ran-waiting"]["gates"]
    assert (passed["phase"], passed["breaches"], passed["why"]) == ("Passed", 0, None)
    assert passed["met"] == 10 * passed["thresholds"]
    assert (failed["phase"], failed["breaches"]) == ("Failed", 3)
    assert unsure["phase"] == "Inconclusive" and unsure["breaches"] == 0
    assert unsure["why"].startswith("Inconclusive because") and "MissingPeriods" in unsure["why"] and "7 of 10 evaluation periods" in unsure["why"]
    assert waiting["phase"] == "Inconclusive" and "no MeasurementReport" in waiting["why"]
    assert waiting["noData"] == ["No measurements yet"] * waiting["thresholds"] and waiting["thresholds"] >= 1
    assert 300 < failed["chartWidth"] <= 1100

    assert shown["pager"].startswith("Intents 1–4 of 4")
    assert shown["scripts"] == 0 and shown["forms"] == 0
    assert shown["styleApplied"] == "solid", "the page's own style is allowed by its Content-Security-Policy"
    assert not [m for m in console if "Content Security Policy" in m or m.startswith("error")], console
    assert requests and all(r.startswith(gateway_with_verdicts.url) for r in requests), "no external asset"
    assert TOKEN not in shown["html"]
    assert screenshot.stat().st_size > 10_000 and screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_json_view_says_what_the_page_shows(gateway_with_verdicts):
    with gateway_with_verdicts.client(token=None) as client:
        page = client.get("/ui/status.json").json()
        failing = client.get("/ui/status.json", params={"lifecycleStatus": "Degraded"}).json()
    assert page["counts"]["lifecycleStatus"] == {"Active": 2, "Fulfilled": 1, "Degraded": 1, "Suspended": 0}
    assert page["counts"]["gates"] == {"Passed": 1, "Failed": 1, "Inconclusive": 2, "NotEvaluated": 0}
    assert [i["id"] for i in failing["intents"]] == ["ran-failing"] and failing["total"] == 1
    [gate] = failing["intents"][0]["gates"]
    latency = next(t for t in gate["targets"] if t["metric"].startswith("latency"))
    assert (gate["phase"], gate["enforcement"], gate["judged"], latency["breaches"]) == ("Failed", "warn", True, 3)
    ends = PERIOD_ENDS
    assert [p["end"] for p in latency["periods"] if p["state"] == "breach"] == [ends[2], ends[3], ends[7]]
