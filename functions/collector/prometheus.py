"""Queries on the Prometheus HTTP API (`/api/v1/query_range`, `/api/v1/query`) and its configured
scrape interval (`/api/v1/status/config`), with the standard library only.

The only host ever contacted is the one of the URL given: proxy settings from
the environment are ignored and redirects are refused.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from .errors import CollectorError

QUERY_RANGE = "/api/v1/query_range"
QUERY = "/api/v1/query"
STATUS_CONFIG = "/api/v1/status/config"
DEFAULT_SCRAPE_INTERVAL = "1m"  # Prometheus' own default for global.scrape_interval
MAX_POINTS = 11000  # Prometheus refuses range queries with more points per series


@dataclass(frozen=True)
class RangeResult:
    series: list[dict[str, Any]]  # [{"metric": {labels}, "values": [[ts, "value"], ...]}]
    warnings: list[str] = field(default_factory=list)


def base_url(url: str) -> str:
    """The URL as given, checked: http(s), a host, no credentials, query or fragment; no trailing slash."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CollectorError(f"--prometheus {url!r} is not an http:// or https:// URL with a host")
    if parts.username or parts.password:
        raise CollectorError("--prometheus must not carry credentials: they would be written into the package")
    if parts.query or parts.fragment:
        raise CollectorError(f"--prometheus {url!r} must be a base URL, without ?query or #fragment")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise CollectorError(f"Prometheus at {req.full_url} redirected to {newurl}: give that URL instead")


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def range_query(base: str, query: str, start: float, end: float, step: float, timeout: float) -> RangeResult:
    """Evaluate `query` at start, start+step, ... end; raise CollectorError with what went wrong."""
    points = int(round((end - start) / step)) + 1
    if points > MAX_POINTS:
        raise CollectorError(f"{points} points per series exceed Prometheus' limit of {MAX_POINTS}: use a shorter window or a longer period")
    form = urllib.parse.urlencode({"query": query, "start": _seconds(start), "end": _seconds(end), "step": _seconds(step)}).encode()
    request = urllib.request.Request(
        base + QUERY_RANGE,
        data=form,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        method="POST",
    )
    body = _send(request, base, timeout, QUERY_RANGE)
    return _matrix(body, base)


def matrix_at(base: str, query: str, at: float, timeout: float) -> RangeResult:
    """The raw samples of a range-vector query (`selector[30s]`) evaluated at one instant."""
    form = urllib.parse.urlencode({"query": query, "time": _seconds(at)}).encode()
    request = urllib.request.Request(
        base + QUERY, data=form, headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}, method="POST"
    )
    return _matrix(_send(request, base, timeout, QUERY), base)


def scrape_interval(base: str, timeout: float) -> str:
    """`global.scrape_interval` of the Prometheus configuration (its default when the configuration sets none)."""
    request = urllib.request.Request(base + STATUS_CONFIG, headers={"Accept": "application/json"}, method="GET")
    body = _send(request, base, timeout, STATUS_CONFIG)
    text = body.get("data", {}).get("yaml") if isinstance(body, dict) and isinstance(body.get("data"), dict) else None
    if not isinstance(text, str) or body.get("status") != "success":
        raise CollectorError(f"{base}{STATUS_CONFIG} did not give the configuration: give --scrape-interval")
    from ruamel.yaml import YAML

    try:
        config = YAML(typ="safe").load(text) or {}
    except Exception:  # ruamel raises many unrelated exception types
        raise CollectorError(f"{base}{STATUS_CONFIG} gave a configuration that is not YAML: give --scrape-interval") from None
    glob = config.get("global") if isinstance(config, dict) else None
    value = glob.get("scrape_interval") if isinstance(glob, dict) else None
    return str(value) if value else DEFAULT_SCRAPE_INTERVAL


def _send(request: urllib.request.Request, base: str, timeout: float, endpoint: str) -> Any:
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            raw = answer.read()
    except urllib.error.HTTPError as exc:
        raise CollectorError(_http_error(exc, base, endpoint)) from None
    except urllib.error.URLError as exc:
        raise CollectorError(f"cannot reach Prometheus at {base}: {exc.reason}") from None
    except TimeoutError:
        raise CollectorError(f"no answer from Prometheus at {base} within {timeout:g}s") from None
    except OSError as exc:
        raise CollectorError(f"cannot reach Prometheus at {base}: {exc}") from None
    try:
        return json.loads(raw)
    except ValueError:
        raise CollectorError(f"{base}{endpoint} did not answer JSON: is {base} a Prometheus server?") from None


def _http_error(exc: urllib.error.HTTPError, base: str, endpoint: str) -> str:
    try:
        body = json.loads(exc.read())
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("status") == "error":
        return f"Prometheus rejected the query ({body.get('errorType')}): {body.get('error')}"
    return f"{base}{endpoint} answered HTTP {exc.code} {exc.reason}"


def _matrix(body: Any, base: str) -> RangeResult:
    if not isinstance(body, dict) or body.get("status") != "success":
        detail = body.get("error") if isinstance(body, dict) else body
        raise CollectorError(f"Prometheus at {base} did not answer success: {detail}")
    data = body.get("data") or {}
    if data.get("resultType") != "matrix" or not isinstance(data.get("result"), list):
        raise CollectorError(f"Prometheus at {base} answered a {data.get('resultType')!r} result where a matrix was asked for")
    warnings = [str(w) for w in body.get("warnings") or []]
    return RangeResult(series=data["result"], warnings=warnings)


def _seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")
