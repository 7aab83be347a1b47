"""What slo-gate-validator reads and writes beyond the SLOGate spec itself.

- `MeasurementReport` (`measurement.o2ims.org/v1alpha1`, local-config): the evidence.  A collector
  (querying Prometheus, or the O2 IMS InfrastructurePerformance API for a MeasurementJob) writes it
  into the package; a render only reads it.
- `GatePolicyExtensions` / `SLOTargetPolicyExtensions`: the SLOGate spec fields the validator
  reads (with these defaults) on top of the guide's; the SLOGate model in slo.py is built on them.
- `SLOGateEvaluationStatus`: the SLOGate `status` the validator writes.
- `SLOGateRecord` (`gate.slo.nephio.org/v1alpha1`, local-config): the validator's memory in the
  package (last passed evaluations, the last passed revision's workloads, an active rollback).
- `IntentReport` (`intent.3gpp.org/v1alpha1`, local-config): TS 28.312 IntentReport-Single with the
  IntentFulfilmentReport types, spelled exactly as the standard's YAML has them (`expectaitonId`,
  `notFullfilledState`).

The validator does not import this module at run time (start-up cost); its readers implement the
same rules and a test keeps the golden examples valid against these models.
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import Field

from .base import ObjectMeta, ObjectRef, Strict

DIGEST = r"^sha256:[0-9a-f]{64}$"
TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
Verdict = Literal["Passed", "Failed", "Inconclusive"]
Operator = Literal["<", "<=", ">", ">=", "==", "!="]










# ---- MeasurementReport -------------------------------------------------------------------------------


class MeasurementSource(Strict):
    type: Literal["prometheus", "o2ims"] = Field(description="Where the values were queried.")
    endpoint: Optional[str] = Field(None, description="The Prometheus base URL or the O2 IMS API root queried.")
    performanceMeasurementJobId: Optional[str] = Field(None, description="O2 IMS: the MeasurementJob the values belong to.")


class MeasurementWindow(Strict):
    start: str = Field(pattern=TIMESTAMP, description="RFC 3339 start of the measured window.")
    end: str = Field(pattern=TIMESTAMP, description="RFC 3339 end of the measured window; the gate evaluates the last measurementWindow before it.")


class PeriodValue(Strict):
    end: str = Field(pattern=TIMESTAMP, description="End of the evaluation period; the period is (end - evaluationPeriod, end].")
    value: Union[float, str, None] = Field(
        None, description="The metric over the period: a number, or Prometheus' text form (\"NaN\", \"+Inf\"); null when none came back."
    )
    samples: Optional[int] = Field(
        None, ge=0, description="Samples the value is computed from, of the metric's samplesKind (e.g. requests); 0 means no traffic."
    )


class MetricSeries(Strict):
    name: str = Field(min_length=1, description="The SLOGate target's metric, e.g. latency_p95_ms.")
    unit: Optional[str] = Field(None, description="Unit of the values (ms, s, Mbps, Gbps, ratio, %...).")
    query: Optional[str] = Field(None, description="The query that produced the values, for the record.")
    samplesKind: Optional[Literal["events", "dataPoints"]] = Field(
        None,
        description="What a period's samples count: events (the requests of a ratio, the observations of a histogram) or, "
        "where no event count exists, dataPoints (points Prometheus stored). Absent: read as events.",
    )
    samplesQuery: Optional[str] = Field(None, description="The query that counted the samples, for the record.")
    periods: list[PeriodValue] = Field(description="One value per evaluation period.")


class RevisionEvidence(Strict):
    label: str = Field(min_length=1, description="The Prometheus label carrying the revision (krm_oran_intent_io_revision).")
    value: str = Field(min_length=1, description="The revision: the krm.oran-intent.io/revision label of the rendered pods.")
    firstSample: str = Field(
        pattern=TIMESTAMP,
        description="The revision's first sample in Prometheus, searched back to one window before the window's start; "
        "a window that begins before it is not judged (Inconclusive).",
    )


class MeasurementReportSpec(Strict):
    targetRef: ObjectRef = Field(description="What was measured: the SLOGate's targetRef (the ProvisioningRequest).")
    configDigest: str = Field(
        pattern=DIGEST,
        description="Revision measured: digest over the sorted content digests of the workloads generated from targetRef "
        "(functions/assurance/revision.py; `slo-gate-validator explain PKG -o json` prints it).",
    )
    revision: Optional[RevisionEvidence] = Field(
        None, description="The revision the data belongs to and when it went live; without it every target is Inconclusive."
    )
    jobRef: Optional[ObjectRef] = Field(None, description="The MeasurementJob the collector ran.")
    source: MeasurementSource
    window: MeasurementWindow
    metrics: list[MetricSeries]


class MeasurementReport(Strict):
    apiVersion: Literal["measurement.o2ims.org/v1alpha1"]
    kind: Literal["MeasurementReport"]
    metadata: ObjectMeta
    spec: MeasurementReportSpec


# ---- SLOGate policy extensions ----------------------------------------------------------------------


class TotalScore(Strict):
    pass_: Union[float, str] = Field(90, alias="pass", description="Lowest score (percent) that passes; Keptn total_score.pass.")
    warning: Union[float, str] = Field(75, description="Lowest score that passes with a warning; below it the gate fails.")


class GatePolicyExtensions(Strict):
    totalScore: TotalScore = Field(default_factory=TotalScore, description="Score thresholds over all targets' weights.")
    minSamples: Optional[int] = Field(None, ge=0, description="Default minSamples of the gate's targets (else the function's defaultMinSamples).")
    failureLimit: Optional[int] = Field(None, ge=0, description="Default failureLimit of the gate's targets (else the function's defaultFailureLimit).")


class SLOTargetPolicyExtensions(Strict):
    warningThreshold: Optional[float] = Field(
        None, description="Looser bound (same operator): a target that misses threshold but meets this scores half and does not veto."
    )
    weight: float = Field(1, ge=0, description="Weight in the total score (Keptn weight).")
    keyTarget: bool = Field(True, description="A failure (beyond warningThreshold) fails the gate whatever the score (Keptn key_sli).")
    maxRegression: Optional[Union[str, float]] = Field(
        None, description="Relative criterion: at most this much worse than the last passed evaluation, as `10%` or an amount in the unit."
    )
    failureLimit: Optional[int] = Field(None, ge=0, description="Periods that may breach threshold before the target fails (Argo failureLimit).")
    minSamples: Optional[int] = Field(None, ge=0, description="Fewest samples over the evaluated periods; fewer is Inconclusive.")


# ---- SLOGate status ---------------------------------------------------------------------------------


class ScoreStatus(Strict):
    value: float
    pass_: float = Field(alias="pass")
    warning: float


class EvidenceStatus(Strict):
    report: str = Field(description="The MeasurementReport judged.")
    source: Optional[str] = None
    window: Optional[MeasurementWindow] = Field(None, description="The window evaluated: the last measurementWindow of the report.")


class RevisionStatus(Strict):
    rendered: Optional[str] = Field(None, description="Config digest of the workloads the package renders after this render.")
    measured: Optional[str] = Field(None, description="Config digest the evidence is of.")
    state: Literal["match", "mismatch", "rolledBack", "unknown"]
    podRevision: Optional[str] = Field(
        None, description="The krm.oran-intent.io/revision label of the rendered pods: the revision a report's data must be of."
    )


class RelativeStatus(Strict):
    maxRegression: str
    baselineValue: float
    limit: float


class TargetStatus(Strict):
    metric: str
    operator: Operator
    threshold: float
    warningThreshold: Optional[float] = None
    unit: Optional[str] = None
    observedValue: Optional[float] = Field(None, description="The deciding value: the worst period once failureLimit breaches are tolerated.")
    verdict: Verdict
    withinWarning: Optional[bool] = None
    reason: str
    message: str
    periods: Optional[int] = None
    usablePeriods: Optional[int] = None
    breaches: Optional[int] = None
    samples: Optional[int] = None
    samplesKind: Optional[Literal["events", "dataPoints"]] = Field(None, description="What samples counts (see MetricSeries.samplesKind).")
    failureLimit: int
    minSamples: int = Field(description="The fewest samples the target was held to, in its samplesKind.")
    weight: float
    keyTarget: bool
    unitConversion: Optional[str] = None
    relative: Optional[RelativeStatus] = None


class RollbackStatus(Strict):
    fromRevision: str
    toRevision: str
    workloads: list[str]


class SLOGateEvaluationStatus(Strict):
    phase: Verdict
    reason: str
    message: str
    enforcement: Literal["block", "warn", "dryRun"]
    score: Optional[ScoreStatus] = None
    evidence: Optional[EvidenceStatus] = None
    revision: RevisionStatus
    baseline: Optional[dict[str, str]] = None
    targets: list[TargetStatus]
    rollback: Optional[RollbackStatus] = None


# ---- SLOGateRecord ----------------------------------------------------------------------------------


class RecordedTarget(Strict):
    metric: str
    operator: Operator
    observedValue: float
    unit: Optional[str] = None


class PassedEvaluation(Strict):
    evidenceDigest: str = Field(pattern=DIGEST, description="Digest of the MeasurementReport's spec judged.")
    report: str
    configDigest: str = Field(pattern=DIGEST)
    window: MeasurementWindow
    targets: list[RecordedTarget]


class RecordedWorkload(Strict):
    path: str = Field(description="Package file the workload was in.")
    index: int = 0
    object: dict[str, Any] = Field(description="The workload as rendered, without orchestrator annotations.")


class PassedRevision(Strict):
    configDigest: str = Field(pattern=DIGEST)
    workloads: list[RecordedWorkload]


class ActiveRollback(Strict):
    failedConfigDigest: str = Field(pattern=DIGEST)
    restoredConfigDigest: str = Field(pattern=DIGEST)


class SLOGateRecordSpec(Strict):
    gateRef: ObjectRef
    targetRef: ObjectRef
    passedEvaluations: list[PassedEvaluation] = Field(default_factory=list, max_length=2, description="Newest first.")
    lastPassedRevision: Optional[PassedRevision] = None
    rollback: Optional[ActiveRollback] = None


class SLOGateRecord(Strict):
    apiVersion: Literal["gate.slo.nephio.org/v1alpha1"]
    kind: Literal["SLOGateRecord"]
    metadata: ObjectMeta
    spec: SLOGateRecordSpec


# ---- TS 28.312 IntentReport -------------------------------------------------------------------------


class FulfilmentInfo(Strict):
    fulfilmentStatus: Literal["FULFILLED", "NOT_FULFILLED"]
    notFullfilledState: Optional[Literal["ACKNOWLEDGED", "COMPLIANT", "DEGRADED", "SUSPENDED", "TERMINATED", "FULFILMENTFAILED"]] = None
    notFulfilledReasons: Optional[list[str]] = None


class TargetFulfilmentResult(Strict):
    targetName: str
    targetFulfilmentInfo: FulfilmentInfo
    targetAchievedValue: Optional[float] = None


class ExpectationFulfilmentResult(Strict):
    expectaitonId: str  # sic, TS 28.312
    expectationFulfilmentInfo: FulfilmentInfo
    targetFulfilmentResult: list[TargetFulfilmentResult]


class IntentFulfilmentReport(Strict):
    intentFulfilmentInfo: FulfilmentInfo
    expectationFulfilmentResult: list[ExpectationFulfilmentResult]


class IntentConflictReport(Strict):
    """TS 28.312 IntentConflictReport (Rel-18; recommendedSolutions from 18.5.0).

    The render path states conflicts as error results whose tags carry these fields
    (`models/conflicts.py`); a rendered package holds none, as a conflict fails the render.
    """

    conflictId: str
    conflictType: Literal["INTENT_CONFLICT", "EXPECTATION_CONFLICT", "TARGET_CONFLICT"]
    conflictingIntent: str = Field(description="Dn of the other intent, Intent=<name>.")
    conflictingExpectation: Optional[str] = Field(None, description="expectationId, for an EXPECTATION_CONFLICT.")
    conflictingTarget: Optional[str] = Field(None, description="targetName, for a TARGET_CONFLICT.")
    recommendedSolutions: list[Literal["MODIFY", "DELETE"]] = Field(default_factory=list)


class IntentFeasibilityCheckReport(Strict):
    """TS 28.312 IntentFeasibilityCheckReport: what a render of the intent says before it is committed.

    The gateway answers it for a ProbeIntent; a rendered package holds none."""

    feasibilityCheckResult: Literal["FEASIBLE", "INFEASIBLE"]
    infeasibilityReason: Optional[str] = Field(None, description="Why the intent cannot be fulfilled (only when INFEASIBLE).")


class IntentReportSpec(Strict):
    intentReference: str = Field(description="Dn of the Intent (its RDN, Intent=<name>).")
    intentFulfilmentReport: IntentFulfilmentReport
    intentConflictReports: Optional[list[IntentConflictReport]] = Field(
        None, description="Conflicts with other intents (see IntentConflictReport); absent in a rendered package."
    )
    lastUpdatedTime: Optional[str] = Field(None, pattern=TIMESTAMP, description="End of the newest evaluated window (never the clock).")


class IntentReport(Strict):
    apiVersion: Literal["intent.3gpp.org/v1alpha1"]
    kind: Literal["IntentReport"]
    metadata: ObjectMeta
    spec: IntentReportSpec
