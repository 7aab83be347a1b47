"""Hostile stdin: each input a function must refuse quickly, in little memory, with an error result.

Inputs that attack one item take the head of that item (apiVersion, kind, name), so the
attack can be put in a resource the function reads, or in one it does not.
"""

from __future__ import annotations

from typing import Callable

HEAD = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n"
CONFIG_MAP = "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: hostile\n"


def item_head(api_version: str, kind: str) -> str:
    return f"- apiVersion: {api_version}\n  kind: {kind}\n  metadata:\n    name: hostile\n"


def billion_laughs(item: str = CONFIG_MAP) -> bytes:
    """Nine levels of ten aliases each: 10^9 nodes once expanded, under 1 KB as text."""
    lines = [HEAD + "items:\n" + item + "  data:\n    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"    l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def merge_key_bomb(item: str = CONFIG_MAP) -> bytes:
    """The same expansion through merge keys, which copy a mapping into another."""
    lines = [HEAD + "items:\n" + item + "  data:\n    m0: &m0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol}"]
    for n in range(1, 10):
        refs = ", ".join(f"k{i}: *m{n - 1}" for i in range(10))
        lines.append(f"    m{n}: &m{n} {{<<: *m{n - 1}, {refs}}}")
    return ("\n".join(lines) + "\n").encode()


def fifty_megabytes(item: str = CONFIG_MAP) -> bytes:
    """A 50 MB ConfigMap: over the 32 MiB default limit, refused before it is parsed."""
    return (HEAD + "items:\n" + item + "  data:\n    blob: " + "x" * (50 * 1024 * 1024) + "\n").encode()


def deep_sequences(item: str = CONFIG_MAP) -> bytes:
    return (HEAD + "items:\n" + item + "  data: {deep: " + "[" * 10_000 + "]" * 10_000 + "}\n").encode()


def deep_mappings(item: str = CONFIG_MAP) -> bytes:
    return (HEAD + "items:\n" + item + "  data: " + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n").encode()


def deep_block_mappings(item: str = CONFIG_MAP) -> bytes:
    """10,000 levels in block style, one space of indent per level (50 MB at two)."""
    lines = [" " * (level + 2) + "a:" for level in range(10_000)]
    return (HEAD + "items:\n" + item + "  data:\n" + "\n".join(lines) + " b\n").encode()


def duplicate_top_level_keys() -> bytes:
    return (HEAD + "items: []\nitems:\n" + CONFIG_MAP).encode()


def duplicate_item_keys(item: str = CONFIG_MAP) -> bytes:
    return (HEAD + "items:\n" + item + "    name: second-name\n").encode()


def latin1_bytes(item: str = CONFIG_MAP) -> bytes:
    return (HEAD + "items:\n" + item + "  data: {city: Malmö}\n").encode("latin-1")


def utf16_text() -> bytes:
    return (HEAD + "items: []\n").encode("utf-16")


def truncated_utf8(item: str = CONFIG_MAP) -> bytes:
    return (HEAD + "items:\n" + item + "  data: {check: ✓}\n").encode()[:-4]


def python_object_apply(item: str = CONFIG_MAP) -> bytes:
    return (HEAD + "items:\n" + item + '  data: !!python/object/apply:os.system ["touch /tmp/pwned"]\n').encode()


def python_object_root() -> bytes:
    return ("!!python/object/new:subprocess.Popen\n" + HEAD + "items: []\n").encode()


def python_name_in_item() -> bytes:
    return (HEAD + "items:\n- !!python/name:os.system\n  apiVersion: v1\n  kind: ConfigMap\n").encode()


def empty() -> bytes:
    return b""


def blank_and_comments() -> bytes:
    return b"\n   \n# nothing here\n"


def a_plain_resource() -> bytes:
    return b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-a-list\n"


def a_yaml_sequence() -> bytes:
    return b"- apiVersion: v1\n  kind: ConfigMap\n"


def a_scalar() -> bytes:
    return b"ResourceList\n"


def a_json_array() -> bytes:
    return b'[{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList"}]'


def several_documents() -> bytes:
    return (HEAD + "items: []\n---\n" + HEAD + "items: []\n").encode()


def wrong_version() -> bytes:
    return b"apiVersion: config.kubernetes.io/v9\nkind: ResourceList\nitems: []\n"


def items_not_a_list() -> bytes:
    return (HEAD + "items: {apiVersion: v1, kind: ConfigMap}\n").encode()


def items_of_scalars() -> bytes:
    return (HEAD + "items: [1, two, null]\n").encode()


def binary_noise() -> bytes:
    return bytes(range(256)) * 64


# The attacks carried inside one item; the rest attack the document as a whole.
ITEM_LEVEL = tuple(name.replace("_", "-") for name in (
    "billion_laughs", "merge_key_bomb", "deep_sequences", "deep_mappings", "duplicate_item_keys", "python_object_apply",
))

INPUTS: dict[str, Callable[..., bytes]] = {
    fn.__name__.replace("_", "-"): fn
    for fn in (
        billion_laughs,
        merge_key_bomb,
        fifty_megabytes,
        deep_sequences,
        deep_mappings,
        deep_block_mappings,
        duplicate_top_level_keys,
        duplicate_item_keys,
        latin1_bytes,
        utf16_text,
        truncated_utf8,
        python_object_apply,
        python_object_root,
        python_name_in_item,
        empty,
        blank_and_comments,
        a_plain_resource,
        a_yaml_sequence,
        a_scalar,
        a_json_array,
        several_documents,
        wrong_version,
        items_not_a_list,
        items_of_scalars,
        binary_noise,
    )
}
