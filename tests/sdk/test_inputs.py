"""Input checks before the transform: closed schemas and near-miss kinds; pruning held back where
it could lose what is wanted."""

from __future__ import annotations

import pytest
from oran_intent_krm.sdk import Generated, yaml_io

from tests.sdk import helpers

KNOWN = {"widgets.example.org": {"Widget": ("v1",), "WidgetReport": ("v1",)}}
CLOSED = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"type": "object"},
        "spec": {
            "type": "object",
            "additionalProperties": False,
            "required": ["size"],
            "properties": {"size": {"type": "integer"}, "colour": {"type": "string"}},
        },
    },
}


def widget(name="w", api_version="widgets.example.org/v1", kind="Widget", **spec):
    return {"apiVersion": api_version, "kind": kind, "metadata": {"name": name}, "spec": {"size": 1, **spec}}


def output(name="w"):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"{name}-out"}, "data": {"k": "v"}}


def one_per_widget(ctx):
    return [Generated(output(i["metadata"]["name"]), i) for i in ctx.select(kinds=["Widget"])]


def run(items, transform=one_per_widget, **kwargs):
    function = helpers.function(transform, validates={"widgets.example.org/Widget": lambda: CLOSED}, known_kinds=KNOWN, **kwargs)
    text, code = function.process(helpers.resource_list(items).encode())
    doc = yaml_io._yaml().load(text)
    return doc["items"], doc.get("results") or [], code, text


def errors(results):
    return [r for r in results if r["severity"] == "error"]


def test_an_unknown_field_is_an_error_naming_the_field_it_was_meant_to_be_and_the_item_is_not_read():
    seen = []
    items, results, code = run([widget(color="red")], transform=lambda ctx: seen.extend(ctx.items))[:3]
    assert code == 1 and seen == []
    [error] = errors(results)
    assert error["field"]["path"] == "spec.color"
    assert "spec.color is not a known field: did you mean `colour`?" in error["message"]
    assert error["tags"]["reason"] == "UnknownField"


def test_the_other_items_are_still_read_so_one_run_reports_every_problem():
    seen = []
    run([widget("bad", colr="x"), widget("good")], transform=lambda ctx: seen.extend(i["metadata"]["name"] for i in ctx.items))
    assert seen == ["good"]


@pytest.mark.parametrize(
    "api_version, kind, path, meant",
    [
        ("widgets.example.org/v1", "Widgte", "kind", "Widget"),
        ("widgets.example.org/v1", "widget", "kind", "Widget"),
        ("widgets.exmaple.org/v1", "Widget", "apiVersion", "widgets.example.org"),
        ("widgets.example.rog/v1", "Widgte", "apiVersion", "widgets.example.org/v1 Widget"),
    ],
)
def test_a_near_miss_kind_or_group_is_an_error_not_a_foreign_resource(api_version, kind, path, meant):
    items, results, code, _ = run([widget(api_version=api_version, kind=kind)])
    assert code == 1
    [error] = errors(results)
    assert error["field"]["path"] == path and f"did you mean `{meant}`?" in error["message"]
    assert error["tags"]["reason"] == "NearMissKind"


def test_a_version_the_pipeline_does_not_read_is_an_error_naming_the_versions():
    _, results, code, _ = run([widget(api_version="widgets.example.org/v2")])
    [error] = errors(results)
    assert code == 1 and error["field"]["path"] == "apiVersion" and "Accepted: widgets.example.org/v1" in error["message"]


@pytest.mark.parametrize(
    "api_version, kind",
    [("widgets.example.org/v1", "WidgetReport"), ("other.example.com/v1", "Widget"), ("v1", "ConfigMap"), ("apps/v1", "Deployment")],
)
def test_kinds_of_the_pipeline_and_foreign_kinds_far_from_them_pass(api_version, kind):
    item = {"apiVersion": api_version, "kind": kind, "metadata": {"name": "x"}}
    _, results, code, _ = run([item])
    assert code == 0 and not errors(results)


def rendered_once():
    items, _, code, _ = run([widget("a"), widget("b")])
    assert code == 0
    return list(items)


def names(items):
    return sorted(i["metadata"]["name"] for i in items)


def test_a_run_with_an_error_prunes_nothing():
    first = rendered_once()
    broken = [widget("b", colr="x") if (i["kind"], i["metadata"]["name"]) == ("Widget", "b") else i for i in first]
    items, results, code, _ = run(broken)
    assert code == 1
    assert "b-out" in names(items)  # kept: its widget is in error, not gone
    assert not any("pruned" in r["message"] for r in results)


def test_a_source_gone_is_pruned_as_before():
    first = rendered_once()
    items, results, code, _ = run([i for i in first if i["metadata"]["name"] != "b"])
    assert code == 0 and "b-out" not in names(items)
    assert any("pruned" in r["message"] for r in results)


def test_pruning_everything_of_a_source_still_present_is_an_error_and_keeps_it():
    first = rendered_once()
    only_a = lambda ctx: [Generated(output("a"), i) for i in ctx.select(kinds=["Widget"]) if i["metadata"]["name"] == "a"]  # noqa: E731
    items, results, code, _ = run(first, transform=only_a)
    assert code == 1 and "b-out" in names(items)
    [error] = errors(results)
    assert error["resourceRef"]["name"] == "b" and error["tags"]["reason"] == "WouldPruneAll"
    assert "ConfigMap/b-out" in error["message"]


def test_a_source_the_transform_retires_loses_its_items_quietly():
    first = rendered_once()

    def retire_b(ctx):
        out = []
        for item in ctx.select(kinds=["Widget"]):
            if item["metadata"]["name"] == "b":
                ctx.retire(item)
            else:
                out.append(Generated(output("a"), item))
        return out

    items, results, code, _ = run(first, transform=retire_b)
    assert code == 0 and "b-out" not in names(items)
