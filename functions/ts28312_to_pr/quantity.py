"""Kubernetes resource quantities, parsed and formatted exactly.

Values are kept as `Fraction`s, so sums never drift (`0.1 + 0.2` CPU is exactly
`300m`).  The grammar is the one of `k8s.io/apimachinery/pkg/api/resource`:
a signed decimal number followed by a binary suffix (Ki..Ei), a decimal suffix
(n, u, m, "", k, M, G, T, P, E) or a decimal exponent (`e3`, `E-2`).
"""

from __future__ import annotations

import re
from fractions import Fraction

BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
DECIMAL = {
    "n": Fraction(1, 10**9),
    "u": Fraction(1, 10**6),
    "m": Fraction(1, 10**3),
    "": Fraction(1),
    "k": Fraction(10**3),
    "M": Fraction(10**6),
    "G": Fraction(10**9),
    "T": Fraction(10**12),
    "P": Fraction(10**15),
    "E": Fraction(10**18),
}
_QUANTITY = re.compile(
    r"^(?P<sign>[+-]?)(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?:(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE](?P<exponent>[+-]?[0-9]+))?$"
)


class QuantityError(ValueError):
    """A value that is not a Kubernetes quantity, or cannot be written exactly."""


def parse(value: object) -> Fraction:
    """The exact value of a quantity given as text (`500m`, `16Gi`) or as a YAML number."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise QuantityError(f"{value!r} is not a quantity: expected text such as 500m or 16Gi, or a number")
    # A YAML float such as 0.5 reads back through its shortest decimal text, never its binary value.
    text = value.strip() if isinstance(value, str) else repr(value)
    match = _QUANTITY.match(text)
    if not match:
        raise QuantityError(f"{value!r} is not a Kubernetes quantity (e.g. 500m, 2, 1.5, 16Gi, 1G)")
    number = Fraction(match["number"] if not match["number"].endswith(".") else match["number"][:-1])
    if match["exponent"] is not None:
        exponent = int(match["exponent"])
        if abs(exponent) > 30:
            raise QuantityError(f"{value!r}: exponent out of range")
        scale = Fraction(10) ** exponent
    elif match["suffix"] in BINARY:
        scale = Fraction(BINARY[match["suffix"]])
    else:
        scale = DECIMAL[match["suffix"] or ""]
    amount = number * scale
    return -amount if match["sign"] == "-" else amount


def format_cpu(value: Fraction) -> str:
    """CPU in millicores (`8000m`, `500m`), the form the seed's requests use."""
    millis = value * 1000
    if millis.denominator != 1:
        raise QuantityError(f"{float(value)} CPU is not a whole number of millicores")
    return f"{millis.numerator}m"


def format_bytes(value: Fraction) -> str:
    """The shortest exact form, binary suffixes preferred (`16Gi`, `1536Mi`, `1G`, `100`)."""
    if value.denominator != 1:
        raise QuantityError(f"{float(value)} is not a whole number of bytes")
    whole = value.numerator
    candidates = []
    for suffix, size in BINARY.items():
        if whole % size == 0:
            candidates.append(f"{whole // size}{suffix}")
    for suffix, size in DECIMAL.items():
        if size >= 1000 and whole % int(size) == 0:
            candidates.append(f"{whole // int(size)}{suffix}")
    candidates.append(str(whole))
    # min() keeps the first of equally short forms: binary, then decimal, then plain.
    return min(candidates, key=len) if whole else "0"


def is_whole_cpu(value: Fraction) -> bool:
    return value.denominator == 1
