"""The CustomResourceDefinitions this project serves: one `CRD` per kind it defines or emits
that has no upstream CRD.

Kinds with an upstream CRD are not here: ProvisioningRequest (nephio-project/api),
WorkloadCluster and NFDeployment (Nephio), NetworkAttachmentDefinition (Multus),
PackageVariant(Set) (Porch), Kptfile (kpt, never applied).

Where a model describes only part of what the pipeline writes, a small wrapper below
completes the whole object: the validator's policy fields and evaluation status on the
SLOGate, the fulfilment status on the TMF921 Intent, the envelope of each functionConfig.

Status subresource: the SLOGate's and the TMF921 Intent's status is written by the
render (slo-gate-validator) and committed with the package, so GitOps must be able to
apply it; with a status subresource the API server would drop it on create and update.
Those two kinds are served without one.  The MeasurementJob's status (the O2 IMS job a
collector created) is written in the cluster, through the subresource.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Literal

from pydantic import BaseModel, Field

from . import measurement, o2ims, slo, tmf921, ts28312
from .base import Condition
from .crd import CRD, Column, definition

CONFIG_GROUP = "fn.oran-intent.io"
CONFIG_VERSION = "v1alpha1"


# ---- Wrappers completing a model into the whole object ----------------------------------------------


TMF921Intent = tmf921.Intent


class SLOTargetWithPolicy(slo.SLOTarget, measurement.SLOTargetPolicyExtensions):
    pass


class SLOGateSpecWithPolicy(slo.SLOGateSpec, measurement.GatePolicyExtensions):
    sloTargets: list[SLOTargetWithPolicy] = Field(min_length=1)


class SLOGateStatus(measurement.SLOGateEvaluationStatus):
    conditions: list[Condition] = Field(default_factory=list, description="For controllers that also evaluate the gate in the cluster.")


class SLOGate(slo.SLOGate):
    """The SLO gate of one ProvisioningRequest: its objectives and, once evaluated, the verdict."""

    spec: SLOGateSpecWithPolicy
    status: SLOGateStatus | None = None


def config_resource(config: type[BaseModel], kind: str) -> type[BaseModel]:
    """A functionConfig as a resource: the function's fields at the top level, beside the envelope."""
    fields: dict[str, Any] = {
        "__annotations__": {"api_version": Literal[f"{CONFIG_GROUP}/{CONFIG_VERSION}"], "kind": Literal[kind], "metadata": dict[str, Any]},
        "metadata": Field(default_factory=dict),
        "__doc__": config.__doc__,
    }
    return type(kind, (config,), fields)


# ---- The registry ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    """A kind as this project serves it: its CRD and whether status goes through a subresource."""

    crd: CRD
    status_subresource: bool = True


REGISTRY: tuple[Served, ...] = (
    Served(
        CRD(
            TMF921Intent,
            tmf921.API_GROUP,
            "v1",
            "Intent",
            "intents",
            short_names=("tmfintent",),
            columns=(
                Column("Fulfilled", '.status.conditions[?(@.type=="Fulfilled")].status', description="The intent's Fulfilled condition."),
                Column("Reason", '.status.conditions[?(@.type=="Fulfilled")].reason'),
            ),
        ),
        status_subresource=False,
    ),
    Served(
        CRD(
            ts28312.Intent,
            ts28312.API_GROUP,
            "v1alpha1",
            "Intent",
            "intents",
            short_names=("ts28312intent",),
            columns=(
                Column("Admin State", ".spec.intentAdminState"),
                Column("Priority", ".spec.intentPriority", "integer"),
                Column(
                    "Target Cluster",
                    '.spec.intentExpectations[*].expectationObject.objectContexts[?(@.contextAttribute=="TargetCluster")].contextValueRange',
                    description="Clusters of the DELIVER expectations named exactly.",
                ),
                Column(
                    "Cluster Selector",
                    '.spec.intentExpectations[*].expectationObject.objectContexts[?(@.contextAttribute=="TargetClusterSelector")].contextValueRange',
                    description="Cluster patterns the next stage expands against the inventory.",
                ),
            ),
        ),
    ),
    Served(
        CRD(
            measurement.IntentReport,
            ts28312.API_GROUP,
            "v1alpha1",
            "IntentReport",
            "intentreports",
            columns=(
                Column("Intent", ".spec.intentReference"),
                Column("Fulfilment", ".spec.intentFulfilmentReport.intentFulfilmentInfo.fulfilmentStatus"),
                Column("State", ".spec.intentFulfilmentReport.intentFulfilmentInfo.notFullfilledState"),
                Column("Updated", ".spec.lastUpdatedTime"),
            ),
        ),
    ),
    Served(
        CRD(
            SLOGate,
            "gate.slo.nephio.org",
            "v1alpha1",
            "SLOGate",
            "slogates",
            short_names=("slog",),
            columns=(
                Column("Verdict", ".status.phase", description="Passed, Failed or Inconclusive."),
                Column("Target", ".spec.targetRef.name", description="The ProvisioningRequest the gate judges."),
                Column("Enforcement", ".spec.enforcement"),
                Column("Score", ".status.score.value", "number"),
                Column("Revision", ".status.revision.state", description="Whether the evidence is of the rendered revision."),
                Column("Reason", ".status.reason"),
            ),
        ),
        status_subresource=False,
    ),
    Served(
        CRD(
            measurement.SLOGateRecord,
            "gate.slo.nephio.org",
            "v1alpha1",
            "SLOGateRecord",
            "slogaterecords",
            columns=(
                Column("Gate", ".spec.gateRef.name"),
                Column("Last Passed", ".spec.lastPassedRevision.configDigest"),
                Column("Rollback To", ".spec.rollback.restoredConfigDigest"),
            ),
        ),
    ),
    Served(
        CRD(
            slo.MeasurementJob,
            "measurement.o2ims.org",
            "v1alpha1",
            "MeasurementJob",
            "measurementjobs",
            short_names=("mj",),
            columns=(
                Column("Target", ".spec.targetResources[*].resourceName"),
                Column("Schedule", ".spec.schedule"),
                Column("State", ".status.o2imsJob.state", description="O2 IMS MeasurementJobState."),
                Column("Status", ".status.o2imsJob.status", description="O2 IMS MeasurementJobStatus."),
            ),
        ),
    ),
    Served(
        CRD(
            measurement.MeasurementReport,
            "measurement.o2ims.org",
            "v1alpha1",
            "MeasurementReport",
            "measurementreports",
            columns=(
                Column("Target", ".spec.targetRef.name"),
                Column("Source", ".spec.source.type"),
                Column("Window End", ".spec.window.end"),
            ),
        ),
    ),
    Served(
        CRD(
            o2ims.SiteNetworkPlan,
            CONFIG_GROUP,
            CONFIG_VERSION,
            "SiteNetworkPlan",
            "sitenetworkplans",
            columns=(
                Column("Cluster", ".spec.clusterName"),
                Column("VLAN", ".spec.vlan", "integer"),
                Column("Subnet", ".spec.subnet"),
                Column("Gateway", ".spec.gateway"),
            ),
        ),
    ),
)


def function_config(model: type[BaseModel], kind: str) -> Served:
    """A function's functionConfig kind, served in fn.oran-intent.io."""
    return Served(CRD(config_resource(model, kind), CONFIG_GROUP, CONFIG_VERSION, kind, kind.lower() + "s"))


def customresourcedefinition(served: Served) -> dict[str, Any]:
    out = definition(served.crd)
    for version in out["spec"]["versions"]:
        if not served.status_subresource:
            version.pop("subresources", None)
        _objects_stay_objects(version["schema"]["openAPIV3Schema"])
    return out


def _objects_stay_objects(schema: dict[str, Any]) -> None:
    """A spec or status that is a union of object forms (TMF921's two) is still an object."""
    for name in ("spec", "status"):
        part = schema.get("properties", {}).get(name)
        if part is not None and "type" not in part and part.get("x-kubernetes-preserve-unknown-fields"):
            part["type"] = "object"


def file_name(crd: CRD) -> str:
    """kubebuilder's naming: <group>_<plural>.yaml."""
    return f"{crd.group}_{crd.plural}.yaml"


def all_definitions(function_configs: Iterable[tuple[type[BaseModel], str]] = ()) -> dict[str, dict[str, Any]]:
    """File name -> CustomResourceDefinition for every served kind, with the given (model, kind) of each
    function's config (plain trees: no shared nodes to become YAML aliases)."""
    served = [*REGISTRY, *(function_config(model, kind) for model, kind in function_configs)]
    return {file_name(s.crd): json.loads(json.dumps(customresourcedefinition(s))) for s in served}
