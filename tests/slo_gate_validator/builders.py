"""Small packages for the tests: a ProvisioningRequest, its workloads, a gate and its evidence.

Workloads carry real SDK provenance (stamped as pr-to-workloads would), so
their config digest is the one the validator computes.
"""

from __future__ import annotations

import copy
import math
from typing import Any, Iterable

import yaml
from oran_intent_krm.assurance.revision import (
    POD_TEMPLATE_LABEL,
    PROMETHEUS_LABEL,
    REVISION_LABEL,
    config_digest,
    pod_template_digest,
    request_revision,
)
from oran_intent_krm.sdk import ownership
from oran_intent_krm.slo_gate_validator.main import FUNCTION

PR_NAME = "deploy-edge-ran-edge-cluster-us-west-1"
INTENT = "deploy-edge-ran"
WINDOW_START = "2025-06-01T10:00:00Z"
WINDOW_END = "2025-06-01T10:05:00Z"
# The guide's three targets.
GUIDE_TARGETS = [
    {"metric": "latency_p95_ms", "threshold": 10, "operator": "<=", "unit": "ms", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "DlLatency"}},
    {"metric": "success_rate", "threshold": 0.995, "operator": ">=", "unit": "ratio", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "SuccessRate"}},
    {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">=", "unit": "Mbps", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "DlThptPerUe"}},
]
GOOD = {"latency_p95_ms": 7.5, "success_rate": 0.998, "throughput_p95_mbps": 1200}
FIRST_SAMPLE = "2025-06-01T09:00:00Z"  # the revision went live an hour before the window


def provisioning_request(name: str = PR_NAME) -> dict[str, Any]:
    return {
        "apiVersion": "o2ims.provisioning.oran.org/v1alpha1",
        "kind": "ProvisioningRequest",
        "metadata": {"name": name},
        "spec": {"name": name, "templateName": "oran-edge", "templateVersion": "v1", "templateParameters": {"clusterName": "edge-cluster-us-west-1"}},
    }


def workloads(pr: dict[str, Any], image_tag: str = "v1.0.0") -> list[dict[str, Any]]:
    namespace = pr["metadata"]["name"]
    template: dict[str, Any] = {"metadata": {"labels": {"app": "cu-cp"}}, "spec": {"containers": [{"name": "cu-cp", "image": f"example.org/oran/cu-cp:{image_tag}"}]}}
    template["metadata"]["labels"].update({REVISION_LABEL: request_revision(pr), POD_TEMPLATE_LABEL: pod_template_digest(template)})
    raw = [
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}},
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "cu-cp", "namespace": namespace}, "spec": {"replicas": 1, "template": template}},
    ]
    return [
        ownership.stamp(ownership.Generated(obj, pr, f"generated/clusters/{obj['kind'].lower()}_{obj['metadata']['name']}.yaml"), "pr-to-workloads", "0.1.0")
        for obj in raw
    ]


def gate(targets: list[dict[str, Any]] | None = None, **spec: Any) -> dict[str, Any]:
    body = {
        "targetRef": {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": PR_NAME},
        "intentRef": {"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "Intent", "name": INTENT},
        "sloTargets": copy.deepcopy(targets if targets is not None else GUIDE_TARGETS),
        "measurementWindow": "5m",
        "evaluationPeriod": "30s",
        "enforcement": "block",
        "onFailure": "none",
    }
    body.update(spec)
    return {"apiVersion": "gate.slo.nephio.org/v1alpha1", "kind": "SLOGate", "metadata": {"name": PR_NAME}, "spec": body}


def period_ends(start: str = WINDOW_START, count: int = 10, step: int = 30) -> list[str]:
    from oran_intent_krm.assurance import timing

    base = timing.timestamp(start)
    return [timing.format_timestamp(base + step * (i + 1)) for i in range(count)]


def series(
    name: str,
    values: Iterable[float | None],
    unit: str | None = "ms",
    samples: int | Iterable[int | None] = 1000,
    start: str = WINDOW_START,
    samples_kind: str | None = None,
) -> dict[str, Any]:
    values = list(values)
    counts = [samples] * len(values) if isinstance(samples, int) else list(samples)
    periods = []
    for end, value, count in zip(period_ends(start, count=len(values)), values, counts):
        period: dict[str, Any] = {"end": end}
        if value is not None:
            period["value"] = value
        if count is not None:
            period["samples"] = count
        periods.append(period)
    out: dict[str, Any] = {"name": name, "periods": periods}
    if unit is not None:
        out["unit"] = unit
    if samples_kind is not None:
        out["samplesKind"] = samples_kind
    return out


def guide_series(values: dict[str, float] | None = None, count: int = 10, start: str = WINDOW_START) -> list[dict[str, Any]]:
    values = {**GOOD, **(values or {})}
    units = {"latency_p95_ms": "ms", "success_rate": "ratio", "throughput_p95_mbps": "Mbps"}
    return [series(name, [values[name]] * count, units[name], start=start) for name in GOOD]


def revision(first_sample: str = FIRST_SAMPLE, value: str | None = None) -> dict[str, Any]:
    """The revision evidence of a report about the builders' request."""
    return {"label": PROMETHEUS_LABEL, "value": value or request_revision(provisioning_request()), "firstSample": first_sample}


def report(
    metrics: list[dict[str, Any]],
    digest: str | None,
    start: str = WINDOW_START,
    end: str = WINDOW_END,
    name: str = PR_NAME,
    revision_evidence: dict[str, Any] | None = None,
) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "targetRef": {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": PR_NAME},
        "revision": revision_evidence if revision_evidence is not None else revision(),
        "source": {"type": "prometheus", "endpoint": "http://prometheus.monitoring:9090"},
        "window": {"start": start, "end": end},
        "metrics": metrics,
    }
    if digest is not None:
        spec["configDigest"] = digest
    return {
        "apiVersion": "measurement.o2ims.org/v1alpha1",
        "kind": "MeasurementReport",
        "metadata": {"name": name, "annotations": {"config.kubernetes.io/local-config": "true"}},
        "spec": spec,
    }


def intent_28312() -> dict[str, Any]:
    return {
        "apiVersion": "intent.3gpp.org/v1alpha1",
        "kind": "Intent",
        "metadata": {"name": INTENT, "annotations": {ownership.SOURCE: f"tmf921.intent.tmforum.org/v1/Intent/{INTENT}"}},
        "spec": {
            "intentExpectations": [
                {"expectationId": f"{INTENT}-1", "expectationVerb": "DELIVER", "expectationObject": {"objectType": "RAN_SUBNETWORK"}},
                {
                    "expectationId": f"{INTENT}-2",
                    "expectationVerb": "ENSURE",
                    "expectationTargets": [
                        {"targetName": "DlLatency", "targetCondition": "IS_LESS_THAN", "targetValueRange": 10},
                        {"targetName": "SuccessRate", "targetCondition": "IS_EQUAL_TO_OR_GREATER_THAN", "targetValueRange": 0.995},
                        {"targetName": "DlThptPerUe", "targetCondition": "IS_EQUAL_TO_OR_GREATER_THAN", "targetValueRange": 1000},
                    ],
                },
            ]
        },
    }


def tmf921_intent() -> dict[str, Any]:
    return {"apiVersion": "tmf921.intent.tmforum.org/v1", "kind": "Intent", "metadata": {"name": INTENT}, "spec": {"intentExpectations": []}}


def kptfile() -> dict[str, Any]:
    return {
        "apiVersion": "kpt.dev/v1",
        "kind": "Kptfile",
        "metadata": {"name": "pkg", "annotations": {"config.kubernetes.io/local-config": "true"}},
        "pipeline": {"mutators": [{"image": "ghcr.io/oran-intent/slo-gate-validator:v0.1.0"}]},
    }


def package(metric_values: dict[str, float] | None = None, gate_spec: dict[str, Any] | None = None, **report_args: Any) -> list[dict[str, Any]]:
    """A whole passing package (unless told otherwise): Kptfile, intents, PR, workloads, gate, report."""
    pr = provisioning_request()
    loads = workloads(pr)
    digest = report_args.pop("digest", config_digest(loads))
    metrics = report_args.pop("metrics", None) or guide_series(metric_values)
    return [kptfile(), tmf921_intent(), intent_28312(), pr, *loads, gate(**(gate_spec or {})), report(metrics, digest, **report_args)]


def run(items: list[dict[str, Any]], config: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """(output items, results, exit code) of one render of the items."""
    resource_list: dict[str, Any] = {"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": items}
    if config is not None:
        resource_list["functionConfig"] = {"apiVersion": "fn.oran-intent.io/v1alpha1", "kind": "SloGateValidatorConfig", "metadata": {"name": "cfg"}, **config}
    text, code = FUNCTION.process(yaml.safe_dump(resource_list, sort_keys=False).encode())
    out = yaml.safe_load(text)
    return out["items"], out.get("results") or [], code


def find(items: list[dict[str, Any]], kind: str, name: str | None = None, api_version: str | None = None) -> dict[str, Any]:
    for item in items:
        if item["kind"] == kind and (name is None or item["metadata"]["name"] == name) and (api_version is None or item["apiVersion"] == api_version):
            return item
    raise KeyError(f"{kind} {name}")


def nan() -> float:
    return math.nan


def resource_list_text(items: list[dict[str, Any]], config: dict[str, Any] | None = None) -> str:
    resource_list: dict[str, Any] = {"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": items}
    if config is not None:
        resource_list["functionConfig"] = {"apiVersion": "fn.oran-intent.io/v1alpha1", "kind": "SloGateValidatorConfig", "metadata": {"name": "cfg"}, **config}
    return yaml.safe_dump(resource_list, sort_keys=False)


def without_results(text: str) -> str:
    """The ResourceList text up to its results: what a second render reads."""
    return text.split("\nresults:\n", 1)[0] + "\n"
