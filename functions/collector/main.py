"""`measurement-collector PKG --prometheus URL --end RFC3339 [--window D] [--dry-run] [-o text|yaml]`

For every SLOGate of the package and the MeasurementJob that measures its
target, runs each measurement's query (and its sample-count query) as a
Prometheus range query over the window ending at --end, one point per
evaluationPeriod, and writes one MeasurementReport per gate into the package
(`measurements/<gate>.yaml`).  `kpt fn render` then judges the gates on it.

The end of the window is always given: the reports depend on Prometheus'
data and the arguments only, never on the clock.  Nothing is written unless
every query succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Sequence

from oran_intent_krm.assurance import timing
from oran_intent_krm.sdk import durations

from . import package, prometheus, report
from .errors import CollectorError

PROG = "measurement-collector"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # every error exits 1, usage errors included
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Query Prometheus for the package's MeasurementJobs and write one MeasurementReport per SLOGate into the package.",
    )
    p.add_argument("package", metavar="PKG", help="kpt package directory (subpackages included)")
    p.add_argument("--prometheus", required=True, metavar="URL", help="Prometheus base URL, e.g. http://127.0.0.1:9090 (the only address contacted)")
    p.add_argument("--end", required=True, metavar="RFC3339", help="end of the measured window, e.g. 2025-06-01T10:05:00Z")
    p.add_argument("--window", metavar="DURATION", help="window length (default: each gate's measurementWindow); a whole number of evaluationPeriods")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="per query (default 30)")
    p.add_argument("--dry-run", action="store_true", help="query and print, write nothing")
    p.add_argument("-o", "--output", choices=("text", "yaml"), default="text", help="text: one line per report; yaml: the reports themselves")
    return p


def run(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    try:
        written = collect(args)
    except CollectorError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(f"{PROG}: {line}\n")
        return 1
    if not written:
        sys.stderr.write(f"{PROG}: no SLOGate in {args.package}: nothing collected\n")
    return 0


def collect(args: argparse.Namespace) -> list[tuple[package.GateCollection, dict[str, Any]]]:
    end = _end(args.end)
    window = _window(args.window)
    if args.timeout <= 0:
        raise CollectorError(f"--timeout {args.timeout:g} must be more than 0 seconds")
    base = prometheus.base_url(args.prometheus)
    root = Path(args.package)
    collections = package.plan(package.read_items(root), window)
    reports = [(c, _report(c, end, base, args.timeout)) for c in collections]
    for collection, _ in reports:
        _warn_about(collection, end)
    if not args.dry_run:
        for collection, built in reports:
            _write(root / collection.path, built)
    _print(reports, args)
    return reports


def _report(collection: package.GateCollection, end: float, base: str, timeout: float) -> dict[str, Any]:
    ends = report.period_ends(end, collection.window_seconds, collection.step_seconds)
    metrics = []
    for metric in collection.metrics:
        what = f"SLOGate {collection.name}, metric {metric.name}"
        values = _points(base, metric.query, ends, collection.step_seconds, timeout, f"the query of {what}")
        samples = None
        if metric.samples.query is not None:
            samples = _points(base, metric.samples.query, ends, collection.step_seconds, timeout, f"the sample-count query of {what}")
        metrics.append(report.metric_series(metric, ends, values, samples))
    return report.build_report(collection, end, base, metrics)


def _points(base: str, query: str, ends: list[float], step: float, timeout: float, what: str) -> dict[int, str]:
    try:
        result = prometheus.range_query(base, query, ends[0], ends[-1], step, timeout)
    except CollectorError as exc:
        raise CollectorError(f"{what}: {exc}\n  query: {query}") from None
    for warning in result.warnings:
        sys.stderr.write(f"{PROG}: warning: {what}: Prometheus: {warning}\n")
    return report.points(result.series, what)


def _warn_about(collection: package.GateCollection, end: float) -> None:
    where = f"{PROG}: warning: SLOGate {collection.name}"
    for metric in collection.unmeasured:
        sys.stderr.write(f"{where}: MeasurementJob {collection.job_ref['name']} has no measurement {metric}; the gate cannot pass on this report\n")
    for metric in collection.metrics:
        if metric.samples.query is None:
            sys.stderr.write(f"{where}: samples of {metric.name} are unknown ({metric.samples.basis}); its periods will be unusable\n")
    for other in collection.other_reports:
        if other.window_end is not None and other.window_end > end:
            sys.stderr.write(
                f"{where}: MeasurementReport {other.name} ({other.file}) ends later, at {timing.format_timestamp(other.window_end)}, "
                "and is the one the gate will judge\n"
            )


def _write(path: Path, built: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.as_yaml(built))


def _print(reports: list[tuple[package.GateCollection, dict[str, Any]]], args: argparse.Namespace) -> None:
    if args.output == "yaml":
        sys.stdout.write("---\n".join(report.as_yaml(built) for _, built in reports))
        return
    verb = "would write" if args.dry_run else "wrote"
    for collection, built in reports:
        sys.stdout.write(f"{verb} {collection.path}: {summary(collection, built)}\n")


def summary(collection: package.GateCollection, built: dict[str, Any]) -> str:
    spec = built["spec"]
    parts = []
    for metric in spec["metrics"]:
        periods = metric["periods"]
        valued = sum(1 for p in periods if isinstance(p["value"], float))
        counted = sum(1 for p in periods if "samples" in p)
        parts.append(f"{metric['name']} {valued}/{len(periods)} values, {counted}/{len(periods)} sample counts")
    window = spec["window"]
    return f"SLOGate {collection.name}, {window['start']} .. {window['end']}: " + "; ".join(parts)


def _end(text: str) -> float:
    try:
        return timing.timestamp(text)
    except ValueError as exc:
        raise CollectorError(f"--end: {exc}") from None


def _window(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return durations.seconds(text)
    except durations.DurationError as exc:
        raise CollectorError(f"--window: {exc}") from None


def main() -> None:
    raise SystemExit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
