"""Prometheus durations (`30s`, `5m`, `1h30m`): one parser, and the JSON-schema pattern that agrees with it.

The parser is promql-parser's `parse_duration`, the one the PromQL queries
that embed these durations are checked with.  A duration is a sequence of
`<digits><unit>` with the units in the order y w d h m s ms, each at most
once (so `1m1m` and `1s30m` are refused).  Two rules are added on top of it:

- a unit is required: promql-parser also reads a bare number (`300`) as
  seconds, which a query template or a reader of the YAML would not;
- the duration must be longer than zero (every duration the project reads is a
  window, a period or a step).

`PATTERN` is generated from `UNITS` and states the same language, zero
excluded, without lookaround (CRD patterns are RE2).  A pattern cannot bound
the size of a number: a value too large for the parser matches it and is
refused by `parse`.
"""

from __future__ import annotations

import re
from datetime import timedelta
from fractions import Fraction

# Prometheus duration units, in the order a duration must list them (y is 365d, w 7d, d 24h).
UNITS: tuple[str, ...] = ("y", "w", "d", "h", "m", "s", "ms")
EXAMPLES = "30s, 5m or 1h30m"
GRAMMAR = "<digits><unit> in the order y w d h m s ms, each unit at most once"


def _pattern() -> str:
    """Each alternative: zero parts, the first non-zero part, then any parts, all in unit order."""
    alternatives = []
    for index, first in enumerate(UNITS):
        zeros = "".join(f"(?:0+{unit})?" for unit in UNITS[:index])
        rest = "".join(f"(?:[0-9]+{unit})?" for unit in UNITS[index + 1 :])
        alternatives.append(f"{zeros}0*[1-9][0-9]*{first}{rest}")
    return "^(?:" + "|".join(alternatives) + ")$"


PATTERN = _pattern()
# The same order of units with any numbers, zero included: tells a zero or an overflow from a typo.
_SHAPE = re.compile("(?=.)" + "".join(f"(?:[0-9]+{unit})?" for unit in UNITS))
_NUMBER = re.compile(r"[0-9.]+(?:[eE][+-]?[0-9]+)?")


class DurationError(ValueError):
    """A value that is not a positive Prometheus duration; the message says what was expected."""


def parse(value: object) -> timedelta:
    """The length of a positive Prometheus duration; raises DurationError."""
    if not isinstance(value, str):
        raise DurationError(f"{value!r} is not a duration: write it as a string such as {EXAMPLES}")
    from promql_parser import parse_duration  # imported when a duration is read, not at start-up

    text = value
    if not _SHAPE.fullmatch(text):
        # Not handed to the parser: it reads a bare number as seconds, and panics on some (`7e44`).
        raise DurationError(_why(text))
    try:
        length = parse_duration(text)
    except ValueError:
        raise DurationError(_why(text)) from None
    if length <= timedelta(0):
        raise DurationError(_zero(text))
    return length


def _why(text: str) -> str:
    if _SHAPE.fullmatch(text) or _NUMBER.fullmatch(text):
        if not any(ch in "123456789" for ch in text):
            return _zero(text)
        if _NUMBER.fullmatch(text):
            return _unitless(text)
        return f"{text!r} is too long a duration for a PromQL query"
    return f"{text!r} is not a duration such as {EXAMPLES} ({GRAMMAR})"


def _unitless(text: str) -> str:
    return f"{text!r} has no unit: a duration names its unit, as in {EXAMPLES}"


def _zero(text: str) -> str:
    return f"{text!r} is zero: a duration must be longer than zero, such as {EXAMPLES}"


def seconds(value: object) -> float:
    """`parse` in seconds."""
    return float(exact_seconds(value))


def exact_seconds(value: object) -> Fraction:
    return Fraction(parse(value) // timedelta(microseconds=1), 10**6)
