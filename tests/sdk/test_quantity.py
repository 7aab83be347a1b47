"""Kubernetes quantities are read and written exactly, as Kubernetes spells them."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oran_intent_krm.sdk import quantity


@pytest.mark.parametrize(
    "text, value",
    [
        ("500m", Fraction(1, 2)),
        ("0.5", Fraction(1, 2)),
        (".5", Fraction(1, 2)),
        ("2", Fraction(2)),
        ("1.", Fraction(1)),
        ("16Gi", Fraction(16 * 2**30)),
        ("1.5Gi", Fraction(3 * 2**29)),
        ("1G", Fraction(10**9)),
        ("1e3", Fraction(1000)),
        ("5E-1", Fraction(1, 2)),
        ("100n", Fraction(1, 10**7)),
        ("+1Ki", Fraction(1024)),
        ("-2Ki", Fraction(-2048)),
    ],
)
def test_parses_every_kubernetes_form(text, value):
    assert quantity.parse(text) == value


def test_yaml_numbers_are_read_through_their_decimal_text():
    assert quantity.parse(0.5) == Fraction(1, 2)
    assert quantity.parse(0.1) == Fraction(1, 10)
    assert quantity.parse(8) == Fraction(8)


@pytest.mark.parametrize("bad", ["", "abc", "1.5.5", "Gi", "1gi", "1 Gi", "1KiB", "--1", True, None, [1], "1e99"])
def test_rejects_what_is_not_a_quantity(bad):
    with pytest.raises(quantity.QuantityError):
        quantity.parse(bad)


def test_half_a_cpu_is_500m():
    assert quantity.format_millicores(quantity.parse(0.5)) == "500m"
    assert quantity.format_millicores(quantity.parse("8")) == "8000m"


def test_sums_do_not_drift():
    total = quantity.parse(0.1) + quantity.parse(0.2)
    assert quantity.format_millicores(total) == "300m"


def test_sub_millicore_cpu_cannot_be_written():
    with pytest.raises(quantity.QuantityError):
        quantity.format_millicores(quantity.parse("0.0005"))


@pytest.mark.parametrize(
    "text, formatted",
    [("16Gi", "16Gi"), ("1.5Gi", "1536Mi"), ("1024Mi", "1Gi"), ("1G", "1G"), ("1000", "1k"), ("100", "100"), ("0", "0"),
     ("50Gi", "50Gi")],
)
def test_bytes_take_their_shortest_exact_form_binary_first(text, formatted):
    assert quantity.format_bytes(quantity.parse(text)) == formatted


def test_fractional_bytes_cannot_be_written():
    with pytest.raises(quantity.QuantityError):
        quantity.format_bytes(quantity.parse("0.5"))


@given(st.integers(min_value=0, max_value=10**7))
def test_millicores_round_trip(millis):
    text = f"{millis}m"
    assert quantity.format_millicores(quantity.parse(text)) == text


@given(st.integers(min_value=0, max_value=2**62))
def test_bytes_round_trip(amount):
    assert quantity.parse(quantity.format_bytes(Fraction(amount))) == amount

# Whole cores and the shortest spellings, as workloads write them.


@pytest.mark.parametrize("text, value", [
    ("8000m", Fraction(8)),
    ("1500m", Fraction(3, 2)),
    ("2", Fraction(2)),
    ("0.5", Fraction(1, 2)),
    ("16Gi", Fraction(16 * 2**30)),
    ("512Mi", Fraction(512 * 2**20)),
    ("10G", Fraction(10**10)),
    ("1e3", Fraction(1000)),
    ("1.5Gi", Fraction(3 * 2**29)),
    ("100n", Fraction(1, 10**7)),
    (".5", Fraction(1, 2)),
    (4, Fraction(4)),
    (0.25, Fraction(1, 4)),
])
def test_parse_is_exact(text, value):
    assert quantity.parse(text) == value


def test_parse_does_not_round_sums():
    assert sum(quantity.parse("0.1") for _ in range(10)) == 1


@pytest.mark.parametrize("bad", ["8 cores", "16GB", "Gi", "", "1.2.3", "--1", "1e", None, True, [1], "1e99"])
def test_unparseable_values_raise(bad):
    with pytest.raises(quantity.QuantityError):
        quantity.parse(bad)


@pytest.mark.parametrize("cores, text", [(Fraction(2), "2"), (Fraction(3, 2), "1500m"), (Fraction(1, 1000), "1m")])
def test_cpu_is_whole_cores_or_millicores(cores, text):
    assert quantity.format_cpu(cores) == text
    assert quantity.parse(text) == cores


def test_cpu_finer_than_a_millicore_cannot_be_written():
    with pytest.raises(quantity.QuantityError):
        quantity.format_cpu(Fraction(1, 3000))


@pytest.mark.parametrize("amount, text", [
    (16 * 2**30, "16Gi"), (10**10, "10G"), (1536 * 2**20, "1536Mi"), (1000, "1k"), (1023, "1023"), (0, "0"), (2**10, "1Ki"),
])
def test_bytes_use_the_shortest_exact_suffix(amount, text):
    assert quantity.format_bytes(Fraction(amount)) == text
    assert quantity.parse(text) == amount

