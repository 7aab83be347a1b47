"""No misspelling of an intent passes: every single-key misspelling (a letter dropped, two swapped,
one doubled) of every key in the spec of every intent of the committed packages, and every
near-miss of its kind and API group, makes the stage that reads it exit 1 with an error naming it.

The TMF921 intents go through intent-to-28312, the TS 28.312 intents they render to (hand edits
of a generated file are read too) through 28312-to-pr with their package's inventory, each run in
process through the SDK; test_authoring_mistakes.py runs a sample through the real kpt.  A key
met in the same place twice (the second expectation's `expectationVerbs`) is one case.
"""

from __future__ import annotations

import copy
import functools
import re

import pytest
import yaml
from oran_intent_krm.intent_to_28312.main import FUNCTION as INTENT_TO_28312
from oran_intent_krm.ts28312_to_pr.main import FUNCTION as TS28312_TO_PR

from tests.packages.support import documents, package_dirs

TMF921 = "tmf921.intent.tmforum.org"
TS28312 = "intent.3gpp.org"
INVENTORY = {"WorkloadCluster", "SiteNetworkPlan"}


def misspellings(word: str) -> list[str]:
    """Every word one dropped, swapped (adjacent) or doubled letter away, the word itself left out."""
    found = {word[:i] + word[i + 1 :] for i in range(len(word))}
    found |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    found |= {word[:i] + word[i] + word[i:] for i in range(len(word))}
    return sorted(found - {word, ""})


@functools.lru_cache(maxsize=1)
def intents() -> list[tuple[str, dict, list[dict]]]:
    """(package, intent, inventory) for every intent of the committed packages, each distinct intent once."""
    out, seen = [], set()
    for package in package_dirs():
        docs = documents(package)
        inventory = [d for d in docs if d["kind"] in INVENTORY]
        for doc in docs:
            group = str(doc.get("apiVersion", "")).rsplit("/", 1)[0]
            if doc["kind"] != "Intent" or group not in (TMF921, TS28312):
                continue
            key = yaml.safe_dump(doc["spec"], sort_keys=True)
            if key not in seen:
                seen.add(key)
                out.append((str(package.relative_to(package.parents[1])), _input(doc), inventory))
    return out


def _input(doc: dict) -> dict:
    """The intent as a user would hand it in: no status, no kpt annotations."""
    out = {k: copy.deepcopy(v) for k, v in doc.items() if k != "status"}
    notes = {k: v for k, v in (out["metadata"].get("annotations") or {}).items() if not k.startswith(("config.kubernetes.io/", "internal."))}
    out["metadata"] = {k: v for k, v in out["metadata"].items() if k != "annotations"} | ({"annotations": notes} if notes else {})
    return out


def key_cases() -> list[tuple[str, str, tuple, str]]:
    """(package, group/name of the intent, path to the key's object, key) for each distinct place a key is met."""
    cases, seen = [], set()
    for package, intent, _ in intents():
        for path, key in _keys(intent["spec"], ("spec",)):
            shape = (_group(intent), re.sub(r"\d+", "#", repr(path)), key)
            if shape not in seen:
                seen.add(shape)
                cases.append((package, _label(intent), path, key))
    return cases


def _group(intent: dict) -> str:
    return intent["apiVersion"].rsplit("/", 1)[0]


def _label(intent: dict) -> str:
    return f"{_group(intent)}/{intent['metadata']['name']}"


def _keys(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key
            yield from _keys(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _keys(value, path + (index,))


def renamed(intent: dict, path: tuple, key: str, new: str) -> dict:
    """The intent with one key renamed where it is met, in its place among the others."""
    out = copy.deepcopy(intent)
    node = out
    for part in path:
        node = node[part]
    rebuilt = {(new if k == key else k): v for k, v in node.items()}
    node.clear()
    node.update(rebuilt)
    return out


def render(intent: dict, inventory: list[dict]) -> tuple[int, list[dict]]:
    """The exit code and results of the stage that reads the intent."""
    tmf = intent["apiVersion"].startswith(TMF921 + "/")
    items = [intent] if tmf else [intent, *inventory]
    text = yaml.safe_dump({"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": items}, sort_keys=False)
    out, code = (INTENT_TO_28312 if tmf else TS28312_TO_PR).process(text.encode())
    return code, yaml.safe_load(out).get("results") or []


def find(package: str, label: str) -> tuple[dict, list[dict]]:
    return next((i, inv) for p, i, inv in intents() if p == package and _label(i) == label)


def test_the_committed_intents_pass_as_they_are():
    assert len(intents()) >= 4 and {i["apiVersion"].rsplit("/", 1)[0] for _, i, _ in intents()} == {TMF921, TS28312}
    for package, intent, inventory in intents():
        code, results = render(intent, inventory)
        assert code == 0, (package, [r["message"] for r in results if r["severity"] == "error"])


@pytest.mark.parametrize("package, name, path, key", key_cases(), ids=lambda v: v if isinstance(v, str) else ".".join(map(str, v)))
def test_every_misspelling_of_every_key_fails_naming_it(package, name, path, key):
    intent, inventory = find(package, name)
    for wrong in misspellings(key):
        code, results = render(renamed(intent, path, key, wrong), inventory)
        named = [r for r in results if r["severity"] == "error" and f".{wrong}" in r["message"]]
        assert code == 1 and named, f"{package}: {key} -> {wrong} passed unnamed: {[r['message'] for r in results]}"


@pytest.mark.parametrize("package, name", sorted({(p, _label(i)) for p, i, _ in intents()}))
def test_every_near_miss_of_the_kind_and_of_the_group_fails_naming_it(package, name):
    intent, inventory = find(package, name)
    group, version = intent["apiVersion"].rsplit("/", 1)
    variants = [{"kind": kind} for kind in misspellings(intent["kind"])]
    variants += [{"apiVersion": f"{wrong}/{version}"} for wrong in misspellings(group)]
    for change in variants:
        code, results = render({**intent, **change}, inventory)
        wrong = next(iter(change.values()))
        named = [r for r in results if r["severity"] == "error" and wrong.split("/")[0] in r["message"]]
        assert code == 1 and named, f"{package}: {change} passed unnamed: {[r['message'] for r in results]}"


def test_the_cases_cover_both_forms_and_every_level_of_the_spec():
    keys = {key for _, _, _, key in key_cases()}
    assert {"intentExpectations", "expectationTargets", "expectationVerbs", "expectationObjects", "expectationContexts",
            "contextAttribute", "contextValue", "targetName"} <= keys
    assert {"expectationObject", "objectContexts", "contextValueRange", "targetCondition", "targetValueRange", "userLabel"} <= keys


def test_the_misspellings_are_the_three_kinds_of_one_letter_slip():
    assert misspellings("ab") == ["a", "aab", "abb", "b", "ba"]
