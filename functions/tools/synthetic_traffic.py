"""Synthetic traffic for a package's MeasurementJobs, as OpenMetrics for a local Prometheus.

    oran-synthetic-traffic PKG --end RFC3339 [--latency-ms MS] [--success-rate R]
                           [--throughput-mbps MBPS] [-o FILE]

To see an SLO gate judged with no cluster: backfill a local Prometheus with this text
(`promtool tsdb create-blocks-from openmetrics`), run `measurement-collector` against it
and render.  The traffic is steady and deterministic: the label values the package's
MeasurementJob queries select with `=` matchers (for the generated jobs, the cluster
and the revision label) are given to the series of one pod per pod template of that
revision in the rendered workloads (its `krm_oran_intent_io_pod_template` label, as the
collector looks for the revision's first sample by it), scraped every 15 s, over the
longest gate window plus the history the queries' ranges look back on, ending at
--end.  The three families are those the generated jobs read, summed over a job's pods:

- `request_duration_seconds` (histogram): a 95th percentile of --latency-ms;
- `requests_total{status}`: --success-rate of the requests answered `200`, the rest `500`;
- `bytes_transferred_total`: --throughput-mbps.

A job whose queries read any other metric, or pick a label by a pattern, is refused:
nothing written here would answer it.  The data is synthetic: it shows the collector,
the gate and the render working together, and is no evidence about any deployment.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from oran_intent_krm.assurance.revision import (
    POD_TEMPLATE_LABEL,
    PROMETHEUS_LABEL,
    PROMETHEUS_POD_TEMPLATE_LABEL,
    REVISION_LABEL,
    pod_labels,
)

PROG = "oran-synthetic-traffic"
SCRAPE_SECONDS = 15
HISTORY_SECONDS = 15 * 60  # before the window: what rate() ranges and subqueries look back on
DEFAULT_WINDOW_SECONDS = 5 * 60
REQUESTS_PER_SCRAPE = 1000
QUANTILE = 0.95
HISTOGRAM, REQUESTS, BYTES = "request_duration_seconds", "requests_total", "bytes_transferred_total"
WRITTEN = {f"{HISTOGRAM}_bucket", f"{HISTOGRAM}_count", f"{HISTOGRAM}_sum", REQUESTS, BYTES}
CHOSEN_HERE = {"le", "status"}  # labels whose values the traffic itself sets
JOB = ("measurement.o2ims.org/v1alpha1", "MeasurementJob")
GATE = ("gate.slo.nephio.org/v1alpha1", "SLOGate")
Labels = tuple[tuple[str, str], ...]


class Refused(Exception):
    """The traffic cannot be written as asked; the message says why."""


@dataclass(frozen=True)
class Pod:
    labels: Labels  # of each of its series, besides `le` and `status`
    share: float  # of the job's bytes


@dataclass(frozen=True)
class Profile:
    latency_ms: float
    success_rate: float
    throughput_mbps: float


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description="Write steady synthetic traffic, as OpenMetrics, for the series a package's MeasurementJobs query.")
    p.add_argument("package", metavar="PKG", help="rendered kpt package directory (subpackages included)")
    p.add_argument("--end", required=True, metavar="RFC3339", help="the last scrape, e.g. 2025-06-01T10:05:00Z (give the collector the same --end)")
    p.add_argument("--latency-ms", type=float, default=7.5, metavar="MS", help="95th percentile of the request latency (default 7.5)")
    p.add_argument("--success-rate", type=float, default=0.997, metavar="R", help="share of requests answered 2xx, 0 to 1 (default 0.997)")
    p.add_argument("--throughput-mbps", type=float, default=1190.0, metavar="MBPS", help="bytes transferred, in Mbit/s (default 1190)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        profile = _profile(args)
        end = _timestamp(args.end)
        resources = read_resources(Path(args.package))
        pods = selected_series(resources)
        start = end - window_seconds(resources) - HISTORY_SECONDS
        text = openmetrics(pods, profile, start, end)
    except Refused as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return 1
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    jobs = sum(1 for r in resources if (r["apiVersion"], r["kind"]) == JOB)
    sys.stderr.write(f"{PROG}: {len(pods)} pod(s) for {jobs} MeasurementJob(s), every {SCRAPE_SECONDS}s from {_format(start)} to {_format(end)}\n")
    return 0


def _profile(args: argparse.Namespace) -> Profile:
    if not (math.isfinite(args.latency_ms) and args.latency_ms > 0):
        raise Refused(f"--latency-ms {args.latency_ms:g} must be a number more than 0")
    if not 0 <= args.success_rate <= 1:
        raise Refused(f"--success-rate {args.success_rate:g} must be between 0 and 1")
    if not (math.isfinite(args.throughput_mbps) and args.throughput_mbps >= 0):
        raise Refused(f"--throughput-mbps {args.throughput_mbps:g} must be a number, 0 or more")
    return Profile(args.latency_ms, args.success_rate, args.throughput_mbps)


def _timestamp(text: str) -> int:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Refused(f"--end: {text!r} is not an RFC 3339 timestamp") from None
    if moment.tzinfo is None:
        raise Refused(f"--end: {text!r} has no time zone (add Z for UTC)")
    return int(moment.timestamp())


def _format(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_resources(root: Path) -> list[dict[str, Any]]:
    """The resources of every YAML file under root, hidden folders skipped."""
    if not root.is_dir():
        raise Refused(f"{root} is not a directory")
    found = []
    for path in sorted(root.rglob("*.y*ml")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.suffix not in (".yaml", ".yml"):
            continue
        try:
            documents = list(yaml.safe_load_all(path.read_text()))
        except yaml.YAMLError as exc:
            raise Refused(f"{relative} is not valid YAML: {' '.join(str(exc).split())[:200]}") from None
        found += [d for d in documents if isinstance(d, dict) and d.get("apiVersion") and d.get("kind")]
    return found


def selected_series(resources: list[dict[str, Any]]) -> list[Pod]:
    """One pod per pod template of the revision each MeasurementJob selects, or one for the job's labels
    when its queries select no revision; sorted, without repeats."""
    jobs = [r for r in resources if (r["apiVersion"], r["kind"]) == JOB]
    if not jobs:
        raise Refused("no MeasurementJob in the package: render it first (28312-to-pr writes one per ProvisioningRequest)")
    found: dict[Labels, float] = {}
    for job in jobs:
        name = (job.get("metadata") or {}).get("name", "?")
        chosen: dict[str, str] = {}
        for measurement in (job.get("spec") or {}).get("measurements") or []:
            for label, value in _equal_matchers(f"MeasurementJob {name}, measurement {measurement.get('name')}", str(measurement.get("query", ""))):
                if chosen.setdefault(label, value) != value:
                    raise Refused(f"MeasurementJob {name}: its queries select {label}={chosen[label]!r} and {label}={value!r}: no series has both")
        templates = _pod_templates(resources, chosen[PROMETHEUS_LABEL]) if PROMETHEUS_LABEL in chosen else [None]
        if not templates:
            raise Refused(f"MeasurementJob {name}: no rendered workload runs revision {chosen[PROMETHEUS_LABEL]}, which its queries select: render the package")
        for template in templates:
            labels = chosen | ({PROMETHEUS_POD_TEMPLATE_LABEL: template} if template else {})
            found[tuple(sorted(labels.items()))] = 1 / len(templates)
    return [Pod(labels, share) for labels, share in sorted(found.items())]


def _pod_templates(resources: list[dict[str, Any]], revision: str) -> list[str]:
    """The pod-template labels of the rendered workloads whose pods carry the revision label."""
    found = set()
    for workload in resources:
        labels = pod_labels(workload)
        if labels.get(REVISION_LABEL) == revision and labels.get(POD_TEMPLATE_LABEL):
            found.add(str(labels[POD_TEMPLATE_LABEL]))
    return sorted(found)


def _equal_matchers(what: str, query: str) -> list[tuple[str, str]]:
    import promql_parser  # only loaded when a package is read

    try:
        expression = promql_parser.parse(query)
    except ValueError as exc:
        raise Refused(f"{what}: the query is not valid PromQL: {exc}") from None
    selectors: list[Any] = []
    promql_parser.walk(expression, lambda node: selectors.append(node) if isinstance(node, promql_parser.VectorSelector) else None)
    pairs = []
    for selector in selectors:
        if selector.name not in WRITTEN:
            raise Refused(f"{what}: reads {selector.name or 'a selector without a metric name'}; synthetic traffic has only {', '.join(sorted(WRITTEN))}")
        for matcher in selector.matchers.matchers:
            op = str(matcher.op).rsplit(".", 1)[-1]
            if matcher.name in CHOSEN_HERE or matcher.name == "__name__":
                continue
            if op != "Equal":
                raise Refused(f"{what}: selects {matcher.name} by a pattern or an exclusion; synthetic traffic needs its value")
            pairs.append((matcher.name, matcher.value))
    return pairs


def window_seconds(resources: list[dict[str, Any]]) -> int:
    """The longest measurementWindow of the package's gates (5m when none says)."""
    from oran_intent_krm.sdk import durations

    longest = DEFAULT_WINDOW_SECONDS
    for gate in (r for r in resources if (r["apiVersion"], r["kind"]) == GATE):
        window = (gate.get("spec") or {}).get("measurementWindow")
        if window is not None:
            try:
                longest = max(longest, int(durations.seconds(window)))
            except durations.DurationError as exc:
                raise Refused(f"SLOGate {gate['metadata'].get('name')}: spec.measurementWindow: {exc}") from None
    return longest


def openmetrics(pods: list[Pod], profile: Profile, start: int, end: int) -> str:
    """Each family contiguous, each series in time order, every counter from 0 at `start` and never reset.

    Every pod serves the same requests; the bytes are shared out, so that the sum over a job's pods is the profile's."""
    first = end - (end - start) // SCRAPE_SECONDS * SCRAPE_SECONDS  # the scrapes end exactly at `end`
    times = list(range(first, end + 1, SCRAPE_SECONDS))
    ok = round(REQUESTS_PER_SCRAPE * profile.success_rate)
    bound = profile.latency_ms / 1000 / QUANTILE  # every request under it: its 95th percentile is the latency
    per_second = profile.throughput_mbps * 1_000_000 / 8
    histogram, requests, transferred = [], [], []
    for pod in pods:
        text = ",".join(f'{k}="{_escape(v)}"' for k, v in pod.labels)
        prefix = text + "," if text else ""
        for index, at in enumerate(times):
            count = index * REQUESTS_PER_SCRAPE
            histogram += [
                f'{HISTOGRAM}_bucket{{{prefix}le="{_number(bound)}"}} {count} {at}',
                f'{HISTOGRAM}_bucket{{{prefix}le="+Inf"}} {count} {at}',
                f"{HISTOGRAM}_count{{{text}}} {count} {at}",
                f"{HISTOGRAM}_sum{{{text}}} {_number(count * bound / 2)} {at}",
            ]
        requests += [f'{REQUESTS}{{{prefix}status="200"}} {index * ok} {at}' for index, at in enumerate(times)]
        requests += [f'{REQUESTS}{{{prefix}status="500"}} {index * (REQUESTS_PER_SCRAPE - ok)} {at}' for index, at in enumerate(times)]
        transferred += [f"{BYTES}{{{text}}} {_number(index * SCRAPE_SECONDS * per_second * pod.share)} {at}" for index, at in enumerate(times)]
    lines = [f"# TYPE {HISTOGRAM} histogram", *histogram, "# TYPE requests counter", *requests, "# TYPE bytes_transferred counter", *transferred, "# EOF"]
    return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


if __name__ == "__main__":
    raise SystemExit(main())
