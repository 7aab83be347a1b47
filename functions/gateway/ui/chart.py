"""A gate's SLO evidence as an SVG chart: `svg(GateChart) -> str`, pure and deterministic.

One panel per SLO target, stacked: the target's periods in time order against its threshold.

- the threshold is a dashed line labelled with its operator (`< 10 ms`), the side that breaches
  it is shaded; a warning threshold is a dotted line;
- a period that meets the threshold is a dot, one within the warning threshold a square, a breach
  a diamond (shapes, not only colours, tell them apart); an unusable period is a hollow ring on
  the axis; each mark's tooltip gives its time, value, samples and state;
- where the report holds periods outside the window the gate evaluated, the window is shaded;
- before any measurement the panel shows its thresholds and says that no data has come yet.

The SVG styles itself with presentation attributes only (no `style` attribute or element), so a
page with a strict Content-Security-Policy can inline it.  Every text is escaped, characters XML
cannot hold are replaced, and coordinates are rounded to 0.1: the same data gives the same bytes.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from html import escape

from .evidence import BREACH, MET, UNUSABLE, WARNING, GateChart, Period, TargetSeries

WIDTH = 640
HEADER = 44
PANEL = 132
PLOT_LEFT, PLOT_RIGHT = 64, 540  # the plot's x range; thresholds are labelled right of it
PLOT_TOP, PLOT_BOTTOM = 26, 100  # the plot's y range within a panel
INSET = 10  # between the plot's edges and the first and last period
TICKS = 4

INK, MUTED, GRID = "#1d1d1f", "#5f6368", "#dadce0"
BLUE, GREEN, AMBER, RED = "#1a5fb4", "#1e7b34", "#a15c00", "#b3261e"
COLOURS = {MET: BLUE, WARNING: AMBER, BREACH: RED, UNUSABLE: MUTED}
BREACH_FILL, WINDOW_FILL = "#fbe9e7", "#eef3fb"
VERDICT_COLOURS = {"Passed": GREEN, "Failed": RED, "Inconclusive": AMBER}
# Characters XML 1.0 cannot hold, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def svg(chart: GateChart) -> str:
    height = HEADER + PANEL * max(len(chart.targets), 1) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="slo-chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{text(summary(chart))}" font-family="sans-serif" font-size="11" fill="{INK}">',
        f"<title>{text(summary(chart))}</title>",
        *_header(chart),
    ]
    if not chart.targets:
        parts.append(f'<text x="{PLOT_LEFT}" y="{HEADER + 20}" fill="{MUTED}">The gate lists no SLO target.</text>')
    for index, target in enumerate(chart.targets):
        parts += _panel(target, chart, HEADER + index * PANEL)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def summary(chart: GateChart) -> str:
    verdict = f"{chart.phase} ({chart.reason})" if chart.phase else "not evaluated yet"
    if not chart.has_data:
        return f"SLOGate {chart.gate}: {verdict}; no measurements yet, thresholds only"
    breaches = sum(t.count(BREACH, WARNING) for t in chart.targets)
    return f"SLOGate {chart.gate}: {verdict}; {breaches} period(s) miss a threshold in MeasurementReport {chart.report}"


def text(value: object) -> str:
    """Text for an SVG element or attribute: escaped, with what XML cannot hold replaced."""
    return escape(NOT_XML.sub("\ufffd", str(value)), quote=True)


def _header(chart: GateChart) -> list[str]:
    colour = VERDICT_COLOURS.get(chart.phase, MUTED)
    verdict = f"{chart.phase} ({chart.reason})" if chart.phase else "not evaluated yet"
    if not chart.report:
        source = "No MeasurementReport has come yet: the thresholds are shown alone."
    elif chart.judged and chart.window:
        source = f"MeasurementReport {chart.report}; evaluated window {_when(chart.window[0])} to {_when(chart.window[1])}"
    else:
        source = f"MeasurementReport {chart.report} (not judged: {chart.reason or 'no verdict yet'})"
    return [
        f'<text x="8" y="17" font-size="13" font-weight="bold">SLOGate {text(chart.gate)}: '
        f'<tspan fill="{colour}">{text(verdict)}</tspan></text>',
        f'<text x="8" y="35" fill="{MUTED}">{text(source)}</text>',
    ]


def _panel(target: TargetSeries, chart: GateChart, top: int) -> list[str]:
    low, high, ticks = _scale(target)
    y0, y1 = top + PLOT_TOP, top + PLOT_BOTTOM

    def y(value: float) -> float:
        return y1 - (value - low) / (high - low) * (y1 - y0)

    x = _x_axis(target.periods)
    state = _panel_state(target)
    out = [f'<g class="target" data-metric="{text(target.metric)}" data-verdict="{text(target.verdict)}">']
    out.append(f'<text x="8" y="{top + 14}" font-weight="bold">{text(_title(target))}</text>')
    out.append(f'<text x="{WIDTH - 8}" y="{top + 14}" text-anchor="end" fill="{VERDICT_COLOURS.get(target.verdict, MUTED)}">{text(state)}</text>')
    out.append(f'<rect x="{PLOT_LEFT}" y="{y0}" width="{PLOT_RIGHT - PLOT_LEFT}" height="{y1 - y0}" fill="none" stroke="{GRID}"/>')
    out += _window_band(target.periods, chart, x, y0, y1)
    if target.threshold is not None:
        out += _breach_side(target, y(target.threshold), y0, y1)
    for tick in ticks:
        out.append(f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{_c(y(tick))}" y2="{_c(y(tick))}" stroke="{GRID}" stroke-width="0.5"/>')
        out.append(f'<text x="{PLOT_LEFT - 6}" y="{_c(y(tick) + 4)}" text-anchor="end" fill="{MUTED}">{text(_tick(tick, ticks))}</text>')
    if target.threshold is not None:
        out += _threshold(y(target.threshold), f"{target.operator} {_num(target.threshold)} {target.unit}".strip(), RED, "6 4")
    if target.warning_threshold is not None:
        out += _threshold(y(target.warning_threshold), f"warning {_num(target.warning_threshold)} {target.unit}".strip(), AMBER, "2 3")
    if target.periods:
        out += _series(target.periods, target.unit, chart.window is not None, x, y, y1)
        out += _time_labels(target.periods, top)
    else:
        message = target.note or ("No measurements yet" if not chart.report else "No periods in the report")
        out.append(f'<text x="{(PLOT_LEFT + PLOT_RIGHT) / 2:.1f}" y="{y0 + 15}" text-anchor="middle" fill="{INK}" class="no-data">{text(message)}</text>')
    if target.periods and target.note:
        out.append(f'<text x="{PLOT_LEFT}" y="{top + 126}" fill="{MUTED}">{text(target.note)}</text>')
    out.append("</g>")
    return out


def _title(target: TargetSeries) -> str:
    bound = f"{target.operator} {_num(target.threshold)} {target.unit}".strip() if target.threshold is not None else "(no threshold)"
    return f"{target.metric} {bound}"


def _panel_state(target: TargetSeries) -> str:
    verdict = f"{target.verdict} ({target.reason})" if target.verdict else "not evaluated yet"
    if not target.periods:
        return verdict
    evaluated = [p for p in target.periods if p.evaluated] or list(target.periods)
    missed = sum(1 for p in evaluated if p.state in (BREACH, WARNING))
    unusable = sum(1 for p in evaluated if p.state == UNUSABLE)
    counts = f"{missed} of {len(evaluated)} periods miss"
    return f"{verdict}; {counts}" + (f", {unusable} unusable" if unusable else "")


def _scale(target: TargetSeries) -> tuple[float, float, list[float]]:
    """The value range of the panel (every value and threshold inside it) and its ticks."""
    values = [p.value for p in target.periods if p.value is not None]
    values += [v for v in (target.threshold, target.warning_threshold) if v is not None]
    if not values:
        values = [0.0, 1.0]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 if high > low else (abs(high) * 0.1 or 1.0)
    low, high = low - pad, high + pad
    step = _nice_step((high - low) / TICKS)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    count = int(round((high - low) / step))
    return low, high, [low + i * step for i in range(count + 1)]


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least `raw`."""
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def _x_axis(periods: tuple[Period, ...]):
    first = min((p.at for p in periods), default=0.0)
    last = max((p.at for p in periods), default=0.0)
    left, right = PLOT_LEFT + INSET, PLOT_RIGHT - INSET

    def x(at: float) -> float:
        if last == first:
            return (left + right) / 2
        return left + (at - first) / (last - first) * (right - left)

    return x


def _window_band(periods: tuple[Period, ...], chart: GateChart, x, y0: float, y1: float) -> list[str]:
    """Shade the evaluated periods when the report also holds periods the gate did not evaluate."""
    inside = [p for p in periods if p.evaluated]
    if not inside or len(inside) == len(periods):
        return []
    start = max(PLOT_LEFT, x(inside[0].at) - INSET)
    end = min(PLOT_RIGHT, x(inside[-1].at) + INSET)
    return [
        f'<rect class="evaluated-window" x="{_c(start)}" y="{y0}" width="{_c(end - start)}" height="{y1 - y0}" fill="{WINDOW_FILL}">'
        f"<title>evaluated window: {text(_when(chart.window[0]) if chart.window else '')} to {text(_when(chart.window[1]) if chart.window else '')}</title></rect>"
    ]


def _breach_side(target: TargetSeries, at: float, y0: float, y1: float) -> list[str]:
    """Shade the values that breach: above the threshold for < and <=, below it for > and >=."""
    at = min(max(at, y0), y1)
    if target.operator in ("<", "<="):
        top, bottom = y0, at
    elif target.operator in (">", ">="):
        top, bottom = at, y1
    else:
        return []
    if bottom <= top:
        return []
    return [f'<rect class="breach-side" x="{PLOT_LEFT}" y="{_c(top)}" width="{PLOT_RIGHT - PLOT_LEFT}" height="{_c(bottom - top)}" fill="{BREACH_FILL}"/>']


def _threshold(at: float, label: str, colour: str, dashes: str) -> list[str]:
    return [
        f'<line class="threshold" x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{_c(at)}" y2="{_c(at)}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dashes}"/>',
        f'<text x="{PLOT_RIGHT + 6}" y="{_c(at + 4)}" fill="{colour}">{text(label)}</text>',
    ]


def _series(periods: tuple[Period, ...], unit: str, windowed: bool, x, y, bottom: float) -> list[str]:
    out = []
    segment: list[str] = []
    for period in periods + (None,):
        if period is not None and period.value is not None:
            segment.append(f"{_c(x(period.at))},{_c(y(period.value))}")
            continue
        if len(segment) > 1:
            out.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{BLUE}" stroke-width="1.5"/>')
        segment = []
    out += [_mark(p, unit, windowed, x(p.at), bottom - 6 if p.value is None else y(p.value)) for p in periods]
    return out


def _mark(period: Period, unit: str, windowed: bool, cx: float, cy: float) -> str:
    colour = COLOURS[period.state]
    tip = f"<title>{text(_tooltip(period, unit, windowed))}</title>"
    classes = f"period {period.state}" + (" evaluated" if period.evaluated else "")
    if period.state == BREACH:
        points = f"{_c(cx)},{_c(cy - 6)} {_c(cx + 6)},{_c(cy)} {_c(cx)},{_c(cy + 6)} {_c(cx - 6)},{_c(cy)}"
        return f'<polygon class="{classes}" points="{points}" fill="{colour}">{tip}</polygon>'
    if period.state == WARNING:
        return f'<rect class="{classes}" x="{_c(cx - 4)}" y="{_c(cy - 4)}" width="8" height="8" fill="{colour}">{tip}</rect>'
    if period.state == UNUSABLE:
        return f'<circle class="{classes}" cx="{_c(cx)}" cy="{_c(cy)}" r="4" fill="#ffffff" stroke="{colour}" stroke-width="1.5">{tip}</circle>'
    return f'<circle class="{classes}" cx="{_c(cx)}" cy="{_c(cy)}" r="3.5" fill="{colour}">{tip}</circle>'


def _tooltip(period: Period, unit: str, windowed: bool) -> str:
    samples = f", {period.samples} samples" if period.samples is not None else ""
    if period.state == UNUSABLE:
        return f"{period.end}: unusable, {period.problem}{samples}"
    what = {MET: "meets the threshold", WARNING: "misses the threshold, within the warning threshold", BREACH: "breaches the threshold"}[period.state]
    scope = " (outside the evaluated window)" if windowed and not period.evaluated else ""
    return f"{period.end}: {_num(period.value)} {unit}".rstrip() + f"{samples}; {what}{scope}"


def _time_labels(periods: tuple[Period, ...], top: int) -> list[str]:
    first, last = periods[0], periods[-1]
    y = top + PLOT_BOTTOM + 13
    out = [f'<text x="{PLOT_LEFT}" y="{y}" fill="{MUTED}">{text(_when(first.end))}</text>']
    if last.at != first.at:
        same_day = last.end[:10] == first.end[:10]
        label = _when(last.end)[11:] if same_day else _when(last.end)
        out.append(f'<text x="{PLOT_RIGHT}" y="{y}" text-anchor="end" fill="{MUTED}">{text(label)}</text>')
    return out


def _when(timestamp: str) -> str:
    """`2025-06-01T10:05:00Z` -> `2025-06-01 10:05:00Z`."""
    try:
        moment = datetime.fromisoformat(timestamp.replace("z", "Z")).astimezone(timezone.utc)
    except ValueError:
        return timestamp
    return moment.strftime("%Y-%m-%d %H:%M:%S") + "Z"


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def _tick(value: float, ticks: list[float]) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    shown = f"{value:.{decimals}f}"
    return "0" if float(shown) == 0 else shown


def _c(value: float) -> str:
    return f"{value:.1f}"
