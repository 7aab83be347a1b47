"""3GPP TS 28.312 Rel-18 Intent, as a KRM resource `intent.3gpp.org/v1alpha1` `Intent`.

The `spec` holds the Intent IOC's attributes field for field, as in
`TS28312_IntentNrm.yaml` 18.x (the generic IntentExpectation, ExpectationObject,
ExpectationTarget and Context data types).  `intent.3gpp.org/v28.312`, the
the guide's spelling, is not a legal Kubernetes version: it is read, never written.

A standard target (`TS28312_IntentExpectations.yaml` 18.4.0) sits under an
expectation object type whose model defines it (`DlLatency` under
`Radio_Service` or `EDGE_SERVICE_SUPPORT`, `WeakRSRPRatio` under
`RAN_SUBNETWORK`, ...), and a throughput target's value is a TS 28.541 XLThpt
(`{guaThpt: <kbps>}`); `models.terms.STANDARD_TARGETS` holds the rules.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from oran_intent_krm.models.terms import (
    CONDITIONS,
    OBJECT_TYPES,
    STANDARD_TARGETS,
    TS28312_API_VERSION,
    TS28312_GROUP,
    TS28312_GUIDE_API_VERSION,
    XLTHPT_TARGETS,
)
from pydantic import Field, model_validator

from .base import ObjectMeta, Strict

API_GROUP = TS28312_GROUP
API_VERSION = TS28312_API_VERSION
GUIDE_API_VERSION = TS28312_GUIDE_API_VERSION

Condition = Literal[CONDITIONS]
ExpectationVerb = Literal["DELIVER", "ENSURE"]
ObjectType = Literal[OBJECT_TYPES]
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


class XLThpt(Strict):
    """TS 28.541 XLThpt, the value of the DlThptPerUE and UlThptPerUE targets; throughputs in kbps."""

    servAttrCom: dict[str, Any] | None = None
    guaThpt: float | None = Field(None, ge=0, description="guaranteed throughput, kbps")
    maxThpt: float | None = Field(None, ge=0, description="maximum throughput, kbps")


class ExpectationTarget(Strict):
    targetName: str = Field(description="a TS 28.312 target name (DlLatency, DlThptPerUE, ...) or a vendor one")
    targetCondition: Condition
    targetValueRange: ValueRange
    targetContexts: list[Context] = Field(default_factory=list)

    @model_validator(mode="after")
    def _value_has_the_models_type(self):
        if self.targetName in XLTHPT_TARGETS:
            values = self.targetValueRange if isinstance(self.targetValueRange, list) else [self.targetValueRange]
            for value in values:
                if not isinstance(value, dict) or value.get("guaThpt") is None:
                    raise ValueError(f"{self.targetName}'s targetValueRange is a TS 28.541 XLThpt {{guaThpt: <kbps>}}, not {value!r}")
                XLThpt.model_validate(value)
        return self


class IntentExpectation(Strict):
    expectationId: str = Field(description="unique within the intent")
    expectationVerb: ExpectationVerb
    expectationObject: ExpectationObject
    expectationTargets: list[ExpectationTarget] = Field(default_factory=list)
    contextSelectivity: Selectivity | None = None
    expectationContexts: list[Context] = Field(default_factory=list)

    @model_validator(mode="after")
    def _standard_targets_sit_under_their_models_object(self):
        object_type = self.expectationObject.objectType
        for target in self.expectationTargets:
            allowed = STANDARD_TARGETS.get(target.targetName, ((object_type,), None))[0]
            if object_type not in allowed:
                raise ValueError(f"{target.targetName} is a target of the {' and '.join(allowed)} expectation models, not of {object_type}")
        return self


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
