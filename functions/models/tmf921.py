"""TM Forum TMF921 Intent, in the two KRM forms intent-to-28312 reads.

Both are `tmf921.intent.tmforum.org/<version>` `Intent` resources:

- the seed's form, `spec.intentExpectations[]` of verbs, objects, targets and contexts;
- a TMF921 v5 `Intent` (the `Intent_FVO` body a TMF921 API receives) under `spec`,
  recognised by `spec.expression`: a `JsonLdExpression` (an object, or its JSON text
  as TMF921 v4 carried it) or a `TurtleExpression` (a string of Turtle).
"""

from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from .base import ObjectMeta

API_GROUP = "tmf921.intent.tmforum.org"
API_VERSION = f"{API_GROUP}/v1"


class ExpectationTargetRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    targetName: str = Field(description="a cluster name or glob (edge-cluster-*), or a label such as performance")


class ExpectationContext(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contextAttribute: str
    contextValue: Any = Field(None, description="the seed's spelling, e.g. \"<1ms\" or \"99.999%\"")
    contextValueRange: Any = Field(None, description="the TS 28.312 spelling, also accepted")
    contextCondition: str | None = Field(None, description="a TS 28.312 Condition, when contextValueRange is a bare value")


class KrmExpectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    expectationTargets: list[Union[str, ExpectationTargetRef]] = Field(min_length=1)
    expectationVerbs: list[str] = Field(min_length=1, description="deploy, deliver, provision, maintain, ensure, assure, scale, ...")
    expectationObjects: list[str] = Field(default_factory=list, description="network functions (o-ran-du) or constraints (latency<10ms)")
    expectationContexts: list[ExpectationContext] = Field(default_factory=list)


class TimePeriod(BaseModel):
    model_config = ConfigDict(extra="forbid")

    startDateTime: str | None = None
    endDateTime: str | None = None


class KrmIntentSpec(BaseModel):
    """The seed's form."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, description="userLabel of the TS 28.312 intent; metadata.name otherwise")
    description: str | None = None
    priority: str | int | None = Field(None, description="TMF921 priority: \"0\" is the most important")
    lifecycleStatus: str | None = None
    validFor: TimePeriod | None = None
    intentExpectations: list[KrmExpectation] = Field(min_length=1)


class JsonLdExpression(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type_: Literal["JsonLdExpression"] = Field("JsonLdExpression", alias="@type")
    iri: str | None = None
    expressionValue: Union[dict[str, Any], str] = Field(description="a JSON-LD document (@context plus nodes, or @graph)")


class TurtleExpression(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type_: Literal["TurtleExpression"] = Field("TurtleExpression", alias="@type")
    iri: str | None = None
    expressionValue: str = Field(description="Turtle (RDF 1.1) text")


class EntityRef(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    id: str | None = None
    href: str | None = None
    name: str | None = None
    type_: str | None = Field(None, alias="@type")


class V5IntentSpec(BaseModel):
    """A TMF921 v5 Intent body (schema `Intent`, allOf `Entity`)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type_: Literal["Intent", "ProbeIntent"] = Field("Intent", alias="@type")
    id: str | None = None
    href: str | None = None
    name: str
    description: str | None = None
    version: str | None = None
    priority: str | None = Field(None, description="a string: \"0\" is the most important")
    isBundle: bool | None = None
    context: str | None = None
    validFor: TimePeriod | None = None
    lifecycleStatus: str | None = Field(None, description="free text in the OAS; the examples use Created, Active, Settled")
    statusChangeDate: str | None = None
    creationDate: str | None = None
    lastUpdate: str | None = None
    intentSpecification: EntityRef | None = None
    expression: Union[JsonLdExpression, TurtleExpression] = Field(discriminator="type_")




class Intent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    apiVersion: str = Field(API_VERSION, pattern=r"^tmf921\.intent\.tmforum\.org/v[0-9a-z]+$")
    kind: Literal["Intent"] = "Intent"
    metadata: ObjectMeta
    spec: Union[V5IntentSpec, KrmIntentSpec]


def crd():
    """How the TMF921 Intent is served as a Kubernetes kind."""
    from .crd import CRD

    return CRD(Intent, API_GROUP, "v1", "Intent", "intents", short_names=("tmfintent",))
