"""The assurance plan: SLOGate (`gate.slo.nephio.org/v1alpha1`) and MeasurementJob
(`measurement.o2ims.org/v1alpha1`), in the shapes the guide describes.

A MeasurementJob also carries the O2 IMS performance API view of the job
(O-RAN.WG6.TS.O2IMS-INTERFACE, O2ims_InfrastructurePerformance): `spec.o2imsJobRequest`
is the MeasurementJobRequest a collector POSTs to `/measurementJobs`, and
`status.o2imsJob` records what the IMS answered (`performanceMeasurementJobId`
is assigned by the IMS, so only a collector can write it).
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from oran_intent_krm.sdk import durations
from pydantic import Field

from .base import ObjectMeta, ObjectRef, Open, Strict
from .measurement import (
    GatePolicyExtensions,
    SLOGateEvaluationStatus,
    SLOTargetPolicyExtensions,
)

SLOGATE_API_VERSION = "gate.slo.nephio.org/v1alpha1"
MEASUREMENT_API_VERSION = "measurement.o2ims.org/v1alpha1"
Operator = Literal["<", "<=", ">", ">=", "==", "!="]










# ---- SLOGate -----------------------------------------------------------------------------------------


class IntentTargetRef(Strict):
    """The TS 28.312 expectation target an SLO comes from."""

    expectationId: str
    targetName: str


class SLOTarget(SLOTargetPolicyExtensions):
    """The guide's target (metric, threshold, operator) and the validator's policy per target."""

    metric: str = Field(min_length=1)
    threshold: float
    operator: Operator
    unit: Optional[str] = None
    intentTarget: Optional[IntentTargetRef] = Field(None, description="Absent for objectives added by configuration.")


class SLOGateSpec(GatePolicyExtensions):
    targetRef: Optional[ObjectRef] = Field(
        None,
        description="The ProvisioningRequest the gate judges. The guide's gate leaves it out: then it binds to the package's "
        "only ProvisioningRequest, and with several it is an error.",
    )
    intentRef: Optional[ObjectRef] = Field(None, description="The TS 28.312 Intent whose targets the gate checks (for its IntentReport).")
    sloTargets: list[SLOTarget] = Field(min_length=1)
    measurementWindow: str = Field(pattern=durations.PATTERN, description="A positive Prometheus duration, e.g. 5m.")
    evaluationPeriod: str = Field(pattern=durations.PATTERN, description="A positive Prometheus duration, e.g. 30s; at most measurementWindow.")
    enforcement: Literal["block", "warn", "dryRun"] = "block"
    onFailure: Literal["none", "rollback"] = "none"


class SLOGate(Strict):
    apiVersion: Literal["gate.slo.nephio.org/v1alpha1"]
    kind: Literal["SLOGate"]
    metadata: ObjectMeta
    spec: SLOGateSpec
    status: Optional[SLOGateEvaluationStatus] = Field(None, description="Written by slo-gate-validator.")


# ---- MeasurementJob ----------------------------------------------------------------------------------


class TargetResource(Strict):
    resourceType: str
    resourceName: str


class Measurement(Strict):
    name: str = Field(min_length=1)
    query: str = Field(min_length=1, description="PromQL; validated when generated.")
    unit: str
    samplesQuery: Optional[str] = Field(
        None,
        description="PromQL counting the events (requests, observations) behind each value in an evaluation period; "
        "else the collector derives the count from query.",
    )


class MeasurementJobRequest(Strict):
    """O2ims_InfrastructurePerformance MeasurementJobRequest (spec attribute names)."""

    consumerPerformanceJobId: Optional[str] = Field(None, description="The consumer's own id for the job.")
    collectionInterval: int = Field(ge=0, description="Seconds between collections.")
    resourceScopeCriteria: Optional[dict[str, Any]] = Field(None, description="KeyValuePairs selecting resources.")
    measurementSelectionCriteria: list[dict[str, Any]] = Field(
        min_length=1, description="KeyValuePairs selecting measurements, one {measurementName} per measurement."
    )
    extensions: Optional[dict[str, Any]] = None


class MeasurementJobSpec(Strict):
    targetResources: list[TargetResource] = Field(min_length=1)
    measurements: list[Measurement] = Field(min_length=1)
    schedule: str = Field(min_length=1)
    o2imsJobRequest: Optional[MeasurementJobRequest] = Field(
        None,
        description="The job as an O2 IMS MeasurementJobRequest; 28312-to-pr always writes it. A job written by hand, as "
        "the user's guide writes it, may leave it out: measurement-collector reads only targetResources and measurements.",
    )


class O2imsMeasurementJob(Open):
    """O2ims_InfrastructurePerformance MeasurementJob as the IMS returned it."""

    performanceMeasurementJobId: Optional[str] = None
    consumerPerformanceJobId: Optional[str] = None
    state: Optional[Literal["ACTIVE", "SUSPENDED", "DEPRECATED"]] = None
    status: Optional[Literal["RUNNING", "FAILED", "DEGRADED", "IDLE", "PENDING_DELETE"]] = None
    preinstalledJob: Optional[bool] = None


class MeasurementJobStatus(Open):
    o2imsJob: Optional[O2imsMeasurementJob] = None


class MeasurementJob(Strict):
    apiVersion: Literal["measurement.o2ims.org/v1alpha1"]
    kind: Literal["MeasurementJob"]
    metadata: ObjectMeta
    spec: MeasurementJobSpec
    status: Optional[MeasurementJobStatus] = None
