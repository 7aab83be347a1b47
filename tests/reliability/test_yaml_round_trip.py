"""What the SDK writes, it and kpt can read back to the same value; what it reads, it bounds.

Each of these failed before the SDK was fixed for it: floats that lost their last digit
when an item was written again, strings whose control or line-separator characters came
out raw (and made the output unreadable), tagged keys that stopped the digest of an item,
and items nested thousands deep that the fast data reader accepted and nothing after it
could handle.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import yaml_io

from tests.sdk import helpers

EXAMPLES = settings(max_examples=400, deadline=None, derandomize=True, database=None)


def round_trip(value):
    return yaml_io._yaml().load(yaml_io.dump_value({"k": value}))["k"]


@EXAMPLES
@given(st.text())
def test_every_string_is_written_so_that_it_reads_back_the_same(text):
    assert round_trip(text) == text


@pytest.mark.parametrize("text", ["a\x1fb\nc", "x\x85y", "line\u2028separator", "bom\ufeffinside\n", "bell\x07", "del\x7f"])
def test_strings_with_characters_yaml_cannot_carry_raw_are_escaped(text):
    written = yaml_io.dump_value({"k": text})
    assert written.startswith('k: "')
    assert round_trip(text) == text


@EXAMPLES
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_read_from_the_input_is_written_back_with_its_value(number):
    read = yaml_io._yaml().load(f"k: {number!r}\n")
    assert float(yaml_io._yaml().load(yaml_io.dump_value(read))["k"]) == number


def test_the_float_that_ruamel_rounds_keeps_its_digits():
    read = yaml_io._yaml().load("k: 9.391046026687752e-61\n")
    assert yaml_io.dump_value(read) == "k: 9.391046026687752e-61\n"


def test_a_tagged_or_complex_key_does_not_stop_the_digest():
    doc = yaml_io._yaml().load("!custom a: 1\n? [x, y]\n: 2\nplain: 3\n")
    assert yaml_io.canonical_json(doc) == '{"(\'x\', \'y\')":2,"a":1,"plain":3}'


def nested(depth: int, flow: bool) -> str:
    """A value `depth` sequences deep, as a flow sequence or as compact block sequences."""
    if flow:
        return " " + "[" * depth + "]" * depth
    return "\n    " + "- " * depth + "x"


@pytest.mark.parametrize("reads", [None, ("/ConfigMap",)], ids=["whole-document", "item-by-item"])
@pytest.mark.parametrize("flow", [True, False], ids=["flow", "compact-block"])
def test_nesting_is_bounded_by_a_configurable_limit(monkeypatch, reads, flow):
    fn = helpers.function(lambda ctx: None, reads=reads)

    def run(depth):
        text = helpers.resource_list([]).rstrip("\n") + "\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: deep\n  data:\n    deep:" + nested(depth, flow) + "\n"
        return fn.process(text.encode())

    out, code = run(90)
    assert code == 0, out
    monkeypatch.setenv("KRM_FN_MAX_DEPTH", "50")
    out, code = run(90)
    assert code == 1 and "more than 50 levels deep (KRM_FN_MAX_DEPTH)" in out
    monkeypatch.delenv("KRM_FN_MAX_DEPTH")
    out, code = run(500)
    assert code == 1 and "KRM_FN_MAX_DEPTH" in out
