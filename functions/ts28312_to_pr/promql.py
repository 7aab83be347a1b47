"""PromQL templates: placeholders filled in, and the checks every template and query gets.

A placeholder is `${name}` (or `$name`); `$$` writes a `$`.  Any other `$` is
the query's own, so a regular expression such as `handler=~"/api$"` is kept
as written (the checks warn that PromQL anchors it already).  The checks
themselves live in `oran_intent_krm.assurance.promql`, shared with the
measurement collector.
"""

from __future__ import annotations

import re

from oran_intent_krm.assurance import promql as checks
from oran_intent_krm.assurance import timing
from oran_intent_krm.assurance.revision import PROMETHEUS_LABEL
from oran_intent_krm.sdk import durations

PLACEHOLDERS = ("cluster", "window", "step", "rateWindow", "provisioningRequest", "intent", "revision")
# `${name}`, `$name`, `$$`; `${` without its `}` is malformed.
_PLACEHOLDER = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?P<named>[A-Za-z_][A-Za-z0-9_]*)|(?P<dollar>\$)|(?P<open>\{))")
SAMPLE_REVISION = "0123456789abcdef"
_SAMPLE = {"cluster": "edge-cluster-1", "request": "pr", "intent": "intent", "revision": SAMPLE_REVISION}
RATE_WINDOW_SCRAPES = 4  # ${rateWindow}: four scrape intervals, the usual advice for rate()


def render(template: str, values: dict[str, str]) -> str:
    """The query with its placeholders filled in; KeyError for an unknown one, ValueError for a malformed one."""

    def fill(match: re.Match) -> str:
        if match.group("dollar"):
            return "$"
        if match.group("open"):
            raise ValueError(f"${{ at character {match.start()} is not followed by a name and }}")
        name = match.group("braced") if match.group("braced") is not None else match.group("named")
        if name not in values:
            raise KeyError(name)
        return values[name]

    return _PLACEHOLDER.sub(fill, template)


def values(config: dict, cluster: str, request: str, intent: str, revision: str) -> dict[str, str]:
    """What the placeholders stand for, from the function's configuration and one ProvisioningRequest."""
    scrape = durations.seconds(config["scrapeInterval"])
    return {
        "cluster": cluster,
        "window": config["measurementWindow"],
        "step": config["evaluationPeriod"],
        "rateWindow": timing.format_duration(RATE_WINDOW_SCRAPES * scrape),
        "provisioningRequest": request,
        "intent": intent,
        "revision": revision,
    }


def template_problem(template: str, config: dict) -> str | None:
    """Why a query template is unusable, or None."""
    filled = values(config, **_SAMPLE)
    try:
        query = render(template, filled)
    except KeyError as exc:
        return f"unknown placeholder ${{{exc.args[0]}}} (known: {', '.join('${' + p + '}' for p in PLACEHOLDERS)})"
    except ValueError as exc:
        return f"malformed placeholder: {exc}"
    return query_problem(query)


def template_findings(template: str, unit: str, config: dict) -> list[checks.Finding]:
    """The checks' findings about a template that renders and parses (see template_problem)."""
    query = render(template, values(config, **_SAMPLE))
    revision = checks.Revision(PROMETHEUS_LABEL, SAMPLE_REVISION, "${revision}")
    return checks.lint(query, unit, durations.seconds(config["scrapeInterval"]), revision, template=True)


def query_problem(query: str) -> str | None:
    """Why a PromQL query does not parse or cannot give a value to compare, or None."""
    import promql_parser  # heavy: only loaded when there is an assurance plan to build

    try:
        expr = checks.parse(query)
    except ValueError as exc:
        return f"not valid PromQL: {exc}"
    while isinstance(expr, promql_parser.ParenExpr):
        expr = expr.expr
    if isinstance(expr, (promql_parser.MatrixSelector, promql_parser.SubqueryExpr)):
        return "gives a range vector; an SLO needs an instant vector or a scalar (wrap it, e.g. in rate())"
    if isinstance(expr, promql_parser.StringLiteral):
        return "gives a string; an SLO needs a number"
    return None
