"""Converting a measurement into its gate's unit, with the SDK's one unit table.

Only units of the table convert, and only within a dimension (time, data
rate, data size, ratio), exactly.  A mismatch is never guessed across.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from oran_intent_krm.sdk import units

UnitMismatch = units.UnitError


@dataclass(frozen=True)
class Conversion:
    source: str
    target: str
    factor: Fraction

    @property
    def identity(self) -> bool:
        return self.factor == 1

    def apply(self, value: float) -> float:
        """The value in the target unit: exact from the decimal the value was written as, then the nearest float."""
        if self.identity or not math.isfinite(value):
            return value
        return float(units.exact(value) * self.factor)


def conversion(measured: str | None, wanted: str | None) -> Conversion:
    """How to turn values in the measured unit into the gate's unit.

    A gate without a unit takes values as they come.  A gate with a unit needs
    the measurement to state one: an unstated unit cannot be checked.
    """
    if not wanted:
        return Conversion(measured or "", measured or "", Fraction(1))
    if not measured:
        raise UnitMismatch(f"the measurement states no unit; the gate needs {wanted}")
    try:
        return Conversion(measured, wanted, units.factor(measured, wanted))
    except units.UnknownUnit as exc:
        raise UnitMismatch(f"unit {measured} cannot be converted to {wanted}: {exc}") from None
    except units.UnitMismatch:
        have, want = units.dimension(measured), units.dimension(wanted)
        raise UnitMismatch(f"unit {measured} ({have}) cannot be converted to {wanted} ({want})") from None
