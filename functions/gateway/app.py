"""The HTTP surface: TMF921 v5, the guide's alias, the O2 IMS measurement job query.

| path | what |
|---|---|
| `/tmf-api/intentManagement/v5/intent[/{id}]` | TMF921 Intent: POST (Intent or ProbeIntent), GET list/one, PATCH, DELETE |
| `/tmf-api/intentManagement/v5/intent/{id}/intentReport[/{id}]` | IntentReports: GET list/one, DELETE |
| `/tmf-api/intentManagement/v5/intentSpecification[/{id}]` | IntentSpecification CRUD |
| `/tmf-api/intentManagement/v5/hub[/{id}]` | event subscriptions |
| `/intent-gateway/v1/intents[/{name}]` | the guide's path: the same intents as KRM resources |
| `/o2ims-infrastructurePerformance/v1/measurementJobs[/{id}[/results]]` (and `/o2ims/v1/...`) | O2 IMS measurement jobs |
| `/openapi.json`, `/docs` | this API's OpenAPI document, from the models |
| `/ui/`, `/ui/status.json` | the read-only status page (ui/routes.py), not in the OpenAPI document |

Errors are TMF630 bodies, or RFC 7807 problem details under the O2 IMS paths.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import uuid
from typing import Any, Callable, Mapping

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from oran_intent_krm import __version__
from oran_intent_krm.models import o2ims_performance as o2ims_models
from oran_intent_krm.models import tmf921_api as tmf
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import events, intents, o2ims, openapi, patch, query, readmodel, reports, views
from .auth import Tokens
from .errors import ApiError, dns_label, validation_error
from .readmodel import PackageView
from .service import Gateway
from .timestamps import now
from .ui import routes as status_page

log = logging.getLogger("intent-gateway")
O2IMS_PREFIXES = ("/o2ims-infrastructurePerformance", "/o2ims/")
JSON_MEDIA = ("application/json",)
SPEC_FILTERS = ("id", "@type", "name", "description", "version", "lifecycleStatus", "lastUpdate", "isBundle")
SPEC_ATTRIBUTES = tuple(f.alias or n for n, f in tmf.IntentSpecification.model_fields.items())
SPEC_READ_ONLY = ("id", "href", "lastUpdate")


def create_app(gateway: Gateway, tokens: Tokens, *, max_body: int = 1 << 20, refresh_interval: float = 1.0, notifier: events.Notifier | None = None) -> FastAPI:
    notifier = notifier or events.Notifier(lambda: gateway.snapshot.hubs)
    probes = views.Probes()
    bridge = EventBridge(gateway, notifier)
    gateway.listeners.append(bridge.package_changed)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        for note in gateway.start():
            log.info("%s", note)
        await notifier.start()
        follower = asyncio.create_task(_follow_pushes(gateway, bridge, refresh_interval))
        try:
            yield
        finally:
            follower.cancel()
            await notifier.close()
            gateway.stop()

    app = FastAPI(
        title="Intent gateway: TMF921 Intent Management API v5",
        version=__version__,
        description=(__doc__ or "").split("\n\n")[0],
        lifespan=lifespan,
        separate_input_output_schemas=False,
    )
    app.state.gateway = gateway
    app.state.notifier = notifier
    app.add_middleware(BodyLimit, limit=max_body)
    _error_handlers(app)
    app.include_router(_tmf921(gateway, tokens, probes, bridge))
    app.include_router(_alias(gateway, tokens, probes, bridge))
    for prefix, alias in (("/o2ims-infrastructurePerformance", False), ("/o2ims", True)):
        app.include_router(_o2ims(gateway, prefix, alias))
    app.include_router(status_page.status_router(lambda: gateway.snapshot))

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            app.openapi_schema = openapi.finish(get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes))
        return app.openapi_schema

    app.openapi = document
    return app


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document the gateway serves, made without serving (for `make generate`)."""
    import tempfile
    from pathlib import Path

    from .service import Settings

    with tempfile.TemporaryDirectory(prefix="openapi-") as scratch:
        app = create_app(Gateway(Settings(repo=Path(scratch) / "repo")), Tokens(["document-only-token"], "none"))
        return app.openapi()


async def _follow_pushes(gateway: Gateway, bridge: EventBridge, interval: float) -> None:
    """Notice commits someone else pushed to main, read them in, tell the hubs."""
    while True:
        await asyncio.sleep(interval)
        try:
            for name, old, new in await gateway.refresh():
                bridge.package_changed(name, old, new)
        except Exception:
            log.exception("following the repository failed")


# ---- errors -------------------------------------------------------------------------------------


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return error_response(request, error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or e.get('loc', ['request'])[0]}: {e.get('msg')}" for e in error.errors()]
        return error_response(request, ApiError(400, "invalid request: " + "; ".join(problems)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = {404: f"no such resource: {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}.get(error.status_code, str(error.detail))
        return error_response(request, ApiError(error.status_code, message, headers=getattr(error, "headers", None)))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, ApiError(500, f"the gateway failed: {type(error).__name__}; nothing was committed unless the change is listed"))


def error_response(request: Request, error: ApiError) -> Response:
    if request.url.path.startswith(O2IMS_PREFIXES):
        return JSONResponse(error.problem(request.url.path), status_code=error.status, headers=error.headers, media_type="application/problem+json")
    return JSONResponse(error.tmf630(), status_code=error.status, headers=error.headers)


class BodyLimit:
    """Refuse request bodies over `limit` bytes (413) before anything reads them whole."""

    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Mapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        refused = False

        async def counted() -> Mapping[str, Any]:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)
        except Exception:
            if not refused:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Mapping[str, Any], receive: Any, send: Any) -> None:
        from starlette.requests import Request as StarletteRequest

        error = ApiError(413, f"the body is larger than {self.limit} bytes")
        response = error_response(StarletteRequest(scope, receive), error)
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


# ---- requests -----------------------------------------------------------------------------------


async def closed_query(request: Request) -> None:
    """A query parameter the operation does not take is an error (list operations check their filters)."""
    route = request.scope.get("route")
    if route is None or getattr(route.endpoint, "filters", None) is not None:
        return
    declared = {p.alias for p in route.dependant.query_params}
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        takes = f"it takes {', '.join(sorted(declared))}" if declared else "it takes none"
        raise ApiError(400, f"unknown query parameter {', '.join(unknown)}: {takes}")


def filters(*attributes: str) -> Callable[[Callable], Callable]:
    """Mark a list operation with the attributes it filters on, and document them as query parameters."""

    def mark(endpoint: Callable) -> Callable:
        endpoint.filters = attributes
        return endpoint

    return mark


def filter_parameters(attributes: tuple[str, ...]) -> dict[str, Any]:
    return {
        "parameters": [
            {"name": a, "in": "query", "required": False, "schema": {"type": "string"}, "description": f"keep those whose {a} is this (a,b: either; {a}.gt, .gte, .lt, .lte compare)"}
            for a in attributes
        ]
    }



async def read_json(request: Request, accept: tuple[str, ...] = JSON_MEDIA) -> Any:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media and media not in accept and not (media.startswith("application/") and media.endswith("+json") and accept == JSON_MEDIA):
        raise ApiError(415, f"send the body as {' or '.join(accept)}, not {media}")
    raw = await request.body()
    if not raw.strip():
        raise ApiError(400, "the request has no body")
    try:
        body = json.loads(raw)
    except ValueError as bad:
        raise ApiError(400, f"the body is not JSON: {bad}") from None
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "the body holds an unpaired UTF-16 surrogate escape (such as \\ud800), which is no character") from None
    return body


def validated(model: type, data: Any, what: str = "body") -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise validation_error(error, model, what) from None


def no_placeholders(body: Any) -> None:
    found = intents.placeholders(body)
    if found:
        where = ", ".join(f"{path} ({value})" for path, value in found[:5])
        variables = sorted({value.strip("${}") for _, value in found})
        raise ApiError(
            400,
            f"the body still holds unexpanded shell variables: {where}. envsubst replaces only variables set in its environment "
            f"(an argument such as TARGET_SITE=... only lists which to replace), so set them before it: "
            f"{' '.join(f'{v}=...' for v in variables)} envsubst < template.json | curl ... -d @-",
            reason="Unexpanded template",
        )


def dumped(model_instance: Any) -> dict[str, Any]:
    return model_instance.model_dump(by_alias=True, exclude_none=True, mode="json")


def ok(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


# ---- events -------------------------------------------------------------------------------------


class EventBridge:
    """Turns package changes into TMF921 events for the hubs."""

    def __init__(self, gateway: Gateway, notifier: events.Notifier):
        self.gateway = gateway
        self.notifier = notifier

    def package_changed(self, name: str, old: PackageView | None, new: PackageView | None) -> None:
        deleted = self.gateway.snapshot.deleted_reports.get(name, frozenset())
        if new is None and old is not None:
            self.notifier.publish("IntentDeleteEvent", {"intent": views.intent_json(old)})
            return
        if new is None:
            return
        intent = views.intent_json(new)
        if old is None:
            self.notifier.publish("IntentCreateEvent", {"intent": intent})
        else:
            before = views.intent_json(old)
            if intents.writable_view(old.intent) != intents.writable_view(new.intent):
                self.notifier.publish("IntentAttributeValueChangeEvent", {"intent": intent})
            if before.get("lifecycleStatus") != intent.get("lifecycleStatus"):
                self.notifier.publish("IntentStatusChangeEvent", {"intent": intent})
        old_ids = {r["id"] for r in views.intent_reports(old, frozenset())} if old is not None else set()
        for report in views.intent_reports(new, deleted):
            if report["id"] not in old_ids:
                self.notifier.publish("IntentReportCreateEvent", {"intentReport": report})

    def publish(self, event_type: str, payload: Mapping[str, Any]) -> None:
        self.notifier.publish(event_type, payload)


# ---- TMF921 ---------------------------------------------------------------------------------------


def _tmf921(gateway: Gateway, tokens: Tokens, probes: views.Probes, bridge: EventBridge) -> APIRouter:
    router = APIRouter(prefix=views.TMF_BASE, tags=["TMF921 Intent Management"], dependencies=[Depends(closed_query)])
    intent_answer = openapi.one_of(tmf.Intent, tmf.ProbeIntent)
    write_errors = (400, 401, 403, 409, 413, 415, 422, 503)
    patch_media = ("application/merge-patch+json", "application/json-patch+json", "application/json")
    patch_body = {
        "requestBody": {
            "required": True,
            "content": {
                "application/merge-patch+json": {"schema": openapi.ref(tmf.Intent_MVO)},
                "application/json": {"schema": openapi.ref(tmf.Intent_MVO)},
                "application/json-patch+json": {"schema": {"type": "array", "items": openapi.ref(tmf.JsonPatch)}},
            },
        }
    }

    @router.get(
        "/intent",
        summary="List intents",
        responses=openapi.answers({200: ("Intents", {"type": "array", "items": intent_answer}, openapi.COUNT_HEADERS)}, (400,)),
        openapi_extra=filter_parameters(views.INTENT_FILTERS),
    )
    @filters(*views.INTENT_FILTERS)
    async def list_intent(request: Request, fields: str | None = None, offset: int | None = Query(None, ge=0), limit: int | None = Query(None, ge=1)):
        conditions = query.filters(request.query_params.multi_items(), views.INTENT_FILTERS)
        found = [views.intent_json(v) for v in gateway.snapshot.packages.values()]
        found = sorted((i for i in found if query.matches(i, conditions)), key=lambda i: (i.get("creationDate") or "", i["id"]))
        shown = [query.projected(i, fields, views.INTENT_ATTRIBUTES) for i in query.page(found, offset, limit)]
        return ok(shown, headers=query.count_headers(len(found), len(shown)))

    @router.post(
        "/intent",
        summary="Create an intent, or probe one (@type ProbeIntent) without committing it",
        status_code=201,
        responses=openapi.answers({201: ("Created: rendered and committed (a ProbeIntent: rendered only)", intent_answer, openapi.LOCATION)}, write_errors),
        openapi_extra=openapi.body(openapi.ref(tmf.Intent_FVO)),
    )
    async def create_intent(request: Request, fields: str | None = None):
        tokens.check(request.headers.get("authorization"))
        body = await read_json(request)
        no_placeholders(body)
        fvo = dumped(validated(tmf.Intent_FVO, body))
        krm = intents.from_fvo(fvo, gateway.settings.namespace)
        if fvo["@type"] == "ProbeIntent":
            out = await run_probe(gateway, probes, krm, fvo)
        else:
            out = views.intent_json(await gateway.create(krm))
        return ok(query.projected(out, fields, views.INTENT_ATTRIBUTES), 201, {"Location": out["href"]})

    @router.get("/intent/{id}", summary="Retrieve an intent", responses=openapi.answers({200: ("The intent", intent_answer, None)}, (400, 404)))
    async def retrieve_intent(id: str, fields: str | None = None):
        return ok(query.projected(find_intent(gateway, probes, id), fields, views.INTENT_ATTRIBUTES))

    @router.patch(
        "/intent/{id}",
        summary="Change an intent: merge patch or JSON Patch; the package is rendered again",
        responses=openapi.answers({200: ("Changed, rendered and committed", openapi.ref(tmf.Intent), None)}, (*write_errors, 404)),
        openapi_extra=patch_body,
    )
    async def patch_intent(request: Request, id: str, fields: str | None = None):
        tokens.check(request.headers.get("authorization"))
        if probes.get(id) is not None:
            raise ApiError(409, f"{id} is a ProbeIntent: it cannot change; POST another probe")
        current = gateway.snapshot.packages.get(id)
        if current is None:
            raise ApiError(404, f"no intent {id}")
        body = await read_json(request, patch_media)
        base = intents.writable_view(current.intent)
        changed = patch.apply(request.headers.get("content-type", "application/merge-patch+json"), base, body)
        changed = without_read_only(changed, views.intent_json(current), ("id", "href", "creationDate", "lastUpdate", "statusChangeDate"))
        if isinstance(changed, dict) and "lifecycleStatus" in changed and changed.get("lifecycleStatus") == views.intent_json(current).get("lifecycleStatus") and "lifecycleStatus" not in base:
            changed.pop("lifecycleStatus")  # the reported status sent back unchanged is not a request
        no_placeholders(changed)
        mvo = dumped(validated(tmf.Intent_MVO, changed, "patched intent"))
        if intents.is_v5(current.intent) or "expression" in mvo:
            validated(tmf.Intent_FVO, {**mvo, "@type": "Intent"}, "patched intent")
        try:
            new_intent = intents.patched(current.intent, mvo)
        except ValueError as bad:
            raise ApiError(400, str(bad)) from None
        view = await gateway.update(id, new_intent)
        return ok(query.projected(views.intent_json(view), fields, views.INTENT_ATTRIBUTES))

    @router.delete("/intent/{id}", summary="Delete an intent and its package", status_code=204, responses=openapi.answers({204: ("Deleted and committed", None, None)}, (401, 403, 404, 409, 503)))
    async def delete_intent(request: Request, id: str):
        tokens.check(request.headers.get("authorization"))
        if probes.remove(id):
            return Response(status_code=204)
        await gateway.delete(id)
        return Response(status_code=204)

    @router.get(
        "/intent/{intentId}/intentReport",
        summary="List the reports of an intent",
        responses=openapi.answers({200: ("Reports", {"type": "array", "items": openapi.ref(tmf.IntentReport)}, openapi.COUNT_HEADERS)}, (400, 404)),
        openapi_extra=filter_parameters(views.REPORT_FILTERS),
    )
    @filters(*views.REPORT_FILTERS)
    async def list_reports(request: Request, intentId: str, fields: str | None = None, offset: int | None = Query(None, ge=0), limit: int | None = Query(None, ge=1)):
        conditions = query.filters(request.query_params.multi_items(), views.REPORT_FILTERS)
        found = [r for r in reports_of(gateway, probes, intentId) if query.matches(r, conditions)]
        shown = [query.projected(r, fields, views.REPORT_ATTRIBUTES) for r in query.page(found, offset, limit)]
        return ok(shown, headers=query.count_headers(len(found), len(shown)))

    @router.get("/intent/{intentId}/intentReport/{id}", summary="Retrieve a report", responses=openapi.answers({200: ("The report", openapi.ref(tmf.IntentReport), None)}, (400, 404)))
    async def retrieve_report(intentId: str, id: str, fields: str | None = None):
        report = next((r for r in reports_of(gateway, probes, intentId) if r["id"] == id), None)
        if report is None:
            raise ApiError(404, f"intent {intentId} has no report {id}")
        return ok(query.projected(report, fields, views.REPORT_ATTRIBUTES))

    @router.delete("/intent/{intentId}/intentReport/{id}", summary="Delete a report", status_code=204, responses=openapi.answers({204: ("Deleted", None, None)}, (401, 403, 404, 503)))
    async def delete_report(request: Request, intentId: str, id: str):
        tokens.check(request.headers.get("authorization"))
        report = next((r for r in reports_of(gateway, probes, intentId) if r["id"] == id), None)
        if report is None:
            raise ApiError(404, f"intent {intentId} has no report {id}")
        if probes.get(intentId) is not None:
            probes.remove_report(intentId)
        else:
            deleted = sorted(gateway.snapshot.deleted_reports.get(intentId, frozenset()) | {id})
            record = json.dumps({"intent": intentId, "deleted": deleted}, indent=2, sort_keys=True).encode() + b"\n"
            await gateway.put_record(readmodel.REPORTS_DIR, intentId, record, f"Delete IntentReport {id} of intent {intentId}")
        bridge.publish("IntentReportDeleteEvent", {"intentReport": report})
        return Response(status_code=204)

    _specifications(router, gateway, tokens, bridge)
    _hubs(router, gateway, tokens)
    return router


def find_intent(gateway: Gateway, probes: views.Probes, identifier: str) -> dict[str, Any]:
    view = gateway.snapshot.packages.get(identifier)
    if view is not None:
        return views.intent_json(view)
    probe = probes.get(identifier)
    if probe is not None:
        return probe[0]
    raise ApiError(404, f"no intent {identifier}")


def reports_of(gateway: Gateway, probes: views.Probes, identifier: str) -> list[dict[str, Any]]:
    view = gateway.snapshot.packages.get(identifier)
    if view is not None:
        return views.intent_reports(view, gateway.snapshot.deleted_reports.get(identifier, frozenset()))
    probe = probes.get(identifier)
    if probe is not None:
        return [probe[1]] if probe[1] else []
    raise ApiError(404, f"no intent {identifier}")


async def run_probe(gateway: Gateway, probes: views.Probes, krm: Mapping[str, Any], body: Mapping[str, Any]) -> dict[str, Any]:
    result = await gateway.probe(krm)
    identifier = str(uuid.uuid4())
    moment = now()
    out = views.probe_json(identifier, str(body.get("name") or intents.tmf_name(krm)), body, result, moment)
    report = reports.probe_report(out["name"], out["href"], moment, result.feasibility, result.conflicts, result.view)
    probes.add(identifier, out, report)
    return out


def without_read_only(changed: Any, current: Mapping[str, Any], read_only: tuple[str, ...]) -> Any:
    """Read-only attributes a client sends back unchanged are dropped; changed, they are an error."""
    if not isinstance(changed, dict):
        raise ApiError(400, "the patched resource must be a JSON object")
    out = dict(changed)
    for key in read_only:
        if key in out:
            if out[key] != current.get(key):
                raise ApiError(400, f"{key} is set by the gateway and cannot be changed")
            out.pop(key)
    return out


def _specifications(router: APIRouter, gateway: Gateway, tokens: Tokens, bridge: EventBridge) -> None:
    base = f"{views.TMF_BASE}/intentSpecification"
    answer = openapi.ref(tmf.IntentSpecification)
    write_errors = (400, 401, 403, 413, 415, 503)

    def record(identifier: str) -> dict[str, Any]:
        found = gateway.snapshot.specifications.get(identifier)
        if found is None:
            raise ApiError(404, f"no intent specification {identifier}")
        return dict(found)

    async def save(spec: dict[str, Any], message: str) -> None:
        validated(tmf.IntentSpecification, spec, "intent specification")
        content = json.dumps(spec, indent=2, sort_keys=True).encode() + b"\n"
        await gateway.put_record(readmodel.SPECIFICATIONS_DIR, spec["id"], content, message)

    @router.get(
        "/intentSpecification",
        summary="List intent specifications",
        responses=openapi.answers({200: ("Specifications", {"type": "array", "items": answer}, openapi.COUNT_HEADERS)}, (400,)),
        openapi_extra=filter_parameters(SPEC_FILTERS),
    )
    @filters(*SPEC_FILTERS)
    async def list_specifications(request: Request, fields: str | None = None, offset: int | None = Query(None, ge=0), limit: int | None = Query(None, ge=1)):
        conditions = query.filters(request.query_params.multi_items(), SPEC_FILTERS)
        found = sorted((dict(s) for s in gateway.snapshot.specifications.values() if query.matches(s, conditions)), key=lambda s: (s.get("lastUpdate") or "", s["id"]))
        shown = [query.projected(s, fields, SPEC_ATTRIBUTES) for s in query.page(found, offset, limit)]
        return ok(shown, headers=query.count_headers(len(found), len(shown)))

    @router.post(
        "/intentSpecification",
        summary="Create an intent specification",
        status_code=201,
        responses=openapi.answers({201: ("Created", answer, openapi.LOCATION)}, write_errors),
        openapi_extra=openapi.body(openapi.ref(tmf.IntentSpecification_FVO)),
    )
    async def create_specification(request: Request):
        tokens.check(request.headers.get("authorization"))
        fvo = dumped(validated(tmf.IntentSpecification_FVO, await read_json(request)))
        identifier = str(uuid.uuid4())
        spec = {**fvo, "id": identifier, "href": f"{base}/{identifier}", "lastUpdate": now()}
        await save(spec, f"Create intent specification {fvo['name']} ({identifier})")
        bridge.publish("IntentSpecificationCreateEvent", {"intentSpecification": spec})
        return ok(spec, 201, {"Location": spec["href"]})

    @router.get("/intentSpecification/{id}", summary="Retrieve an intent specification", responses=openapi.answers({200: ("The specification", answer, None)}, (400, 404)))
    async def retrieve_specification(id: str, fields: str | None = None):
        return ok(query.projected(record(id), fields, SPEC_ATTRIBUTES))

    @router.patch(
        "/intentSpecification/{id}",
        summary="Change an intent specification",
        responses=openapi.answers({200: ("Changed", answer, None)}, (*write_errors, 404)),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/merge-patch+json": {"schema": openapi.ref(tmf.IntentSpecification_MVO)},
                    "application/json": {"schema": openapi.ref(tmf.IntentSpecification_MVO)},
                    "application/json-patch+json": {"schema": {"type": "array", "items": openapi.ref(tmf.JsonPatch)}},
                },
            }
        },
    )
    async def patch_specification(request: Request, id: str):
        tokens.check(request.headers.get("authorization"))
        current = record(id)
        writable = {k: v for k, v in current.items() if k not in SPEC_READ_ONLY}
        body = await read_json(request, ("application/merge-patch+json", "application/json-patch+json", "application/json"))
        changed = without_read_only(patch.apply(request.headers.get("content-type", "application/merge-patch+json"), writable, body), current, SPEC_READ_ONLY)
        mvo = dumped(validated(tmf.IntentSpecification_MVO, changed, "patched intent specification"))
        spec = {**mvo, "@type": "IntentSpecification", "id": id, "href": current["href"], "lastUpdate": now()}
        if "name" not in spec:
            raise ApiError(400, "an intent specification needs a name")
        await save(spec, f"Update intent specification {spec['name']} ({id})")
        bridge.publish("IntentSpecificationAttributeValueChangeEvent", {"intentSpecification": spec})
        if spec.get("lifecycleStatus") != current.get("lifecycleStatus"):
            bridge.publish("IntentSpecificationStatusChangeEvent", {"intentSpecification": spec})
        return ok(spec)

    @router.delete("/intentSpecification/{id}", summary="Delete an intent specification", status_code=204, responses=openapi.answers({204: ("Deleted", None, None)}, (401, 403, 404, 503)))
    async def delete_specification(request: Request, id: str):
        tokens.check(request.headers.get("authorization"))
        current = record(id)
        await gateway.put_record(readmodel.SPECIFICATIONS_DIR, id, None, f"Delete intent specification {current.get('name')} ({id})")
        bridge.publish("IntentSpecificationDeleteEvent", {"intentSpecification": current})
        return Response(status_code=204)


def _hubs(router: APIRouter, gateway: Gateway, tokens: Tokens) -> None:
    base = f"{views.TMF_BASE}/hub"

    def record(identifier: str) -> dict[str, Any]:
        found = gateway.snapshot.hubs.get(identifier)
        if found is None:
            raise ApiError(404, f"no hub {identifier}")
        return dict(found)

    @router.post(
        "/hub",
        summary="Register a listener for events",
        status_code=201,
        responses=openapi.answers({201: ("Registered", openapi.ref(tmf.Hub), openapi.LOCATION)}, (400, 401, 403, 413, 415, 503)),
        openapi_extra=openapi.body(openapi.ref(tmf.Hub_FVO)),
    )
    async def create_hub(request: Request):
        tokens.check(request.headers.get("authorization"))
        fvo = dumped(validated(tmf.Hub_FVO, await read_json(request)))
        events.selected_types(fvo.get("query"))
        identifier = str(uuid.uuid4())
        hub = {**fvo, "@type": "Hub", "id": identifier, "href": f"{base}/{identifier}"}
        content = json.dumps(hub, indent=2, sort_keys=True).encode() + b"\n"
        await gateway.put_record(readmodel.HUBS_DIR, identifier, content, f"Register hub {identifier} for {fvo['callback']}")
        return ok(hub, 201, {"Location": hub["href"]})

    @router.get("/hub/{id}", summary="Retrieve a hub", responses=openapi.answers({200: ("The hub", openapi.ref(tmf.Hub), None)}, (400, 404)))
    async def retrieve_hub(id: str):
        return ok(record(id))

    @router.delete("/hub/{id}", summary="Unregister a listener", status_code=204, responses=openapi.answers({204: ("Unregistered", None, None)}, (401, 403, 404, 503)))
    async def delete_hub(request: Request, id: str):
        tokens.check(request.headers.get("authorization"))
        record(id)
        await gateway.put_record(readmodel.HUBS_DIR, id, None, f"Unregister hub {id}")
        return Response(status_code=204)


# ---- the guide's alias ----------------------------------------------------------------------------


def _alias(gateway: Gateway, tokens: Tokens, probes: views.Probes, bridge: EventBridge) -> APIRouter:
    router = APIRouter(prefix=views.ALIAS_BASE, tags=["The guide's intent path (KRM)"], dependencies=[Depends(closed_query)])
    krm_answer = openapi.ref(tmf.KrmIntent)

    @router.post(
        "/intents",
        summary="Create an intent from the guide's KRM intent (or a TMF921 Intent_FVO)",
        status_code=201,
        responses=openapi.answers(
            {201: ("Created: rendered and committed; the KRM intent as committed (a ProbeIntent: the probe)", openapi.one_of(tmf.KrmIntent, tmf.ProbeIntent), openapi.LOCATION)},
            (400, 401, 403, 409, 413, 415, 422, 503),
        ),
        openapi_extra=openapi.body(openapi.one_of(tmf.KrmIntent, tmf.Intent_FVO)),
    )
    async def create(request: Request):
        tokens.check(request.headers.get("authorization"))
        body = await read_json(request)
        no_placeholders(body)
        if isinstance(body, dict) and ("apiVersion" in body or "kind" in body or "metadata" in body):
            spec = body.get("spec")
            if isinstance(spec, dict):  # one form's errors, not both forms' of the union
                validated(tmf.IntentSpecV5 if "expression" in spec else tmf.KrmIntentSpec, spec, "spec")
            checked = validated(tmf.KrmIntent, body, "KRM intent")
            name = checked.metadata.name
            if not tmf_dns_label(name):
                raise ApiError(400, f"metadata.name {name!r} is not a DNS label (lower-case letters, digits and '-', at most 63 characters): it names the intent's package; e.g. {dns_label(name)!r}")
            krm = intents.from_krm(body)
            krm.setdefault("metadata", {}).setdefault("namespace", gateway.settings.namespace)
        else:
            fvo = dumped(validated(tmf.Intent_FVO, body))
            krm = intents.from_fvo(fvo, gateway.settings.namespace)
            if fvo["@type"] == "ProbeIntent":
                out = await run_probe(gateway, probes, krm, fvo)
                return ok(out, 201, {"Location": out["href"]})
        view = await gateway.create(krm)
        return ok(views.krm_intent(view), 201, {"Location": views.intent_href(view.name)})

    @router.get("/intents", summary="List the intents as KRM resources", responses=openapi.answers({200: ("A List of intents", openapi.ref(tmf.KrmIntentList), openapi.COUNT_HEADERS)}, (400,)))
    async def list_intents(offset: int | None = Query(None, ge=0), limit: int | None = Query(None, ge=1)):
        found = sorted(gateway.snapshot.packages.values(), key=lambda v: (v.created, v.name))
        shown = [views.krm_intent(v) for v in query.page(found, offset, limit)]
        return ok({"apiVersion": "v1", "kind": "List", "items": shown}, headers=query.count_headers(len(found), len(shown)))

    @router.get("/intents/{name}", summary="Retrieve an intent as its KRM resource", responses=openapi.answers({200: ("The KRM intent, status included", krm_answer, None)}, (404,)))
    async def retrieve(name: str):
        view = gateway.snapshot.packages.get(name)
        if view is None:
            raise ApiError(404, f"no intent {name}")
        return ok(views.krm_intent(view))

    @router.delete("/intents/{name}", summary="Delete an intent and its package", status_code=204, responses=openapi.answers({204: ("Deleted and committed", None, None)}, (401, 403, 404, 409, 503)))
    async def delete(request: Request, name: str):
        tokens.check(request.headers.get("authorization"))
        await gateway.delete(name)
        return Response(status_code=204)

    @router.get("/health", summary="Liveness: the commit served and the number of intents", responses=openapi.answers({200: ("Serving", {"type": "object"}, None)}, ()))
    async def health():
        snapshot = gateway.snapshot
        return ok({"status": "serving", "head": snapshot.head, "intents": len(snapshot.packages)})

    return router


def tmf_dns_label(name: str) -> bool:
    return len(name) <= 63 and re.fullmatch(tmf.DNS_LABEL, name) is not None


# ---- O2 IMS ---------------------------------------------------------------------------------------


def _o2ims(gateway: Gateway, prefix: str, alias: bool) -> APIRouter:
    router = APIRouter(
        prefix=prefix,
        tags=["O2 IMS InfrastructurePerformance" + (" (the guide's /o2ims/v1 paths)" if alias else "")],
        deprecated=alias or None,
        dependencies=[Depends(closed_query)],
    )
    job = openapi.ref(o2ims_models.MeasurementJob)

    @router.get("/api_versions", summary="API versions", responses=openapi.answers({200: ("Versions", openapi.ref(o2ims_models.APIVersions), None)}, (), problem=True))
    async def api_versions():
        return ok({"uriPrefix": f"{prefix}/v1", "apiVersions": [{"version": "1.0.0"}]})

    @router.get("/v1/api_versions", summary="API versions of v1", responses=openapi.answers({200: ("Versions", openapi.ref(o2ims_models.APIVersions), None)}, (), problem=True))
    async def api_versions_v1():
        return ok({"uriPrefix": f"{prefix}/v1", "apiVersions": [{"version": "1.0.0"}]})

    @router.get("/v1/measurementJobs", summary="Query measurement jobs", responses=openapi.answers({200: ("Jobs", {"type": "array", "items": job}, None)}, (400,), problem=True))
    async def list_jobs(
        request: Request,
        filter: str | None = None,
        fields: str | None = None,
        exclude_fields: str | None = None,
        all_fields: str | None = None,
        exclude_default: str | None = None,
        nextpage_opaque_marker: str | None = None,
    ):
        unknown = sorted(set(request.query_params) - set(o2ims.CONTROL))
        if unknown:
            raise ApiError(400, f"unknown query parameter {', '.join(unknown)}; use {', '.join(o2ims.CONTROL)}")
        terms = o2ims.parse_filter(filter)
        found = [j for _, _, j in o2ims.jobs(gateway.snapshot) if o2ims.keep(j, terms)]
        start = o2ims.offset_of(nextpage_opaque_marker)
        size = o2ims.page_size()
        chosen = found[start : start + size]
        selectors = {"fields": fields, "exclude_fields": exclude_fields, "all_fields": all_fields, "exclude_default": exclude_default}
        shown = [o2ims.shaped(j, {k: v for k, v in selectors.items() if v is not None}) for j in chosen]
        headers = {}
        if start + size < len(found):
            following = request.url.include_query_params(nextpage_opaque_marker=o2ims.marker(start + size))
            headers["Link"] = f'<{following}>; rel="next"'
        return ok(shown, headers=headers)

    @router.get("/v1/measurementJobs/{measurementJobId}", summary="Read a measurement job", responses=openapi.answers({200: ("The job", job, None)}, (404, 409), problem=True))
    async def read_job(measurementJobId: str):
        return ok(o2ims.find(gateway.snapshot, measurementJobId)[2])

    @router.get(
        "/v1/measurementJobs/{measurementJobId}/results",
        summary="Newest MeasurementReport of a job (an extension: O2 IMS v10.00 serves no measured values)",
        responses=openapi.answers({200: ("The MeasurementReport", openapi.ref(o2ims_models.MeasurementReportDocument), None)}, (404, 409), problem=True),
    )
    async def job_results(measurementJobId: str):
        view, resource, found = o2ims.find(gateway.snapshot, measurementJobId)
        report = o2ims.latest_report(view, resource)
        if report is None:
            raise ApiError(404, f"measurement job {found['performanceMeasurementJobId']} has no MeasurementReport yet: the collector writes them (make collect)")
        return ok(dict(report))

    return router
