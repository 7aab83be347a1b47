"""The OpenAPI document, from the models: every request body and answer names its model's schema.

Request bodies are read by the handlers themselves (several media types, TMF630 errors), so the
document is assembled here rather than from FastAPI's parameter inference: `body(...)` and
`answers(...)` describe an operation, and `components()` adds every model's JSON Schema.
"""

from __future__ import annotations

from typing import Any, Iterable

from oran_intent_krm.models import o2ims_performance as o2ims
from oran_intent_krm.models import tmf921_api as tmf

REF = "#/components/schemas/{model}"
MODELS = (
    tmf.Intent,
    tmf.ProbeIntent,
    tmf.Intent_FVO,
    tmf.Intent_MVO,
    tmf.JsonPatch,
    tmf.IntentReport,
    tmf.IntentSpecification,
    tmf.IntentSpecification_FVO,
    tmf.IntentSpecification_MVO,
    tmf.Hub,
    tmf.Hub_FVO,
    tmf.Event,
    tmf.Error,
    tmf.RenderError,
    tmf.KrmIntent,
    tmf.KrmIntentList,
    o2ims.MeasurementJob,
    o2ims.APIVersions,
    o2ims.ProblemDetails,
    o2ims.MeasurementReportDocument,
)
COUNT_HEADERS = {
    "X-Total-Count": {"description": "Resources matching the query", "schema": {"type": "integer"}},
    "X-Result-Count": {"description": "Resources in this answer", "schema": {"type": "integer"}},
}
LOCATION = {"Location": {"description": "The new resource", "schema": {"type": "string"}}}
TMF_ERRORS = {400: "Bad request", 401: "No bearer token", 403: "Wrong bearer token", 404: "Not found", 405: "Method not allowed", 409: "Conflict", 413: "Body too large", 415: "Unsupported media type", 422: "The render failed", 500: "Internal error", 503: "Busy"}


def ref(model: Any) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def one_of(*models: Any) -> dict[str, Any]:
    return {"anyOf": [ref(m) for m in models]} if len(models) > 1 else ref(models[0])


def body(schema: dict[str, Any], media_types: Iterable[str] = ("application/json",)) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {media: {"schema": schema} for media in media_types}}}


def answers(success: dict[int, tuple[str, dict[str, Any] | None, dict[str, Any]]], errors: Iterable[int], problem: bool = False) -> dict[int | str, Any]:
    """FastAPI `responses`: success codes (description, schema, headers) and error codes."""
    out: dict[int | str, Any] = {}
    for code, (description, schema, headers) in success.items():
        entry: dict[str, Any] = {"description": description}
        if schema is not None:
            entry["content"] = {"application/json": {"schema": schema}}
        if headers:
            entry["headers"] = headers
        out[code] = entry
    for code in errors:
        if problem:
            out[code] = {"description": TMF_ERRORS.get(code, "Error"), "content": {"application/problem+json": {"schema": ref(o2ims.ProblemDetails)}}}
        else:
            schema = ref(tmf.RenderError) if code == 422 else ref(tmf.Error)
            entry = {"description": TMF_ERRORS.get(code, "Error"), "content": {"application/json": {"schema": schema}}}
            if code == 401:
                entry["headers"] = {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}}
            out[code] = entry
    return out


def components() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema

    _, schema = models_json_schema([(m, "validation") for m in MODELS], ref_template=REF)
    return schema.get("$defs", {})


def finish(document: dict[str, Any]) -> dict[str, Any]:
    """Add the models' schemas, drop FastAPI's own validation-error schemas (never answered) and
    declare the bearer token."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas.update(components())
    document["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer", "description": "The gateway's write token"}}
    for path in document.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.get("responses", {})
            if "422" in responses and "ValidationError" in str(responses["422"]):
                responses.pop("422")
            if method in ("post", "patch", "delete"):
                operation["security"] = [{"bearer": []}]
    return document
