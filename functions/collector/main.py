"""`measurement-collector PKG --prometheus URL --end RFC3339 [--window D] [--scrape-interval D] [--dry-run] [-o text|yaml]`

For every SLOGate of the package and the MeasurementJob that measures its
target: checks every measurement query (checks.lint), finds the first sample
of the revision the package renders and refuses a window that begins before
it, then runs each query (and its sample-count query) as a Prometheus range
query over the window ending at --end, one point per evaluationPeriod, and
writes one MeasurementReport per gate into the package
(`measurements/<gate>.yaml`).  `kpt fn render` then judges the gates on it.

The end of the window is always given: the reports depend on Prometheus'
data and the arguments only, never on the clock.  Nothing is written unless
every check passed and every query succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Sequence

from oran_intent_krm.assurance import timing
from oran_intent_krm.sdk import durations

from . import checks, package, prometheus, report
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
    p.add_argument(
        "--scrape-interval",
        metavar="DURATION",
        help="the measured targets' scrape interval, which rate() windows are checked against (default: Prometheus' global.scrape_interval)",
    )
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
    if not collections:
        return []
    for collection in collections:
        _warn_unmeasured(collection)
    _check_queries(collections, _scrape_interval(args.scrape_interval, base, args.timeout))
    firsts = {c.path: checks.first_sample(c, base, end, args.timeout) for c in collections}
    earlier = {c.path: checks.last_earlier_build_sample(c, base, end, args.timeout) for c in collections}
    _check_windows(collections, end, firsts, earlier)
    reports = [(c, query_report(c, end, base, args.timeout, firsts[c.path])) for c in collections]
    for collection, _ in reports:
        _warn_about(collection, end)
    if not args.dry_run:
        for collection, built in reports:
            _write(root / collection.path, built)
    _print(reports, args)
    return reports


def _scrape_interval(given: str | None, base: str, timeout: float) -> float:
    if given:
        return _positive_duration(given, "--scrape-interval")
    return _positive_duration(prometheus.scrape_interval(base, timeout), "Prometheus' global.scrape_interval")


def _check_queries(collections: list[package.GateCollection], scrape_interval: float) -> None:
    """Print every warning; raise with every error, for all gates at once."""
    errors = []
    for collection in collections:
        found = checks.lint(collection, scrape_interval)
        errors += found.errors
        for warning in found.warnings:
            _warn(warning)
    if errors:
        raise CollectorError("\n".join(errors))


def _check_windows(
    collections: list[package.GateCollection], end: float, firsts: dict[str, float], earlier: dict[str, float | None]
) -> None:
    problems = []
    for collection in collections:
        try:
            checks.check_window(collection, end, firsts[collection.path], earlier[collection.path])
        except CollectorError as exc:
            problems.append(str(exc))
    if problems:
        raise CollectorError("\n".join(problems))


def query_report(collection: package.GateCollection, end: float, base: str, timeout: float, first_sample: float) -> dict[str, Any]:
    """One gate's report: every query run over the window; the checks are collect()'s to make first."""
    ends = report.period_ends(end, collection.window_seconds, collection.step_seconds)
    metrics = []
    for metric in collection.metrics:
        what = f"SLOGate {collection.name}, metric {metric.name}"
        values = _points(base, metric.query, ends, collection.step_seconds, timeout, f"the query of {what}")
        samples = None
        if metric.samples.query is not None:
            samples = _points(base, metric.samples.query, ends, collection.step_seconds, timeout, f"the sample-count query of {what}")
        metrics.append(report.metric_series(metric, ends, values, samples))
    return report.build_report(collection, end, base, metrics, first_sample)


def _points(base: str, query: str, ends: list[float], step: float, timeout: float, what: str) -> dict[int, str]:
    try:
        result = prometheus.range_query(base, query, ends[0], ends[-1], step, timeout)
    except CollectorError as exc:
        raise CollectorError(f"{what}: {exc}\n  query: {query}") from None
    for warning in result.warnings:
        sys.stderr.write(f"{PROG}: warning: {what}: Prometheus: {warning}\n")
    return report.points(result.series, what)


def _warn(text: str) -> None:
    for line in text.splitlines():
        sys.stderr.write(f"{PROG}: warning: {line}\n")


def _warn_unmeasured(collection: package.GateCollection) -> None:
    for metric in collection.unmeasured:
        _warn(f"SLOGate {collection.name}: MeasurementJob {collection.job_ref['name']} has no measurement {metric}; the gate cannot pass on its report")


def _warn_about(collection: package.GateCollection, end: float) -> None:
    where = f"{PROG}: warning: SLOGate {collection.name}"
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
    return None if text is None else _positive_duration(text, "--window")


def _positive_duration(text: str, what: str) -> float:
    try:
        return durations.seconds(text)
    except durations.DurationError as exc:
        raise CollectorError(f"{what}: {exc}") from None


def main() -> None:
    raise SystemExit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
