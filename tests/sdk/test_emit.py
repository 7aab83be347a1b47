"""The SDK's writer for generated objects: what it writes reads back as the same data, in YAML 1.1 and 1.2."""

from __future__ import annotations

import pytest
import yaml as yaml11  # PyYAML: a YAML 1.1 reader, as kubectl's is
from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import emit, slicing, yaml_io
from ruamel.yaml import YAML

LOOK_ALIKES = ["yes", "no", "on", "off", "y", "n", "null", "~", "true", "1e3", "0777", "0x1F", "12:30", "2024-01-01", "", ".inf",
               "1_000", "- item", "key: value", "a #b", "#c", "*alias", "&anchor", "!tag", "@x", "`x", "%x", "[a]", "{a}", " lead",
               "trail ", "tab\there", "café ✓", "line\u2028sep", "nul\x00", "del\x7f", "'quote", '"dq', "a\nb\n", "a\nb", " a\nb\n",
               "a\n\n", "multi\nline with trailing space \n",
               # Merge and value keys, numbers with underscores, sexagesimal floats, upper-case base prefixes.
               "<<", "=", "+_", "._", "_", "-_1", "1:3.2", "190:20:30.15", "1_2:30.5", "0X1F", "0B1", "0O17", "+0b_1"]
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


# Characters that make YAML readers see something other than a string: indicators, number and
# date syntax, the letters of booleans and nulls, quotes, breaks and characters that need escaping.
TRICKY = "<=+-_.:0179eExXoObB~!&*?|>'\"%@`# ,[]{}\t\n\ryYnNlLuU\u2028\x85\ufeff\u00e9"
tricky = st.text(alphabet=TRICKY, min_size=1, max_size=6)


_RUAMEL_11 = YAML(typ="safe", pure=True)
_RUAMEL_11.version = (1, 1)

READERS = {
    "ruamel.yaml, YAML 1.2 (C)": read_back_12,
    "ruamel.yaml, YAML 1.1": _RUAMEL_11.load,
    "PyYAML, YAML 1.1": yaml11.safe_load,
}


# About 4,500 strings, each written as a value, a key and a list entry.
@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(tricky, min_size=1, max_size=8, unique=True))
def test_tricky_strings_read_back_as_themselves_as_values_and_as_keys(strings):
    labels = {s: s for s in strings}
    item = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": strings[0], "labels": labels}, "data": labels, "list": strings}
    text = emit.dump_items([item])
    for name, read in READERS.items():
        assert read(text) == [item], name
    # The SDK's own readers of the next stage: the header read off the item's text (or a fallback
    # to the parser), the ResourceList parsed whole (round trip) and item by item (data only).
    header = slicing.header(slicing.as_document(text, 0))
    assert header is None or header == {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": strings[0], "labels": labels}}
    resource_list = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + text
    assert yaml_io.parse_resource_list(resource_list).items == [item]
    assert yaml_io.parse_resource_list(resource_list, lambda identity: yaml_io.DATA).items == [item]
