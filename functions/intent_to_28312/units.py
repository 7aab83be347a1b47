"""Units of the quantities intents constrain, and their canonical forms.

Every value is normalised to one unit per quantity (time in ms, data rate in
Mbps, ratios and percentages as a plain ratio) with exact decimal arithmetic,
so `99.999%` becomes `0.99999` and not `0.9999899999999999`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

TIME, RATE, RATIO, NUMBER = "time", "data rate", "ratio", "number"
CANONICAL = {TIME: "ms", RATE: "Mbps", RATIO: "ratio", NUMBER: None}

_TIME_UNITS = {
    "ns": Decimal("0.000001"),
    "us": Decimal("0.001"),
    "µs": Decimal("0.001"),  # micro sign U+00B5
    "μs": Decimal("0.001"),  # Greek mu U+03BC, what many keyboards produce
    "ms": Decimal(1),
    "s": Decimal(1000),
}
_RATE_PREFIXES = {"": Decimal("0.000001"), "k": Decimal("0.001"), "m": Decimal(1), "g": Decimal(1000), "t": Decimal(1000000)}
_RATE = re.compile(r"^([kKmMgGtT]?)(?:bps|bit/s|b/s)$")
_RATIO_UNITS = {"%": Decimal("0.01"), "percent": Decimal("0.01"), "ratio": Decimal(1)}

ACCEPTED = "us, µs, ms, s (time); bps, kbps, Mbps, Gbps, Tbps (data rate); % or ratio"


@dataclass(frozen=True)
class Unit:
    symbol: str
    quantity: str
    factor: Decimal  # multiply by this to get the canonical unit

    @property
    def canonical(self) -> str | None:
        return CANONICAL[self.quantity]


class UnknownUnit(ValueError):
    def __init__(self, symbol: str):
        hint = " (bytes per second are not accepted: use bit rates such as Mbps)" if re.fullmatch(r"[kKmMgGtT]?B(ps|/s)", symbol) else ""
        super().__init__(f"unknown unit {symbol!r}{hint}; accepted: {ACCEPTED}")
        self.symbol = symbol


def lookup(symbol: str) -> Unit:
    """The unit a symbol names; raises UnknownUnit."""
    text = symbol.strip()
    if text in _TIME_UNITS:
        return Unit(text, TIME, _TIME_UNITS[text])
    if text.lower() in _RATIO_UNITS:
        return Unit(text, RATIO, _RATIO_UNITS[text.lower()])
    match = _RATE.match(text)
    if match:
        return Unit(text, RATE, _RATE_PREFIXES[match.group(1).lower()])
    raise UnknownUnit(text)


def to_canonical(value: Decimal, unit: Unit | None) -> Decimal:
    return value if unit is None else value * unit.factor


def plain_number(value: Decimal) -> int | float:
    """The JSON number for a decimal: an int when it is whole."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# QUDT unit local names some ontologies use for quan:unit, to the symbols above.
QUDT = {
    "NanoSEC": "ns",
    "MicroSEC": "us",
    "MilliSEC": "ms",
    "SEC": "s",
    "BIT-PER-SEC": "bps",
    "KiloBIT-PER-SEC": "kbps",
    "MegaBIT-PER-SEC": "Mbps",
    "GigaBIT-PER-SEC": "Gbps",
    "TeraBIT-PER-SEC": "Tbps",
    "PERCENT": "%",
    "UNITLESS": "ratio",
}
