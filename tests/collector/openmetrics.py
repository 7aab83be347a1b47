"""Deterministic traffic of pods, written as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`.

The series are the ones the generated MeasurementJob queries read:
`request_duration_seconds` (histogram), `requests_total{status}` and
`bytes_transferred_total`, each with a `cluster` label and, as Prometheus'
usual `labelmap` of pod labels gives them, the pods' revision labels
(`krm_oran_intent_io_revision`, `krm_oran_intent_io_pod_template`), scraped
every 15 s.  Each set of labels is one pod's series: its counters start at 0
with its first scrape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

SCRAPE_SECONDS = 15
BUCKETS = ("0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "+Inf")
REVISION = "krm_oran_intent_io_revision"
POD_TEMPLATE = "krm_oran_intent_io_pod_template"


@dataclass(frozen=True)
class Traffic:
    """What one pod serves between two instants, the same in every scrape interval."""

    cluster: str
    start: str  # RFC 3339
    end: str
    latency: dict[str, int]  # requests per interval by bucket upper bound (le), not cumulative
    errors: int = 2  # of those requests, answered with status 500
    bytes: int = 3_000_000_000  # per interval: 1600 Mbit/s
    revision: str | None = None
    pod_template: str | None = None

    @property
    def requests(self) -> int:
        return sum(self.latency.values())

    def labels(self) -> str:
        pairs = [("cluster", self.cluster)]
        if self.revision is not None:
            pairs.append((REVISION, self.revision))
        if self.pod_template is not None:
            pairs.append((POD_TEMPLATE, self.pod_template))
        return ",".join(f'{k}="{v}"' for k, v in pairs)

    def scrapes(self) -> list[int]:
        first, last = seconds(self.start), seconds(self.end)
        return list(range(first, last + 1, SCRAPE_SECONDS))


@dataclass
class _Counters:
    buckets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    seconds: float = 0.0
    ok: int = 0
    failed: int = 0
    bytes: int = 0


def openmetrics(traffic: list[Traffic]) -> str:
    """Every family contiguous, every series in time order, counters never reset."""
    histogram, requests, transferred = [], [], []
    for labels in sorted({t.labels() for t in traffic}):
        counters = _Counters()
        for part in sorted((t for t in traffic if t.labels() == labels), key=lambda t: t.start):
            for index, at in enumerate(part.scrapes()):
                if index:  # the first scrape of a part shows the counters as they stand
                    _add(counters, part)
                histogram += _histogram_lines(labels, counters, at)
                requests += [
                    f'requests_total{{{labels},status="200"}} {counters.ok} {at}',
                    f'requests_total{{{labels},status="500"}} {counters.failed} {at}',
                ]
                transferred.append(f"bytes_transferred_total{{{labels}}} {counters.bytes} {at}")
    requests.sort(key=_series_then_time)
    lines = ["# TYPE request_duration_seconds histogram", *histogram, "# TYPE requests counter", *requests]
    lines += ["# TYPE bytes_transferred counter", *transferred, "# EOF"]
    return "\n".join(lines) + "\n"


def _add(counters: _Counters, part: Traffic) -> None:
    for le, count in part.latency.items():
        if le == "+Inf":
            raise ValueError("give every request a finite bucket: the _sum series needs a bound")
        counters.buckets[le] += count
        counters.seconds += count * float(le) / 2  # each observation at half its bucket's bound
    counters.ok += part.requests - part.errors
    counters.failed += part.errors
    counters.bytes += part.bytes


def _histogram_lines(labels: str, counters: _Counters, at: int) -> list[str]:
    lines, cumulative = [], 0
    for le in BUCKETS:
        cumulative += counters.buckets[le]
        lines.append(f'request_duration_seconds_bucket{{{labels},le="{le}"}} {cumulative} {at}')
    lines.append(f"request_duration_seconds_count{{{labels}}} {cumulative} {at}")
    lines.append(f"request_duration_seconds_sum{{{labels}}} {counters.seconds:.6f} {at}")
    return lines


def _series_then_time(line: str) -> tuple[str, int]:
    labels, _, rest = line.partition("} ")
    return labels, int(rest.split()[-1])


def seconds(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())
