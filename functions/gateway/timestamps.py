"""Wall-clock times as TMF921 and TS 28.312 write them: RFC 3339, UTC, milliseconds."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
