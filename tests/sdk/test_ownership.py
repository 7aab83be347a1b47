"""Generated items: provenance, update in place, pruning, and hand edits kept and reported."""

from __future__ import annotations

from oran_intent_krm.sdk import Generated, yaml_io
from oran_intent_krm.sdk import ownership as own

from tests.sdk import helpers

SOURCE = {"apiVersion": "example.com/v1", "kind": "Source", "metadata": {"name": "s"}, "spec": {"size": 1}}


def generate_from_sources(ctx):
    return [
        Generated(
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"from-{src['metadata']['name']}"}, "data": {"size": str(src["spec"]["size"])}},
            src,
            path=f"generated/{src['metadata']['name']}.yaml",
        )
        for src in ctx.select(kinds=["Source"])
    ]


FN = helpers.function(generate_from_sources)


def render(items):
    """One render: the items kpt would hand to the next step, plus the output text and exit code."""
    out, code = FN.process(helpers.resource_list(items).encode())
    parsed = yaml_io.parse_resource_list(out)
    return parsed.items, out, code


def results_of(out):
    return yaml_io._yaml().load(out).get("results") or []


def generated(items):
    return [i for i in items if own.owner(i) == "test-fn"]


def test_a_generated_item_names_its_function_source_and_digests():
    items, _, code = render([SOURCE])
    [item] = generated(items)
    notes = item["metadata"]["annotations"]
    assert code == 0
    assert notes[own.GENERATED_BY] == "test-fn@0.0.1"
    assert notes[own.SOURCE] == "example.com/v1/Source/s"
    assert notes[own.SOURCE_DIGEST] == own.digest({"size": 1})
    assert notes[own.DIGEST] == own.content_digest(item)
    assert notes["internal.config.kubernetes.io/path"] == "generated/s.yaml"


def test_rendering_again_leaves_the_generated_item_as_it_is():
    first, out1, _ = render([SOURCE])
    second, out2, _ = render(first)
    assert out2.split("results:")[0] == out1.split("results:")[0]
    assert second == first


def test_a_changed_source_updates_the_item_in_place_and_keeps_its_status():
    first, _, _ = render([SOURCE])
    item = generated(first)[0]
    item["status"] = {"phase": "Passed"}  # written by a later stage, not a hand edit
    changed_source = {**SOURCE, "spec": {"size": 2}}
    second, out, code = render([changed_source, item])
    [updated] = generated(second)
    assert code == 0 and not results_of(out)
    assert updated["data"] == {"size": "2"}
    assert updated["metadata"]["annotations"]["internal.config.kubernetes.io/path"] == "generated/s.yaml"
    assert updated["status"] == {"phase": "Passed"}


def moved(item, path):
    notes = item["metadata"]["annotations"]
    for key in ("internal.config.kubernetes.io/path", "config.kubernetes.io/path"):
        notes[key] = path
    return item


def test_an_unchanged_item_found_in_another_file_is_moved_to_its_own():
    """A package rendered with an older layout: the same content, another file."""
    first, _, _ = render([SOURCE])
    item = moved(generated(first)[0], "old/layout/s.yaml")
    item["status"] = {"phase": "Passed"}
    second, out, code = render([SOURCE, item])
    [again] = generated(second)
    notes = again["metadata"]["annotations"]
    assert code == 0
    assert notes["internal.config.kubernetes.io/path"] == notes["config.kubernetes.io/path"] == "generated/s.yaml"
    assert again["status"] == {"phase": "Passed"} and again["data"] == {"size": "1"}
    [result] = results_of(out)
    assert result["severity"] == "info" and result["tags"] == {"reason": "Moved"}
    assert "from old/layout/s.yaml to generated/s.yaml" in result["message"]
    third, out, _ = render(second)
    assert generated(third) == generated(second) and not results_of(out)


def test_a_hand_edited_item_in_another_file_is_moved_with_its_edits():
    first, _, _ = render([SOURCE])
    item = moved(generated(first)[0], "old/layout/s.yaml")
    item["data"]["size"] = "99"
    second, out, _ = render([SOURCE, item])
    [kept] = generated(second)
    assert kept["data"] == {"size": "99"}
    assert kept["metadata"]["annotations"]["internal.config.kubernetes.io/path"] == "generated/s.yaml"
    assert sorted(r["tags"]["reason"] for r in results_of(out)) == ["HandEdited", "Moved"]


def test_an_item_whose_source_is_gone_is_pruned_and_reported():
    first, _, _ = render([SOURCE])
    second, out, code = render(generated(first))
    assert code == 0 and generated(second) == []
    [result] = results_of(out)
    assert result["severity"] == "info" and "pruned v1/ConfigMap/from-s" in result["message"]


def test_a_hand_edited_item_is_kept_and_reported_not_overwritten():
    first, _, _ = render([SOURCE])
    item = generated(first)[0]
    item["data"]["size"] = "99"
    second, out, code = render([{**SOURCE, "spec": {"size": 5}}, item])
    [kept] = generated(second)
    assert code == 0 and kept["data"] == {"size": "99"}
    [result] = results_of(out)
    assert result["severity"] == "warning" and "edited by hand" in result["message"]
    assert result["tags"] == {"reason": "HandEdited"}


def test_a_hand_edited_orphan_is_pruned_with_a_warning():
    first, _, _ = render([SOURCE])
    item = generated(first)[0]
    item["data"]["size"] = "99"
    _, out, _ = render([item])
    [result] = results_of(out)
    assert result["severity"] == "warning" and "edited by hand" in result["message"]


def test_a_resource_the_function_does_not_own_is_never_overwritten():
    users = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "from-s"}, "data": {"mine": "yes"}}
    items, out, code = render([SOURCE, users])
    assert code == 1
    assert users in items and generated(items) == []
    assert "not owned by test-fn" in results_of(out)[0]["message"]


def test_generating_the_same_object_twice_is_an_error():
    twice = helpers.function(lambda ctx: generate_from_sources(ctx) * 2)
    out, code = twice.process(helpers.resource_list([SOURCE]).encode())
    assert code == 1 and "twice" in results_of(out)[0]["message"]


def test_items_of_other_functions_are_not_pruned():
    other = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "theirs", "annotations": {own.GENERATED_BY: "other-fn@1.0.0", own.DIGEST: "sha256:x"}},
    }
    items, _, _ = render([other])
    assert other in items


def test_content_digest_ignores_status_and_orchestrator_annotations():
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}}
    noisy = {
        **obj,
        "status": {"x": 1},
        "metadata": {"name": "a", "annotations": {"internal.config.kubernetes.io/path": "p.yaml", "config.kubernetes.io/index": "0", own.DIGEST: "old"}},
    }
    assert own.content_digest(noisy) == own.content_digest(obj)
    assert own.content_digest({**obj, "data": {"k": "w"}}) != own.content_digest(obj)


def test_a_regenerated_item_drops_kpts_ids_so_a_field_may_change_kind():
    # kpt copies comments and field order from the input item with the same id onto the output item, and
    # fails ("wrong node kind") where a field changed kind: a regenerated item is a new object to it.
    items, _, _ = render([SOURCE])
    old = next(iter(generated(items)))
    ids = {"config.k8s.io/id": "7", "internal.config.kubernetes.io/id": "7", "internal.config.kubernetes.io/annotations-migration-resource-id": "7"}
    old["metadata"]["annotations"].update(ids)
    changed = {**SOURCE, "spec": {"size": 2}}
    items, _, code = render([changed, old])
    (new,) = generated(items)
    assert code == 0 and new["data"] == {"size": "2"}
    assert not set(ids) & set(new["metadata"]["annotations"])
    assert new["metadata"]["annotations"]["internal.config.kubernetes.io/path"] == "generated/s.yaml"
