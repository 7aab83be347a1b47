"""TM Forum TMF921 Intent Management API v5 resources, as the gateway serves them.

The OpenAPI document the gateway serves is generated from these models, and every request
body is validated with them.  Names and required fields follow the TMF921 v5.0.0 OAS:

- `Intent_FVO` (create) requires `@type`, `name` and `expression`; `@type` is `Intent` or
  `ProbeIntent` (a what-if that commits nothing).  `priority` is a string.
- `Intent_MVO` (patch) has every field optional.
- `Intent` and `ProbeIntent` are what the API answers; `ProbeIntent` also carries the TS 28.312
  feasibility check and conflict reports of its what-if render.
- `IntentReport` carries the TS 28.312 IntentReport of the rendered package in its `expression`.
- `IntentSpecification` (+ `_FVO`, `_MVO`), `Hub` (+ `_FVO`), the event envelopes, and TMF630's
  `Error` (with `RenderError`, an `Error` that also holds the KRM results of a failed render).

Request bodies are closed: a field the OAS does not define is an error that names it.  Open
places are the ones TMF921 leaves open: a JSON-LD or Turtle `expression` value, and the
characteristic, party, attachment and relationship entries.  The gateway also requires names
to be DNS labels (the name of a new intent names its package).
"""

from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from .base import ObjectMeta
from .measurement import IntentConflictReport, IntentFeasibilityCheckReport
from .tmf921 import API_VERSION as KRM_API_VERSION
from .tmf921 import JsonLdExpression, KrmIntentSpec, TimePeriod, TurtleExpression

DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
IntentExpression = Union[JsonLdExpression, TurtleExpression]


class Closed(BaseModel):
    """A TMF921 body: unknown fields are errors, `@`-fields by their JSON names, and no value is
    coerced (0 is not false, 1 is not "1")."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)


class OpenEntity(BaseModel):
    """A TMF entity the gateway carries without reading (characteristics, parties, attachments)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type_: Optional[str] = Field(None, alias="@type")


class EntityRef(Closed):
    id: str
    href: Optional[str] = None
    name: Optional[str] = None
    version: Optional[str] = None
    type_: Optional[str] = Field(None, alias="@type")
    baseType: Optional[str] = Field(None, alias="@baseType")
    schemaLocation: Optional[str] = Field(None, alias="@schemaLocation")
    referredType: Optional[str] = Field(None, alias="@referredType")


# ---- Intent -----------------------------------------------------------------------------------


class IntentFields(Closed):
    """The client-writable attributes of an Intent."""

    baseType: Optional[str] = Field(None, alias="@baseType")
    schemaLocation: Optional[str] = Field(None, alias="@schemaLocation")
    description: Optional[str] = None
    version: Optional[str] = None
    priority: Optional[str] = Field(None, description='A string; "0" is the most important.')
    isBundle: Optional[bool] = None
    context: Optional[str] = None
    validFor: Optional[TimePeriod] = None
    lifecycleStatus: Optional[str] = Field(
        None, description="Written by the client it asks for a state (e.g. Suspended deactivates the intent); read, it is the state the render reports."
    )
    intentSpecification: Optional[EntityRef] = None
    intentRelationship: Optional[list[OpenEntity]] = None
    characteristic: Optional[list[OpenEntity]] = None
    relatedParty: Optional[list[OpenEntity]] = None
    attachment: Optional[list[OpenEntity]] = None


class Intent_FVO(IntentFields):
    """The body of POST /intent."""

    type_: Literal["Intent", "ProbeIntent"] = Field(alias="@type", description="Intent, or ProbeIntent for a what-if that commits nothing.")
    name: str = Field(min_length=1, max_length=63, pattern=DNS_LABEL, description="A DNS label; it is the intent's id and names its package.")
    expression: IntentExpression = Field(discriminator="type_")


class Intent_MVO(IntentFields):
    """The body of PATCH /intent/{id} (merge patch); a JSON Patch must produce one too."""

    type_: Optional[Literal["Intent"]] = Field(None, alias="@type")
    name: Optional[str] = Field(None, min_length=1, max_length=63, pattern=DNS_LABEL)
    expression: Optional[IntentExpression] = Field(None, discriminator="type_")


class Intent(IntentFields):
    """An intent as the API answers it.  Intents posted in the guide's KRM form have no `expression`:
    their expectations are in the KRM resource (GET /intent-gateway/v1/intents/{id})."""

    id: str
    href: str
    type_: Literal["Intent", "ProbeIntent"] = Field("Intent", alias="@type")
    name: str
    expression: Optional[IntentExpression] = Field(None, discriminator="type_")
    creationDate: Optional[str] = None
    lastUpdate: Optional[str] = None
    statusChangeDate: Optional[str] = None


class ProbeIntent(Intent):
    """A what-if: rendered against the intents in the repository, committed never."""

    type_: Literal["ProbeIntent"] = Field("ProbeIntent", alias="@type")
    intentFeasibilityCheckReport: IntentFeasibilityCheckReport
    intentConflictReports: list[IntentConflictReport] = Field(default_factory=list)


class JsonPatch(Closed):
    """One operation of an `application/json-patch+json` body (RFC 6902)."""

    op: Literal["add", "remove", "replace", "move", "copy", "test"]
    path: str = Field(description="A JSON Pointer into the resource, e.g. /description.")
    value: Any = None
    from_: Optional[str] = Field(None, alias="from")


class IntentSpecV5(IntentFields):
    """A TMF921 v5 intent carried as a KRM Intent's `spec` (the guide's path): its name is any text,
    the KRM `metadata.name` is the id."""

    type_: Literal["Intent"] = Field("Intent", alias="@type")
    name: str = Field(min_length=1)
    expression: IntentExpression = Field(discriminator="type_")


class KrmIntent(Closed):
    """The guide's intent as KRM (POST /intent-gateway/v1/intents): `metadata.name` is a DNS label and
    names the package; `spec` is the guide's form (intentExpectations) or a TMF921 v5 intent."""

    apiVersion: str = Field(KRM_API_VERSION, pattern=r"^tmf921\.intent\.tmforum\.org/v[0-9a-z]+$")
    kind: Literal["Intent"] = "Intent"
    metadata: ObjectMeta
    spec: Union[KrmIntentSpec, IntentSpecV5]
    status: Optional[dict[str, Any]] = Field(None, description="Written by the pipeline; ignored on input.")


class KrmIntentList(Closed):
    apiVersion: Literal["v1"] = "v1"
    kind: Literal["List"] = "List"
    items: list[KrmIntent]


# ---- IntentReport -----------------------------------------------------------------------------


class IntentRef(Closed):
    id: str
    href: str
    name: Optional[str] = None
    type_: Literal["IntentRef"] = Field("IntentRef", alias="@type")


class IntentReport(Closed):
    """A report of an intent: its `expression` is a JSON-LD document of the TS 28.312 IntentReport
    (`intentFulfilmentReport`, `intentConflictReports`, `intentFeasibilityCheckReport`, ...)."""

    id: str
    href: str
    type_: Literal["IntentReport"] = Field("IntentReport", alias="@type")
    name: str
    description: Optional[str] = None
    creationDate: str
    intent: IntentRef
    expression: JsonLdExpression


# ---- IntentSpecification ------------------------------------------------------------------------


class ExpressionSpecification(Closed):
    type_: Optional[str] = Field("ExpressionSpecification", alias="@type")
    iri: Optional[str] = None
    expressionLanguage: Optional[str] = Field(None, description="e.g. JSON-LD, Turtle")


class IntentSpecificationFields(Closed):
    baseType: Optional[str] = Field(None, alias="@baseType")
    schemaLocation: Optional[str] = Field(None, alias="@schemaLocation")
    description: Optional[str] = None
    version: Optional[str] = None
    lifecycleStatus: Optional[str] = None
    isBundle: Optional[bool] = None
    validFor: Optional[TimePeriod] = None
    expressionSpecification: Optional[ExpressionSpecification] = None
    intentSpecRelationship: Optional[list[OpenEntity]] = None
    relatedParty: Optional[list[OpenEntity]] = None
    attachment: Optional[list[OpenEntity]] = None
    specCharacteristic: Optional[list[OpenEntity]] = None
    targetEntitySchema: Optional[OpenEntity] = None


class IntentSpecification_FVO(IntentSpecificationFields):
    type_: Literal["IntentSpecification"] = Field(alias="@type")
    name: str = Field(min_length=1)


class IntentSpecification_MVO(IntentSpecificationFields):
    type_: Optional[Literal["IntentSpecification"]] = Field(None, alias="@type")
    name: Optional[str] = Field(None, min_length=1)


class IntentSpecification(IntentSpecificationFields):
    id: str
    href: str
    type_: Literal["IntentSpecification"] = Field("IntentSpecification", alias="@type")
    name: str
    lastUpdate: Optional[str] = None


# ---- Hub and events -----------------------------------------------------------------------------

EVENT_TYPES = (
    "IntentCreateEvent",
    "IntentAttributeValueChangeEvent",
    "IntentStatusChangeEvent",
    "IntentDeleteEvent",
    "IntentReportCreateEvent",
    "IntentReportAttributeValueChangeEvent",
    "IntentReportDeleteEvent",
    "IntentSpecificationCreateEvent",
    "IntentSpecificationAttributeValueChangeEvent",
    "IntentSpecificationStatusChangeEvent",
    "IntentSpecificationDeleteEvent",
)
EventType = Literal[EVENT_TYPES]


class Hub_FVO(Closed):
    type_: Optional[Literal["Hub"]] = Field("Hub", alias="@type")
    callback: str = Field(
        pattern=r"^https?://([A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[!-~]*)?$",
        description="Base URL of the listener: events are POSTed to {callback}/listener/{eventName}, e.g. /listener/intentCreateEvent.",
    )
    query: Optional[str] = Field(None, description="eventType=IntentCreateEvent,IntentDeleteEvent selects the events (all when absent).")


class Hub(Closed):
    id: str
    href: Optional[str] = None
    type_: Literal["Hub"] = Field("Hub", alias="@type")
    callback: str
    query: Optional[str] = None


class EventPayload(Closed):
    intent: Optional[Intent] = None
    intentReport: Optional[IntentReport] = None
    intentSpecification: Optional[IntentSpecification] = None


class Event(Closed):
    """The envelope of every notification (TMF630 Event)."""

    type_: EventType = Field(alias="@type")
    eventId: str
    eventTime: str
    eventType: EventType
    timeOccurred: str
    correlationId: Optional[str] = None
    domain: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    priority: Optional[str] = None
    source: Optional[EntityRef] = None
    reportingSystem: Optional[EntityRef] = None
    event: EventPayload


# ---- Errors -----------------------------------------------------------------------------------


class Error(Closed):
    """TMF630 Error: `code` and `reason` are required."""

    type_: str = Field("Error", alias="@type")
    code: str = Field(description="An application code, e.g. ERR404.")
    reason: str = Field(description="The reason of the error, as text.")
    message: Optional[str] = Field(None, description="What went wrong and how to fix it.")
    status: Optional[str] = Field(None, description="The HTTP status code, as a string.")
    referenceError: Optional[str] = None


class KrmFieldRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    path: Optional[str] = None
    currentValue: Any = None
    proposedValue: Any = None


class KrmResult(BaseModel):
    """One structured result of a KRM function (kpt's results.yaml)."""

    model_config = ConfigDict(extra="allow")

    severity: Optional[str] = None
    message: str
    resourceRef: Optional[dict[str, Any]] = None
    field: Optional[KrmFieldRef] = None
    file: Optional[dict[str, Any]] = None
    tags: Optional[dict[str, str]] = None
    function: Optional[str] = Field(None, description="The function image that reported it.")


class RenderError(Error):
    """A render failed: TMF630 Error plus the KRM results of every function."""

    type_: str = Field("RenderError", alias="@type")
    baseType: str = Field("Error", alias="@baseType")
    results: list[KrmResult] = Field(default_factory=list)
