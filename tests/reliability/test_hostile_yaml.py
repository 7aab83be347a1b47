"""Hostile YAML through the installed console scripts, as kpt runs them: each refused within
a time and memory bound, with a clear error result and exit 1, and nothing on stderr that
looks like a traceback.  The limits are the SDK's and can be changed through the environment.

An attack carried inside one resource is put in a resource the function reads.  In a
resource it does not read, the SDK never parses it: that resource is passed on as the text
it came in, which is bounded too and builds nothing.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from oran_intent_krm.sdk import yaml_io

from tests import kpt
from tests.reliability import contract, figures, hostile, seeds

TIMEOUT = 60  # seconds: a bound, far above what any of these takes
MEMORY = 1 << 30  # bytes of address space each run may use (RLIMIT_AS)

EXPECTED = {
    "billion-laughs": "through YAML aliases",
    "merge-key-bomb": "through YAML aliases",
    "fifty-megabytes": "over the limit of 33554432 bytes",
    "deep-sequences": "nests collections",
    "deep-mappings": "nests collections",
    "deep-block-mappings": "over the limit",
    "duplicate-top-level-keys": "duplicate key",
    "duplicate-item-keys": "duplicate key",
    "latin1-bytes": "not UTF-8",
    "utf16-text": "not UTF-8",
    "truncated-utf8": "not UTF-8",
    "python-object-apply": "asks to construct a language object",
    "python-object-root": "asks to construct a language object",
    "python-name-in-item": "asks to construct a language object",
    "empty": "stdin is empty",
    "blank-and-comments": "not a mapping",
    "a-plain-resource": "expected kind ResourceList",
    "a-yaml-sequence": "not a mapping",
    "a-scalar": "not a mapping",
    "a-json-array": "not a mapping",
    "several-documents": "single document",
    "wrong-version": "expected kind ResourceList",
    "items-not-a-list": "items is not a list",
    "items-of-scalars": "items[0] is not an object",
    "binary-noise": "not UTF-8",
}


def script(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_script(name: str, stdin: bytes, extra_env: dict[str, str] | None = None) -> tuple[str, str, int]:
    done = subprocess.run(
        [script(name)],
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=bounded,
        env={**kpt.env(), **(extra_env or {})},
    )
    figures.HOSTILE[name] += 1
    return done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace"), done.returncode


# A kind each function reads, to carry the attacks that live inside one resource.
READS = {
    "intent-to-28312": ("tmf921.intent.tmforum.org/v1", "Intent"),
    "28312-to-pr": ("intent.3gpp.org/v1alpha1", "Intent"),
    "pr-to-workloads": ("o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest"),
    "slo-gate-validator": ("gate.slo.nephio.org/v1alpha1", "SLOGate"),
}


def hostile_input(case: str, name: str, read: bool = True) -> bytes:
    make = hostile.INPUTS[case]
    if case not in hostile.ITEM_LEVEL:
        return make()
    return make(hostile.item_head(*READS[name]) if read else hostile.CONFIG_MAP)


def run_everywhere(stdin_of, extra_env: dict[str, str] | None = None) -> dict[str, tuple[str, str, int]]:
    """Each function's stdin (bytes, or a function of its name) through all four at once, two at a time."""
    make = stdin_of if callable(stdin_of) else (lambda name: stdin_of)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {name: pool.submit(run_script, name, make(name), extra_env) for name in seeds.FUNCTIONS}
        return {name: run.result() for name, run in runs.items()}


def test_every_hostile_input_is_expected_somewhere():
    assert set(EXPECTED) == set(hostile.INPUTS)


@pytest.mark.parametrize("case", sorted(hostile.INPUTS))
def test_hostile_input_is_refused_with_an_error_result(case):
    for name, (out, err, code) in run_everywhere(lambda name: hostile_input(case, name)).items():
        assert code == 1, (name, out, err)
        assert "Traceback" not in err, (name, err)
        doc = contract.check(out, code)
        assert doc["items"] == [], name
        [result] = doc["results"]
        assert result["severity"] == "error"
        assert EXPECTED[case] in result["message"], (name, result["message"])


@pytest.mark.parametrize("case", hostile.ITEM_LEVEL)
def test_an_attack_in_a_resource_the_function_does_not_read_is_never_parsed(case):
    """Refused where the function reads every kind; elsewhere passed on byte for byte, unexpanded."""
    stdin = hostile_input(case, "", read=False)
    attacked = stdin.decode()[len(hostile.HEAD + "items:\n") :]
    for name, (out, err, code) in run_everywhere(stdin).items():
        assert "Traceback" not in err, (name, err)
        if seeds.function(name).wants({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "hostile"}}):
            assert code == 1 and EXPECTED[case] in out, (name, out)
        else:
            assert code == 0, (name, out, err)
            assert out == hostile.HEAD + "items:\n" + attacked, name


def alias_document(refs: int, levels: int, item: str = hostile.CONFIG_MAP) -> bytes:
    lines = [hostile.HEAD + "items:\n" + item + "  data:\n    l0: &l0 [" + ", ".join(["x"] * refs) + "]"]
    lines += [f"    l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * refs) + "]" for n in range(1, levels)]
    return ("\n".join(lines) + "\n").encode()


def test_the_alias_limit_is_configurable():
    """10^4 nodes: refused under a limit of 1000, read (and passed through) under the default."""
    def stdin(name):
        return alias_document(10, 4, hostile.item_head(*READS[name]))

    for name, (out, err, code) in run_everywhere(stdin, {"KRM_FN_MAX_EXPANDED_NODES": "1000"}).items():
        assert code == 1 and "more than 1000 nodes" in out, (name, out, err)
    for name, (out, err, code) in run_everywhere(stdin).items():
        assert "more than" not in out, (name, out, err)
        assert contract.check(out, code)["items"][0]["metadata"]["name"] == "hostile"


def test_the_size_limit_is_configurable():
    stdin = alias_document(10, 2)
    for name, (out, err, code) in run_everywhere(stdin, {"KRM_FN_MAX_INPUT_BYTES": str(len(stdin) - 1)}).items():
        assert code == 1 and f"over the limit of {len(stdin) - 1} bytes" in out, (name, out, err)
    for name, (out, err, code) in run_everywhere(stdin, {"KRM_FN_MAX_INPUT_BYTES": str(len(stdin))}).items():
        assert code == 0, (name, out, err)


CONSUMED = {
    "intent-to-28312": ("tmf921.intent.tmforum.org/v1", "Intent"),
    "28312-to-pr": ("intent.3gpp.org/v1alpha1", "Intent"),
    "pr-to-workloads": ("o2ims.provisioning.oran.org/v1alpha1", "ProvisioningRequest"),
    "slo-gate-validator": ("gate.slo.nephio.org/v1alpha1", "SLOGate"),
}


@pytest.mark.parametrize("name", seeds.FUNCTIONS)
def test_an_alias_bomb_under_the_limit_in_a_resource_the_function_reads_stays_bounded(name):
    """160,000 nodes once expanded, in the spec of the first resource the function reads."""
    doc = yaml_io._yaml().load(seeds.seed_texts()[name][0])
    [target, *_] = [i for i in doc["items"] if (i.get("apiVersion"), i.get("kind")) == CONSUMED[name]]
    leaves = ["x"] * 20
    target["spec"]["extra"] = [[[leaves] * 20] * 20] * 20  # shared lists: written as aliases
    stdin = yaml_io.dump_value(doc).encode()
    assert b"*id" in stdin  # the bomb stayed a bomb
    out, err, code = run_script(name, stdin)
    assert "Traceback" not in err, err
    contract.check(out, code)
