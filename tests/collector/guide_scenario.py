"""The user's guide's own assurance plan: its SLOGate and its MeasurementJob, verbatim, over a real deployment.

The package holds a ProvisioningRequest named as the guide's MeasurementJob
targets it (`edge-ran-deployment`, the sample's request under that name),
the guide's SLOGate and MeasurementJob, and a Kptfile running pr-to-workloads
(which generates the pods the job measures) and slo-gate-validator.  Its pods
serve slow requests (p95 43.75 ms) with 30 % errors.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml
from oran_intent_krm.assurance.revision import workload_pod_templates, workload_revisions
from oran_intent_krm.pr_to_workloads.main import FUNCTION as PR_TO_WORKLOADS

from tests import kpt
from tests.collector import openmetrics as om
from tests.guide import MEASUREMENT_JOB, SLO_GATE

REQUEST = "edge-ran-deployment"
SAMPLE_REQUEST = kpt.ROOT / "packages" / "intent-to-krm" / "generated" / "management" / "o2ims" / "deploy-edge-ran-edge-cluster-us-west-1.yaml"
SLOW_END = "2025-06-01T17:00:00Z"  # slow requests, 30 % errors
FAST_END = "2025-06-01T18:00:00Z"  # fast requests, few errors

TARGET_REF = {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": REQUEST}
KPTFILE = {
    "apiVersion": "kpt.dev/v1",
    "kind": "Kptfile",
    "metadata": {"name": "guide", "annotations": {"config.kubernetes.io/local-config": "true"}},
    "pipeline": {"mutators": [{"image": "ghcr.io/oran-intent/pr-to-workloads:v0.1.0"}, {"image": "ghcr.io/oran-intent/slo-gate-validator:v0.1.0"}]},
}


def provisioning_request() -> dict[str, Any]:
    """The sample's request as a user would write it, under the name the guide's job targets."""
    request = yaml.safe_load(SAMPLE_REQUEST.read_text())
    request["metadata"] = {"name": REQUEST}
    request["spec"]["name"] = REQUEST
    return request


@functools.cache
def labels() -> tuple[str, str]:
    """(revision, du pod template) of the pods pr-to-workloads makes for the request."""
    text = yaml.safe_dump({"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [provisioning_request()]})
    out, code = PR_TO_WORKLOADS.process(text.encode())
    assert code == 0, out
    items = yaml.safe_load(out)["items"]
    (revision,) = workload_revisions(items)
    (template,) = workload_pod_templates([i for i in items if i["kind"] == "StatefulSet" and i["metadata"]["name"] == "du"])
    return revision, template


def traffic() -> list[om.Traffic]:
    revision, template = labels()
    slow = om.Traffic("edge-cluster-us-west-1", "2025-06-01T16:48:00Z", SLOW_END, {"0.005": 300, "0.01": 200, "0.025": 300, "0.05": 200},
                      errors=300, revision=revision, pod_template=template)
    fast = om.Traffic("edge-cluster-us-west-1", "2025-06-01T17:48:00Z", FAST_END, {"0.001": 200, "0.0025": 500, "0.005": 280, "0.01": 20},
                      revision=revision, pod_template=template)
    return [slow, fast]


def gate(target_ref: bool = True, targets: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The guide's SLOGate; with the one reference it leaves out, unless told otherwise."""
    obj = yaml.safe_load(SLO_GATE)
    if target_ref:
        obj["spec"] = {"targetRef": dict(TARGET_REF), **obj["spec"]}
    if targets is not None:
        obj["spec"]["sloTargets"] = targets
    return obj


def job(measurements: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    obj = yaml.safe_load(MEASUREMENT_JOB)
    if measurements is not None:
        obj["spec"]["measurements"] = measurements
    return obj


def write(root: Path, gate_text: str = SLO_GATE, job_text: str = MEASUREMENT_JOB) -> Path:
    """The guide package, rendered (its workloads generated), with the given gate and job files."""
    root.mkdir(parents=True)
    (root / "Kptfile").write_text(yaml.safe_dump(KPTFILE, sort_keys=False))
    (root / "provisioning-request.yaml").write_text(yaml.safe_dump(provisioning_request(), sort_keys=False))
    (root / "slogate.yaml").write_text(yaml.safe_dump(gate(), sort_keys=False))
    (root / "measurementjob.yaml").write_text(job_text)
    run = kpt.render(root)
    assert run.exit_code == 0, run.stderr
    (root / "slogate.yaml").write_text(gate_text)
    return root


def as_text(obj: dict[str, Any]) -> str:
    return yaml.safe_dump(copy.deepcopy(obj), sort_keys=False)
