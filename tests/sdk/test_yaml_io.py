"""Reading and writing ResourceLists: untouched items come out as they came in."""

from __future__ import annotations

import json
import re

import pytest
from oran_intent_krm.sdk import yaml_io

from tests.sdk import helpers


def test_untouched_items_are_written_back_byte_for_byte():
    text = helpers.resource_list(helpers.corpus_items())
    out, code = helpers.identity().process(text.encode())
    assert code == 0
    assert helpers.items_block(out) == helpers.items_block(text)


def test_items_indented_under_the_key_keep_their_indentation():
    text = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a} # kept\n"
    out, code = helpers.identity().process(text.encode())
    assert code == 0
    assert "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a} # kept\n" in out


def test_v1beta1_resource_lists_are_answered_in_the_same_version():
    text = "apiVersion: config.kubernetes.io/v1beta1\nkind: ResourceList\nitems: []\n"
    out, code = helpers.identity().process(text.encode())
    assert code == 0
    assert out.startswith("apiVersion: config.kubernetes.io/v1beta1\nkind: ResourceList\n")


def test_json_input_is_read_and_answered_as_yaml():
    doc = {
        "apiVersion": "config.kubernetes.io/v1",
        "kind": "ResourceList",
        "items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "0777"}}],
    }
    out, code = helpers.identity().process(json.dumps(doc).encode())
    assert code == 0
    parsed = yaml_io.parse_resource_list(out)
    assert parsed.items == doc["items"]


def test_changed_items_are_reserialised_with_their_comments():
    text = helpers.resource_list(helpers.corpus_items())

    def touch(ctx):
        ctx.items[0]["data"]["mode"] = "0644"

    out, code = helpers.function(touch).process(text.encode())
    assert code == 0
    parsed = yaml_io.parse_resource_list(out)
    assert parsed.items[0]["data"]["mode"] == "0644"
    assert "# a comment inside metadata" in out
    # The other item is still the original text.
    assert helpers.item_texts(text)[1] in out


@pytest.mark.parametrize(
    "value",
    ["yes", "no", "on", "off", "y", "null", "~", "true", "1e3", "0777", "0x1F", "12:30", "2024-01-01", "", ".inf", "1_000"],
)
def test_generated_strings_that_look_like_other_types_are_quoted(value):
    text = yaml_io.dump_value({"v": value})
    assert text.startswith('v: "'), text
    import yaml as pyyaml  # a YAML 1.1 reader, as kubectl's is

    assert pyyaml.safe_load(text) == {"v": value}
    assert yaml_io.parse_resource_list(helpers.resource_list([{"apiVersion": "v1", "kind": "X", "metadata": {"name": "n"}, "v": value}])).items[0]["v"] == value


def test_multiline_generated_strings_are_block_literals():
    assert yaml_io.dump_value({"v": "a\nb\n"}) == "v: |\n  a\n  b\n"


def test_exactly_the_characters_yaml_does_not_allow_unescaped_are_escaped():
    """YAML 1.2 allows tab, line feed and the printable ranges (c-printable), less the characters
    a reader takes for line breaks or a byte order mark: every other code point must be escaped."""
    allowed = re.compile("[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    breaks = {"\x85", "\u2028", "\u2029", "\ufeff"}
    for point in range(0x110000):
        char = chr(point)
        assert bool(yaml_io._NEEDS_ESCAPE.search(char)) == (not allowed.match(char) or char in breaks), hex(point)


@pytest.mark.parametrize("value", [{None: 1, "a": 2}, {1: "x", "b": "y"}, {"k": [{None: {"end": "t"}}], True: 0}])
def test_keys_of_mixed_types_still_have_a_canonical_text(value):
    """A damaged list item such as `- : end: ...` reads as a null key beside string ones."""
    text = yaml_io.canonical_json(value)
    assert text == yaml_io.canonical_json(dict(reversed(list(value.items()))))
    assert json.loads(text)
