"""Errors the gateway answers: TMF630 `Error` bodies on the TMF921 paths, RFC 7807 problem details
on the O2 IMS ones.  Every message says what was wrong and how to put it right."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any, Iterable, Mapping, get_args, get_origin

REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class ApiError(Exception):
    """An error answer: status, a short reason, the message, and KRM results for a failed render."""

    def __init__(self, status: int, message: str, *, reason: str | None = None, results: list[dict[str, Any]] | None = None, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.reason = reason or REASONS.get(status, "Error")
        self.results = results
        self.headers = dict(headers or {})

    def tmf630(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "@type": "Error" if self.results is None else "RenderError",
            "code": f"ERR{self.status}",
            "reason": self.reason,
            "message": self.message,
            "status": str(self.status),
        }
        if self.results is not None:
            body["@baseType"] = "Error"
            body["results"] = self.results
        return body

    def problem(self, instance: str) -> dict[str, Any]:
        return {"type": "about:blank", "title": self.reason, "status": self.status, "detail": self.message, "instance": instance}


def validation_error(error: Any, model: type, what: str = "body") -> ApiError:
    """A pydantic ValidationError as one 400 naming every bad field, with suggestions."""
    problems = [_problem(e, model) for e in error.errors(include_url=False)]
    return ApiError(400, f"invalid {what}: " + "; ".join(dict.fromkeys(problems)), reason="Invalid body")


def _problem(entry: Mapping[str, Any], model: type) -> str:
    loc = [part for part in entry.get("loc", ()) if not _is_union_tag(part)]
    path = _path(loc)
    kind = entry.get("type")
    if kind == "extra_forbidden":
        known = known_fields(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6) if known else []
        hint = f" (did you mean {guess[0]}?)" if guess else (f" (known fields: {', '.join(sorted(known))})" if known else "")
        return f"unknown field {path}{hint}"
    if kind == "missing":
        return f"{path} is required"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "name":
        value = str(entry.get("input") or "")
        return f"name {value!r} is not a DNS label (lower-case letters, digits and '-', at most 63 characters): it names the intent's package; e.g. {dns_label(value)!r}"
    return f"{path or 'body'}: {entry.get('msg')}"


def _is_union_tag(part: Any) -> bool:
    # pydantic puts the member of a union it tried in the location (e.g. 'JsonLdExpression').
    return isinstance(part, str) and (part in _model_names() or "[" in part)


@lru_cache(maxsize=1)
def _model_names() -> frozenset[str]:
    from oran_intent_krm.models import measurement, tmf921, tmf921_api

    return frozenset(n for m in (tmf921, tmf921_api, measurement) for n, v in vars(m).items() if isinstance(v, type) and hasattr(v, "model_fields"))


def _path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def known_fields(model: Any, loc: list[Any]) -> list[str]:
    """The JSON names of the fields a model accepts at a location (best effort)."""
    current = model
    for part in loc:
        if isinstance(part, int):
            current = _element(current)
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return []
        match = next((f for name, f in fields.items() if (f.alias or name) == part or name == part), None)
        if match is None:
            return []
        current = _element(match.annotation)
    fields = getattr(current, "model_fields", None) or {}
    return [f.alias or name for name, f in fields.items()]


def _element(annotation: Any) -> Any:
    """The model inside Optional[...], list[...] or a union of one model."""
    for _ in range(4):
        if hasattr(annotation, "model_fields"):
            return annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) in (list, tuple):
            annotation = args[0] if args else annotation
        elif len(args) == 1:
            annotation = args[0]
        else:
            models = [a for a in args if hasattr(a, "model_fields")]
            annotation = models[0] if len(models) == 1 else annotation
            if len(models) != 1:
                return annotation
    return annotation


def dns_label(text: str) -> str:
    """A DNS label close to `text`: EdgeRanForEvent -> edge-ran-for-event."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text).lower()
    label = re.sub(r"[^a-z0-9]+", "-", spaced).strip("-")[:63].strip("-")
    return label or "my-intent"
