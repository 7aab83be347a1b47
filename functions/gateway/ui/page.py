"""The status page as HTML: server-rendered, inline SVG, no script, no external asset.

Made from `status.status_page`'s answer alone (the JSON view's data).  Every value is escaped;
the only style is the one `<style>` element below, allowed by its hash in the
Content-Security-Policy (`CSP`), and the charts style themselves with presentation attributes.
Filters and paging are plain links, so the page needs no form and works without a network.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Mapping
from urllib.parse import urlencode

from . import chart, status
from .chart import text

CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 0 16px 48px; }
header { border-bottom: 1px solid var(--line); padding: 12px 0; }
h1 { font-size: 22px; margin: 4px 0; }
h2 { font-size: 18px; margin: 0 0 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.enforcement { font-size: 13px; font-weight: normal; margin-left: 8px; }
a { color: #1a5fb4; }
nav a, nav strong { margin-right: 12px; }
.muted, .meta { color: var(--muted); }
.pager { margin: 12px 0; }
.intent { border: 1px solid var(--line); border-radius: 6px; margin: 16px 0; padding: 12px 16px; }
.badge { border-radius: 10px; display: inline-block; font-size: 12px; font-weight: 600; margin-left: 8px; padding: 1px 8px; vertical-align: middle; }
.Fulfilled, .Passed { background: #e6f4ea; color: #1e7b34; }
.Degraded, .Failed { background: #fce8e6; color: #b3261e; }
.Active, .Inconclusive, .NotEvaluated { background: #fef3e0; color: #a15c00; }
.Suspended { background: #eceff1; color: #5f6368; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
.gate { margin: 12px 0 0; }
.why { background: #fef3e0; border-left: 4px solid #a15c00; margin: 6px 0; padding: 6px 10px; }
.why ul { margin: 4px 0 0; padding-left: 18px; }
svg.slo-chart { display: block; height: auto; max-width: 100%; }
""".strip()
CSP = "; ".join(
    (
        "default-src 'none'",
        f"style-src 'sha256-{base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()}'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def html(page: Mapping[str, Any]) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Intents: status</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *_header(page),
        *_pager(page),
        "<main>",
    ]
    if not page["intents"]:
        parts.append(f'<p class="empty">{text(_empty(page))}</p>')
    parts += [line for intent in page["intents"] for line in _intent(intent)]
    parts += ["</main>", *_pager(page), "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _empty(page: Mapping[str, Any]) -> str:
    if page["counts"]["intents"] == 0:
        return "No intents yet: create one with POST /tmf-api/intentManagement/v5/intent."
    return "No intents on this page."


def _header(page: Mapping[str, Any]) -> list[str]:
    counts = page["counts"]
    chosen = page["lifecycleStatus"]
    filters = [_filter_link(None, f"All ({counts['intents']})", chosen, page["limit"])]
    filters += [_filter_link(s, f"{s} ({n})", chosen, page["limit"]) for s, n in counts["lifecycleStatus"].items()]
    gates = ", ".join(f"{n} {p if p != status.NOT_EVALUATED else 'not evaluated'}" for p, n in counts["gates"].items())
    head = (page["head"] or "")[:12]
    return [
        "<header>",
        "<h1>Intents</h1>",
        f'<p class="meta">{counts["intents"]} intents; SLO gates: {text(gates)}. Read from commit <code>{text(head or "none")}</code> of the repository; reload for the newest. '
        f'<a href="{text(_query("status.json", page["offset"], page["limit"], chosen))}">This page as JSON</a></p>',
        f'<nav class="filters" aria-label="lifecycleStatus">{"".join(filters)}</nav>',
        "</header>",
    ]


def _filter_link(value: str | None, label: str, chosen: str | None, limit: int) -> str:
    if value == chosen:
        return f'<strong aria-current="page">{text(label)}</strong>'
    return f'<a href="{text(_query("./", 0, limit, value))}">{text(label)}</a>'


def _pager(page: Mapping[str, Any]) -> list[str]:
    total, offset, limit, chosen = page["total"], page["offset"], page["limit"], page["lifecycleStatus"]
    shown = len(page["intents"])
    what = f"{text(chosen)} intents" if chosen else "Intents"
    where = f"{what} {offset + 1}&ndash;{offset + shown} of {total}" if shown else f"{what}: none of {total} from {offset + 1}"
    links = []
    if offset > 0:
        last = (total - 1) // limit * limit if total else 0  # past the end, "previous" is the last page
        links.append(f'<a rel="prev" href="{text(_query("./", max(min(offset - limit, last), 0), limit, chosen))}">&larr; Previous</a>')
    if offset + limit < total:
        links.append(f'<a rel="next" href="{text(_query("./", offset + limit, limit, chosen))}">Next &rarr;</a>')
    return [f'<nav class="pager" aria-label="pages"><strong>{where}</strong> {" ".join(links)}</nav>']


def _query(path: str, offset: int, limit: int, lifecycle: str | None) -> str:
    params: dict[str, Any] = {"offset": offset, "limit": limit}
    if lifecycle:
        params["lifecycleStatus"] = lifecycle
    return f"{path}?{urlencode(params)}"


def _intent(intent: Mapping[str, Any]) -> list[str]:
    name, lifecycle = intent["id"], intent["lifecycleStatus"]
    out = [
        f'<section class="intent" id="intent-{text(name)}" data-intent="{text(name)}" data-lifecycle="{text(lifecycle)}">',
        f'<h2>{text(intent["name"])}<span class="badge lifecycle {text(lifecycle)}">{text(lifecycle)}</span></h2>',
    ]
    if intent.get("description"):
        out.append(f'<p class="description">{text(intent["description"])}</p>')
    dates = [f"{label} {intent[key]}" for key, label in (("creationDate", "created"), ("lastUpdate", "updated"), ("statusChangeDate", "status changed")) if intent.get(key)]
    if intent.get("priority"):
        dates.append(f"priority {intent['priority']}")
    out.append(f'<p class="meta">id <a href="{text(intent["href"])}">{text(name)}</a>; {text("; ".join(dates))}</p>')
    out += _clusters(intent)
    for gate in intent["gates"]:
        out += _gate(gate)
    out.append("</section>")
    return out


def _clusters(intent: Mapping[str, Any]) -> list[str]:
    if not intent["clusters"]:
        return ['<p class="muted">No ProvisioningRequest: the render produced none.</p>']
    verdicts = {g["name"]: g["phase"] or status.NOT_EVALUATED for g in intent["gates"]}
    out = [
        '<table class="clusters">',
        "<thead><tr><th>Cluster</th><th>ProvisioningRequest</th><th>Workloads</th><th>SLO gate</th></tr></thead>",
        "<tbody>",
    ]
    for cluster in intent["clusters"]:
        workloads = ", ".join(f"{w['kind']} {w['name']}" for w in cluster["workloads"]) or "none"
        namespaces = ", ".join(cluster["namespaces"])
        summary = f"{workloads}; {cluster['resources']} resources" + (f" in {namespaces}" if namespaces else "")
        gates = " ".join(
            f'{text(g)}<span class="badge {text(verdicts.get(g, status.NOT_EVALUATED))}">{text(_phase(verdicts.get(g)))}</span>' for g in cluster["gates"]
        )
        out.append(
            f'<tr data-cluster="{text(cluster["cluster"])}"><td>{text(cluster["cluster"])}</td><td>{text(cluster["provisioningRequest"])}'
            f'{_class(cluster["performanceClass"])}</td><td>{text(summary)}</td><td>{gates or "none"}</td></tr>'
        )
    out += ["</tbody>", "</table>"]
    return out


def _class(performance: Any) -> str:
    return f' <span class="muted">({text(performance)})</span>' if performance else ""


def _phase(phase: str | None) -> str:
    return "not evaluated" if not phase or phase == status.NOT_EVALUATED else phase


def _gate(gate: Mapping[str, Any]) -> list[str]:
    phase = gate["phase"] or status.NOT_EVALUATED
    out = [
        f'<figure class="gate" data-gate="{text(gate["name"])}" data-phase="{text(phase)}">',
        f'<h3>SLOGate {text(gate["name"])}<span class="badge {text(phase)}">{text(_phase(gate["phase"]))}</span>{_enforcement(gate)}</h3>',
    ]
    if gate["phase"] == "Inconclusive":
        out += _why_inconclusive(gate)
    elif gate["message"]:
        reason = f"{gate['reason']}: " if gate["reason"] else ""
        out.append(f'<p class="verdict">{text(reason + gate["message"])}</p>')
    out.append(chart.svg(status.chart_of(gate)).rstrip("\n"))
    out.append("</figure>")
    return out


def _enforcement(gate: Mapping[str, Any]) -> str:
    return f' <span class="muted enforcement">enforcement {text(gate["enforcement"])}</span>' if gate.get("enforcement") else ""


def _why_inconclusive(gate: Mapping[str, Any]) -> list[str]:
    unsure = [t for t in gate["targets"] if t["verdict"] == "Inconclusive" and t["message"] != gate["message"]]
    items = "".join(f"<li>{text(t['metric'])}: {text(t['reason'])}, {text(t['message'])}</li>" for t in unsure)
    return [
        f'<div class="why" data-reason="{text(gate["reason"] or "")}"><strong>Inconclusive because</strong> {text(gate["message"] or "")} ({text(gate["reason"] or "")})'
        + (f"<ul>{items}</ul>" if items else "")
        + "</div>"
    ]
