"""Kubernetes resource quantities (`k8s.io/apimachinery` `resource.Quantity`), read and written exactly.

A quantity is held as a `Fraction` of its base unit (cores for CPU, bytes for
everything else), so sums and splits never round.  Formatting picks the
shortest exact spelling, the way a person would write it (`2`, `1500m`,
`16Gi`, `10G`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"n": Fraction(1, 10**9), "u": Fraction(1, 10**6), "m": Fraction(1, 1000), "": Fraction(1),
            "k": Fraction(10**3), "M": Fraction(10**6), "G": Fraction(10**9), "T": Fraction(10**12),
            "P": Fraction(10**15), "E": Fraction(10**18)}
_SUFFIXES = {**{k: Fraction(v) for k, v in _BINARY.items()}, **_DECIMAL}
_QUANTITY = re.compile(r"^([+-]?)(\d+\.?\d*|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$")

MILLI = Fraction(1, 1000)


class QuantityError(ValueError):
    """A value that is not a Kubernetes quantity this function can use."""


def parse(value: object) -> Fraction:
    """The exact value of a quantity (`8000m`, `16Gi`, `1e3`, 2, 0.5) in its base unit."""
    if isinstance(value, bool) or value is None:
        raise QuantityError(f"{value!r} is not a quantity")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        # YAML gave a float: its shortest decimal spelling is what the user wrote.
        try:
            return Fraction(Decimal(repr(value)))
        except (InvalidOperation, ValueError):
            raise QuantityError(f"{value!r} is not a finite quantity") from None
    if not isinstance(value, str):
        raise QuantityError(f"{value!r} is not a quantity")
    match = _QUANTITY.match(value.strip())
    if not match:
        raise QuantityError(f"{value!r} is not a quantity (expected a number with an optional suffix such as m, Mi, Gi, G)")
    sign, number, exponent, suffix = match.groups()
    amount = Fraction(Decimal(number))
    if exponent:
        power = int(exponent[1:])
        if abs(power) > 30:
            raise QuantityError(f"{value!r} has an exponent out of range")
        amount *= Fraction(10) ** power
    else:
        amount *= _SUFFIXES[suffix or ""]
    return -amount if sign == "-" else amount


def format_cpu(cores: Fraction) -> str:
    """Whole cores as `2`, anything else in millicores (`1500m`)."""
    return str(cores.numerator) if cores.denominator == 1 else format_millicores(cores)


def format_millicores(cores: Fraction) -> str:
    """CPU always in millicores (`8000m`, `500m`): the spelling O2 IMS requests use."""
    milli = cores / MILLI
    if milli.denominator != 1:
        raise QuantityError(f"{float(cores)} cores is finer than 1m")
    return f"{milli.numerator}m"


def format_bytes(amount: Fraction) -> str:
    """The shortest exact spelling among the binary and decimal suffixes, binary winning ties."""
    if amount.denominator != 1:
        raise QuantityError(f"{float(amount)} is not a whole number of bytes")
    candidates = [str(amount.numerator)]
    for suffixes in (_BINARY, {k: v for k, v in _DECIMAL.items() if v >= 1000}):
        for suffix, size in suffixes.items():
            if amount and amount % size == 0:
                candidates.append(f"{amount // size}{suffix}")
    return min(candidates, key=len) if amount else "0"


def format_quantity(resource: str, amount: Fraction) -> str:
    return format_cpu(amount) if resource == "cpu" else format_bytes(amount)
