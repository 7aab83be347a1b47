"""Quantities are read and written exactly, in the spellings Kubernetes accepts."""

from fractions import Fraction

import pytest

from functions.pr_to_workloads import quantity


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


def test_fractional_bytes_cannot_be_written():
    with pytest.raises(quantity.QuantityError):
        quantity.format_bytes(Fraction(1, 2))
