"""Whether constraints on one target can all hold at once.

Each TS 28.312 condition allows a set of values: an interval (`<`, `<=`, `>`,
`>=`, `=`, `IS_WITHIN_RANGE`) or everything but a point or a closed range
(`IS_NOT_ONE_OF`, `IS_OUTSIDE_RANGE`).  The values are also never negative.
The constraints contradict each other when what they allow together is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from . import constraints as c


@dataclass(frozen=True)
class Interval:
    low: Fraction | None  # None: unbounded
    low_closed: bool
    high: Fraction | None
    high_closed: bool

    def is_empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (self.low == self.high and not (self.low_closed and self.high_closed))


NON_NEGATIVE = Interval(Fraction(0), True, None, False)


def _interval(constraint: c.Constraint) -> Interval | None:
    """The interval a constraint allows, or None for the excluding conditions."""
    condition, values = constraint.condition, constraint.values
    if condition == c.LESS:
        return Interval(None, False, values[0], False)
    if condition == c.AT_MOST:
        return Interval(None, False, values[0], True)
    if condition == c.GREATER:
        return Interval(values[0], False, None, False)
    if condition == c.AT_LEAST:
        return Interval(values[0], True, None, False)
    if condition == c.EQUAL:
        return Interval(values[0], True, values[0], True)
    if condition == c.WITHIN:
        return Interval(values[0], True, values[1], True)
    return None


def _excluded(constraint: c.Constraint) -> tuple[Fraction, Fraction] | None:
    """The closed range a constraint rules out, if it is an excluding one."""
    if constraint.condition == c.NOT_ONE_OF:
        return (constraint.values[0], constraint.values[0])
    if constraint.condition == c.OUTSIDE:
        return (constraint.values[0], constraint.values[1])
    return None


def _intersect(a: Interval, b: Interval) -> Interval:
    low, low_closed = a.low, a.low_closed
    if b.low is not None and (low is None or b.low > low or (b.low == low and not b.low_closed)):
        low, low_closed = b.low, b.low_closed
    high, high_closed = a.high, a.high_closed
    if b.high is not None and (high is None or b.high < high or (b.high == high and not b.high_closed)):
        high, high_closed = b.high, b.high_closed
    return Interval(low, low_closed, high, high_closed)


def _subtract(piece: Interval, low: Fraction, high: Fraction) -> list[Interval]:
    """piece minus the closed range [low, high]."""
    left = _intersect(piece, Interval(None, False, low, False))
    right = _intersect(piece, Interval(high, False, None, False))
    return [p for p in (left, right) if not p.is_empty()]


def satisfiable(found: Sequence[c.Constraint]) -> bool:
    """True when some non-negative value meets every constraint."""
    allowed = NON_NEGATIVE
    for constraint in found:
        interval = _interval(constraint)
        if interval is not None:
            allowed = _intersect(allowed, interval)
    if allowed.is_empty():
        return False
    pieces = [allowed]
    for constraint in found:
        excluded = _excluded(constraint)
        if excluded is not None:
            pieces = [rest for piece in pieces for rest in _subtract(piece, *excluded)]
    return bool(pieces)


def first_conflict(found: Sequence[c.Constraint]) -> tuple[int, int | None] | None:
    """(index of the constraint that makes the set unsatisfiable, index of one it clashes with, if one alone does)."""
    for index in range(len(found)):
        if satisfiable(found[: index + 1]):
            continue
        if not satisfiable([found[index]]):
            return index, None
        for other in range(index):
            if not satisfiable([found[other], found[index]]):
                return index, other
        return index, None
    return None
