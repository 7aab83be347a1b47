"""One duration parser (promql-parser's), and a schema pattern that accepts exactly what it accepts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import durations
from promql_parser import parse_duration

# At most 6 digits a number: every such duration is within what promql-parser can hold.
NUMBER = st.from_regex(r"[0-9]{1,6}", fullmatch=True)
PART = st.tuples(NUMBER, st.sampled_from(durations.UNITS)).map("".join)
NOISE = st.sampled_from(["", " ", ".", ".5", "-", "+", "e3", "M", "S", "µs", "0", "1"])
CANDIDATES = st.one_of(
    st.lists(PART, min_size=0, max_size=4).map("".join),  # any order, repeats included
    st.tuples(st.lists(PART, max_size=3).map("".join), NOISE, st.lists(PART, max_size=2).map("".join)).map("".join),
    st.from_regex(r"[0-9.e]{1,6}", fullmatch=True),  # bare numbers
    st.text(alphabet="0123456789ywdhms .", max_size=10),
).filter(lambda text: all(len(digits) <= 6 for digits in re.findall(r"[0-9]+", text)))  # a pattern cannot bound a number


def promql_accepts(text: str) -> bool:
    try:
        length = parse_duration(text)
    except BaseException as exc:  # a ValueError, or a Rust panic on some bare numbers (7e44)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return False
    has_unit = bool(re.search(r"[ywdhms]", text))
    return has_unit and length > timedelta(0)


@settings(max_examples=3000, deadline=None)  # promql-parser panics (slowly) on some bare numbers
@given(CANDIDATES)
@example("1m1m")
@example("1s30m")
@example("0s")
@example("0h0m")
@example("0h5m")
@example("1y")
@example("5m30s")
@example("1ms")
@example("1m1ms")
@example("300")
@example("1e3")
@example("7e44")
@example("")
def test_the_schema_pattern_accepts_exactly_what_promql_parser_accepts_with_a_unit(text):
    assert (re.fullmatch(durations.PATTERN, text) is not None) == promql_accepts(text)


@settings(max_examples=1000)
@given(CANDIDATES)
def test_the_helper_accepts_what_the_pattern_does_with_promql_parsers_value(text):
    if re.fullmatch(durations.PATTERN, text):
        assert durations.parse(text) == parse_duration(text)
    else:
        with pytest.raises(durations.DurationError):
            durations.parse(text)


@pytest.mark.parametrize(
    "text, seconds",
    [("30s", 30), ("5m", 300), ("1h30m", 5400), ("1y", 365 * 86400), ("2w", 14 * 86400), ("1d", 86400), ("1500ms", 1.5), ("0h1m", 60)],
)
def test_durations_read_as_prometheus_reads_them(text, seconds):
    assert durations.seconds(text) == seconds


@pytest.mark.parametrize(
    "value, message",
    [
        ("1m1m", "not a duration"),
        ("1s30m", "not a duration"),
        ("1.5h", "not a duration"),
        ("5 m", "not a duration"),
        ("0s", "is zero"),
        ("0h0m", "is zero"),
        ("0", "is zero"),
        ("300", "has no unit"),
        ("1e3", "has no unit"),
        ("7e44", "has no unit"),
        ("4294967296s", "too long"),
        (300, "write it as a string"),
        (None, "write it as a string"),
    ],
)
def test_what_is_not_a_positive_duration_is_refused_with_what_was_expected(value, message):
    with pytest.raises(durations.DurationError, match=message):
        durations.parse(value)


@given(st.tuples(st.integers(10**10, 10**15), st.sampled_from(durations.UNITS)).map(lambda p: f"{p[0]}{p[1]}"))
def test_a_number_too_large_for_the_parser_matches_the_pattern_and_is_refused_by_the_helper(text):
    assert re.fullmatch(durations.PATTERN, text)
    with pytest.raises(durations.DurationError, match="too long"):
        durations.parse(text)


def test_the_pattern_is_plain_enough_for_every_schema_engine():
    # No lookaround or backreference: Kubernetes CRD patterns are RE2, JSON Schema's are ECMA-262.
    assert not re.search(r"\(\?[=!<]|\\[1-9]", durations.PATTERN)


def test_every_model_and_config_uses_the_one_pattern():
    from oran_intent_krm.models import measurement, slo
    from oran_intent_krm.ts28312_to_pr.config import Config

    schema = Config.model_json_schema(by_alias=True)
    assert schema["properties"]["measurementWindow"]["pattern"] == durations.PATTERN
    assert schema["properties"]["evaluationPeriod"]["pattern"] == durations.PATTERN
    gate = slo.SLOGateSpec.model_json_schema()
    assert gate["properties"]["measurementWindow"]["pattern"] == durations.PATTERN
    assert not hasattr(measurement, "DURATION") and not hasattr(slo, "DURATION")
