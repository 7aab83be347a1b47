"""Durations written back (`5m`, `1m30s`) and RFC 3339 timestamps, read from the data only.

Durations are read by `oran_intent_krm.sdk.durations`, the one duration parser.
"""

from __future__ import annotations

from datetime import datetime, timezone


def format_duration(seconds: float) -> str:
    """`300` -> `5m`, `90` -> `1m30s`: the shortest exact form."""
    if seconds != int(seconds):
        return f"{int(round(seconds * 1000))}ms"
    rest, parts = int(seconds), []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            parts.append(f"{rest // size}{unit}")
            rest %= size
    return "".join(parts) or "0s"


def timestamp(value: object) -> float:
    """POSIX seconds of an RFC 3339 timestamp with a zone (YAML may already have parsed it)."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError:
            raise ValueError(f"{text!r} is not an RFC 3339 timestamp such as 2025-01-01T00:05:00Z") from None
    if moment.tzinfo is None:
        if isinstance(value, datetime):  # YAML timestamps without a zone are UTC
            moment = moment.replace(tzinfo=timezone.utc)
        else:
            raise ValueError(f"{value!r} has no time zone: add Z or an offset")
    return moment.timestamp()


def format_timestamp(seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    text = moment.isoformat(timespec="milliseconds" if seconds != int(seconds) else "seconds")
    return text.replace("+00:00", "Z")
