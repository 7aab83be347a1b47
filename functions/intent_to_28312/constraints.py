"""The constraint language users write in TMF921 intents, parsed to TS 28.312 terms.

Grammar (whitespace is free between tokens; names may be omitted where the
caller already knows the metric, as in an expectationContext):

    constraint := [name [":"]] body
    body       := op quantity
                | ["not"] "between" quantity "and" quantity
                | ["from"] quantity ("-" | "–" | "to" | "..") quantity
                | quantity                      (a bare value; its condition comes from the metric)
    op         := "<" | "<=" | "=<" | "≤" | ">" | ">=" | "=>" | "≥" | "=" | "==" | "!=" | "≠"
    quantity   := number [unit]                 number: 10, 0.5, .5 (never negative)
    unit       := a unit of the SDK's unit table (ms, us, s, Mbps, Gbps, MBps, %, ratio, ...)

In a range written with one unit (`10-20ms`, `between 10 and 20 ms`) the unit
applies to both ends.  Values are held exactly, in the base unit of their
dimension (seconds, bits per second, bits, a plain ratio; see `sdk.units`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from oran_intent_krm.sdk import units

LESS, AT_MOST, GREATER, AT_LEAST = "IS_LESS_THAN", "IS_EQUAL_TO_OR_LESS_THAN", "IS_GREATER_THAN", "IS_EQUAL_TO_OR_GREATER_THAN"
EQUAL, NOT_ONE_OF, WITHIN, OUTSIDE = "IS_EQUAL_TO", "IS_NOT_ONE_OF", "IS_WITHIN_RANGE", "IS_OUTSIDE_RANGE"

OPERATORS = {
    "<": LESS,
    "<=": AT_MOST,
    "=<": AT_MOST,
    "≤": AT_MOST,
    ">": GREATER,
    ">=": AT_LEAST,
    "=>": AT_LEAST,
    "≥": AT_LEAST,
    "=": EQUAL,
    "==": EQUAL,
    "!=": NOT_ONE_OF,
    "≠": NOT_ONE_OF,
}
GRAMMAR = "[name] (< | <= | ≤ | > | >= | ≥ | = | == | != | ≠) number[unit], a range 10-20ms, or between 10 and 20 ms"

_NUMBER = r"\d+(?:\.\d+)?|\.\d+"
_UNIT = r"(?!(?:to|and)\b)[A-Za-zµμ%/]+"
_QUANTITY = r"(?P<{n}>" + _NUMBER + r")\s*(?P<{u}>" + _UNIT + r")?"
_OP = "|".join(sorted((re.escape(op) for op in OPERATORS), key=len, reverse=True))
_WORD = r"(?!(?:between|not|from)\b)[A-Za-z_][A-Za-z0-9_]*"
_NAME = re.compile(rf"^\s*(?P<name>{_WORD}(?:[ .\-]{_WORD})*)\s*:?\s*")

_COMPARISON = re.compile(rf"^(?P<op>{_OP})\s*{_QUANTITY.format(n='n', u='u')}$")
_BETWEEN = re.compile(
    rf"^(?P<not>not\s+)?between\s+{_QUANTITY.format(n='n1', u='u1')}\s+and\s+{_QUANTITY.format(n='n2', u='u2')}$",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"^(?:from\s+)?{_QUANTITY.format(n='n1', u='u1')}\s*(?:-|–|\.\.|\bto\b)\s*{_QUANTITY.format(n='n2', u='u2')}$")
_BARE = re.compile(rf"^{_QUANTITY.format(n='n', u='u')}$")


class ConstraintError(ValueError):
    """A constraint that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Constraint:
    name: str | None
    condition: str | None  # None: a bare value, whose condition the metric decides
    values: tuple[Fraction, ...]  # in the dimension's base unit; two values for the range conditions
    dimension: str | None  # None for a plain number
    text: str

    def with_condition(self, condition: str) -> "Constraint":
        return replace(self, condition=condition)

    def numbers(self, unit: str | None) -> list[Fraction]:
        """The values expressed in `unit` (None: as they are, for a plain number)."""
        if unit is None or self.dimension is None:
            return list(self.values)
        return [units.convert(v, units.BASE[self.dimension], unit) for v in self.values]

    @property
    def is_list(self) -> bool:
        """Whether TS 28.312 takes the value as a list: ranges and IS_NOT_ONE_OF."""
        return self.condition in (WITHIN, OUTSIDE, NOT_ONE_OF)


def parse(text: str, *, named: bool = True) -> Constraint:
    """Parse a constraint such as `latency<10ms` (named) or `<1ms` (named=False)."""
    if not isinstance(text, str) or not text.strip():
        raise ConstraintError(f"empty constraint; expected {GRAMMAR}")
    source = " ".join(text.split())
    name, body = None, source
    if named:
        match = _NAME.match(source)
        if not match:
            raise ConstraintError(f"{text!r} does not start with a metric name; expected {GRAMMAR}")
        name, body = match.group("name"), source[match.end() :]
        if not body:
            raise ConstraintError(f"{text!r} has no condition after {name!r}; expected {GRAMMAR}")
    condition, amounts = _parse_body(body, text)
    return _constraint(name, condition, amounts, text)


def parse_quantity(text: str) -> tuple[Fraction, units.Unit | None]:
    """A single `number[unit]` such as `10ms` or `200`."""
    match = _BARE.match(" ".join(str(text).split()))
    if not match:
        raise ConstraintError(f"{text!r} is not a number with an optional unit, such as 10ms")
    return Fraction(match.group("n")), _unit(match.group("u"))


def from_quantity(name: str | None, condition: str, amounts: list[tuple[Fraction, units.Unit | None]], text: str) -> Constraint:
    """A constraint from already separated parts (the JSON-LD and Turtle forms)."""
    wanted = 2 if condition in (WITHIN, OUTSIDE) else 1
    if len(amounts) != wanted:
        raise ConstraintError(f"{text!r}: {condition} takes {wanted} value(s), not {len(amounts)}")
    return _constraint(name, condition, amounts, text)


def _constraint(name: str | None, condition: str | None, amounts: list[tuple[Fraction, units.Unit | None]], text: str) -> Constraint:
    """The amounts in one unit's dimension, exactly in its base unit; a missing unit borrows the other end's."""
    unit = _common_unit([u for _, u in amounts], text)
    values = tuple(Fraction(v) * (own or unit).size if unit else Fraction(v) for v, own in amounts)
    if condition in (WITHIN, OUTSIDE) and values[0] > values[1]:
        raise ConstraintError(f"{text!r}: the range's lower end is above its upper end")
    dimension = unit.dimension if unit else None
    if dimension == units.RATIO and any(v > 1 for v in values):
        raise ConstraintError(f"{text!r}: a ratio cannot exceed 1 (100%)")
    return Constraint(name, condition, values, dimension, text)


def _parse_body(body: str, text: str) -> tuple[str | None, list[tuple[Fraction, units.Unit | None]]]:
    match = _COMPARISON.match(body)
    if match:
        return OPERATORS[match.group("op")], [(Fraction(match.group("n")), _unit(match.group("u")))]
    match = _BETWEEN.match(body) or _RANGE.match(body)
    if match:
        condition = OUTSIDE if match.groupdict().get("not") else WITHIN
        return condition, [(Fraction(match.group(n)), _unit(match.group(u))) for n, u in (("n1", "u1"), ("n2", "u2"))]
    match = _BARE.match(body)
    if match:
        return None, [(Fraction(match.group("n")), _unit(match.group("u")))]
    raise ConstraintError(f"cannot parse {text!r}; expected {GRAMMAR}")


def _unit(symbol: str | None) -> units.Unit | None:
    if not symbol:
        return None
    try:
        return units.lookup(symbol)
    except units.UnknownUnit as exc:
        raise ConstraintError(str(exc)) from None


def _common_unit(found: list[units.Unit | None], text: str) -> units.Unit | None:
    """The unit of a range: the ends must agree on the dimension; a missing unit borrows the other's."""
    present = [u for u in found if u is not None]
    if not present:
        return None
    if len({u.dimension for u in present}) > 1:
        raise ConstraintError(f"{text!r} mixes units of different dimensions ({', '.join(u.symbol for u in present)})")
    return present[-1]
