"""Items a function neither reads nor owns are passed through unparsed, and nothing changes for them."""

from __future__ import annotations

import pytest
from oran_intent_krm.sdk import Generated, slicing, yaml_io
from oran_intent_krm.sdk import ownership as own

from tests.sdk import helpers

SOURCE = {"apiVersion": "example.com/v1", "kind": "Source", "metadata": {"name": "s"}, "spec": {"size": 1}}
FOREIGN = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}}, "spec": {"replicas": 2}}


def generate(ctx):
    generate.seen = [item["kind"] for item in ctx.items]
    return [
        Generated({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"from-{s['metadata']['name']}"}, "data": {"n": "1"}}, s)
        for s in ctx.select(kinds=["Source"])
    ]


FN = helpers.function(generate, reads=("example.com/Source",))


def render(items):
    out, code = FN.process(helpers.resource_list(items).encode())
    return yaml_io.parse_resource_list(out), out, code


def test_the_transform_sees_only_what_the_function_reads():
    text = helpers.resource_list([FOREIGN, SOURCE, *helpers.corpus_items()])
    out, code = FN.process(text.encode())
    assert code == 0
    # The corpus ConfigMap writes its labels in flow style: its identity is left to the parser.
    assert generate.seen == ["Source", "ConfigMap"]
    # Every item it did not read is written back as it came, in its place.
    for original in yaml_io.parse_resource_list(text).item_texts:
        assert original in out


def test_owned_items_are_read_even_of_kinds_not_listed_and_pruned_when_their_source_goes():
    first, _, _ = render([SOURCE, FOREIGN])
    owned = [i for i in first.items if own.owner(i) == "test-fn"]
    assert owned and owned[0]["kind"] == "ConfigMap"
    second, out, code = render([i for i in first.items if i["kind"] != "Source"])
    assert code == 0
    assert [i for i in second.items if own.owner(i) == "test-fn"] == []
    assert FOREIGN in second.items


def test_an_unread_resource_with_the_generated_name_is_not_overwritten():
    users = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "from-s"}, "data": {"mine": "yes"}}
    parsed, out, code = render([SOURCE, users])
    assert code == 1
    assert "not owned by test-fn" in out
    assert users in parsed.items


def test_an_alias_across_items_falls_back_to_reading_the_whole_document():
    text = (
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data: &shared {k: v}\n"
        "- apiVersion: example.com/v1\n  kind: Source\n  metadata:\n    name: s\n  spec: {size: 1}\n  copy: *shared\n"
    )
    out, code = FN.process(text.encode())
    assert code == 0
    assert generate.seen == ["ConfigMap", "Source"]  # everything was read
    assert "from-s" in out


@pytest.mark.parametrize("item", helpers.corpus_items() + [yaml_io.dump_items([FOREIGN]), yaml_io.dump_items([SOURCE])])
def test_identities_read_from_text_agree_with_the_parser(item):
    document = slicing.as_document(item, 0)
    identity = slicing.header(document)
    parsed = yaml_io._yaml().load(document)
    if identity is not None:  # None: the item is simply parsed
        assert identity["apiVersion"] == parsed["apiVersion"] and identity["kind"] == parsed["kind"]
        for key in ("name", "namespace", "labels", "annotations"):
            assert identity["metadata"].get(key) == parsed["metadata"].get(key)


@pytest.mark.parametrize(
    "metadata",
    [
        "  metadata: {name: flow}\n",
        "  metadata:\n    name: &anchor n\n",
        "  metadata:\n    name: >\n      folded\n",
        "  metadata:\n    name: x\n    labels: {a: b}\n",
        "  metadata:\n    name: '1'\n    annotations:\n      n: 12\n",
        "  metadata:\n    name: x\n    finalizers:\n    - a\n",
    ],
)
def test_unusual_metadata_is_left_to_the_parser(metadata):
    item = "- apiVersion: v1\n  kind: ConfigMap\n" + metadata
    assert slicing.header(slicing.as_document(item, 0)) is None
