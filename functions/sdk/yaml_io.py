"""Reading and writing ResourceLists with round-trip fidelity.

Items a function leaves unchanged are written back as the exact text they
arrived in: kpt re-reads that text, so comments, quoting, flow style, block
scalars and anchors survive untouched.  Only new or changed items are
serialised, with ruamel.yaml in round-trip mode.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

RESOURCE_LIST_VERSIONS = ("config.kubernetes.io/v1", "config.kubernetes.io/v1beta1")
_DASH = re.compile(r"^(\s*)-(\s|$)")


class InputError(Exception):
    """The input is not a ResourceList this SDK can read."""


class TooDeep(InputError):
    """The text read nests collections deeper than KRM_FN_MAX_DEPTH; line counts from the start of that text."""

    def __init__(self, limit: int, line: int, where: str = "stdin"):
        super().__init__(f"{where} nests collections more than {limit} levels deep ({MAX_DEPTH_ENV}), at its line {line}")
        self.limit, self.line = limit, line

    def within(self, where: str) -> TooDeep:
        return TooDeep(self.limit, self.line, where)


@lru_cache(maxsize=1)
def _yaml():
    # Imported here so `--help` and `--version` do not pay for it; one instance serves every load and dump.
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarfloat import ScalarFloat

    yaml = YAML(typ="rt", pure=False)
    yaml.Scanner = _depth_guarded(yaml.Scanner)
    yaml.Constructor = _data_only_constructor()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.allow_duplicate_keys = False
    yaml.representer.add_representer(str, _represent_str)
    yaml.representer.add_representer(ScalarFloat, _represent_read_float)
    return yaml


@lru_cache(maxsize=2)
def _data_yaml(pure: bool = False):
    """A loader of plain data (YAML 1.2), for items only read.

    C speed where ruamel.yaml.clib is installed; the C parser recurses without limit (a
    ResourceList 100,000 levels deep crashes it), so text that may nest deeper than
    KRM_FN_MAX_DEPTH is read by the pure parser, whose depth is guarded.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=pure)
    if pure:
        from ruamel.yaml.scanner import Scanner

        yaml.Scanner = _depth_guarded(Scanner)
    yaml.allow_duplicate_keys = False
    return yaml


def _depth_guarded(scanner: type) -> type:
    """The YAML scanner, stopping as soon as collections nest deeper than the limit.

    The parsers recurse once per level and ruamel's scanner does work per flow level for
    every token, so a document thousands of levels deep took seconds to refuse.  Counted
    as the scanner reads (block indentation levels plus flow levels), refusing costs no
    more than reading the text up to the level past the limit.  Indentless sequences
    add no indentation level, so this can count up to half the true depth: the exact
    check follows the load (_check_depth).
    """

    class DepthGuardedScanner(scanner):
        def reset_scanner(self) -> None:
            super().reset_scanner()
            self.max_depth = max_depth()

        def add_indent(self, column: int) -> bool:
            added = super().add_indent(column)
            if added and len(self.indents) > self.max_depth:
                self._refuse()
            return added

        def fetch_flow_collection_start(self, token_class, to_push) -> None:
            super().fetch_flow_collection_start(token_class, to_push)
            if len(self.indents) + len(self.flow_context) > self.max_depth:
                self._refuse()

        def _refuse(self) -> None:
            raise TooDeep(self.max_depth, self.reader.get_mark().line + 1)

    return DepthGuardedScanner


# Tags with which YAML loaders of some languages build objects (and run code): never honoured.
LANGUAGE_TAGS = ("tag:yaml.org,2002:python/", "tag:yaml.org,2002:js/", "!ruby/", "tag:yaml.org,2002:ruby/")


@lru_cache(maxsize=1)
def _data_only_constructor():
    from ruamel.yaml.constructor import RoundTripConstructor

    class DataOnlyConstructor(RoundTripConstructor):
        """Round-trip reading that refuses, rather than keeps, tags asking for language objects."""

    for prefix in LANGUAGE_TAGS:
        DataOnlyConstructor.add_multi_constructor(prefix, _refuse_language_tag)
    return DataOnlyConstructor


def _refuse_language_tag(constructor, suffix, node):
    raise InputError(
        f"stdin line {node.start_mark.line + 1} has the YAML tag {node.tag}, which asks to construct a "
        "language object: input is read as plain data only, remove the tag"
    )


# Plain scalars that a YAML 1.1 reader (PyYAML, go-yaml v2, sigs.k8s.io/yaml) or a YAML 1.2
# reader (ruamel.yaml, go-yaml v3 as kpt uses it) would not read back as the same string: the
# union of their implicit resolvers, widened where they differ (underscores anywhere in a number,
# Go's upper-case base prefixes, sexagesimal numbers, the merge key `<<` and the value key `=`).
# Widening only quotes a few more strings; a miss would change data.
AMBIGUOUS_PLAIN = re.compile(
    r"""^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE
    |on|On|ON|off|Off|OFF|<<|=
    |[-+]?0[bBoOxX][0-9a-fA-F_]*
    |[-+]?[0-9_]+(?::[0-9_]+)*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]*)?
    |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9_]*)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?)$""",
    re.VERBOSE,
)


# Characters that a YAML reader refuses, or reads as a line break, anywhere but in an
# escape sequence: a string holding one is written double-quoted, which escapes it.
# (Listed, not as the complement of what is allowed: that class takes five times longer to compile, at every start.)
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _represent_str(representer, value: str):
    style = '"' if AMBIGUOUS_PLAIN.match(value) or value == "" or _NEEDS_ESCAPE.search(value) else None
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


class Opaque(dict):
    """An item left unparsed: only its identity (apiVersion, kind, metadata) read from its text.

    The function never sees it; it is written back as the text it came in.
    """


# What `wants` answers for an item: parse it to edit in place (round trip, comments kept),
# parse it as data only (fast), or leave it unparsed.
EDIT, DATA, SKIP = "edit", "data", None


def parse_resource_list(text: str, wants: Callable[[dict], str | None] | None = None) -> ParsedList:
    """Read a ResourceList.  With `wants`, each item is parsed only as far as the function needs."""
    if not text.strip():
        raise InputError("stdin is empty: expected a ResourceList (config.kubernetes.io/v1)")
    if wants is not None:
        selective = _parse_selectively(text, wants)
        if selective is not None:
            return selective
    doc = _load(text, "stdin")
    items = _checked_items(doc)
    if "&" in text:
        _check_expansion(doc)
    _check_depth(doc, text)
    parsed = ParsedList(doc["apiVersion"], list(items), doc.get("functionConfig"))
    parsed.item_texts, parsed.indent = _slice_items(text, doc, items)
    return parsed


def _load(text: str, what: str) -> Any:
    try:
        return _yaml().load(text)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"stdin nests collections too deeply to be read ({MAX_DEPTH_ENV})") from None
    except Exception as exc:  # ruamel raises many unrelated exception types
        raise InputError(f"{what} is not valid YAML or JSON: {_first_line(exc)}") from None


def _checked_items(doc: Any) -> list[Any]:
    """The items of a ResourceList document, after checking it is one."""
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
    return items


def _parse_selectively(text: str, wants: Callable[[dict], str | None]) -> ParsedList | None:
    """Parse each item as far as wanted; None where the text does not allow it (the caller parses all)."""
    from . import slicing

    cut = slicing.split(text)
    if cut is None:
        return None
    try:
        envelope = _yaml().load(cut.head)
    except TooDeep as exc:
        raise exc.within("the ResourceList outside its items") from None
    except InputError:
        raise
    except Exception:
        return None
    if not isinstance(envelope, dict) or envelope.get("items") is not None:
        return None
    _checked_items(envelope)
    _check_depth(envelope, cut.head)
    items: list[Any] = []
    for index, chunk in enumerate(cut.items):
        document = slicing.as_document(chunk, cut.indent)
        identity = slicing.header(document)
        need = wants(identity) if identity is not None else EDIT
        if need is SKIP:
            items.append(Opaque(identity))
            continue
        try:
            item = (_yaml() if need == EDIT else _data_yaml(pure=not _shallow(document, max_depth() - 2))).load(document)
        except TooDeep as exc:
            raise exc.within(f"ResourceList.items[{index}]") from None
        except InputError:
            raise
        except Exception:
            return None  # e.g. an alias to another item's anchor: read the document as a whole
        if not isinstance(item, dict):
            return None
        if "&" in chunk:
            _check_expansion(item)
        _check_depth(item, chunk, base=2)
        items.append(item)
    parsed = ParsedList(envelope["apiVersion"], items, envelope.get("functionConfig"), list(cut.items), cut.indent)
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


MAX_DEPTH_ENV = "KRM_FN_MAX_DEPTH"
DEFAULT_MAX_DEPTH = 100


def max_depth() -> int:
    import os

    try:
        return int(os.environ.get(MAX_DEPTH_ENV, DEFAULT_MAX_DEPTH))
    except ValueError:
        return DEFAULT_MAX_DEPTH


def _check_depth(doc: Any, text: str, base: int = 0) -> None:
    """Refuse documents nested deeper than the limit, however they were read.

    The round-trip reader gives up at a few hundred levels, the C data reader never;
    and past a few hundred levels writing an item back or digesting it fails as well.
    A bound read off the text (leading spaces and dashes, plus every bracket) spares
    the walk for ordinary documents.  base is the depth of doc within the ResourceList.
    """
    import os

    limit = int(os.environ.get(MAX_DEPTH_ENV, DEFAULT_MAX_DEPTH))
    if _shallow(text, limit - base):
        return
    deepest: dict[int, int] = {}
    stack = [(doc, base + 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            raise InputError(f"stdin nests collections more than {limit} levels deep ({MAX_DEPTH_ENV})")
        if deepest.get(id(node), 0) >= depth:  # an alias already walked at this depth or deeper
            continue
        deepest[id(node)] = depth
        stack.extend((child, depth + 1) for child in children)


def _shallow(text: str, limit: int) -> bool:
    """Whether no YAML text could nest deeper than limit: every block level indents or dashes,
    every flow level brackets, so the deepest line's lead plus all brackets bounds the depth."""
    room = limit - text.count("[") - text.count("{")
    return room >= 0 and re.search(f"^[ ?-]{{{room + 1},}}", text, re.MULTILINE) is None


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
    """Serialise items as a YAML block sequence at column 0.

    Plain data (what functions generate) goes through the SDK's own fast writer;
    items read with the round-trip parser keep their comments through ruamel.
    """
    if not items:
        return ""
    from . import emit

    if all(emit.is_plain(item) for item in items):
        return emit.dump_items(list(items))
    out = []
    for item in items:
        text = io.StringIO()
        _yaml().dump([item], text)
        out.append(_head_comments_inside(text.getvalue()))
    return "".join(out)


def _head_comments_inside(entry: str) -> str:
    """`# c` above `- a: 1` becomes `- # c` / `  a: 1`, where kpt puts an item's head comments.

    An item read as a document of its own keeps its head comments as the document's;
    written out in front of the dash they would be a comment on the list, which kpt
    then adds to the file a second time beside the item's own.
    """
    lines = entry.splitlines(keepends=True)
    head = 0
    while head < len(lines) and (lines[head].startswith("#") or not lines[head].strip()):
        head += 1
    if head == 0 or head == len(lines) or not lines[head].startswith("- "):
        return entry
    comments = [line for line in lines[:head] if line.strip()]
    if not comments:
        return "".join(lines[head:])
    moved = ["- " + comments[0]] + ["  " + line for line in comments[1:]] + ["  " + lines[head][2:]]
    return "".join(moved + lines[head + 1 :])


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
    return _json(value, sort_keys=True)


def ordered_json(value: Any) -> str:
    """Like canonical_json, but key order counts: a reordered item is a changed item."""
    return _json(value, sort_keys=False)


def _json(value: Any, sort_keys: bool) -> str:
    try:
        return json.dumps(value, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False, default=str)
    except TypeError:  # a key JSON cannot hold (a tagged or a complex YAML key): compare it as text
        return json.dumps(_string_keys(value), sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False, default=str)


def _string_keys(value: Any) -> Any:
    """Every key as the text JSON would write for it (`null`, `1`, `true`), so keys of mixed types still sort."""
    if isinstance(value, dict):
        return {_key_text(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def plain_data(value: Any) -> Any:
    """A value as read from YAML, as plain JSON data: ruamel's mappings, sequences and scalar types
    as Python's own, and an unquoted timestamp as its RFC 3339 text (`Z` for UTC)."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return str(value)


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)
    return str(key)
