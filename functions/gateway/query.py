"""TMF630 list queries: attribute filters, `fields` projection, `offset`/`limit` paging.

- `attr=value` keeps resources whose attribute is `value` (`a,b`: either); `attr.gt=`, `.gte=`,
  `.lt=`, `.lte=` compare as text (so RFC 3339 dates compare in time order).  Only top-level
  scalar attributes filter; any other query parameter is an error naming the ones that work.
- `fields=name,expression` keeps those attributes (plus `id`, `href` and `@type`, always).
- The order is stable (creation date, then id); `X-Total-Count` counts every match and
  `X-Result-Count` the ones in this page.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .errors import ApiError

OPERATORS = {"gt": lambda a, b: a > b, "gte": lambda a, b: a >= b, "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b}
ALWAYS = ("id", "href", "@type")
CONTROL = ("fields", "offset", "limit")


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def filters(params: Iterable[tuple[str, str]], filterable: Iterable[str], extra: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """(attribute, operator, value) of the filters in a query; ApiError 400 for a parameter that is none."""
    allowed = set(filterable)
    out = []
    for key, value in params:
        if key in CONTROL or key in extra:
            continue
        attribute, _, operator = key.partition(".")
        if attribute not in allowed or (operator and operator not in OPERATORS):
            raise ApiError(
                400,
                f"unknown query parameter {key}: filter on {', '.join(sorted(allowed))} "
                f"(attr=value, attr=a,b, attr.gt|gte|lt|lte=value), or use {', '.join(CONTROL)}",
            )
        out.append((attribute, operator or "eq", value))
    return out


def matches(resource: Mapping[str, Any], conditions: list[tuple[str, str, str]]) -> bool:
    for attribute, operator, wanted in conditions:
        actual = _text(resource.get(attribute))
        if actual is None:
            return False
        if operator == "eq":
            if actual not in wanted.split(","):
                return False
        elif not OPERATORS[operator](actual, wanted):
            return False
    return True


def projected(resource: Mapping[str, Any], fields: str | None, known: Iterable[str]) -> dict[str, Any]:
    if not fields:
        return dict(resource)
    wanted = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        raise ApiError(400, f"fields: no attribute {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return {k: v for k, v in resource.items() if k in ALWAYS or k in wanted}


def page(items: list[Any], offset: int | None, limit: int | None) -> list[Any]:
    start = offset or 0
    return items[start : start + limit] if limit is not None else items[start:]


def count_headers(total: int, shown: int) -> dict[str, str]:
    return {"X-Total-Count": str(total), "X-Result-Count": str(shown)}
