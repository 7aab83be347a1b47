"""docs/from-the-guide.md: every command of the user's guide has its place here, and everything it points at exists."""

from __future__ import annotations

import re

from tests.docs import links
from tests.kpt import ROOT
from tests.test_makefile import targets_in_makes_database

DOC = ROOT / "docs" / "from-the-guide.md"
TOP_LEVEL = ("packages/", "scripts/", "docs/", "deploy/", "functions/", "o2ims-sdk/", "samples/", "tests/")

# The guide's commands, as it prints them (continuation lines joined).
GUIDE_COMMANDS = [
    "kpt fn render packages/intent-to-krm/ --mount type=bind,src=$(pwd)/artifacts,dst=/tmp/artifacts --results-dir artifacts/",
    "curl -X POST http://localhost:8080/intent-gateway/v1/intents -H \"Content-Type: application/json\" -d @samples/tmf921/deploy-cu-intent.json",
    "kubectl get intents -n intent-system -w",
    "kubectl get provisioningrequests -n o2ims -w",
    "kubectl get slogates -A",
    "kubectl get pr -A --watch",
    "curl -X GET \"http://o2ims-api:8080/o2ims/v1/measurementJobs\" -H \"Accept: application/json\"",
    "curl -X GET \"http://o2ims-api:8080/o2ims/v1/measurementJobs/{jobId}/results\" -H \"Accept: application/json\"",
    "./scripts/p0.3_o2ims_install.sh",
    "kubectl get crd | grep provisioningrequests",
    "kubectl get pods -n o2ims",
    "kubectl apply -f o2ims-sdk/examples/pr-minimal.yaml",
    "./scripts/p0.3_o2ims_install.sh --namespace oran-o2ims",
    "./scripts/p0.3_o2ims_install.sh --dry-run --verbose",
    "./scripts/p0.3_o2ims_install.sh --timeout 600",
    "kubectl logs -n o2ims deployment/o2ims-controller",
    "kubectl auth can-i create provisioningrequests --as=system:serviceaccount:o2ims:o2ims-controller",
    "kubectl describe nodes | grep -A 5 \"Allocated resources\"",
    "kubectl get measurementjobs -A",
    "kubectl describe slogate <gate-name>",
    "./scripts/slo-gate-debug.sh --gate <gate-name> --verbose",
    "kubectl get provisioningrequest <name> -o jsonpath='{.spec.networkConfig}'",
    "kubectl run debug-pod --image=nicolaka/netshoot -it --rm -- /bin/bash",
    "make test-e2e-wfd",
    "make test-intent-gateway",
    "make test-o2ims-controller",
    "make test-slo-gate",
    "./scripts/load-test-o2ims.sh --requests 100 --concurrency 10",
    "./scripts/measure-intent-latency.sh --samples 1000",
]


def text() -> str:
    """The page with table escapes undone and whitespace runs collapsed."""
    return re.sub(r"\s+", " ", DOC.read_text().replace("\\|", "|"))


def ours() -> str:
    """What the page says of this project: its prose and every table cell but the first, which quotes the guide."""
    lines = []
    for line in DOC.read_text().splitlines():
        if line.startswith("|"):
            line = "|".join(re.split(r"(?<!\\)\|", line)[2:])
        lines.append(line)
    return "\n".join(lines)


def test_every_command_of_the_guide_has_its_row():
    page = text()
    missing = [c for c in GUIDE_COMMANDS if c not in page and c.removeprefix("./") not in page]
    assert missing == []


def test_every_file_and_folder_it_names_exists():
    named = {m for m in re.findall(r"`([^`\s]+)`", ours()) if m.startswith(TOP_LEVEL)}
    named = {m.split("#")[0].rstrip("/") for m in named if "<" not in m and "*" not in m and "…" not in m}
    assert len(named) >= 20
    assert sorted(m for m in named if not (ROOT / m).exists()) == []


def test_every_script_it_names_runs_and_every_make_target_exists():
    page = ours()
    scripts = set(re.findall(r"(?:\./)?(scripts/[\w.-]+)", page))
    assert scripts and [s for s in sorted(scripts) if not (ROOT / s).is_file() or not (ROOT / s).stat().st_mode & 0o111] == []
    targets = set(re.findall(r"`make ([a-z][a-z0-9-]*)", page)) | set(re.findall(r"\bmake (test-[a-z0-9-]+)", page))
    assert targets and sorted(targets - targets_in_makes_database()) == []


def test_what_the_guide_names_and_the_project_has_is_pointed_to():
    """A make target, script or file of the guide that exists here is named in this project's column, not explained away."""
    page, commands = ours(), " ".join(GUIDE_COMMANDS)
    targets = {t for t in re.findall(r"\bmake ([a-z][a-z0-9-]*)", commands) if t in targets_in_makes_database()}
    paths = {p for p in re.findall(r"(?:\./|@)?((?:scripts|samples|o2ims-sdk)/[\w./-]+)", commands) if (ROOT / p).exists()}
    assert targets and paths
    assert sorted(f"make {t}" for t in targets if f"`make {t}" not in page) + sorted(p for p in paths if p not in page) == []


def test_every_link_leads_to_a_file_and_heading():
    assert links.broken(DOC, ours()) == []


def test_the_link_check_catches_a_missing_file_and_a_missing_heading():
    assert links.broken(DOC, "[a](user-guide.md#2-render) [b](nothing.md) [c](user-guide.md#9-nowhere)") == ["nothing.md", "user-guide.md#9-nowhere"]
    assert "deploying-with-config-sync--flux--argo-cd" in links.anchors("## Deploying with Config Sync / Flux / Argo CD\n")
