"""The comparison operators of an SLO target, and which values are worse for each."""

from __future__ import annotations

import operator
from typing import Callable

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
# The direction a value may not drift in, for relative criteria.
LOWER_IS_BETTER = ("<", "<=")
HIGHER_IS_BETTER = (">", ">=")


def holds(value: float, op: str, threshold: float) -> bool:
    return OPERATORS[op](value, threshold)


def badness(value: float, op: str, threshold: float) -> float:
    """A number that grows as the value gets worse for the operator.

    Breaching is monotone in it, so the k-th worst value decides whether more
    than k periods breach.
    """
    if op in LOWER_IS_BETTER:
        return value
    if op in HIGHER_IS_BETTER:
        return -value
    distance = abs(value - threshold)
    return distance if op == "==" else -distance


def worst_first(values: list[float], op: str, threshold: float) -> list[float]:
    return sorted(values, key=lambda v: (-badness(v, op, threshold), v))


def worse(a: float, b: float, op: str, threshold: float) -> float:
    """The worse of two values for the operator."""
    return a if badness(a, op, threshold) >= badness(b, op, threshold) else b
