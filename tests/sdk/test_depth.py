"""Over-deep input is refused for the cost of reading up to the level past KRM_FN_MAX_DEPTH, whatever its size.

Counted in the scanner's work, not in seconds: a refused ResourceList 10,000 levels deep must
cost no more than one 1,000 levels deep, on every path a function reads (the whole document,
the envelope and functionConfig, an item edited in place, an item only read), in block and
flow style and as JSON.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from oran_intent_krm.sdk import yaml_io
from ruamel.yaml.scanner import Scanner

from tests import pipeline

HEAD = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n"
ITEM = "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: deep\n  data:\n    deep:"


def block_item(depth: int) -> str:
    return HEAD + "items:\n" + ITEM + "\n      " + "- " * depth + "x\n"


def indented_item(depth: int) -> str:
    return HEAD + "items:\n" + ITEM + "\n" + "".join(" " * (6 + level) + "a:\n" for level in range(depth)) + " " * (6 + depth) + "b: 1\n"


def flow_item(depth: int) -> str:
    return HEAD + "items:\n" + ITEM + " " + "[" * depth + "]" * depth + "\n"


def flow_mapping_item(depth: int) -> str:
    return HEAD + "items:\n" + ITEM + " " + "{a: " * depth + "1" + "}" * depth + "\n"


def flow_config(depth: int) -> str:
    return HEAD + "items: []\nfunctionConfig:\n  deep: " + "[" * depth + "]" * depth + "\n"


def block_config(depth: int) -> str:
    return HEAD + "items:\n" + ITEM + " 1\nfunctionConfig:\n  deep:\n    " + "- " * depth + "x\n"


def json_list(depth: int) -> str:
    return '{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"apiVersion":"v1","kind":"ConfigMap",' \
        '"metadata":{"name":"deep"},"data":{"deep":' + "[" * depth + "]" * depth + "}}]}"


SHAPES = [block_item, indented_item, flow_item, flow_mapping_item, flow_config, block_config, json_list]
# How far items are parsed: the whole document at once, or item by item (edited in place, or only read).
WANTS = {"whole-document": None, "item-edited": lambda identity: yaml_io.EDIT, "item-read": lambda identity: yaml_io.DATA}


@pytest.fixture
def scanner_work(monkeypatch):
    """Counts the tokens ruamel's scanner fetches (the round-trip and the pure data reader share it)."""
    counter = {"fetches": 0}
    fetch = Scanner.fetch_more_tokens

    def counting(self):
        counter["fetches"] += 1
        return fetch(self)

    monkeypatch.setattr(Scanner, "fetch_more_tokens", counting)
    return counter


def refusal_work(text: str, wants, counter) -> int:
    counter["fetches"] = 0
    with pytest.raises(yaml_io.InputError, match=r"more than 100 levels deep \(KRM_FN_MAX_DEPTH\)"):
        yaml_io.parse_resource_list(text, wants)
    return counter["fetches"]


@pytest.mark.parametrize("wants", WANTS.values(), ids=WANTS.keys())
@pytest.mark.parametrize("shape", SHAPES, ids=[s.__name__ for s in SHAPES])
def test_refusing_ten_times_deeper_input_costs_no_more_work(shape, wants, scanner_work):
    at_1k = refusal_work(shape(1_000), wants, scanner_work)
    at_10k = refusal_work(shape(10_000), wants, scanner_work)
    assert at_10k <= at_1k, f"{at_1k} token fetches to refuse 1,000 levels, {at_10k} to refuse 10,000"


@pytest.mark.parametrize("wants", WANTS.values(), ids=WANTS.keys())
@pytest.mark.parametrize("shape", SHAPES, ids=[s.__name__ for s in SHAPES])
def test_input_just_within_the_limit_is_read(shape, wants):
    parsed = yaml_io.parse_resource_list(shape(90), wants)
    assert parsed.api_version == "config.kubernetes.io/v1"


def test_the_c_reader_never_gets_text_that_could_nest_past_the_limit(monkeypatch):
    """ruamel's C parser recurses once per level with no limit: 100,000 levels crash the process."""
    handed = []
    real = yaml_io._data_yaml

    def recording(pure=False):
        handed.append(pure)
        return real(pure)

    monkeypatch.setattr(yaml_io, "_data_yaml", recording)
    with pytest.raises(yaml_io.InputError, match=r"ResourceList.items\[0\] nests collections more than 100 levels deep"):
        yaml_io.parse_resource_list(flow_item(100_000), WANTS["item-read"])
    assert handed == [True]
    yaml_io.parse_resource_list(flow_item(20), WANTS["item-read"])
    assert handed == [True, False]


@pytest.mark.parametrize("name", sorted(pipeline.MODULES))
@pytest.mark.parametrize("shape", [flow_config, block_config, json_list], ids=lambda s: s.__name__)
def test_every_function_refuses_a_resource_list_a_hundred_thousand_levels_deep(name, shape):
    function = importlib.import_module(pipeline.MODULES[name]).FUNCTION
    out, code = function.process(shape(100_000).encode())
    assert code == 1
    assert "levels deep (KRM_FN_MAX_DEPTH)" in out


@pytest.mark.parametrize("shape", [flow_item, block_item, flow_mapping_item], ids=lambda s: s.__name__)
def test_an_item_a_hundred_thousand_levels_deep_is_refused_not_a_crash(shape):
    """In a process of its own: slo-gate-validator reads every item, ConfigMaps as data only."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from oran_intent_krm.slo_gate_validator.main import FUNCTION as f; "
         "out, code = f.process(sys.stdin.buffer.read()); sys.stdout.write(out); sys.exit(code)"],
        input=shape(100_000).encode(), capture_output=True,
    )
    assert done.returncode == 1, done.stderr.decode()[-500:]
    assert b"ResourceList.items[0] nests collections more than 100 levels deep" in done.stdout
