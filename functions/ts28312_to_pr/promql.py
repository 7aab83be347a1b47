"""PromQL templates: substitution and validation with the promql-parser package."""

from __future__ import annotations

from string import Template

PLACEHOLDERS = ("cluster", "window", "step", "provisioningRequest", "intent")
_SAMPLE = {"cluster": "edge-cluster-1", "window": "5m", "step": "30s", "provisioningRequest": "pr", "intent": "intent"}


def render(template: str, values: dict[str, str]) -> str:
    """The query with ${placeholder}s filled in; KeyError/ValueError for an unknown or malformed one."""
    return Template(template).substitute(values)


def template_problem(template: str) -> str | None:
    """Why a query template is unusable, or None."""
    try:
        query = render(template, _SAMPLE)
    except KeyError as exc:
        return f"unknown placeholder ${{{exc.args[0]}}} (known: {', '.join('${' + p + '}' for p in PLACEHOLDERS)})"
    except ValueError as exc:
        return f"malformed placeholder: {exc}"
    return query_problem(query)


def query_problem(query: str) -> str | None:
    """Why a PromQL query does not parse or cannot give a value to compare, or None."""
    import promql_parser  # heavy: only loaded when there is an assurance plan to build

    try:
        expr = promql_parser.parse(query)
    except ValueError as exc:
        return f"not valid PromQL: {exc}"
    while isinstance(expr, promql_parser.ParenExpr):
        expr = expr.expr
    if isinstance(expr, (promql_parser.MatrixSelector, promql_parser.SubqueryExpr)):
        return "gives a range vector; an SLO needs an instant vector or a scalar (wrap it, e.g. in rate())"
    if isinstance(expr, promql_parser.StringLiteral):
        return "gives a string; an SLO needs a number"
    return None
