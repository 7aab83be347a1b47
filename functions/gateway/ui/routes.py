"""`/ui/`: the status page, and `/ui/status.json`, the same page as JSON.

| path | what |
|---|---|
| `GET /ui/` | HTML: every intent with its lifecycle, clusters, workloads, gates and their charts |
| `GET /ui/status.json` | the same data as JSON |

Both take `offset` (from 0), `limit` (1 to 200, 25 by default) and `lifecycleStatus` (Active,
Fulfilled, Degraded or Suspended); anything else is a 400 that says what is accepted.  Reading
needs no token, and the page holds nothing a token protects: no write operation, no form, no
token, no hub.  Not part of the TMF921 API, so not in its OpenAPI document.
"""

from __future__ import annotations

from typing import Any, Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from ..errors import ApiError
from . import page, status
from .chart import text

PARAMETERS = ("offset", "limit", "lifecycleStatus")


def status_router(read_snapshot) -> APIRouter:
    """The page's routes; `read_snapshot()` gives the read model's current snapshot."""
    router = APIRouter(prefix="/ui", include_in_schema=False)

    @router.get("/")
    async def status_html(request: Request):
        try:
            query = parse_query(request.query_params.multi_items())
        except ApiError as error:
            return HTMLResponse(error_html(error), status_code=error.status, headers=page.HEADERS)
        return HTMLResponse(page.html(status.status_page(read_snapshot(), **query)), headers=page.HEADERS)

    @router.get("/status.json")
    async def status_json(request: Request):
        query = parse_query(request.query_params.multi_items())
        body = status.status_page(read_snapshot(), **query)
        return JSONResponse(body, headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "X-Total-Count": str(body["total"]), "X-Result-Count": str(len(body["intents"]))})

    return router


def parse_query(items: list[tuple[str, str]]) -> dict[str, Any]:
    """offset, limit and lifecycleStatus from a query; ApiError 400 for anything else."""
    values: dict[str, str] = {}
    for key, value in items:
        if key not in PARAMETERS:
            raise ApiError(400, f"unknown query parameter {key}: the status page takes {', '.join(PARAMETERS)}")
        if key in values:
            raise ApiError(400, f"{key} is given twice: give it once")
        values[key] = value
    lifecycle = values.get("lifecycleStatus") or None
    if lifecycle is not None and lifecycle not in status.LIFECYCLE_STATUSES:
        raise ApiError(400, f"lifecycleStatus {lifecycle!r} is none of {', '.join(status.LIFECYCLE_STATUSES)}")
    return {
        "offset": _whole(values, "offset", 0, 0, None),
        "limit": _whole(values, "limit", status.DEFAULT_LIMIT, 1, status.MAX_LIMIT),
        "lifecycle": lifecycle,
    }


def _whole(values: Mapping[str, str], key: str, default: int, low: int, high: int | None) -> int:
    raw = values.get(key)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < low or (high is not None and int(raw) > high):
        bound = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ApiError(400, f"{key} {raw!r} is not a whole number {bound}")
    return int(raw)


def error_html(error: ApiError) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Intents: status</title>\n'
        f"<style>{page.CSS}</style>\n</head>\n<body>\n<h1>{error.status} {text(error.reason)}</h1>\n"
        f'<p>{text(error.message)}</p>\n<p><a href="./">The status page</a></p>\n</body>\n</html>\n'
    )
