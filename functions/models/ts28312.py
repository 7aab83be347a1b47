"""3GPP TS 28.312 Rel-18 Intent, as a KRM resource `intent.3gpp.org/v1alpha1` `Intent`.

The `spec` holds the Intent IOC's attributes field for field, as in
`TS28312_IntentNrm.yaml` 18.x (the generic IntentExpectation, ExpectationObject,
ExpectationTarget and Context data types).  `intent.3gpp.org/v28.312`, the
seed's spelling, is not a legal Kubernetes version: it is read, never written.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from oran_intent_krm.models.terms import (
    CONDITIONS,
    TS28312_API_VERSION,
    TS28312_GROUP,
    TS28312_SEED_API_VERSION,
)
from pydantic import Field

from .base import ObjectMeta, Strict

API_GROUP = TS28312_GROUP
API_VERSION = TS28312_API_VERSION
SEED_API_VERSION = TS28312_SEED_API_VERSION

Condition = Literal[CONDITIONS]
ExpectationVerb = Literal["DELIVER", "ENSURE"]
ObjectType = Literal["RAN_SUBNETWORK", "EDGE_SERVICE_SUPPORT", "5GC_SUBNETWORK", "Radio_Service"]
Selectivity = Literal["ALL_OF", "ONE_OF", "ANY_OF"]
Scalar = Union[bool, int, float, str]
# ValueRangeType: a scalar or one of the structured types (TimeWindow, GeoArea, PlmnId, ...).
ValueRange = Union[Scalar, dict[str, Any], list[Union[Scalar, dict[str, Any]]]]




class Context(Strict):
    """Context: used for intentContexts, expectationContexts, objectContexts and targetContexts."""

    contextAttribute: str = Field(description="what the context constrains, e.g. NfType, TargetCluster, unit")
    contextCondition: Condition
    contextValueRange: ValueRange


class ExpectationObject(Strict):
    objectType: ObjectType
    objectInstance: str = Field(description="Dn of the object, e.g. SubNetwork=deploy-edge-ran")
    objectContexts: list[Context] = Field(default_factory=list)


class ExpectationTarget(Strict):
    targetName: str = Field(description="a TS 28.312 target name (DlLatency, DlThptPerUE, ...) or a generic one")
    targetCondition: Condition
    targetValueRange: ValueRange
    targetContexts: list[Context] = Field(default_factory=list)


class IntentExpectation(Strict):
    expectationId: str = Field(description="unique within the intent")
    expectationVerb: ExpectationVerb
    expectationObject: ExpectationObject
    expectationTargets: list[ExpectationTarget] = Field(default_factory=list)
    contextSelectivity: Selectivity | None = None
    expectationContexts: list[Context] = Field(default_factory=list)


class IntentSpec(Strict):
    """The attributes of the Intent IOC (TS 28.312 Rel-18)."""

    userLabel: str
    intentExpectations: list[IntentExpectation] = Field(min_length=1)
    contextSelectivity: Selectivity | None = None
    intentContexts: list[Context] = Field(default_factory=list)
    intentAdminState: Literal["ACTIVATED", "DEACTIVATED"] = "ACTIVATED"
    intentPriority: int = Field(ge=1, le=100, description="1..100; 100 is the most important")
    intentPreemptionCapability: bool = False
    observationPeriod: int = Field(ge=1, description="seconds")
    intentReportReference: str | None = None




class Intent(Strict):
    apiVersion: Literal["intent.3gpp.org/v1alpha1"] = API_VERSION
    kind: Literal["Intent"] = "Intent"
    metadata: ObjectMeta
    spec: IntentSpec


def crd():
    """How the Intent is served as a Kubernetes kind."""
    from .crd import CRD, Column

    return CRD(
        Intent,
        API_GROUP,
        "v1alpha1",
        "Intent",
        "intents",
        short_names=("ts28312intent",),
        columns=(Column("Label", ".spec.userLabel"), Column("Priority", ".spec.intentPriority", "integer"), Column("State", ".spec.intentAdminState")),
    )
