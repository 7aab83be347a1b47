"""O-RAN O2 IMS InfrastructurePerformance API resources the gateway serves read-only.

Field names are the specification's (O-RAN.WG6.O2IMS-INTERFACE R004 v10.00, section 3.7):
`performanceMeasurementJobId` (the IMS-assigned id; `measurementJobId` is only the path
variable), `consumerPerformanceJobId`, `state`, `status`, `collectionInterval` (seconds),
`resourceScopeCriteria`, `measurementSelectionCriteria`, `preinstalledJob`.  Errors are RFC 7807
`ProblemDetails` (`application/problem+json`), as O2 IMS has them.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .base import Strict


class MeasuredResource(Strict):
    resourceTypeId: Optional[str] = None
    resourceId: str
    timeAdded: list[str] = Field(default_factory=list)
    timeDeleted: list[str] = Field(default_factory=list)
    isCurrentlyMeasured: bool = True


class CollectedMeasurement(Strict):
    resourceTypeId: Optional[str] = None
    performanceMeasurementDefinitionId: str = Field(description="Here the measurement's name (no PM dictionary is served).")
    timeAdded: list[str] = Field(default_factory=list)
    timeDeleted: list[str] = Field(default_factory=list)
    isCurrentlyMeasured: bool = True


class MeasurementJob(Strict):
    performanceMeasurementJobId: str = Field(description="IMS-assigned id: a UUID derived from the job's package and name.")
    consumerPerformanceJobId: Optional[str] = None
    state: Literal["ACTIVE", "SUSPENDED", "DEPRECATED"]
    status: Literal["RUNNING", "FAILED", "DEGRADED", "IDLE", "PENDING_DELETE"]
    collectionInterval: int = Field(ge=0, description="Seconds between collections.")
    resourceScopeCriteria: Optional[dict[str, Any]] = None
    measurementSelectionCriteria: list[dict[str, Any]]
    preinstalledJob: bool
    qualifiedResourceTypes: Optional[list[str]] = None
    measuredResources: Optional[list[MeasuredResource]] = None
    collectedMeasurements: Optional[list[CollectedMeasurement]] = None
    extensions: Optional[dict[str, Any]] = None


class APIVersion(Strict):
    version: str


class APIVersions(Strict):
    uriPrefix: str
    apiVersions: list[APIVersion]


class ProblemDetails(BaseModel):
    """RFC 7807 problem details."""

    model_config = ConfigDict(extra="allow")

    type: Optional[str] = "about:blank"
    title: Optional[str] = None
    status: int
    detail: Optional[str] = None
    instance: Optional[str] = None


class MeasurementReportDocument(BaseModel):
    """A `measurement.o2ims.org` MeasurementReport as the repository holds it (the project's format)."""

    model_config = ConfigDict(extra="allow")

    apiVersion: str
    kind: Literal["MeasurementReport"]
    metadata: dict[str, Any]
    spec: dict[str, Any]
