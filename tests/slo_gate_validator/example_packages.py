"""The input files of slo-gate-validator's golden examples, built from the SDK.

Upstream outputs carry real provenance (stamped with the SDK, as the stage that
generates them would), so every digest in them is valid; where an example
needs what an earlier render left (the rollback and relative examples), that
render is done by the function itself.  `test_examples.py` checks the files in
functions/slo_gate_validator/examples/ are exactly these.

    python -m tests.slo_gate_validator.example_packages   # rewrite the input files
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable

import yaml
from oran_intent_krm.assurance.revision import (
    POD_TEMPLATE_LABEL,
    PROMETHEUS_LABEL,
    REVISION_LABEL,
    config_digest,
    pod_template_digest,
    request_revision,
    workload_revisions,
)
from oran_intent_krm.assurance.timing import format_timestamp, timestamp
from oran_intent_krm.sdk import ownership, resource
from oran_intent_krm.sdk.yaml_io import dump_value
from oran_intent_krm.slo_gate_validator.main import FUNCTION

from tests import guide

EXAMPLES = Path(__file__).resolve().parents[2] / "functions" / "slo_gate_validator" / "examples"
IMAGE = "ghcr.io/oran-intent/slo-gate-validator:v0.1.0"
INTENT = "deploy-edge-ran"
CLUSTER = "edge-cluster-us-west-1"
PR = f"{INTENT}-{CLUSTER}"
VERSION = "0.1.0"
START = "2025-06-01T10:00:00Z"


def _stamp(obj: dict[str, Any], source: dict[str, Any], function: str, path: str) -> dict[str, Any]:
    return ownership.stamp(ownership.Generated(obj, source, path), function, VERSION)


def tmf921_intent() -> dict[str, Any]:
    """The guide's TMF921 intent, as a user writes it."""
    return {
        "apiVersion": "tmf921.intent.tmforum.org/v1",
        "kind": "Intent",
        "metadata": {"name": INTENT, "annotations": {resource.PATH: "intent.yaml"}},
        "spec": {
            "intentExpectations": [
                {"expectationTargets": [{"targetName": CLUSTER}], "expectationVerbs": ["deploy"], "expectationObjects": ["o-ran-cu", "o-ran-du"]},
                {"expectationTargets": [{"targetName": "performance"}], "expectationVerbs": ["maintain"], "expectationObjects": ["latency<10ms", "throughput>1Gbps"]},
            ]
        },
    }


def intent_28312(tmf: dict[str, Any]) -> dict[str, Any]:
    def target(name, condition, value):
        return {"targetName": name, "targetCondition": condition, "targetValueRange": value, "targetContexts": []}

    obj = {
        "apiVersion": "intent.3gpp.org/v1alpha1",
        "kind": "Intent",
        "metadata": {"name": INTENT, "labels": {"intent.source": "tmf921"}},
        "spec": {
            "userLabel": INTENT,
            "intentAdminState": "ACTIVATED",
            "intentPriority": 50,
            "observationPeriod": 60,
            "intentExpectations": [
                {
                    "expectationId": f"{INTENT}-1",
                    "expectationVerb": "DELIVER",
                    "expectationObject": {
                        "objectType": "RAN_SUBNETWORK",
                        "objectInstance": f"SubNetwork={INTENT}",
                        "objectContexts": [
                            {"contextAttribute": "NfType", "contextCondition": "IS_ALL_OF", "contextValueRange": ["o-ran-cu", "o-ran-du"]},
                            {"contextAttribute": "TargetCluster", "contextCondition": "IS_EQUAL_TO", "contextValueRange": CLUSTER},
                        ],
                    },
                },
                {
                    "expectationId": f"{INTENT}-2",
                    "expectationVerb": "ENSURE",
                    "expectationObject": {"objectType": "Radio_Service", "objectInstance": f"SubNetwork={INTENT}"},
                    "expectationTargets": [target("DlLatency", "IS_LESS_THAN", 10), target("DlThptPerUE", "IS_GREATER_THAN", {"guaThpt": 1000000})],
                },
            ],
        },
    }
    return _stamp(obj, tmf, "intent-to-28312", f"generated/management/ts28312/intent_{INTENT}.yaml")


def provisioning_request(intent: dict[str, Any]) -> dict[str, Any]:
    obj = {
        "apiVersion": "o2ims.provisioning.oran.org/v1alpha1",
        "kind": "ProvisioningRequest",
        "metadata": {"name": PR, "labels": {"intent.source": "tmf921", "workflow.stage": "provisioning"}},
        "spec": {
            "name": PR,
            "description": f"o-ran-cu, o-ran-du for intent {INTENT} on {CLUSTER}",
            "templateName": "oran-ran-workloads",
            "templateVersion": "v0.1.0",
            "templateParameters": {
                "clusterName": CLUSTER,
                "performanceClass": "high-throughput",
                "networkFunctions": [
                    {"name": "cu-cp", "nfType": "O-CU-CP", "source": "o-ran-cu", "replicas": 1},
                    {"name": "du", "nfType": "O-DU", "source": "o-ran-du", "replicas": 1},
                ],
            },
        },
    }
    return _stamp(obj, intent, "28312-to-pr", f"generated/management/o2ims/{PR}.yaml")


# The guide's sloTargets verbatim, linked to the intent.  They state no unit: latency_p95_ms and
# throughput_p95_mbps take theirs from their names' suffixes, success_rate has none to take.
GUIDE_GATE_TARGETS = [
    {"metric": "latency_p95_ms", "threshold": 10, "operator": "<=", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "DlLatency"}},
    {"metric": "success_rate", "threshold": 0.995, "operator": ">="},
    {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">=", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "DlThptPerUE"}},
]


def generated_targets() -> list[dict[str, Any]]:
    """The targets 28312-to-pr derives from the intent (operators from its conditions) plus its default."""
    return [
        {"metric": "latency_p95_ms", "threshold": 10, "operator": "<", "unit": "ms", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "DlLatency"}},
        {"metric": "success_rate", "threshold": 0.995, "operator": ">=", "unit": "ratio"},
        {"metric": "throughput_p95_mbps", "threshold": 1000, "operator": ">", "unit": "Mbps", "intentTarget": {"expectationId": f"{INTENT}-2", "targetName": "DlThptPerUE"}},
    ]


def slo_gate(intent: dict[str, Any], targets: list[dict[str, Any]], enforcement: str = "block", on_failure: str = "none", extra: dict | None = None) -> dict[str, Any]:
    spec = {
        "targetRef": {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": PR},
        "intentRef": {"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "Intent", "name": INTENT},
        "sloTargets": targets,
        "measurementWindow": "5m",
        "evaluationPeriod": "30s",
        "enforcement": enforcement,
        "onFailure": on_failure,
        **(extra or {}),
    }
    obj = {
        "apiVersion": "gate.slo.nephio.org/v1alpha1",
        "kind": "SLOGate",
        "metadata": {"name": PR, "labels": {"intent.source": "tmf921", "workflow.stage": "assurance"}},
        "spec": spec,
    }
    return _stamp(obj, intent, "28312-to-pr", f"generated/management/assurance/{PR}.slogate.yaml")


def guide_gate(extra_spec: dict | None = None) -> dict[str, Any]:
    """The guide's SLOGate with the references that tie it to the intent, and `unit: ratio` on success_rate."""
    targets = copy.deepcopy(GUIDE_GATE_TARGETS)
    targets[1]["unit"] = "ratio"
    spec = {
        "targetRef": {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": PR},
        "intentRef": {"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "Intent", "name": INTENT},
        "sloTargets": targets,
        "measurementWindow": "5m",
        "evaluationPeriod": "30s",
        **(extra_spec or {}),
    }
    return {"apiVersion": "gate.slo.nephio.org/v1alpha1", "kind": "SLOGate", "metadata": {"name": PR, "annotations": {resource.PATH: "slogate.yaml"}}, "spec": spec}


def workloads(pr: dict[str, Any], du_tag: str = "v1.4.0", du_replicas: int = 1) -> list[dict[str, Any]]:
    base = f"generated/clusters/{CLUSTER}/{PR}"

    def deployment(name, image, replicas, cpu):
        labels = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PR}
        template = {
            "metadata": {"labels": dict(labels)},
            "spec": {"containers": [{"name": name, "image": image, "resources": {"requests": {"cpu": cpu, "memory": "4Gi"}}}]},
        }
        # The labels that tie the pods' metrics to the revision, as pr-to-workloads writes them.
        template["metadata"]["labels"].update({POD_TEMPLATE_LABEL: pod_template_digest(template), REVISION_LABEL: request_revision(pr)})
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "namespace": PR, "labels": labels},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app.kubernetes.io/name": name}}, "template": template},
        }

    objects = [
        ({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": PR}}, f"{base}/namespace_{PR}.yaml"),
        (deployment("cu-cp", "registry.example.org/oran/cu-cp:v1.4.0", 1, "2000m"), f"{base}/cu-cp/deployment_cu-cp.yaml"),
        (deployment("du", f"registry.example.org/oran/du:{du_tag}", du_replicas, "4000m"), f"{base}/du/deployment_du.yaml"),
    ]
    return [_stamp(obj, pr, "pr-to-workloads", path) for obj, path in objects]


def period_ends(start: str, count: int = 10) -> list[str]:
    return [format_timestamp(timestamp(start) + 30 * (i + 1)) for i in range(count)]


# What each metric's samples count, as the collector derives them from the generated queries.
SAMPLES_KIND = {"latency_p95_ms": "events", "success_rate": "events", "throughput_p95_mbps": "dataPoints"}


def measurement_report(
    loads: list[dict[str, Any]],
    metrics: dict[str, tuple[str | None, list[Any], list[Any]]],
    start: str = START,
    digest: str | None = None,
    live_since: str | None = None,
) -> dict[str, Any]:
    """metrics: name -> (unit, values, samples) per 30 s period from start; the revision went live at live_since (a minute before start)."""
    series = []
    for name, (unit, values, samples) in metrics.items():
        entry: dict[str, Any] = {"name": name}
        if unit:
            entry["unit"] = unit
        entry["samplesKind"] = SAMPLES_KIND[name]
        periods = []
        for end, value, count in zip(period_ends(start, len(values)), values, samples):
            period: dict[str, Any] = {"end": end, "value": value}
            if count is not None:
                period["samples"] = count
            periods.append(period)
        entry["periods"] = periods
        series.append(entry)
    end = format_timestamp(timestamp(start) + 300)
    return {
        "apiVersion": "measurement.o2ims.org/v1alpha1",
        "kind": "MeasurementReport",
        "metadata": {"name": PR, "annotations": {resource.LOCAL_CONFIG: "true", resource.PATH: f"measurements/{PR}.yaml"}},
        "spec": {
            "targetRef": {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": PR},
            "configDigest": digest or config_digest(loads),
            "revision": {"label": PROMETHEUS_LABEL, "value": workload_revisions(loads)[0], "firstSample": live_since or format_timestamp(timestamp(start) - 60)},
            "jobRef": {"apiVersion": "measurement.o2ims.org/v1alpha1", "kind": "MeasurementJob", "name": PR},
            "source": {"type": "prometheus", "endpoint": "http://prometheus.monitoring.svc:9090"},
            "window": {"start": start, "end": end},
            "metrics": series,
        },
    }


def steady(value: Any, count: int = 10, samples: int = 1200) -> list[list[Any]]:
    return [[value] * count, [samples] * count]


def good_metrics(latency: list[float] | None = None) -> dict[str, tuple]:
    """1200 requests per period; the throughput counts the 3 points a 15 s scrape stores in 30 s."""
    lat = latency or [6.1, 6.4, 5.9, 7.2, 6.8, 6.5, 7.5, 6.9, 6.2, 6.0]
    return {
        "latency_p95_ms": ("ms", lat, [1200] * 10),
        "success_rate": ("ratio", [0.998, 0.999, 0.998, 0.997, 0.999, 0.998, 0.998, 0.999, 0.998, 0.998], [1200] * 10),
        "throughput_p95_mbps": ("Mbps", [1240, 1310, 1280, 1190, 1260, 1300, 1275, 1230, 1295, 1250], [3] * 10),
    }


def kptfile(name: str, description: str, config: dict[str, str] | None = None) -> dict[str, Any]:
    step: dict[str, Any] = {"image": IMAGE}
    if config:
        step["configMap"] = config
    return {
        "apiVersion": "kpt.dev/v1",
        "kind": "Kptfile",
        "metadata": {"name": name, "annotations": {resource.LOCAL_CONFIG: "true", resource.PATH: "Kptfile"}},
        "info": {"description": description},
        "pipeline": {"mutators": [step]},
    }


def upstream(gate_maker: Callable[[dict], dict], du_tag: str = "v1.4.0", du_replicas: int = 1) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(everything upstream stages leave in the package, the workloads)."""
    tmf = tmf921_intent()
    intent = intent_28312(tmf)
    pr = provisioning_request(intent)
    loads = workloads(pr, du_tag, du_replicas)
    return [tmf, intent, pr, gate_maker(intent), *loads], loads


def rendered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The package as one render of this function leaves it (it must succeed)."""
    text = yaml.safe_dump({"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": items}, sort_keys=False)
    out, code = FUNCTION.process(text.encode())
    assert code == 0, out
    return yaml.safe_load(out)["items"]


# ---- the examples ------------------------------------------------------------------------------------


def pass_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: guide_gate())
    description = (
        "The guide's SLOGate (latency_p95_ms <= 10, success_rate >= 0.995, throughput_p95_mbps >= 1000, with unit ratio on "
        "success_rate) passing on 5 minutes of measurements of the rendered revision, with the README's defaultMinSamples of 100"
    )
    return [kptfile("slo-gate-validator-pass", description, {"defaultMinSamples": "100"}), *items, measurement_report(loads, good_metrics())]


def verbatim_guide_gate() -> dict[str, Any]:
    """The guide's SLOGate word for word: no targetRef, no intentRef, no units."""
    gate = yaml.safe_load(guide.SLO_GATE)
    gate["metadata"]["annotations"] = {resource.PATH: "slogate.yaml"}
    return gate


def guide_gate_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: verbatim_guide_gate())
    description = (
        "The guide's SLOGate word for word: bound to the package's only ProvisioningRequest; latency_p95_ms and throughput_p95_mbps "
        "take ms and Mbps from their names (info results), success_rate has no unit to take, so it is Inconclusive however good the numbers"
    )
    return [kptfile("slo-gate-validator-guide-gate", description), *items, measurement_report(loads, good_metrics())]


def before_revision_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: slo_gate(intent, generated_targets()))
    description = (
        "Good numbers in a window that begins before the rendered revision's first sample (it went live at 10:02): "
        "the first periods are the previous revision's, so the gate is Inconclusive"
    )
    report = measurement_report(loads, good_metrics(), live_since="2025-06-01T10:02:00Z")
    return [kptfile("slo-gate-validator-before-revision", description), *items, report]


def _breaching_latency() -> dict[str, tuple]:
    return good_metrics([6.1, 6.4, 11.8, 12.6, 6.8, 13.1, 7.5, 6.9, 6.2, 6.0])


def fail_block_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: slo_gate(intent, generated_targets()))
    return [kptfile("slo-gate-validator-fail-block", "latency_p95_ms breaches < 10 ms in 3 of 10 periods: the blocking gate fails the render"), *items, measurement_report(loads, _breaching_latency())]


def fail_warn_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: slo_gate(intent, generated_targets(), enforcement="warn"))
    return [kptfile("slo-gate-validator-fail-warn", "The same breach with enforcement warn: a warning, the verdict written, the intent reported DEGRADED"), *items, measurement_report(loads, _breaching_latency())]


def missing_data_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: slo_gate(intent, generated_targets()))
    metrics = good_metrics()
    lat_values = list(metrics["latency_p95_ms"][1])
    lat_values[3] = "NaN"
    lat_samples = list(metrics["latency_p95_ms"][2])
    lat_samples[3] = 0
    metrics["latency_p95_ms"] = ("ms", lat_values, lat_samples)
    metrics["success_rate"] = ("ratio", metrics["success_rate"][1][:7], [1200] * 7)
    del metrics["throughput_p95_mbps"]
    return [
        kptfile("slo-gate-validator-missing-data", "Missing data is Inconclusive, never Passed: a NaN period with zero samples, 3 missing periods, a missing metric", {"defaultMinSamples": "1000"}),
        *items,
        measurement_report(loads, metrics),
    ]


def stale_revision_example() -> list[dict[str, Any]]:
    items, loads = upstream(lambda intent: slo_gate(intent, generated_targets()))
    older = workloads(provisioning_request(intent_28312(tmf921_intent())), du_tag="v1.3.2")
    return [
        kptfile("slo-gate-validator-stale-revision", "Good numbers, but measured on the previous revision (du v1.3.2): Inconclusive until the rendered revision is measured"),
        *items,
        measurement_report(loads, good_metrics(), digest=config_digest(older)),
    ]


def failure_limit_example() -> list[dict[str, Any]]:
    targets = generated_targets()
    targets[0]["failureLimit"] = 2
    items, loads = upstream(lambda intent: slo_gate(intent, targets))
    metrics = good_metrics([6.1, 6.4, 10.8, 7.2, 6.8, 12.2, 7.5, 6.9, 6.2, 6.0])
    return [kptfile("slo-gate-validator-failure-limit", "latency_p95_ms breaches in 2 of 10 periods, within its failureLimit of 2 (Argo Rollouts semantics): Passed"), *items, measurement_report(loads, metrics)]


def _after_a_passed_render(gate_maker: Callable[[dict], dict], name: str, description: str, metrics: dict[str, tuple]) -> list[dict[str, Any]]:
    items, loads = upstream(gate_maker)
    return rendered([kptfile(name, description), *items, measurement_report(loads, metrics, start="2025-06-01T09:00:00Z")])


def rollback_example() -> list[dict[str, Any]]:
    gate = lambda intent: slo_gate(intent, generated_targets(), on_failure="rollback")  # noqa: E731
    name = "slo-gate-validator-rollback"
    description = "du v1.5.0 (2 replicas) fails its gate; onFailure: rollback restores the workloads of the last revision that passed (du v1.4.0)"
    passed = _after_a_passed_render(gate, name, description, good_metrics())
    _, new_loads = upstream(gate, du_tag="v1.5.0", du_replicas=2)
    kept = [i for i in passed if i["kind"] not in ("Namespace", "Deployment", "MeasurementReport")]
    report = measurement_report(new_loads, good_metrics([9.1, 11.4, 12.8, 13.2, 12.1, 14.6, 11.9, 12.4, 13.0, 12.2]), start="2025-06-01T11:00:00Z")
    return [*kept, *new_loads, report]


def passed_workload_files() -> dict[str, str]:
    """The workload files of the revision the rollback example restores, as they were when it passed."""
    _, loads = upstream(lambda intent: slo_gate(intent, generated_targets(), on_failure="rollback"))
    return files(loads)


def relative_example() -> list[dict[str, Any]]:
    targets = generated_targets()
    targets[0]["maxRegression"] = "10%"
    gate = lambda intent: slo_gate(intent, targets, enforcement="warn")  # noqa: E731
    name = "slo-gate-validator-relative"
    description = "latency_p95_ms meets < 10 ms but is 20% worse than the last passed evaluation, beyond its maxRegression of 10%"
    passed = _after_a_passed_render(gate, name, description, good_metrics([5.2, 5.6, 5.4, 5.9, 6.0, 5.7, 5.5, 5.8, 5.3, 5.6]))
    loads = [i for i in passed if i["kind"] in ("Namespace", "Deployment")]
    kept = [i for i in passed if i["kind"] != "MeasurementReport"]
    report = measurement_report(loads, good_metrics([6.4, 6.9, 6.6, 7.1, 7.2, 6.8, 6.7, 7.0, 6.5, 6.9]), start="2025-06-01T11:00:00Z")
    return [*kept, report]


ALL: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "slo-gate-validator-pass": pass_example,
    "slo-gate-validator-guide-gate": guide_gate_example,
    "slo-gate-validator-before-revision": before_revision_example,
    "slo-gate-validator-fail-block": fail_block_example,
    "slo-gate-validator-fail-warn": fail_warn_example,
    "slo-gate-validator-missing-data": missing_data_example,
    "slo-gate-validator-stale-revision": stale_revision_example,
    "slo-gate-validator-failure-limit": failure_limit_example,
    "slo-gate-validator-rollback": rollback_example,
    "slo-gate-validator-relative": relative_example,
}
EXIT_CODES = {"slo-gate-validator-fail-block": 1}
HEADERS = {
    "MeasurementReport": "# Written by the collector: the MeasurementJob's queries, one value per 30 s evaluation period.\n",
}


def files(items: list[dict[str, Any]]) -> dict[str, str]:
    """File path -> text, for the items of a package, as kpt writes them."""
    by_path: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for item in items:
        path = resource.file_path(item)
        assert path, f"{resource.ref_string(item)} has no file path"
        by_path.setdefault(path, []).append((resource.file_index(item), _without_file_annotations(item)))
    out = {}
    for path, docs in sorted(by_path.items()):
        texts = [dump_value(doc) for _, doc in sorted(docs, key=lambda d: d[0])]
        header = HEADERS.get(docs[0][1]["kind"], "")
        out[path] = header + "---\n".join(texts)
        if [doc for _, doc in docs] == [yaml.safe_load(guide.SLO_GATE)]:
            out[path] = guide.SLO_GATE  # as the user wrote it
    return out


def _without_file_annotations(item: dict[str, Any]) -> dict[str, Any]:
    obj = copy.deepcopy(item)
    notes = (obj.get("metadata") or {}).get("annotations") or {}
    for key in list(notes):
        if key in resource.ORCHESTRATOR_ANNOTATIONS or key.startswith(resource.INTERNAL_PREFIXES):
            del notes[key]
    if "annotations" in obj.get("metadata", {}) and not notes:
        del obj["metadata"]["annotations"]
    return obj


def write_all(root: Path = EXAMPLES) -> None:
    for name, build in ALL.items():
        directory = root / name
        for path, text in files(build()).items():
            target = directory / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        expected = directory / ".expected"
        expected.mkdir(parents=True, exist_ok=True)
        (expected / "config.yaml").write_text(f"exitCode: {EXIT_CODES.get(name, 0)}\n")


if __name__ == "__main__":
    write_all()
