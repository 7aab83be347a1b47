"""Units of targets, thresholds and measurements: one table, exact conversion.

Every unit the project reads is in `UNITS`, with its dimension and its size in
the dimension's base unit (second, bit per second, bit, or the plain ratio 1)
as an exact `Fraction`, so a conversion never drifts (`0.0072 s` is `7.2 ms`).
Other spellings are aliases of these units:

- case matters where it changes meaning: `ms` is a millisecond and `Ms` is not
  accepted; `Mbps` is bits and `MBps` bytes, 8 times more;
- the prefix of a bit rate is read in any case (`mbps`, the spelling of the
  user's guide, and `Kbps` are megabits and kilobits: a millibit per second is
  never meant), while a byte rate needs `k`/`K` or an upper-case `M`, `G`, `T`;
- words (`seconds`, `percent`, `ratio`) are read in any case, and so are the
  QUDT local names the TM Forum ontology uses (`MilliSEC`, `MegaBIT-PER-SEC`).

`METRIC_SUFFIXES` is the unit a metric's name implies by its suffix, the
Prometheus naming convention (`request_duration_seconds`, `latency_p95_ms`).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

TIME, DATA_RATE, DATA_SIZE, RATIO = "time", "data rate", "data size", "ratio"
DIMENSIONS = (TIME, DATA_RATE, DATA_SIZE, RATIO)


class Unit:
    """A unit of the table (a plain class: a dataclass costs start-up time for nothing here)."""

    __slots__ = ("symbol", "dimension", "size")

    def __init__(self, symbol: str, dimension: str, size: Fraction):
        self.symbol = symbol  # the canonical spelling
        self.dimension = dimension
        self.size = size  # in the dimension's base unit

    def __repr__(self) -> str:
        return f"Unit({self.symbol!r}, {self.dimension!r}, {self.size})"


def _units(dimension: str, sizes: dict[str, Fraction | int]) -> dict[str, Unit]:
    return {symbol: Unit(symbol, dimension, Fraction(size)) for symbol, size in sizes.items()}


_K, _M, _G, _T = 10**3, 10**6, 10**9, 10**12
UNITS: dict[str, Unit] = {
    **_units(TIME, {"ns": Fraction(1, _G), "us": Fraction(1, _M), "ms": Fraction(1, _K), "s": 1, "min": 60, "h": 3600, "d": 86400}),
    **_units(DATA_RATE, {"bps": 1, "kbps": _K, "Mbps": _M, "Gbps": _G, "Tbps": _T}),
    **_units(DATA_RATE, {"Bps": 8, "kBps": 8 * _K, "MBps": 8 * _M, "GBps": 8 * _G, "TBps": 8 * _T}),
    **_units(DATA_SIZE, {"bit": 1, "B": 8, "kB": 8 * _K, "MB": 8 * _M, "GB": 8 * _G, "TB": 8 * _T}),
    **_units(DATA_SIZE, {"KiB": 8 * 2**10, "MiB": 8 * 2**20, "GiB": 8 * 2**30, "TiB": 8 * 2**40}),
    **_units(RATIO, {"ratio": 1, "%": Fraction(1, 100)}),
}
BASE = {TIME: "s", DATA_RATE: "bps", DATA_SIZE: "bit", RATIO: "ratio"}
SYMBOLS = tuple(UNITS)

# Spellings that differ from the canonical one only where the difference carries no meaning.
ALIASES: dict[str, str] = {
    # A bit rate's prefix in any case, and the bit/s and b/s forms.
    **{
        f"{prefix}{form}": symbol
        for letter, symbol in (("", "bps"), ("k", "kbps"), ("m", "Mbps"), ("g", "Gbps"), ("t", "Tbps"))
        for prefix in dict.fromkeys((letter, letter.upper()))
        for form in ("bps", "bit/s", "b/s")
        if f"{prefix}{form}" != symbol
    },
    "µs": "us",  # micro sign U+00B5
    "μs": "us",  # Greek mu U+03BC, what many keyboards produce
    "KB": "kB",
    **{f"{p}B/s": f"{p}Bps" for p in ("", "k", "M", "G", "T")},
    "KBps": "kBps",
    "KB/s": "kBps",
    # QUDT local names (the TM Forum Intent Ontology's quan:unit may name them).
    "NanoSEC": "ns",
    "MicroSEC": "us",
    "MilliSEC": "ms",
    "SEC": "s",
    "MIN": "min",
    "HR": "h",
    "DAY": "d",
    "BIT-PER-SEC": "bps",
    "KiloBIT-PER-SEC": "kbps",
    "MegaBIT-PER-SEC": "Mbps",
    "GigaBIT-PER-SEC": "Gbps",
    "TeraBIT-PER-SEC": "Tbps",
    "BYTE-PER-SEC": "Bps",
    "KiloBYTE-PER-SEC": "kBps",
    "MegaBYTE-PER-SEC": "MBps",
    "GigaBYTE-PER-SEC": "GBps",
    "BIT": "bit",
    "BYTE": "B",
    "KiloBYTE": "kB",
    "MegaBYTE": "MB",
    "GigaBYTE": "GB",
    "PERCENT": "%",
    "UNITLESS": "ratio",
}
# Words, read in any case.
WORDS: dict[str, str] = {
    **{w: "ns" for w in ("nanosecond", "nanoseconds")},
    **{w: "us" for w in ("microsecond", "microseconds")},
    **{w: "ms" for w in ("millisecond", "milliseconds", "msec")},
    **{w: "s" for w in ("second", "seconds", "sec", "secs")},
    **{w: "min" for w in ("minute", "minutes", "mins")},
    **{w: "h" for w in ("hour", "hours")},
    **{w: "d" for w in ("day", "days")},
    **{w: "bit" for w in ("bits",)},
    **{w: "B" for w in ("byte", "bytes")},
    **{w: "%" for w in ("percent", "percentage")},
    **{w: "ratio" for w in ("ratio", "fraction", "unitless")},
}

# Metric-name suffix -> the unit it implies (checked longest first, after dropping `_total` or `_sum`).
METRIC_SUFFIXES: dict[str, str] = {
    "_ns": "ns",
    "_nanoseconds": "ns",
    "_us": "us",
    "_microseconds": "us",
    "_ms": "ms",
    "_milliseconds": "ms",
    "_seconds": "s",
    "_minutes": "min",
    "_hours": "h",
    "_days": "d",
    "_bps": "bps",
    "_bits_per_second": "bps",
    "_kbps": "kbps",
    "_mbps": "Mbps",
    "_gbps": "Gbps",
    "_tbps": "Tbps",
    "_bytes_per_second": "Bps",
    "_bits": "bit",
    "_bytes": "B",
    "_ratio": "ratio",
    "_percent": "%",
}
_ACCUMULATIONS = ("_total", "_sum")  # a counter or a histogram's sum keeps its unit; _count and _bucket do not


class UnitError(ValueError):
    """A unit that is not known, or a conversion between different dimensions."""


class UnknownUnit(UnitError):
    def __init__(self, symbol: str, hint: str = ""):
        super().__init__(f"unknown unit {symbol!r}{hint}; accepted: {accepted()}")
        self.symbol = symbol


class UnitMismatch(UnitError):
    """Two units of different dimensions."""


def lookup(symbol: str) -> Unit:
    """The unit a spelling names; raises UnknownUnit."""
    text = symbol.strip() if isinstance(symbol, str) else ""
    if not text:
        raise UnknownUnit(str(symbol))
    name = ALIASES.get(text, text)
    if name in UNITS:
        return UNITS[name]
    word = WORDS.get(text.lower())
    if word:
        return UNITS[word]
    raise UnknownUnit(text, _hint(text))


def _hint(text: str) -> str:
    if re.fullmatch(r"[a-zA-Z]?(Bps|B/s)", text):
        return " (a byte rate needs k, K, M, G or T: MBps is megabytes per second, Mbps megabits)"
    if text.lower() in ("mbps", "kbps", "gbps", "tbps") or text.upper() == text:
        return " (the case of a unit symbol matters: ms is a millisecond, MBps bytes and Mbps bits)"
    return ""


def is_known(symbol: str) -> bool:
    try:
        lookup(symbol)
    except UnknownUnit:
        return False
    return True


def canonical(symbol: str) -> str:
    return lookup(symbol).symbol


def dimension(symbol: str) -> str:
    return lookup(symbol).dimension


def factor(source: str, target: str) -> Fraction:
    """What a value in `source` is multiplied by to be in `target`; raises UnknownUnit or UnitMismatch."""
    have, want = lookup(source), lookup(target)
    if have.dimension != want.dimension:
        raise UnitMismatch(f"a {have.dimension} in {source} cannot be expressed in {target}, a {want.dimension} unit")
    return have.size / want.size


def convert(value: object, source: str, target: str) -> Fraction:
    """The exact value of `value` (a number or numeric text) in `source`, expressed in `target`."""
    return exact(value) * factor(source, target)


def exact(value: object) -> Fraction:
    """An exact number from a YAML number or numeric text; a float is read as the decimal it was written as."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a finite number")
        return Fraction(repr(value))
    try:
        return Fraction(value.strip() if isinstance(value, str) else value)  # int, Fraction, Decimal or numeric text
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        raise ValueError(f"{value!r} is not a finite number") from None


def plain_number(value: Fraction | int) -> int | float:
    """The JSON number for an exact value: an int when it is whole, else the nearest float."""
    value = Fraction(value)
    return int(value) if value.denominator == 1 else float(value)


def metric_unit(name: str) -> str | None:
    """The unit a metric name implies by its suffix (`latency_p95_ms` -> ms), or None when it implies none."""
    text = name.strip().lower()
    for ending in _ACCUMULATIONS:
        if text.endswith(ending):
            text = text[: -len(ending)]
            break
    for suffix in sorted(METRIC_SUFFIXES, key=len, reverse=True):
        if text.endswith(suffix) and len(text) > len(suffix):
            return METRIC_SUFFIXES[suffix]
    return None


def accepted(dimension: str | None = None) -> str:
    """The canonical units, by dimension, for messages; aliases are documented in docs/units.md."""
    wanted = [dimension] if dimension else DIMENSIONS
    parts = []
    for name in wanted:
        symbols = ", ".join(u.symbol for u in UNITS.values() if u.dimension == name)
        parts.append(f"{symbols} ({name})")
    return "; ".join(parts)
