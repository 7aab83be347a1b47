"""The emitted objects: ProvisioningRequest, SLOGate and MeasurementJob."""

from __future__ import annotations

from typing import Any, Mapping

from oran_intent_krm.sdk import resource, units

from .catalog import MetricDefinition
from .inventory import Cluster, NetworkPlan
from .objectives import SloObjective
from .sizing import SizedFunction, request_class, total

PR_API_VERSION = "o2ims.provisioning.oran.org/v1alpha1"
SLOGATE_API_VERSION = "gate.slo.nephio.org/v1alpha1"
MEASUREMENT_API_VERSION = "measurement.o2ims.org/v1alpha1"
SOURCE_LABEL = "intent.source"
STAGE_LABEL = "workflow.stage"
LABEL_PREFIX = "nephio.org/"


def intent_source(intent: Mapping[str, Any]) -> str:
    """Where the intent came from: its own `intent.source` label (tmf921 upstream), else TS 28.312 itself."""
    return str(resource.labels(intent).get(SOURCE_LABEL) or "ts28312")


def provisioning_request(
    name: str,
    intent: Mapping[str, Any],
    intent_label: str,
    cluster: Cluster,
    plan: NetworkPlan,
    master_interface: str,
    functions: list[SizedFunction],
    template: tuple[str, str],
) -> dict[str, Any]:
    performance_class = request_class(functions)
    sources = sorted({f.source for f in functions})
    return {
        "apiVersion": PR_API_VERSION,
        "kind": "ProvisioningRequest",
        "metadata": {"name": name, "labels": {SOURCE_LABEL: intent_source(intent), STAGE_LABEL: "provisioning"}},
        "spec": {
            "name": name,
            "description": f"{', '.join(sources)} for intent {intent_label} on {cluster.name} ({performance_class})",
            "templateName": template[0],
            "templateVersion": template[1],
            "templateParameters": {
                "clusterName": cluster.name,
                "labels": {k: v for k, v in sorted(cluster.labels.items()) if k.startswith(LABEL_PREFIX)},
                "performanceClass": performance_class,
                "resourceRequirements": total(functions),
                "networkConfig": {
                    "vlan": plan.vlan,
                    "subnet": str(plan.subnet),
                    "gateway": str(plan.gateway),
                    "masterInterface": master_interface,
                },
                "networkFunctions": [f.to_dict() for f in functions],
            },
        },
    }


def _metadata(name: str, intent: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if resource.namespace(intent):
        meta["namespace"] = resource.namespace(intent)
    meta["labels"] = {SOURCE_LABEL: intent_source(intent), STAGE_LABEL: "assurance"}
    return meta


def slo_gate(name: str, intent: Mapping[str, Any], objectives: list[SloObjective], config: Mapping[str, Any]) -> dict[str, Any]:
    targets = []
    for objective in objectives:
        entry: dict[str, Any] = {
            "metric": objective.metric,
            "threshold": units.plain_number(objective.threshold),
            "operator": objective.operator,
            "unit": objective.unit,
        }
        if objective.expectation_id is not None:
            entry["intentTarget"] = {"expectationId": objective.expectation_id, "targetName": objective.target_name}
        targets.append(entry)
    return {
        "apiVersion": SLOGATE_API_VERSION,
        "kind": "SLOGate",
        "metadata": _metadata(name, intent),
        "spec": {
            "targetRef": {"apiVersion": PR_API_VERSION, "kind": "ProvisioningRequest", "name": name},
            "intentRef": resource.ref(intent),
            "sloTargets": targets,
            "measurementWindow": config["measurementWindow"],
            "evaluationPeriod": config["evaluationPeriod"],
            "enforcement": config["enforcement"],
            "onFailure": config["onFailure"],
        },
    }


def measurement_job(
    name: str, intent: Mapping[str, Any], cluster: str, queries: list[tuple[MetricDefinition, str]], config: Mapping[str, Any]
) -> dict[str, Any]:
    return {
        "apiVersion": MEASUREMENT_API_VERSION,
        "kind": "MeasurementJob",
        "metadata": _metadata(name, intent),
        "spec": {
            "targetResources": [{"resourceType": "ProvisioningRequest", "resourceName": name}],
            "measurements": [{"name": m.name, "query": q, "unit": m.unit} for m, q in queries],
            "schedule": config["schedule"],
            "o2imsJobRequest": {
                "consumerPerformanceJobId": name,
                "collectionInterval": config["collectionInterval"],
                "resourceScopeCriteria": {"clusterName": cluster, "provisioningRequestName": name},
                "measurementSelectionCriteria": [{"measurementName": m.name} for m, _ in queries],
            },
        },
    }
