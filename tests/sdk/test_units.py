"""One unit table and one exact converter, checked against pint, a maintained units library."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st
from oran_intent_krm.sdk import units

REGISTRY = pint.UnitRegistry(non_int_type=Fraction)

# How pint spells each canonical unit of the table.
PINT = {
    "ns": "ns",
    "us": "us",
    "ms": "ms",
    "s": "s",
    "min": "min",
    "h": "h",
    "d": "day",
    "bps": "bit/s",
    "kbps": "kbit/s",
    "Mbps": "Mbit/s",
    "Gbps": "Gbit/s",
    "Tbps": "Tbit/s",
    "Bps": "B/s",
    "kBps": "kB/s",
    "MBps": "MB/s",
    "GBps": "GB/s",
    "TBps": "TB/s",
    "bit": "bit",
    "B": "B",
    "kB": "kB",
    "MB": "MB",
    "GB": "GB",
    "TB": "TB",
    "KiB": "KiB",
    "MiB": "MiB",
    "GiB": "GiB",
    "TiB": "TiB",
    "ratio": "dimensionless",
    "%": "percent",
}
PINT_DIMENSION = {units.TIME: "[time]", units.DATA_RATE: "1 / [time]", units.DATA_SIZE: "dimensionless", units.RATIO: "dimensionless"}

# Spellings pint reads differently from this project, and why the project is right for its users.
READ_DIFFERENTLY = {
    "mbps": "the user's guide writes mbps for megabits; pint reads a millibit per second, which no network rate is",
    "mbit/s": "as mbps: the prefix of a bit rate is read in any case, as the multiple people mean",
}


def _pint_size(spelling: str) -> Fraction:
    return REGISTRY.Quantity(Fraction(1), spelling).to_base_units().magnitude


def _pint_reads(spelling: str):
    try:
        return REGISTRY.Quantity(Fraction(1), spelling)
    except Exception:  # pint raises several unrelated types for what it cannot parse
        return None


def test_every_unit_of_the_table_has_a_pint_spelling():
    assert sorted(PINT) == sorted(units.UNITS)


@pytest.mark.parametrize("source, target", [(a, b) for a, b in itertools.permutations(units.UNITS, 2) if units.dimension(a) == units.dimension(b)])
def test_every_conversion_in_the_table_equals_pints_exactly(source, target):
    expected = REGISTRY.Quantity(Fraction(1), PINT[source]).to(PINT[target]).magnitude
    assert units.factor(source, target) == expected


@pytest.mark.parametrize("symbol", sorted(units.UNITS))
def test_every_unit_has_the_dimension_pint_gives_it(symbol):
    quantity = REGISTRY.Quantity(1, PINT[symbol])
    assert str(quantity.dimensionality) == PINT_DIMENSION[units.dimension(symbol)]


def _every_spelling() -> list[str]:
    return sorted({*units.ALIASES, *units.WORDS, *(w.upper() for w in units.WORDS), *READ_DIFFERENTLY})


@pytest.mark.parametrize("spelling", _every_spelling())
def test_every_alias_means_what_pint_reads_or_says_why_not(spelling):
    unit = units.lookup(spelling)
    read = _pint_reads(spelling)
    if spelling in READ_DIFFERENTLY:
        assert read is not None and read.to_base_units().magnitude != unit.size
        return
    if read is None or read.dimensionality != REGISTRY.Quantity(1, PINT[unit.symbol]).dimensionality:
        return  # pint does not know this spelling (QUDT names, Kbps, ratio) or reads another quantity (b: a barn)
    assert read.to_base_units().magnitude == _pint_size(PINT[unit.symbol])


@pytest.mark.parametrize(
    "spelling, symbol",
    [
        ("mbps", "Mbps"),
        ("Mbps", "Mbps"),
        ("Mbit/s", "Mbps"),
        ("Mb/s", "Mbps"),
        ("Kbps", "kbps"),
        ("MBps", "MBps"),
        ("MB/s", "MBps"),
        ("μs", "us"),
        ("µs", "us"),
        ("us", "us"),
        ("%", "%"),
        ("percent", "%"),
        ("Percent", "%"),
        ("PERCENT", "%"),
        ("ratio", "ratio"),
        ("Ratio", "ratio"),
        ("seconds", "s"),
        ("MilliSEC", "ms"),
        ("MegaBIT-PER-SEC", "Mbps"),
        (" ms ", "ms"),
    ],
)
def test_aliases_map_to_one_canonical_unit(spelling, symbol):
    assert units.canonical(spelling) == symbol


def test_bytes_are_never_read_as_bits():
    assert units.convert(100, "MBps", "Mbps") == 800
    assert units.canonical("MBps") != units.canonical("Mbps")


@pytest.mark.parametrize("spelling", ["Ms", "MS", "mBps", "MBPS", "mB/s", "S", "furlongs", "", "   ", "m", "b"])
def test_a_spelling_whose_case_or_letters_change_the_meaning_is_unknown(spelling):
    with pytest.raises(units.UnknownUnit) as raised:
        units.lookup(spelling)
    assert "accepted: " in str(raised.value) and "Mbps" in str(raised.value)


def test_an_unknown_unit_error_names_every_accepted_unit():
    with pytest.raises(units.UnknownUnit) as raised:
        units.lookup("parsecs")
    assert all(symbol in str(raised.value) for symbol in units.UNITS)


def test_units_of_different_dimensions_do_not_convert():
    with pytest.raises(units.UnitMismatch, match="time"):
        units.factor("ms", "Mbps")


@pytest.mark.parametrize(
    "value, source, target, expected",
    [
        (0.0072, "s", "ms", Fraction(72, 10)),
        ("99.999", "%", "ratio", Fraction(99999, 100000)),
        (1, "Gbps", "kbps", 1_000_000),
        (Decimal("0.5"), "ms", "us", 500),
        (7, "min", "s", 420),
    ],
)
def test_conversions_are_exact(value, source, target, expected):
    assert units.convert(value, source, target) == expected


def test_floats_are_read_as_the_decimal_written_not_their_binary_approximation():
    assert units.plain_number(units.convert(0.0072, "s", "ms")) == 7.2
    assert units.plain_number(units.convert(99.8, "%", "ratio")) == 0.998


@pytest.mark.parametrize("value", [True, None, float("nan"), float("inf"), "ten", Decimal("NaN"), "1/0"])
def test_non_numbers_are_refused(value):
    with pytest.raises(ValueError):
        units.exact(value)


@pytest.mark.parametrize(
    "metric, unit",
    [
        ("latency_p95_ms", "ms"),
        ("throughput_p95_mbps", "Mbps"),
        ("request_duration_seconds", "s"),
        ("request_duration_seconds_sum", "s"),
        ("process_cpu_seconds_total", "s"),
        ("availability_ratio", "ratio"),
        ("cpu_usage_percent", "%"),
        ("memory_bytes", "B"),
        ("rx_bytes_per_second", "Bps"),
        ("link_bits_per_second", "bps"),
        ("success_rate", None),
        ("request_duration_seconds_count", None),
        ("request_duration_seconds_bucket", None),
        ("ms", None),
        ("Latency_P95_MS", "ms"),
    ],
)
def test_a_metric_name_suffix_implies_a_unit(metric, unit):
    assert units.metric_unit(metric) == unit


def test_every_metric_suffix_names_a_unit_of_the_table():
    assert all(symbol in units.UNITS for symbol in units.METRIC_SUFFIXES.values())


NUMBERS = st.fractions(min_value=0, max_value=10**9, max_denominator=10**6)
SAME_DIMENSION = st.sampled_from(units.DIMENSIONS).flatmap(
    lambda d: st.tuples(*(st.sampled_from([s for s, u in units.UNITS.items() if u.dimension == d]) for _ in range(3)))
)


@given(value=NUMBERS, chain=SAME_DIMENSION)
def test_converting_through_any_unit_is_exact_and_reversible(value, chain):
    a, b, c = chain
    assert units.convert(units.convert(units.convert(value, a, b), b, c), c, a) == value
