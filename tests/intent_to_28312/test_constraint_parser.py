"""The constraint language: operators, ranges, units, exact values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oran_intent_krm.intent_to_28312 import constraints as c
from oran_intent_krm.sdk import units


@pytest.mark.parametrize(
    "text, condition",
    [
        ("latency<10ms", c.LESS),
        ("latency <= 10ms", c.AT_MOST),
        ("latency =< 10ms", c.AT_MOST),
        ("latency ≤ 10ms", c.AT_MOST),
        ("latency>10ms", c.GREATER),
        ("latency >= 10 ms", c.AT_LEAST),
        ("latency ≥10ms", c.AT_LEAST),
        ("latency=10ms", c.EQUAL),
        ("latency == 10ms", c.EQUAL),
        ("latency != 10ms", c.NOT_ONE_OF),
        ("latency ≠ 10ms", c.NOT_ONE_OF),
    ],
)
def test_every_operator_maps_to_a_ts28312_condition(text, condition):
    parsed = c.parse(text)
    assert (parsed.name, parsed.condition, parsed.numbers("ms"), parsed.dimension) == ("latency", condition, [10], units.TIME)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("latency 10-20ms", 10, 20),
        ("latency 10ms-20ms", 10, 20),
        ("latency 10 - 20 ms", 10, 20),
        ("latency between 10 and 20 ms", 10, 20),
        ("latency between 10ms and 20ms", 10, 20),
        ("latency from 10 to 20 ms", 10, 20),
        ("latency 500us-2ms", Fraction(1, 2), 2),
        ("latency 10..20ms", 10, 20),
    ],
)
def test_ranges_become_is_within_range_with_both_ends_in_the_unit(text, low, high):
    parsed = c.parse(text)
    assert parsed.condition == c.WITHIN and parsed.is_list
    assert parsed.numbers("ms") == [low, high]


def test_not_between_is_is_outside_range():
    assert c.parse("jitter not between 1 and 2 ms").condition == c.OUTSIDE


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("latency<500us", Fraction(1, 2), "ms"),
        ("latency<500µs", Fraction(1, 2), "ms"),
        ("latency<500μs", Fraction(1, 2), "ms"),
        ("latency<2s", 2000, "ms"),
        ("latency<250000ns", Fraction(1, 4), "ms"),
        ("throughput>1Gbps", 1000, "Mbps"),
        ("throughput>1gbps", 1000, "Mbps"),
        ("throughput>500kbps", Fraction(1, 2), "Mbps"),
        ("throughput>2000000bps", 2, "Mbps"),
        ("throughput>1Tbps", 1000000, "Mbps"),
        ("throughput>100Mb/s", 100, "Mbps"),
        ("throughput>100MBps", 800, "Mbps"),
        ("throughput>1GB/s", 8000, "Mbps"),
        ("reliability>=99.999%", Fraction(99999, 100000), "ratio"),
        ("reliability>=0.99999ratio", Fraction(99999, 100000), "ratio"),
        ("reliability>=99 percent", Fraction(99, 100), "ratio"),
    ],
)
def test_values_are_exact_in_any_unit_of_their_dimension(text, value, unit):
    assert c.parse(text).numbers(unit) == [value]


def test_bytes_per_second_are_eight_bits_each_not_a_typo_for_bits():
    assert c.parse("throughput>100MBps").numbers("Mbps") == [800]
    assert c.parse("throughput>100Mbps").numbers("Mbps") == [100]


def test_percentages_are_exact_ratios_not_binary_floats():
    assert units.plain_number(c.parse("reliability>=99.999%").numbers("ratio")[0]) == 0.99999


def test_a_bare_value_has_no_condition_yet():
    parsed = c.parse("99.999%", named=False)
    assert (parsed.name, parsed.condition, parsed.values) == (None, None, (Fraction(99999, 100000),))


def test_unnamed_values_read_like_named_ones():
    assert c.parse("<1ms", named=False).numbers("ms") == [1]
    assert c.parse("between 1 and 2 ms", named=False).condition == c.WITHIN


def test_names_may_have_words_and_a_colon():
    assert c.parse("packet loss < 1%").name == "packet loss"
    assert c.parse("packet-loss<1%").name == "packet-loss"
    assert c.parse("latency: <10ms").name == "latency"


def test_a_number_without_a_unit_is_a_plain_number():
    parsed = c.parse("participants <= 200")
    assert (parsed.dimension, parsed.values) == (None, (200,))


@pytest.mark.parametrize(
    "text, message",
    [
        ("latency<<10ms", "cannot parse"),
        ("latency<", "cannot parse"),
        ("latency", "no condition"),
        ("<10ms", "does not start with a metric name"),
        ("latency<10parsecs", "unknown unit 'parsecs'"),
        ("throughput>1mBps", "a byte rate needs k, K, M, G or T"),
        ("latency<10Ms", "unknown unit 'Ms'"),
        ("latency 20-10ms", "lower end is above"),
        ("latency 10ms-1Gbps", "mixes units of different dimensions"),
        ("reliability>150%", "cannot exceed 1"),
        ("latency<-5ms", "cannot parse"),
        ("", "empty constraint"),
    ],
)
def test_bad_constraints_say_what_was_expected(text, message):
    with pytest.raises(c.ConstraintError, match=message):
        c.parse(text)


def test_quantities_from_separate_parts_are_normalised_the_same_way():
    parsed = c.from_quantity("throughput", c.WITHIN, [(Fraction(100), units.lookup("Mbps")), (Fraction(1), units.lookup("Gbps"))], "x")
    assert parsed.numbers("Mbps") == [100, 1000]
    with pytest.raises(c.ConstraintError, match="takes 2 value"):
        c.from_quantity("throughput", c.WITHIN, [(Fraction(1), None)], "x")


# --- properties ------------------------------------------------------------------------------------

OPERATORS = st.sampled_from(sorted(c.OPERATORS))
NUMBERS = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
TIME_UNITS = st.sampled_from(["us", "µs", "μs", "ms", "s", "ns"])
RATE_UNITS = st.sampled_from(["bps", "kbps", "Mbps", "Gbps", "Tbps", "Mb/s", "gbps", "MBps", "kB/s"])
NAMES = st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True).filter(lambda n: n not in ("between", "not", "from"))
SPACES = st.sampled_from(["", " ", "  "])


def _text(number: Decimal) -> str:
    return format(number.normalize(), "f")


@given(name=NAMES, op=OPERATORS, number=NUMBERS, unit=st.one_of(TIME_UNITS, RATE_UNITS), s1=SPACES, s2=SPACES)
def test_any_comparison_parses_to_its_condition_and_canonical_value(name, op, number, unit, s1, s2):
    parsed = c.parse(f"{name}{s1}{op}{s2}{_text(number)}{s2}{unit}")
    assert parsed.name == name
    assert parsed.condition == c.OPERATORS[op]
    assert parsed.numbers(unit) == [number]
    assert parsed.dimension == units.dimension(unit)


@given(low=NUMBERS, high=NUMBERS, unit=TIME_UNITS, form=st.sampled_from(["{a}-{b}{u}", "between {a} and {b} {u}", "{a}{u} to {b}{u}"]))
def test_any_range_parses_or_is_rejected_only_when_reversed(low, high, unit, form):
    text = "latency " + form.format(a=_text(low), b=_text(high), u=unit)
    if low > high:
        with pytest.raises(c.ConstraintError):
            c.parse(text)
        return
    parsed = c.parse(text)
    assert parsed.condition == c.WITHIN
    assert parsed.numbers(unit) == [low, high]


@given(number=NUMBERS, unit=st.one_of(TIME_UNITS, RATE_UNITS))
def test_values_are_held_exactly_in_the_base_unit(number, unit):
    base = c.parse(f"x<{_text(number)}{unit}").values[0]
    assert base == Fraction(number) * units.lookup(unit).size


@given(st.text(max_size=30))
def test_the_parser_never_fails_with_anything_but_a_constraint_error(text):
    try:
        parsed = c.parse(text)
    except c.ConstraintError:
        return
    assert parsed.values and all(v >= 0 for v in parsed.values)


@given(percent=st.decimals(min_value=0, max_value=100, places=5))
def test_percentages_are_ratios_between_0_and_1(percent):
    parsed = c.parse(f"reliability>={_text(percent)}%")
    assert parsed.values[0] == Fraction(percent) / 100
    assert 0 <= parsed.values[0] <= 1
