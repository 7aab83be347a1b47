"""The O2 IMS InfrastructurePerformance API's measurement jobs, read from the repository.

Every `measurement.o2ims.org` MeasurementJob the pipeline rendered into an intent package is an
O2 IMS MeasurementJob (O-RAN.WG6.O2IMS-INTERFACE R004 v10.00 section 3.7):

| O2 IMS field | from the MeasurementJob resource |
|---|---|
| `performanceMeasurementJobId` | a UUID (version 5) of the package and job names: stable across restarts |
| `consumerPerformanceJobId` | `spec.o2imsJobRequest.consumerPerformanceJobId` (the job's name otherwise) |
| `state` / `status` | `ACTIVE` / `RUNNING`: the job is in the repository for a collector to run |
| `collectionInterval` | `spec.o2imsJobRequest.collectionInterval` (seconds; the IM default 300 otherwise) |
| `resourceScopeCriteria`, `measurementSelectionCriteria` | `spec.o2imsJobRequest`'s (the measurements' names otherwise) |
| `preinstalledJob` | false: the pipeline made it for an intent |
| `measuredResources`, `collectedMeasurements` | `spec.targetResources`, `spec.measurements` (hidden unless asked for, as `exclude_default` says) |
| `extensions` | the intent, the job's name, its schedule and each measurement's query and unit |

List queries follow ETSI GS NFV-SOL 013: `filter` (`(eq,state,ACTIVE);(cont,consumerPerformanceJobId,cu)`,
operators eq, neq, in, nin, gt, gte, lt, lte, cont, ncont; `/` between nested attribute names),
`fields`, `exclude_fields`, `all_fields`, `exclude_default`, and `nextpage_opaque_marker` with a
`Link: <...>; rel="next"` header when there is more.

`GET .../measurementJobs/{id}/results` is **not** in O2 IMS (v10.00 defines no resource for
measured values); it returns the newest `MeasurementReport` for the job in its package: the
evidence the SLO gate judged, in the project's own format.
"""

from __future__ import annotations

import base64
import os
import re
import uuid
from typing import Any, Iterable, Mapping

from . import krm
from .errors import ApiError
from .readmodel import PackageView, Snapshot

JOB_NAMESPACE = uuid.UUID("6f1c0c2e-6d7b-5b1e-9a53-0e3c2b9d7a41")
DEFAULT_FIELDS_EXCLUDED = ("measuredResources", "collectedMeasurements")
ALWAYS = ("performanceMeasurementJobId",)
PAGE_SIZE = 100  # jobs per answer; INTENT_GATEWAY_PAGE_SIZE changes it
CONTROL = ("filter", "fields", "exclude_fields", "all_fields", "exclude_default", "nextpage_opaque_marker")
_TERM = re.compile(r"^\((?P<op>[a-z]+),(?P<attr>[^,()]+)(?:,(?P<values>[^()]*))?\)$")
_COMPARE = {
    "eq": lambda a, vs: a in vs,
    "neq": lambda a, vs: a not in vs,
    "in": lambda a, vs: a in vs,
    "nin": lambda a, vs: a not in vs,
    "gt": lambda a, vs: _ordered(a) > _ordered(vs[0]),
    "gte": lambda a, vs: _ordered(a) >= _ordered(vs[0]),
    "lt": lambda a, vs: _ordered(a) < _ordered(vs[0]),
    "lte": lambda a, vs: _ordered(a) <= _ordered(vs[0]),
    "cont": lambda a, vs: any(v in a for v in vs),
    "ncont": lambda a, vs: not any(v in a for v in vs),
}


def job_id(package: str, job: str) -> str:
    return str(uuid.uuid5(JOB_NAMESPACE, f"{package}/{job}"))


def jobs(snapshot: Snapshot) -> list[tuple[PackageView, Mapping[str, Any], dict[str, Any]]]:
    """(package, MeasurementJob resource, O2 IMS MeasurementJob) of every job, ordered by intent and name."""
    out = []
    for name in sorted(snapshot.packages):
        view = snapshot.packages[name]
        for job in view.measurement_jobs:
            out.append((view, job, measurement_job(view, job)))
    return out


def measurement_job(view: PackageView, job: Mapping[str, Any]) -> dict[str, Any]:
    spec = job.get("spec") if isinstance(job.get("spec"), Mapping) else {}
    request = spec.get("o2imsJobRequest") if isinstance(spec.get("o2imsJobRequest"), Mapping) else {}
    measurements = [m for m in spec.get("measurements") or [] if isinstance(m, Mapping)]
    targets = [t for t in spec.get("targetResources") or [] if isinstance(t, Mapping)]
    added = [view.created] if view.created else []
    selection = request.get("measurementSelectionCriteria") or [{"measurementName": str(m.get("name"))} for m in measurements]
    out: dict[str, Any] = {
        "performanceMeasurementJobId": job_id(view.name, krm.name(job)),
        "consumerPerformanceJobId": str(request.get("consumerPerformanceJobId") or krm.name(job)),
        "state": "ACTIVE",
        "status": "RUNNING",
        "collectionInterval": int(request.get("collectionInterval") or 300),
        "measurementSelectionCriteria": list(selection),
        "preinstalledJob": False,
        "measuredResources": [
            {"resourceTypeId": str(t.get("resourceType") or ""), "resourceId": str(t.get("resourceName") or ""), "timeAdded": added, "timeDeleted": [], "isCurrentlyMeasured": True}
            for t in targets
        ],
        "collectedMeasurements": [
            {"performanceMeasurementDefinitionId": str(m.get("name")), "timeAdded": added, "timeDeleted": [], "isCurrentlyMeasured": True} for m in measurements
        ],
        "extensions": {
            "intent": view.name,
            "measurementJob": krm.name(job),
            "schedule": spec.get("schedule"),
            "measurements": [{"name": m.get("name"), "query": m.get("query"), "unit": m.get("unit")} for m in measurements],
        },
    }
    if request.get("resourceScopeCriteria") is not None:
        out["resourceScopeCriteria"] = dict(request["resourceScopeCriteria"])
    return out


def find(snapshot: Snapshot, identifier: str) -> tuple[PackageView, Mapping[str, Any], dict[str, Any]]:
    """A job by its performanceMeasurementJobId, or by its resource name when that is unique."""
    found = [entry for entry in jobs(snapshot) if entry[2]["performanceMeasurementJobId"] == identifier]
    if not found:
        found = [entry for entry in jobs(snapshot) if krm.name(entry[1]) == identifier]
    if len(found) > 1:
        raise ApiError(409, f"{len(found)} measurement jobs are named {identifier}: use a performanceMeasurementJobId ({', '.join(e[2]['performanceMeasurementJobId'] for e in found)})")
    if not found:
        raise ApiError(404, f"no measurement job {identifier}")
    return found[0]


def latest_report(view: PackageView, job: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The newest MeasurementReport of the job: naming it in `jobRef`, else measuring its target."""
    spec = job.get("spec") if isinstance(job.get("spec"), Mapping) else {}
    targets = {str(t.get("resourceName")) for t in spec.get("targetResources") or [] if isinstance(t, Mapping)}
    named = [r for r in view.measurement_reports if str(((r.get("spec") or {}).get("jobRef") or {}).get("name") or "") == krm.name(job)]
    candidates = named or [r for r in view.measurement_reports if str(((r.get("spec") or {}).get("targetRef") or {}).get("name") or "") in targets]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (str(((r.get("spec") or {}).get("window") or {}).get("end") or ""), krm.name(r)))


def parse_filter(text: str | None) -> list[tuple[str, list[str], list[str]]]:
    """(operator, attribute path, values) of each term of a SOL013 filter."""
    if not text:
        return []
    out = []
    for term in text.split(";"):
        match = _TERM.match(term.strip())
        if not match or match["op"] not in _COMPARE:
            raise ApiError(400, f"filter term {term!r} is not (op,attribute[,value...]) with op one of {', '.join(_COMPARE)}")
        values = (match["values"] or "").split(",") if match["values"] is not None else []
        if not values and match["op"] not in ("eq", "neq"):
            raise ApiError(400, f"filter term {term!r} needs a value")
        out.append((match["op"], match["attr"].split("/"), values))
    return out


def keep(job: Mapping[str, Any], terms: list[tuple[str, list[str], list[str]]]) -> bool:
    for operator, path, values in terms:
        value: Any = job
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        if isinstance(value, bool):
            value = "true" if value else "false"
        if value is None or isinstance(value, (dict, list)):
            if operator in ("neq", "nin", "ncont"):
                continue
            return False
        if not _COMPARE[operator](str(value), values):
            return False
    return True


def _ordered(value: str) -> Any:
    try:
        return (0, float(value))
    except ValueError:
        return (1, value)


def shaped(job: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    """The attribute selectors of SOL013 applied to one job."""
    names = set(job)
    if "all_fields" in params:
        return job
    if params.get("fields"):
        wanted = set(_names(params["fields"], names))
        return {k: v for k, v in job.items() if k in wanted or k in ALWAYS}
    excluded = set(_names(params.get("exclude_fields") or "", names))
    excluded |= set(DEFAULT_FIELDS_EXCLUDED)
    return {k: v for k, v in job.items() if k not in excluded}


def _names(text: str, known: Iterable[str]) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = sorted(set(n.split("/")[0] for n in names) - set(known))
    if unknown:
        raise ApiError(400, f"no attribute {', '.join(unknown)}; a MeasurementJob has {', '.join(sorted(known))}")
    return [n.split("/")[0] for n in names]


def page_size() -> int:
    text = os.environ.get("INTENT_GATEWAY_PAGE_SIZE", "")
    return int(text) if text.isdigit() and int(text) > 0 else PAGE_SIZE


def marker(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def offset_of(text: str | None) -> int:
    if not text:
        return 0
    try:
        decoded = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        kind, _, number = decoded.partition(":")
        if kind == "offset" and number.isdigit():
            return int(number)
    except ValueError:
        pass
    raise ApiError(400, "nextpage_opaque_marker is not one this server handed out")
