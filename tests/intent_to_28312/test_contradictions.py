"""Constraints on one target that cannot hold together are found, and only those."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from oran_intent_krm.intent_to_28312 import consistency
from oran_intent_krm.intent_to_28312 import constraints as c


def parsed(*texts: str) -> list[c.Constraint]:
    return [c.parse(t) for t in texts]


def test_an_upper_bound_below_a_lower_bound_contradicts():
    assert not consistency.satisfiable(parsed("latency<5ms", "latency>10ms"))
    assert consistency.first_conflict(parsed("latency<5ms", "latency>10ms")) == (1, 0)


def test_touching_bounds_contradict_only_when_one_is_strict():
    assert consistency.satisfiable(parsed("latency<=5ms", "latency>=5ms"))
    assert not consistency.satisfiable(parsed("latency<5ms", "latency>=5ms"))


def test_equalities_must_agree():
    assert not consistency.satisfiable(parsed("latency=5ms", "latency=6ms"))
    assert not consistency.satisfiable(parsed("latency=5ms", "latency!=5ms"))
    assert consistency.satisfiable(parsed("latency=5ms", "latency!=6ms"))


def test_ranges_contradict_what_lies_outside_them():
    assert not consistency.satisfiable(parsed("latency 10-20ms", "latency<10ms"))
    assert not consistency.satisfiable(parsed("latency 10-20ms", "latency not between 5 and 25 ms"))
    assert consistency.satisfiable(parsed("latency 10-20ms", "latency not between 5 and 15 ms"))


def test_values_are_never_negative():
    assert not consistency.satisfiable(parsed("latency<0ms"))
    assert consistency.first_conflict(parsed("latency<10ms", "latency<0ms")) == (1, None)


def test_redundant_bounds_are_not_a_contradiction():
    assert consistency.first_conflict(parsed("latency<10ms", "latency<5ms", "latency<=20ms")) is None


def test_units_are_compared_after_normalising():
    assert not consistency.satisfiable(parsed("latency<500us", "latency>1ms"))
    assert consistency.satisfiable(parsed("latency<2000us", "latency>1ms"))


# --- the checker against brute force ---------------------------------------------------------------

OPS = st.sampled_from(["<", "<=", ">", ">=", "=", "!=", "range", "outside"])


@st.composite
def constraint(draw):
    op = draw(OPS)
    a, b = sorted((draw(st.integers(0, 10)), draw(st.integers(0, 10))))
    if op == "range":
        return c.parse(f"x {a}-{b}ms")
    if op == "outside":
        return c.parse(f"x not between {a} and {b} ms")
    return c.parse(f"x{op}{a}ms")


def holds(found: c.Constraint, value: Fraction) -> bool:
    v = found.numbers("ms")
    return {
        c.LESS: lambda: value < v[0],
        c.AT_MOST: lambda: value <= v[0],
        c.GREATER: lambda: value > v[0],
        c.AT_LEAST: lambda: value >= v[0],
        c.EQUAL: lambda: value == v[0],
        c.NOT_ONE_OF: lambda: value != v[0],
        c.WITHIN: lambda: v[0] <= value <= v[1],
        c.OUTSIDE: lambda: value < v[0] or value > v[1],
    }[found.condition]()


# Integer bounds: any non-empty set they allow contains a multiple of 0.25 in [0, 11].
GRID = [Fraction(i, 4) for i in range(0, 45)]


@given(st.lists(constraint(), min_size=1, max_size=5))
def test_satisfiable_exactly_when_some_value_meets_every_constraint(found):
    brute = any(all(holds(x, value) for x in found) for value in GRID)
    assert consistency.satisfiable(found) == brute


@given(st.lists(constraint(), min_size=1, max_size=5))
def test_the_reported_conflict_is_the_first_prefix_that_fails(found):
    conflict = consistency.first_conflict(found)
    if consistency.satisfiable(found):
        assert conflict is None
        return
    index, other = conflict
    assert consistency.satisfiable(found[:index]) and not consistency.satisfiable(found[: index + 1])
    if other is not None:
        assert not consistency.satisfiable([found[other], found[index]])


@given(st.lists(constraint(), min_size=1, max_size=5), st.randoms())
def test_the_verdict_does_not_depend_on_order(found, random):
    shuffled = list(found)
    random.shuffle(shuffled)
    assert consistency.satisfiable(shuffled) == consistency.satisfiable(found)
