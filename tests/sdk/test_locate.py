"""Results point at the line of the user's file: every field of the committed packages' inputs is
found, through the ResourceList the real kpt builds, at the line it has in its file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from oran_intent_krm.sdk import locate, resource, yaml_io
from oran_intent_krm.sdk.results import Results

from tests import kpt

PACKAGES = ["intent-to-krm", "urllc-scaling", "basic-cu"]
INPUTS = ("intent.yaml", "inventory/", "namespace.yaml", "package-context.yaml")


def source(package: Path):
    done = subprocess.run(["kpt", "fn", "source", str(package)], capture_output=True, text=True, check=True, env=kpt.env())
    parsed = yaml_io.parse_resource_list(done.stdout, lambda identity: yaml_io.SKIP)
    texts = {id(item): text for item, text in zip(parsed.items, parsed.item_texts)}
    return parsed, locate.Inputs(parsed.items, texts, parsed.indent)


def fields(node, path=""):
    """Every field path of a document with the line it is on (0-based), metadata's maps left out."""
    if isinstance(node, dict):
        for key in node:
            here = f"{path}.{key}" if path else str(key)
            if here in ("metadata.annotations", "metadata.labels"):
                continue
            yield here, node.lc.key(key)[0]
            yield from fields(node[key], here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            here = f"{path}[{index}]"
            yield here, node.lc.item(index)[0]
            yield from fields(item, here)


@pytest.mark.parametrize("name", PACKAGES)
def test_every_field_of_the_inputs_is_found_at_its_line(name):
    package = kpt.ROOT / "packages" / name
    parsed, inputs = source(package)
    checked = 0
    for item in parsed.items:
        path = resource.file_path(item)
        if not path.startswith(INPUTS):
            continue
        file_lines = (package / path).read_text().split("\n")
        starts = [0] + [n + 1 for n, line in enumerate(file_lines) if line == "---"]
        document = yaml_io._yaml().load("\n".join(file_lines[starts[resource.file_index(item)] :]).split("\n---\n")[0])
        for field_path, line in fields(document):
            expected = starts[resource.file_index(item)] + line + 1
            assert locate.line_in_file(inputs, path, resource.file_index(item), field_path) == expected, (path, field_path)
            checked += 1
    assert checked > 20


def test_a_missing_field_points_at_the_deepest_part_that_is_there():
    package = kpt.ROOT / "packages" / "urllc-scaling"
    _, inputs = source(package)
    deep = locate.line_in_file(inputs, "intent.yaml", 0, "spec.intentExpectations[0].expectationTargets")
    assert locate.line_in_file(inputs, "intent.yaml", 0, "spec.intentExpectations[0].nothingHere") == deep  # the entry, on its first line


def test_a_result_about_a_generated_item_moves_to_the_users_field():
    package = kpt.ROOT / "packages" / "urllc-scaling"
    parsed, inputs = source(package)
    generated = next(i for i in parsed.items if i.get("kind") == "Intent" and resource.file_path(i).startswith("generated/"))
    results = Results()
    results.error("cluster pattern edge-cluster-* matches nothing", generated, "spec.intentExpectations[0]", current="edge-cluster-*")
    results.error("something about the query", generated, "metadata.name", current="rate(x[5m])")
    results.error("a verdict", generated, "status.phase", current="scale")  # "scale" is in the user's spec, but not this

    locate.trace(results, inputs, "28312-to-pr")
    locate.add_lines(results, inputs)
    moved, stayed, verdict = results
    assert verdict.file_path.startswith("generated/")
    assert moved.resource_ref["apiVersion"].startswith("tmf921.intent.tmforum.org/")
    assert (moved.file_path, moved.field_path) == ("intent.yaml", "spec.intentExpectations[0].expectationTargets[0]")
    targets = next(n for n, line in enumerate((package / "intent.yaml").read_text().splitlines(), 1) if "expectationTargets" in line)
    assert moved.message.endswith(f"(at intent.yaml:{targets})")
    assert moved.tags["generatedFrom"].startswith("intent.3gpp.org/v1alpha1/Intent/")
    assert stayed.file_path.startswith("generated/") and stayed.field_path == "metadata.name"
