"""The shared entry point: results, exit codes, errors without tracebacks, --help/--version."""

from __future__ import annotations

import pytest
from oran_intent_krm.sdk import ConfigSpec, Generated, yaml_io

from tests.sdk import helpers

ITEM = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}}


def run(transform, items=(ITEM,), **kwargs):
    out, code = helpers.function(transform, **kwargs).process(helpers.resource_list(list(items)).encode())
    return yaml_io.parse_resource_list(out), out, code


def results_of(out: str) -> list[dict]:
    return yaml_io._yaml().load(out).get("results") or []


@pytest.mark.parametrize("severity, code", [("error", 1), ("warning", 0), ("info", 0)])
def test_exit_code_is_one_if_and_only_if_there_is_an_error_result(severity, code):
    def report(ctx):
        ctx.results.add("a finding", severity, ctx.items[0], "data.k", current="v", expected="w")

    _, out, exit_code = run(report)
    assert exit_code == code
    [result] = results_of(out)
    assert result == {
        "message": "a finding",
        "severity": severity,
        "resourceRef": {"apiVersion": "v1", "kind": "ConfigMap", "name": "a"},
        "field": {"path": "data.k", "currentValue": "v", "proposedValue": "w"},
    }


def test_results_carry_the_file_and_tags():
    item = {**ITEM, "metadata": {"name": "a", "annotations": {"internal.config.kubernetes.io/path": "cm.yaml", "internal.config.kubernetes.io/index": "2"}}}

    def report(ctx):
        ctx.results.warning("tagged", ctx.items[0], tags={"rule": "r1"})

    _, out, _ = run(report, [item])
    [result] = results_of(out)
    assert result["file"] == {"path": "cm.yaml", "index": 2}
    assert result["tags"] == {"rule": "r1"}


def test_an_unexpected_exception_is_an_error_result_not_a_traceback():
    def crash(ctx):
        raise KeyError("boom")

    parsed, out, code = run(crash)
    assert code == 1
    [result] = results_of(out)
    assert "KeyError" in result["message"] and "Traceback" not in out
    assert parsed.items == [ITEM]  # nothing lost


@pytest.mark.parametrize(
    "stdin, message",
    [
        (b"", "stdin is empty"),
        (b"{not yaml: [", "not valid YAML"),
        (b"apiVersion: v1\nkind: ConfigMap\n", "expected kind ResourceList"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: {a: 1}\n", "items is not a list"),
        (b"apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [a, b]\n", "items[0] is not an object"),
        (b"apiVersion: config.kubernetes.io/v1\nkind: ResourceList\na: 1\na: 2\n", "not valid YAML"),
    ],
)
def test_input_that_is_not_a_resource_list_gets_an_error_result(stdin, message):
    out, code = helpers.identity().process(stdin)
    assert code == 1
    [result] = results_of(out)
    assert message in result["message"]
    assert yaml_io.parse_resource_list(out).items == []


def test_input_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setenv("KRM_FN_MAX_INPUT_BYTES", "100")
    out, code = helpers.identity().process(helpers.resource_list([ITEM] * 10).encode())
    assert code == 1
    assert "over the limit of 100 bytes" in results_of(out)[0]["message"]


def test_a_bad_config_stops_the_transform_and_keeps_the_items():
    calls = []
    spec = ConfigSpec("TestConfig", lambda: {"type": "object", "properties": {"n": {"type": "integer"}}})
    text = helpers.resource_list([ITEM]).replace(
        "items:\n", "functionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {n: x}}\nitems:\n"
    )
    out, code = helpers.function(lambda ctx: calls.append(1), config=spec).process(text.encode())
    assert code == 1 and not calls
    assert yaml_io.parse_resource_list(out).items == [ITEM]


def test_local_config_items_are_skipped_by_default_selection():
    local = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "l", "annotations": {"config.kubernetes.io/local-config": "true"}}}
    seen = {}

    def look(ctx):
        seen["default"] = [i["metadata"]["name"] for i in ctx.select(kinds=["ConfigMap"])]
        seen["all"] = [i["metadata"]["name"] for i in ctx.select(kinds=["ConfigMap"], include_local_config=True)]

    run(look, [local, ITEM])
    assert seen == {"default": ["a"], "all": ["a", "l"]}


def test_selection_by_labels_name_pattern_and_version():
    items = [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "edge-1", "labels": {"site": "edge"}}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "core-1", "labels": {"site": "core"}}},
        {"apiVersion": "v2", "kind": "ConfigMap", "metadata": {"name": "edge-2", "labels": {"site": "edge"}}},
    ]
    seen = {}

    def look(ctx):
        seen["labels"] = [i["metadata"]["name"] for i in ctx.select(labels={"site": "edge"})]
        seen["name"] = [i["metadata"]["name"] for i in ctx.select(name="edge-*", api_versions=["v1"])]

    run(look, items)
    assert seen == {"labels": ["edge-1", "edge-2"], "name": ["edge-1"]}


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_print_without_reading_stdin(flag, capsys):
    spec = ConfigSpec("TestConfig", lambda: {"type": "object", "properties": {"n": {"type": "integer", "default": 2, "description": "how many"}}})
    fn = helpers.function(lambda ctx: None, config=spec, example="kpt fn eval ...")
    assert fn.main([flag]) == 0
    out = capsys.readouterr().out
    if flag == "--version":
        assert out == "test-fn 0.0.1\n"
    else:
        assert "TestConfig" in out and "how many" in out and "kpt fn eval" in out


def test_generated_items_get_a_deterministic_default_path():
    def make(ctx):
        return [Generated({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Gen", "namespace": "ns"}}, ctx.items[0])]

    parsed, _, _ = run(make)
    notes = parsed.items[1]["metadata"]["annotations"]
    assert notes["internal.config.kubernetes.io/path"] == "ns/configmap_gen.yaml"
    assert notes["config.kubernetes.io/path"] == "ns/configmap_gen.yaml"


def test_a_crash_after_changing_items_still_returns_the_items_as_they_came():
    def mutate_then_crash(ctx):
        ctx.items[0]["data"]["k"] = "changed"
        raise RuntimeError("late failure")

    text = helpers.resource_list([ITEM])
    out, code = helpers.function(mutate_then_crash).process(text.encode())
    assert code == 1
    assert helpers.items_block(out) == helpers.items_block(text)


def test_an_alias_bomb_is_refused_quickly():
    lines = ["apiVersion: config.kubernetes.io/v1", "kind: ResourceList", "items:", "- apiVersion: v1", "  kind: ConfigMap", "  metadata: {name: bomb}", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"  a{level}: &a{level} [{refs}]")
    out, code = helpers.identity().process(("\n".join(lines) + "\n").encode())
    assert code == 1
    assert "through YAML aliases" in results_of(out)[0]["message"]


def test_deep_nesting_is_an_error_result():
    depth = 20000
    text = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- " + "[" * depth + "]" * depth + "\n"
    out, code = helpers.identity().process(text.encode())
    assert code == 1
    assert results_of(out)
