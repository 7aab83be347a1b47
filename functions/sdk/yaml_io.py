"""Reading and writing ResourceLists with round-trip fidelity.

Items a function leaves unchanged are written back as the exact text they
arrived in: kpt re-reads that text, so comments, quoting, flow style, block
scalars and anchors survive untouched.  Only new or changed items are
serialised, with ruamel.yaml in round-trip mode.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

RESOURCE_LIST_VERSIONS = ("config.kubernetes.io/v1", "config.kubernetes.io/v1beta1")
_DASH = re.compile(r"^(\s*)-(\s|$)")


class InputError(Exception):
    """The input is not a ResourceList this SDK can read."""


def _yaml():
    # Imported here so `--help` and `--version` do not pay for it.
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarfloat import ScalarFloat

    yaml = YAML(typ="rt", pure=False)
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.allow_duplicate_keys = False
    yaml.representer.add_representer(str, _represent_str)
    yaml.representer.add_representer(ScalarFloat, _represent_read_float)
    return yaml


# Plain scalars that YAML 1.1 readers (PyYAML, sigs.k8s.io/yaml) or YAML 1.2 readers
# (kpt) would not read back as strings.
_AMBIGUOUS = re.compile(
    r"""^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE
    |on|On|ON|off|Off|OFF
    |[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)
    |[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$""",
    re.VERBOSE,
)


def _represent_str(representer, value: str):
    style = '"' if _AMBIGUOUS.match(value) or value == "" else None
    if "\n" in value and style is None:
        style = "|"
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_read_float(representer, value):
    """A float read from the input, in its own notation unless that would change its value.

    ruamel rebuilds a read float's text from its width and exponent, which loses
    the last digit of some (9.391046026687752e-61 becomes ...751e-61); such a
    float is written as Python's shortest exact form instead.
    """
    from ruamel.yaml.representer import RoundTripRepresenter

    node = RoundTripRepresenter.represent_scalar_float(representer, value)
    try:
        exact = value != value or float(node.value.replace("_", "")) == float(value)
    except ValueError:  # .inf, .nan and the like: ruamel writes those exactly
        exact = True
    if exact:
        return node
    return representer.represent_scalar("tag:yaml.org,2002:float", repr(float(value)), anchor=value.yaml_anchor(any=True))


@dataclass
class ParsedList:
    api_version: str
    items: list[Any]
    function_config: Any
    # Original text of each item, or None where it cannot be sliced safely.
    item_texts: list[str | None] = field(default_factory=list)
    indent: int = 0


def parse_resource_list(text: str) -> ParsedList:
    if not text.strip():
        raise InputError("stdin is empty: expected a ResourceList (config.kubernetes.io/v1)")
    try:
        doc = _yaml().load(text)
    except Exception as exc:  # ruamel raises many unrelated exception types
        raise InputError(f"stdin is not valid YAML or JSON: {_first_line(exc)}") from None
    if not isinstance(doc, dict):
        raise InputError("stdin is not a mapping: expected a ResourceList object")
    api_version, kind = doc.get("apiVersion"), doc.get("kind")
    if kind != "ResourceList" or api_version not in RESOURCE_LIST_VERSIONS:
        raise InputError(
            f"stdin holds {api_version or '?'}/{kind or '?'}: expected kind ResourceList "
            f"with apiVersion {' or '.join(RESOURCE_LIST_VERSIONS)}"
        )
    items = doc.get("items")
    if items is None:
        items = []
    if not isinstance(items, list):
        raise InputError("ResourceList.items is not a list")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"ResourceList.items[{index}] is not an object")
    if "&" in text:
        _check_expansion(doc)
    parsed = ParsedList(api_version, list(items), doc.get("functionConfig"))
    parsed.item_texts, parsed.indent = _slice_items(text, doc, items)
    return parsed


MAX_EXPANDED_NODES_ENV = "KRM_FN_MAX_EXPANDED_NODES"
DEFAULT_MAX_EXPANDED_NODES = 5_000_000


def _check_expansion(doc: Any) -> None:
    """Refuse alias bombs: count the nodes the document has once its aliases are expanded."""
    import os

    limit = int(os.environ.get(MAX_EXPANDED_NODES_ENV, DEFAULT_MAX_EXPANDED_NODES))
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            return 1
        key = id(node)
        if key not in sizes:
            sizes[key] = 1 + sum(size(child) for child in children)
            if sizes[key] > limit:
                raise InputError(
                    f"input expands to more than {limit} nodes through YAML aliases ({MAX_EXPANDED_NODES_ENV})"
                )
        return sizes[key]

    size(doc)


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def _slice_items(text: str, doc: Any, items: Any) -> tuple[list[str | None], int]:
    """Cut the input text into one block per item, starting at each item's dash."""
    none: list[str | None] = [None] * len(items)
    if not items or getattr(items, "fa", None) is None or items.fa.flow_style():
        return none, 0
    lines = text.splitlines(keepends=True)
    try:
        starts = [items.lc.item(i)[0] for i in range(len(items))]
    except (AttributeError, KeyError, TypeError):
        return none, 0
    first = _dash_line(lines, starts[0], None)
    if first is None:
        return none, 0
    indent = len(_DASH.match(lines[first]).group(1))
    dash_lines = [_dash_line(lines, start, indent) for start in starts]
    if None in dash_lines or dash_lines != sorted(dash_lines):
        return none, 0
    end = _end_of_items(lines, doc, dash_lines[-1], indent)
    bounds = dash_lines + [end]
    texts = ["".join(lines[bounds[i] : bounds[i + 1]]) for i in range(len(items))]
    return [t if t.endswith("\n") else t + "\n" for t in texts], indent


def _dash_line(lines: list[str], start: int, indent: int | None) -> int | None:
    for number in range(min(start, len(lines) - 1), -1, -1):
        match = _DASH.match(lines[number])
        if match and (indent is None or len(match.group(1)) == indent):
            return number
    return None


def _end_of_items(lines: list[str], doc: Any, last_dash: int, indent: int) -> int:
    """First line after the items block: the next top-level key, minus trailing comments."""
    end = len(lines)
    for key in doc:
        line = doc.lc.key(key)[0]
        if last_dash < line < end:
            end = line
    while end > last_dash + 1:
        stripped = lines[end - 1].strip()
        column = len(lines[end - 1]) - len(lines[end - 1].lstrip())
        if stripped and not (stripped.startswith("#") and column <= indent):
            break
        end -= 1
    return end


def dump_items(items: list[Any]) -> str:
    """Serialise items as a YAML block sequence at column 0."""
    if not items:
        return ""
    out = io.StringIO()
    _yaml().dump(list(items), out)
    return out.getvalue()


def dump_value(value: Any) -> str:
    out = io.StringIO()
    _yaml().dump(value, out)
    return out.getvalue()


def indent_block(text: str, indent: int) -> str:
    if not indent:
        return text
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def canonical_json(value: Any) -> str:
    """Stable text of a value's data (not its formatting), for digests and change checks."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def ordered_json(value: Any) -> str:
    """Like canonical_json, but key order counts: a reordered item is a changed item."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
