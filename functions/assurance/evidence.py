"""MeasurementReports read into the evidence a gate is evaluated on.

A MeasurementReport (`measurement.o2ims.org/v1alpha1`, local-config) is written
into the package by a collector; a render only reads it.  Its shape is the
`MeasurementReport` model in functions/models/measurement.py.  Reading never
fails: problems are collected with their field paths, and a period whose
value cannot be used is kept as unusable (so it counts against the gate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from oran_intent_krm.sdk import ownership, resource

from . import timing
from .gate import Problem

API_VERSION = "measurement.o2ims.org/v1alpha1"
KIND = "MeasurementReport"
SOURCES = ("prometheus", "o2ims")
EVENTS, DATA_POINTS = "events", "dataPoints"
SAMPLE_KINDS = (EVENTS, DATA_POINTS)


@dataclass(frozen=True)
class Period:
    index: int
    end: float | None
    value: float | None  # None: no value; NaN and infinities are kept as such
    samples: int | None  # None: not stated

    def unusable_reason(self) -> str | None:
        if self.value is None:
            return "no value"
        if math.isnan(self.value):
            return "NaN (no observations)"
        if math.isinf(self.value):
            return "an infinite value"
        if self.samples is None:
            return "no sample count"
        if self.samples == 0:
            return "zero samples"
        return None


@dataclass(frozen=True)
class Series:
    index: int
    name: str
    unit: str | None
    periods: tuple[Period, ...]
    samples_kind: str | None = None  # EVENTS or DATA_POINTS; None when the report does not say


@dataclass(frozen=True)
class RevisionEvidence:
    """Which revision the data belongs to, and when it went live."""

    label: str
    value: str
    first_sample: float


@dataclass(frozen=True)
class Report:
    name: str
    ref: Mapping[str, Any]
    file: str
    target_identity: tuple[str, str, str, str] | None
    config_digest: str | None
    revision: RevisionEvidence | None
    source: str | None
    window_start: float | None
    window_end: float | None
    series: Mapping[str, Series]
    evidence_digest: str
    problems: tuple[Problem, ...] = field(default=())

    @property
    def window_seconds(self) -> float | None:
        if self.window_start is None or self.window_end is None:
            return None
        return self.window_end - self.window_start


def is_report(item: Mapping[str, Any]) -> bool:
    return item.get("apiVersion") == API_VERSION and item.get("kind") == KIND


def read_reports(items: Iterable[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], Report]]:
    found = [item for item in items if is_report(item)]
    return [(item, read_report(item)) for item in sorted(found, key=resource.identity)]


def reports_for(reports: list[tuple[Mapping[str, Any], Report]], target_ref: Mapping[str, Any]) -> list[Report]:
    """Reports about the gate's target, newest window first (then by name, for a stable choice)."""
    wanted = ref_identity(target_ref)
    matching = [r for _, r in reports if r.target_identity == wanted]
    return sorted(matching, key=lambda r: (-(r.window_end if r.window_end is not None else -math.inf), r.name))


def ref_identity(ref: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (
        resource.group_of(str(ref.get("apiVersion") or "")),
        str(ref.get("kind") or ""),
        str(ref.get("namespace") or ""),
        str(ref.get("name") or ""),
    )


def read_report(item: Mapping[str, Any]) -> Report:
    spec = item.get("spec") if isinstance(item.get("spec"), Mapping) else {}
    problems: list[Problem] = []
    if not isinstance(item.get("spec"), Mapping):
        problems.append(Problem("spec", "is missing", item.get("spec"), "an object"))
    target = spec.get("targetRef")
    identity = None
    if isinstance(target, Mapping) and all(target.get(k) for k in ("apiVersion", "kind", "name")):
        identity = ref_identity(target)
    else:
        problems.append(Problem("spec.targetRef", "must reference what was measured", target, "{apiVersion, kind, name}"))
    digest = spec.get("configDigest")
    if digest is not None and not (isinstance(digest, str) and digest.startswith("sha256:")):
        problems.append(Problem("spec.configDigest", "is not a digest", digest, "sha256:<64 hex digits>"))
        digest = None
    revision = _revision(spec, problems)
    source = _source(spec, problems)
    start, end = _window(spec, problems)
    series: dict[str, Series] = {}
    metrics = spec.get("metrics")
    if not isinstance(metrics, list):
        problems.append(Problem("spec.metrics", "must be a list of metrics", metrics, "[{name, unit, periods}]"))
        metrics = []
    for index, raw in enumerate(metrics):
        one = _series(index, raw, problems)
        if one is None:
            continue
        if one.name in series:
            problems.append(Problem(f"spec.metrics[{index}].name", "repeats an earlier metric; the first is used", one.name, "a unique name"))
            continue
        series[one.name] = one
    return Report(
        name=resource.name(item),
        ref=resource.ref(item),
        file=resource.file_path(item),
        target_identity=identity,
        config_digest=digest,
        revision=revision,
        source=source,
        window_start=start,
        window_end=end,
        series=series,
        evidence_digest=ownership.spec_digest(item),
        problems=tuple(problems),
    )


def _revision(spec: Mapping[str, Any], problems: list[Problem]) -> RevisionEvidence | None:
    raw = spec.get("revision")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.append(Problem("spec.revision", "must be an object", _plain(raw), "{label, value, firstSample}"))
        return None
    texts = {}
    for key in ("label", "value"):
        value = raw.get(key)
        if not isinstance(value, str) or not value:
            problems.append(Problem(f"spec.revision.{key}", "must be a non-empty string", _plain(value), "the revision label and its value"))
        texts[key] = value
    first = _time(raw.get("firstSample"), "spec.revision.firstSample", problems)
    if first is None or not all(isinstance(v, str) and v for v in texts.values()):
        return None
    return RevisionEvidence(texts["label"], texts["value"], first)


def _source(spec: Mapping[str, Any], problems: list[Problem]) -> str | None:
    raw = spec.get("source")
    kind = raw.get("type") if isinstance(raw, Mapping) else None
    if kind not in SOURCES:
        problems.append(Problem("spec.source.type", "is not a known measurement source", kind, "prometheus or o2ims"))
        return None
    return kind


def _window(spec: Mapping[str, Any], problems: list[Problem]) -> tuple[float | None, float | None]:
    raw = spec.get("window")
    if not isinstance(raw, Mapping):
        problems.append(Problem("spec.window", "must give the measurement window", raw, "{start, end} as RFC 3339 timestamps"))
        return None, None
    start = _time(raw.get("start"), "spec.window.start", problems)
    end = _time(raw.get("end"), "spec.window.end", problems)
    if start is not None and end is not None and end <= start:
        problems.append(Problem("spec.window.end", "is not after window.start", _plain(raw.get("end")), "a time after start"))
        return None, None
    return start, end


def _time(value: Any, path: str, problems: list[Problem]) -> float | None:
    if value is None:
        problems.append(Problem(path, "is required", None, "an RFC 3339 timestamp"))
        return None
    try:
        return timing.timestamp(value)
    except ValueError as exc:
        problems.append(Problem(path, str(exc), _plain(value), "an RFC 3339 timestamp"))
        return None


def _series(index: int, raw: Any, problems: list[Problem]) -> Series | None:
    path = f"spec.metrics[{index}]"
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str) or not raw.get("name"):
        problems.append(Problem(f"{path}.name", "must name the metric", raw.get("name") if isinstance(raw, Mapping) else raw, "a metric name"))
        return None
    unit = raw.get("unit")
    if unit is not None and not isinstance(unit, str):
        problems.append(Problem(f"{path}.unit", "must be a string", unit, "a unit such as ms"))
        unit = None
    periods_raw = raw.get("periods")
    if not isinstance(periods_raw, list):
        problems.append(Problem(f"{path}.periods", "must be a list of periods", periods_raw, "[{end, value, samples}]"))
        periods_raw = []
    kind = raw.get("samplesKind")
    if kind is not None and kind not in SAMPLE_KINDS:
        problems.append(Problem(f"{path}.samplesKind", "is not a kind of sample", _plain(kind), " or ".join(SAMPLE_KINDS)))
        kind = None
    periods = tuple(_period(f"{path}.periods[{i}]", i, p, problems) for i, p in enumerate(periods_raw))
    return Series(index, raw["name"], unit or None, periods, kind)


def _period(path: str, index: int, raw: Any, problems: list[Problem]) -> Period:
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, "must be an object", raw, "{end, value, samples}"))
        return Period(index, None, None, None)
    end = _time(raw.get("end"), f"{path}.end", problems)
    return Period(index, end, _value(f"{path}.value", raw.get("value"), problems), _samples(f"{path}.samples", raw.get("samples"), problems))


def _value(path: str, value: Any, problems: list[Problem]) -> float | None:
    """A number, or the text Prometheus' API gives numbers as ("7.2", "NaN", "+Inf")."""
    if value is None:
        return None
    if isinstance(value, bool):
        problems.append(Problem(path, "must be a number", value, "a number"))
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    problems.append(Problem(path, "must be a number", _plain(value), "a number, NaN or null"))
    return None


def _samples(path: str, value: Any, problems: list[Problem]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(Problem(path, "must be a whole number, 0 or more", _plain(value), "an integer >= 0"))
        return None
    return value


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, (bool, int, float, str)) else str(value)
