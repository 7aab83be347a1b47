"""Hypothesis strategies: ResourceLists built from scratch, and golden inputs mutated.

Generated data is made of the seeds' own vocabulary (their keys, kinds and
strings) so that it reaches deep into each function, mixed with what breaks
naive code: wrong types, nulls, empty and unicode strings, huge and
non-finite numbers, YAML look-alike scalars and deep nesting.
"""

from __future__ import annotations

import json
from collections import deque
from functools import lru_cache
from typing import Any

import yaml
from hypothesis import strategies as st
from oran_intent_krm.sdk import yaml_io

from tests.reliability import seeds

LOOK_ALIKES = (
    "", " ", "0777", "0x1F", "yes", "no", "on", "off", "y", "~", "null", "Null", "true", "FALSE", "1e3", "1e400",
    "-.inf", ".nan", "NaN", "1:20", "2024-02-30", "0", "-1", "+1", "1_000", "0.0.0.0", "999.1.1.1/33", "::1/129",
    "10ms", "<10ms", "latency<", "<", ">=", "%", "-5Gi", "1.5.5Mi", "8000m", "16Gi", "1e3Ki", "Infinity",
    "\u0000", "\t", "\n", "é", "ß", "İ", "\u202e", "\ufeff", "😀", "名前", "a" * 300, "${x}", "{{ .Values }}",
    "rate(x[5m])", "histogram_quantile(0.99, sum(rate(x[5m])) by (le))", "a/b", "../..", "/etc/passwd", "*", "&a",
)
HUGE = (2**63, -(2**63) - 1, 2**64, 10**30, -(10**30), 10**400)


@lru_cache(maxsize=None)
def scalars() -> st.SearchStrategy[Any]:
    keys, kinds, words = seeds.vocabulary()
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**40), max_value=2**40),
        st.sampled_from(HUGE),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(LOOK_ALIKES),
        st.sampled_from(words),
        st.text(max_size=20),
    )


@lru_cache(maxsize=None)
def keys() -> st.SearchStrategy[str]:
    vocabulary = seeds.vocabulary()[0]
    return st.one_of(st.sampled_from(vocabulary), st.sampled_from(vocabulary), st.text(max_size=12))


@lru_cache(maxsize=None)
def values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars(),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(keys(), children, max_size=5),
        ),
        max_leaves=max_leaves,
    )


@st.composite
def nested(draw, inner: st.SearchStrategy[Any] | None = None) -> Any:
    """A value under up to a few hundred levels of maps and lists (the parser's limit is about 300)."""
    value = draw(inner if inner is not None else scalars())
    depth = draw(st.integers(min_value=1, max_value=350))
    shape = draw(st.sampled_from(("map", "list", "mixed")))
    for level in range(depth):
        as_map = shape == "map" or (shape == "mixed" and level % 2 == 0)
        value = {"a": value} if as_map else [value]
    return value


@st.composite
def items(draw) -> Any:
    """A KRM-shaped object: a known kind most of the time, every part possibly wrong."""
    known = seeds.vocabulary()[1]
    api_version, kind = draw(st.sampled_from(known))
    item: dict[str, Any] = {
        "apiVersion": draw(st.one_of(st.just(api_version), scalars())),
        "kind": draw(st.one_of(st.just(kind), st.just(kind), scalars())),
    }
    if draw(st.integers(min_value=0, max_value=9)):  # metadata is missing one time in ten
        item["metadata"] = draw(
            st.one_of(
                st.fixed_dictionaries(
                    {"name": st.one_of(st.sampled_from(seeds.vocabulary()[2]), scalars())},
                    optional={
                        "namespace": scalars(),
                        "labels": st.dictionaries(keys(), scalars(), max_size=3),
                        "annotations": st.dictionaries(annotation_keys(), scalars(), max_size=4),
                    },
                ),
                values(4),
            )
        )
    for field in draw(st.lists(st.sampled_from(("spec", "status", "data", "info", "pipeline")), max_size=3, unique=True)):
        item[field] = draw(values()) if draw(st.integers(min_value=0, max_value=9)) else draw(nested(values(3)))
    return item


@lru_cache(maxsize=None)
def annotation_keys() -> st.SearchStrategy[str]:
    return st.sampled_from(
        (
            "config.kubernetes.io/local-config",
            "internal.config.kubernetes.io/path",
            "internal.config.kubernetes.io/index",
            "config.kubernetes.io/path",
            "krm.oran-intent.io/generated-by",
            "krm.oran-intent.io/source",
            "krm.oran-intent.io/source-digest",
            "krm.oran-intent.io/digest",
            "gate.slo.nephio.org/revision",
        )
    )


@st.composite
def resource_lists(draw) -> dict[str, Any]:
    """A ResourceList from scratch: foreign and known items, maybe a functionConfig of any shape."""
    doc: dict[str, Any] = {
        "apiVersion": draw(st.sampled_from(yaml_io.RESOURCE_LIST_VERSIONS)),
        "kind": "ResourceList",
        "items": draw(st.lists(items(), max_size=6)),
    }
    if draw(st.booleans()):
        doc["functionConfig"] = draw(st.one_of(items(), values(6)))
    return doc


# ---- mutations of golden inputs -------------------------------------------------------------

OPERATIONS = ("replace", "delete", "add", "rename", "duplicate", "nest", "retype", "null")


def paths(node: Any, prefix: tuple = (), limit: int = 20000) -> list[tuple]:
    """Every path into a document, breadth first, up to a limit."""
    found: list[tuple] = []
    queue = deque([(prefix, node)])
    while queue and len(found) < limit:
        path, value = queue.popleft()
        found.append(path)
        if isinstance(value, dict):
            queue.extend((path + (key,), child) for key, child in value.items())
        elif isinstance(value, list):
            queue.extend((path + (index,), child) for index, child in enumerate(value))
    return found


def _at(doc: Any, path: tuple) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def retyped(value: Any) -> Any:
    """The same information in the wrong type: "8" for 8, 8 for "8", [x] for x, and so on."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return [value]
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    if isinstance(value, dict):
        return list(value.values())
    return "null"


@st.composite
def mutated(draw, seed_json: str) -> dict[str, Any]:
    doc = json.loads(seed_json)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        candidates = paths(doc)
        path = candidates[draw(st.integers(min_value=1, max_value=len(candidates) - 1))] if len(candidates) > 1 else ()
        if not path:
            break
        parent, key = _at(doc, path[:-1]), path[-1]
        operation = draw(st.sampled_from(OPERATIONS))
        if operation == "replace":
            parent[key] = draw(values(8))
        elif operation == "null":
            parent[key] = draw(st.sampled_from((None, "", [], {}, 0, "null")))
        elif operation == "retype":
            parent[key] = retyped(parent[key])
        elif operation == "nest":
            parent[key] = draw(nested(st.just(parent[key])))
        elif operation == "delete":
            del parent[key]
        elif operation == "duplicate" and isinstance(parent, list):
            parent.insert(key, json.loads(json.dumps(parent[key])))
        elif operation == "add" and isinstance(parent[key], dict):
            parent[key][draw(keys())] = draw(values(6))
        elif operation == "rename" and isinstance(parent, dict):
            parent[draw(keys())] = parent.pop(key)
        else:  # an operation that does not fit this node: give it a wrong value instead
            parent[key] = draw(scalars())
    return doc


def serialised(doc: Any, form: str) -> bytes:
    """The document as kpt could send it: block YAML, or JSON (a YAML flow document).

    Very deep documents are always JSON: the YAML emitter cannot write them.
    """
    if form == "yaml":
        try:
            return yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=4096).encode()
        except RecursionError:
            pass
    return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode()


@st.composite
def damaged(draw, text: str) -> str:
    """The text of a golden input cut short, spliced or with a hostile fragment dropped in."""
    cut = draw(st.integers(min_value=0, max_value=len(text)))
    operation = draw(st.sampled_from(("truncate", "insert", "delete", "indent")))
    if operation == "truncate":
        return text[:cut]
    if operation == "insert":
        fragment = draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)))
        return text[:cut] + fragment + text[cut:]
    if operation == "delete":
        return text[:cut] + text[cut + draw(st.integers(min_value=1, max_value=40)) :]
    line_start = text.rfind("\n", 0, cut) + 1
    return text[:line_start] + draw(st.sampled_from((" ", "  ", "\t", "- "))) + text[line_start:]


FRAGMENTS = (
    ": ", "- ", "\n- ", "&a ", "*a", "*missing", "<<: *a\n", "!!python/object:os.system ", "!!binary ", "!custom ",
    "{", "}", "[", "]", "'", '"', "|", ">", "#", "%YAML 1.1\n", "\n---\n", "\n...\n", "? ", "\t", "\r", "\x00",
    "\x85", "\ufeff", "\u2028", "\ud800",
)
