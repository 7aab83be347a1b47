"""The SDK's writer for generated objects: what it writes reads back as the same data, in YAML 1.1 and 1.2."""

from __future__ import annotations

import pytest
import yaml as yaml11  # PyYAML: a YAML 1.1 reader, as kubectl's is
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import emit, yaml_io

LOOK_ALIKES = ["yes", "no", "on", "off", "y", "n", "null", "~", "true", "1e3", "0777", "0x1F", "12:30", "2024-01-01", "", ".inf",
               "1_000", "- item", "key: value", "a #b", "#c", "*alias", "&anchor", "!tag", "@x", "`x", "%x", "[a]", "{a}", " lead",
               "trail ", "tab\there", "café ✓", "line\u2028sep", "nul\x00", "del\x7f", "'quote", '"dq', "a\nb\n", "a\nb", " a\nb\n",
               "a\n\n", "multi\nline with trailing space \n"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False), st.sampled_from(LOOK_ALIKES), st.text(max_size=12)
)
keys = st.one_of(st.sampled_from(["apiVersion", "kind", "n", "y", "on", "1", "a b", "k: v", "-x"]), st.text(min_size=1, max_size=8))
data = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)), max_leaves=12)
items = st.lists(st.dictionaries(keys, data, min_size=1, max_size=4), min_size=1, max_size=3)


def read_back_12(text: str):
    return yaml_io._data_yaml().load(text)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(items)
def test_written_items_read_back_unchanged(objects):
    text = emit.dump_items(objects)
    assert read_back_12(text) == objects
    assert yaml11.safe_load(text) == objects


@pytest.mark.parametrize("value", LOOK_ALIKES)
def test_every_look_alike_string_stays_a_string(value):
    text = emit.dump_items([{"v": value}])
    assert read_back_12(text) == [{"v": value}]
    assert yaml11.safe_load(text) == [{"v": value}]


def test_the_layout_is_the_block_style_kpt_writes():
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "labels": {"x": "1"}},
           "data": {"script": "line1\nline2\n"}, "list": [{"name": "p", "port": 80}, "s"], "empty": {}, "none": []}
    assert emit.dump_items([obj]) == (
        "- apiVersion: v1\n"
        "  kind: ConfigMap\n"
        "  metadata:\n"
        "    name: a\n"
        "    labels:\n"
        '      x: "1"\n'
        "  data:\n"
        "    script: |\n"
        "      line1\n"
        "      line2\n"
        "  list:\n"
        "  - name: p\n"
        "    port: 80\n"
        "  - s\n"
        "  empty: {}\n"
        "  none: []\n"
    )


def test_floats_keep_a_dot_and_a_signed_exponent():
    assert emit.dump_items([{"a": 1e-05, "b": 2.0, "c": 1e16, "d": float("inf")}]) == "- a: 1.0e-05\n  b: 2.0\n  c: 1.0e+16\n  d: .inf\n"


def test_only_plain_data_takes_this_path():
    assert emit.is_plain({"a": [1, 2.5, None, True, "s"]})
    assert not emit.is_plain({"a": object()})
    assert not emit.is_plain(yaml_io._yaml().load("a: 1\n"))
