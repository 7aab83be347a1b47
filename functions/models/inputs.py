"""The kinds the functions read, as the closed schemas that check them before any function runs.

Each entry is the model of a whole object as a user (or an earlier stage) may write it.  `make
generate` writes its JSON Schema to `functions/models/schemas/`; the functions validate with those
files at run time, never importing pydantic.  A field no model names is an error, with the field
it was probably meant to be.  Where a standard allows extension, the model says so (see
`tmf921.py`: `x-` fields and `@schemaLocation`; everywhere: metadata labels and annotations).

Most models are the very ones the rest of the project uses.  Where the functions accept more than
the standard's form (the guide's `intent.3gpp.org/v28.312`, `targetCluster` beside `clusterName` in
a ProvisioningRequest's parameters), the input model below says exactly how much more.
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import measurement, o2ims, slo, tmf921, ts28312
from .base import Strict
from .crds import SLOGate
from .terms import TS28312_API_VERSION, TS28312_GUIDE_API_VERSION, XLTHPT_TARGETS


def _throughput_is_an_xlthpt(schema: dict[str, Any], model: type) -> None:
    """A throughput target's value is a TS 28.541 XLThpt (closed: a misspelt guaThpt is an error),
    or a number that a unit context qualifies, or a list of those (what the model validator says)."""
    xlthpt = ts28312.XLThpt.model_json_schema(by_alias=True)
    value = {"anyOf": [xlthpt, {"type": "number"}]}
    schema["if"] = {"required": ["targetName"], "properties": {"targetName": {"enum": list(XLTHPT_TARGETS)}}}
    schema["then"] = {"properties": {"targetValueRange": {"anyOf": [*value["anyOf"], {"type": "array", "items": value}]}}}


class ExpectationTarget(ts28312.ExpectationTarget):
    """As the model, but a throughput may also be a number a `unit` target context qualifies: what
    28312-to-pr reads from hand-written intents (it reports a number without a unit itself)."""

    model_config = ConfigDict(json_schema_extra=_throughput_is_an_xlthpt)

    @model_validator(mode="after")
    def _value_has_the_models_type(self):
        values = self.targetValueRange if isinstance(self.targetValueRange, list) else [self.targetValueRange]
        if self.targetName in XLTHPT_TARGETS:
            for value in values:
                if isinstance(value, dict):
                    ts28312.XLThpt.model_validate(value)
        return self


class IntentExpectation(ts28312.IntentExpectation):
    expectationTargets: list[ExpectationTarget] = Field(default_factory=list)


class IntentSpec(ts28312.IntentSpec):
    intentExpectations: list[IntentExpectation] = Field(min_length=1)


class TS28312Intent(ts28312.Intent):
    apiVersion: Literal[TS28312_API_VERSION, TS28312_GUIDE_API_VERSION] = TS28312_API_VERSION
    spec: IntentSpec


Scalar = Union[str, int, float, bool, None]


class NetworkConfigInput(Strict):
    vlan: Any = Field(description="1..4094 (a digit string too)")
    subnet: Any = Field(description="a network in CIDR form")
    gateway: Any = Field(description="a host address of the subnet")
    masterInterface: Optional[Any] = Field(None, description="else functionConfig defaultMasterInterface")


class NetworkFunctionInput(Strict):
    name: Any
    nfType: Any
    source: Optional[Any] = None
    performanceClass: Optional[Any] = None
    replicas: Optional[Any] = None
    dedicatedCpu: Optional[Any] = None
    resources: Optional[dict[str, Scalar]] = None


class TemplateParametersInput(Strict):
    """What pr-to-workloads reads from templateParameters (28312-to-pr writes `RanTemplateParameters`)."""

    clusterName: Optional[Any] = None
    targetCluster: Optional[Any] = Field(None, description="the guide's name for clusterName")
    labels: Optional[dict[str, Scalar]] = None
    performanceClass: Optional[Any] = None
    resourceRequirements: Optional[dict[str, Scalar]] = None
    networkConfig: Optional[NetworkConfigInput] = None
    networkFunctions: Optional[list[NetworkFunctionInput]] = None


class ProvisioningRequestSpecInput(o2ims.ProvisioningRequestSpec):
    templateParameters: TemplateParametersInput


class ProvisioningRequest(o2ims.ProvisioningRequest):
    spec: ProvisioningRequestSpecInput


# "group/Kind" -> the model its items are checked against.
MODELS: dict[str, type[BaseModel]] = {
    "tmf921.intent.tmforum.org/Intent": tmf921.Intent,
    "intent.3gpp.org/Intent": TS28312Intent,
    "infra.nephio.org/WorkloadCluster": o2ims.WorkloadCluster,
    "fn.oran-intent.io/SiteNetworkPlan": o2ims.SiteNetworkPlan,
    "o2ims.provisioning.oran.org/ProvisioningRequest": ProvisioningRequest,
    "gate.slo.nephio.org/SLOGate": SLOGate,
    "gate.slo.nephio.org/SLOGateRecord": measurement.SLOGateRecord,
    "measurement.o2ims.org/MeasurementJob": slo.MeasurementJob,
    "measurement.o2ims.org/MeasurementReport": measurement.MeasurementReport,
}


