"""Every render is reproducible: input order, hash seed, locale, time zone and working
directory change nothing in what the functions produce."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
from oran_intent_krm.sdk import yaml_io

from tests import golden, kpt, pipeline

EXAMPLES = [e for e in golden.examples() if golden.expected_exit_code(e) == 0]


def items_by_file(text: str) -> dict[tuple[str, str], str]:
    """Output items keyed by file and identity, as kpt writes them: order does not matter."""
    parsed = yaml_io.parse_resource_list(text)
    out = {}
    for item in parsed.items:
        notes = item["metadata"].get("annotations") or {}
        key = (str(notes.get("internal.config.kubernetes.io/path")), yaml_io.canonical_json([item.get("kind"), item["metadata"].get("name")]))
        out[key] = yaml_io.canonical_json(item)
    return out


def shuffled(resource_list: str, seed: int) -> str:
    parsed = yaml_io.parse_resource_list(resource_list)
    texts = list(parsed.item_texts)
    random.Random(seed).shuffle(texts)
    return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + "".join(texts)


def final(outputs):
    name, out, code = outputs[-1]
    return out, code


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_shuffled_inputs_give_the_same_output(example):
    config_paths = tuple(p for _, _, p in pipeline.steps(example) if p)
    source = pipeline.source(example, config_paths)
    reference, code = final(pipeline.run_pipeline(example, source))
    assert code == 0
    for seed in (1, 2, 3):
        out, code = final(pipeline.run_pipeline(example, shuffled(source, seed)))
        assert code == 0
        assert items_by_file(out) == items_by_file(reference)


def run_scripts_with_env(extra_env: dict[str, str], cwd):
    def runner(name, resource_list):
        done = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), name)],
            input=resource_list.encode(),
            capture_output=True,
            env={**kpt.env(), **extra_env},
            cwd=cwd,
        )
        return done.stdout.decode(), done.returncode

    return runner


@pytest.mark.parametrize("example", EXAMPLES[:3], ids=[e.name for e in EXAMPLES[:3]])
def test_output_does_not_depend_on_hash_seed_locale_time_zone_or_directory(example, tmp_path):
    environments = [
        ({"PYTHONHASHSEED": "0", "LC_ALL": "C", "TZ": "UTC"}, kpt.ROOT),
        ({"PYTHONHASHSEED": "4242", "LC_ALL": "C.UTF-8", "TZ": "Pacific/Chatham"}, tmp_path),
    ]
    outputs = [final(pipeline.run_pipeline(example, runner=run_scripts_with_env(env, cwd))) for env, cwd in environments]
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == 0
