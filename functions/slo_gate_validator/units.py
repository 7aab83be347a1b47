"""Units of measured values, and converting a measurement into a gate's unit.

Only quantities whose conversion is exact by definition are converted: time,
data rate (bits and bytes per second) and ratios/percentages.  Any other unit
must match the gate's unit exactly; a mismatch is never guessed across.
"""

from __future__ import annotations

from dataclasses import dataclass

# unit -> (quantity, factor to the quantity's canonical unit)
_EXACT: dict[str, tuple[str, float]] = {
    "ns": ("time", 1e-6),
    "us": ("time", 1e-3),
    "µs": ("time", 1e-3),
    "ms": ("time", 1.0),
    "s": ("time", 1000.0),
    "min": ("time", 60000.0),
    "bps": ("rate", 1e-6),
    "kbps": ("rate", 1e-3),
    "Kbps": ("rate", 1e-3),
    "Mbps": ("rate", 1.0),
    "Gbps": ("rate", 1e3),
    "Tbps": ("rate", 1e6),
    "Bps": ("rate", 8e-6),
    "kBps": ("rate", 8e-3),
    "KBps": ("rate", 8e-3),
    "MBps": ("rate", 8.0),
    "GBps": ("rate", 8e3),
    "ratio": ("ratio", 1.0),
    "%": ("ratio", 0.01),
    "percent": ("ratio", 0.01),
}
# Lower-case spellings people write for bit rates (the seed's `mbps`); bytes need exact case.
_BIT_RATE_ALIASES = {
    "bps": "bps",
    "kbps": "kbps",
    "mbps": "Mbps",
    "gbps": "Gbps",
    "tbps": "Tbps",
    "bit/s": "bps",
    "kbit/s": "kbps",
    "mbit/s": "Mbps",
    "gbit/s": "Gbps",
}
CANONICAL = {"time": "ms", "rate": "Mbps", "ratio": "ratio"}


class UnitMismatch(ValueError):
    """A measured unit that cannot be converted into the gate's unit."""


@dataclass(frozen=True)
class Conversion:
    source: str
    target: str
    factor: float

    @property
    def identity(self) -> bool:
        return self.factor == 1.0

    def apply(self, value: float) -> float:
        return tidy(value * self.factor)


def known(unit: str) -> tuple[str, float] | None:
    """(quantity, factor to canonical) for a unit this module knows, else None."""
    text = unit.strip()
    if text in _EXACT:
        return _EXACT[text]
    alias = _BIT_RATE_ALIASES.get(text.lower())
    return _EXACT[alias] if alias else None


def conversion(measured: str | None, wanted: str | None) -> Conversion:
    """How to turn values in the measured unit into the gate's unit.

    A gate without a unit takes values as they come.  A gate with a unit needs
    the measurement to state one: an unstated unit cannot be checked.
    """
    if not wanted:
        return Conversion(measured or "", measured or "", 1.0)
    if not measured:
        raise UnitMismatch(f"the measurement states no unit; the gate needs {wanted}")
    if measured == wanted:
        return Conversion(measured, wanted, 1.0)
    have, want = known(measured), known(wanted)
    if have is None or want is None:
        unknown = measured if have is None else wanted
        raise UnitMismatch(f"unit {measured} cannot be converted to {wanted}: {unknown} is not a known unit")
    if have[0] != want[0]:
        raise UnitMismatch(f"unit {measured} ({have[0]}) cannot be converted to {wanted} ({want[0]})")
    return Conversion(measured, wanted, have[1] / want[1])


def tidy(value: float) -> float:
    """Drop binary floating-point noise (0.0072 s is 7.2 ms, not 7.199999999999999)."""
    return float(f"{value:.12g}")
