"""Units of intent targets and metrics, and exact conversion between them."""

from __future__ import annotations

from fractions import Fraction

# unit -> (dimension, size in the dimension's base unit); rates are bits per second.
UNITS: dict[str, tuple[str, Fraction]] = {
    "ns": ("time", Fraction(1, 10**6)),
    "us": ("time", Fraction(1, 10**3)),
    "µs": ("time", Fraction(1, 10**3)),
    "ms": ("time", Fraction(1)),
    "s": ("time", Fraction(1000)),
    "bps": ("rate", Fraction(1, 10**6)),
    "kbps": ("rate", Fraction(1, 10**3)),
    "mbps": ("rate", Fraction(1)),
    "gbps": ("rate", Fraction(1000)),
    "tbps": ("rate", Fraction(10**6)),
    "ratio": ("ratio", Fraction(1)),
    "%": ("ratio", Fraction(1, 100)),
    "percent": ("ratio", Fraction(1, 100)),
}
METRIC_UNITS = ("ms", "s", "us", "Mbps", "Gbps", "kbps", "ratio")


class UnitError(ValueError):
    pass


def _lookup(unit: str) -> tuple[str, Fraction]:
    key = unit.strip()
    # Rates are case-insensitive (the seed writes "mbps"); time units are not (ms vs Ms).
    entry = UNITS.get(key) or UNITS.get(key.lower() if key.lower().endswith("bps") else key)
    if entry is None:
        known = ", ".join(sorted({u for u in UNITS}))
        raise UnitError(f"unknown unit {unit!r} (known: {known})")
    return entry


def dimension(unit: str) -> str:
    return _lookup(unit)[0]


def convert(value: Fraction, from_unit: str, to_unit: str) -> Fraction:
    source, target = _lookup(from_unit), _lookup(to_unit)
    if source[0] != target[0]:
        raise UnitError(f"a {source[0]} in {from_unit!r} cannot be expressed in {to_unit!r} ({target[0]})")
    return value * source[1] / target[1]


def as_fraction(value: object) -> Fraction:
    """An exact number from a YAML number or numeric text."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            pass
    raise ValueError(f"{value!r} is not a number")


def plain_number(value: Fraction) -> int | float:
    """A YAML-friendly number: an int when whole, else the nearest float."""
    return int(value) if value.denominator == 1 else float(value)
