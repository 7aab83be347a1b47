"""TM Forum TMF921 Intent, in the two KRM forms intent-to-28312 reads.

Both are `tmf921.intent.tmforum.org/<version>` `Intent` resources:

- the guide's form, `spec.intentExpectations[]` of verbs, objects, targets and contexts;
- a TMF921 v5 `Intent` (the `Intent_FVO` body a TMF921 API receives) under `spec`,
  recognised by `spec.expression`: a `JsonLdExpression` (an object, or its JSON text
  as TMF921 v4 carried it) or a `TurtleExpression` (a string of Turtle).

Both forms are closed: a field neither names is an error (a typo never passes silently).
Extension stays possible where the standards allow it:

- `x-` fields, anywhere in the spec (vendor fields: kept, never read);
- TMF630 polymorphism in the v5 form: an object that names its `@schemaLocation` (a
  subclass's schema) may carry that subclass's fields, which are kept and not checked;
- `metadata.labels` and `metadata.annotations`, as on every Kubernetes object.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import Condition, ObjectMeta

API_GROUP = "tmf921.intent.tmforum.org"
API_VERSION = f"{API_GROUP}/v1"
# Vendor fields: accepted anywhere in a TMF921 intent, kept and not read.
VENDOR_FIELD = "^x-"


def _closed_but_vendor_fields(schema: dict[str, Any], model: type) -> None:
    schema["additionalProperties"] = False
    schema["patternProperties"] = {VENDOR_FIELD: {}}


def _closed_unless_schema_location(schema: dict[str, Any], model: type) -> None:
    """TMF630 polymorphism: an object naming its own @schemaLocation may carry that schema's fields."""
    schema.pop("additionalProperties", None)
    schema.pop("patternProperties", None)
    schema["if"] = {"required": ["@schemaLocation"]}
    schema["else"] = {"propertyNames": {"anyOf": [{"enum": list(schema.get("properties", {}))}, {"pattern": VENDOR_FIELD}]}}


class TmfObject(BaseModel):
    """A TMF921 object: its own fields and `x-` vendor fields; any other field is an error."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, json_schema_extra=_closed_but_vendor_fields)
    extensible: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_unknown_fields(self):
        if self.extensible and getattr(self, "schemaLocation", None):
            return self
        unknown = sorted(k for k in self.model_extra or {} if not k.startswith("x-"))
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(unknown)}")
        return self


class TmfEntity(TmfObject):
    """A TMF921 v5 Extensible: `@baseType`, and `@schemaLocation`, which opens it to its subclass's fields."""

    model_config = ConfigDict(json_schema_extra=_closed_unless_schema_location)
    extensible: ClassVar[bool] = True

    baseType: Optional[str] = Field(None, alias="@baseType")
    schemaLocation: Optional[str] = Field(None, alias="@schemaLocation", description="the schema of a subclass's further fields")


class ExpectationTargetRef(TmfObject):
    targetName: str = Field(description="a cluster name or glob (edge-cluster-*), or a label such as performance")


class ExpectationContext(TmfObject):
    contextAttribute: str = Field(description="what the context is about, e.g. latency_requirement, reliability, location")
    contextValue: Any = Field(None, description="the guide's spelling, e.g. \"<1ms\" or \"99.999%\"")
    contextValueRange: Any = Field(None, description="the TS 28.312 spelling, also accepted")
    contextCondition: Optional[str] = Field(None, description="a TS 28.312 Condition, when contextValueRange is a bare value")


class KrmExpectation(TmfObject):
    expectationTargets: list[Union[str, ExpectationTargetRef]] = Field(
        min_length=1, description="cluster names (edge-cluster-us-west-1), globs (edge-cluster-*) or labels (performance)"
    )
    expectationVerbs: list[str] = Field(min_length=1, description="deploy, deliver, provision, maintain, ensure, assure, scale, ...")
    expectationObjects: list[str] = Field(default_factory=list, description="network functions (o-ran-du) or constraints (latency<10ms)")
    expectationContexts: list[ExpectationContext] = Field(default_factory=list)


class TimePeriod(TmfObject):
    startDateTime: Optional[str] = None
    endDateTime: Optional[str] = None


class KrmIntentSpec(TmfObject):
    """The guide's form."""

    name: Optional[str] = Field(None, description="userLabel of the TS 28.312 intent; metadata.name otherwise")
    description: Optional[str] = None
    priority: Union[str, int, None] = Field(None, description="TMF921 priority: \"0\" is the most important")
    lifecycleStatus: Optional[str] = None
    validFor: Optional[TimePeriod] = None
    intentExpectations: list[KrmExpectation] = Field(
        min_length=1, description="expectations of expectationTargets, expectationVerbs, expectationObjects, expectationContexts"
    )


class JsonLdExpression(TmfEntity):
    type_: Literal["JsonLdExpression"] = Field("JsonLdExpression", alias="@type")
    iri: Optional[str] = None
    expressionValue: Union[dict[str, Any], str] = Field(description="a JSON-LD document (@context plus nodes, or @graph), or its JSON text")


class TurtleExpression(TmfEntity):
    type_: Literal["TurtleExpression"] = Field(alias="@type")
    iri: Optional[str] = None
    expressionValue: str = Field(description="Turtle (RDF 1.1) text")


class EntityRef(TmfEntity):
    id: Optional[str] = None
    href: Optional[str] = None
    name: Optional[str] = None
    version: Optional[str] = None
    type_: Optional[str] = Field(None, alias="@type")
    referredType: Optional[str] = Field(None, alias="@referredType")


class V5IntentSpec(TmfEntity):
    """A TMF921 v5 Intent body (schema `Intent`, allOf `Entity`)."""

    type_: Literal["Intent", "ProbeIntent"] = Field("Intent", alias="@type")
    id: Optional[str] = None
    href: Optional[str] = None
    name: str = Field(description="the intent's name (TMF921 Intent_FVO requires it)")
    description: Optional[str] = None
    version: Optional[str] = None
    priority: Optional[str] = Field(None, description="a string: \"0\" is the most important")
    isBundle: Optional[bool] = None
    context: Optional[str] = None
    validFor: Optional[TimePeriod] = None
    lifecycleStatus: Optional[str] = Field(None, description="free text in the OAS; the examples use Created, Active, Settled")
    statusChangeDate: Optional[str] = None
    creationDate: Optional[str] = None
    lastUpdate: Optional[str] = None
    intentSpecification: Optional[EntityRef] = None
    intentRelationship: Optional[list[dict[str, Any]]] = Field(None, description="EntityRelationship[]: kept, not read")
    characteristic: Optional[list[dict[str, Any]]] = Field(None, description="Characteristic[]: kept, not read")
    relatedParty: Optional[list[dict[str, Any]]] = Field(None, description="RelatedPartyRefOrPartyRoleRef[]: kept, not read")
    attachment: Optional[list[dict[str, Any]]] = Field(None, description="AttachmentRefOrValue[]: kept, not read")
    expression: Union[JsonLdExpression, TurtleExpression] = Field(description="a JsonLdExpression or a TurtleExpression")


# ---- Status, written by slo-gate-validator ------------------------------------------------------------


class IntentReportRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    apiVersion: str
    kind: str
    name: str
    fulfilmentStatus: Literal["FULFILLED", "NOT_FULFILLED"]


class IntentStatus(BaseModel):
    """What slo-gate-validator writes on the TMF921 intent a TS 28.312 intent came from."""

    model_config = ConfigDict(extra="forbid")

    conditions: list[Condition] = Field(default_factory=list, description="`Fulfilled`: True, False (Degraded) or Unknown.")
    intentReports: list[IntentReportRef] = Field(default_factory=list, description="The TS 28.312 IntentReports behind the condition.")


class Intent(BaseModel):
    """TM Forum TMF921 Intent: the guide's KRM form or a TMF921 v5 Intent body under spec."""

    model_config = ConfigDict(extra="forbid")

    apiVersion: str = Field(API_VERSION, pattern=r"^tmf921\.intent\.tmforum\.org/v[0-9a-z]+$")
    kind: Literal["Intent"] = "Intent"
    metadata: ObjectMeta
    spec: Union[V5IntentSpec, KrmIntentSpec]
    status: Optional[IntentStatus] = None


def crd():
    """How the TMF921 Intent is served as a Kubernetes kind."""
    from .crd import CRD

    return CRD(Intent, API_GROUP, "v1", "Intent", "intents", short_names=("tmfintent",))
