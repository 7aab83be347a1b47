"""Cutting a ResourceList's text into its items without parsing them.

Parsing YAML with comments kept costs far more than anything a function does
with the result, and most functions read only a few kinds.  So the text is cut
into one block per item along the item dashes, each item's identity (apiVersion,
kind, metadata) is read from its first lines, and only the items a function
reads are parsed.  Anything unusual (flow style, JSON, aliases, multi-line or
tagged metadata) makes `split` or `header` give up, and the caller parses the
whole document instead: the fast path never guesses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_TOP_KEY = re.compile(r"^([A-Za-z_][\w.-]*):(\s|$)")
_KEY_VALUE = re.compile(r"^(?P<key>[^\s#'\"{}\[\],&*!|>%@`][^#:]*?|'[^']*'|\"(?:[^\"\\]|\\.)*\"):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_COMMENT = re.compile(r"[ \t]+#.*$")
_PLAIN_SAFE = re.compile(r"^[^\s'\"{}\[\],&*!|>%@`#][^#]*$")
# YAML 1.2 core schema, as ruamel resolves plain scalars.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")


@dataclass
class Split:
    head: str  # the document without its items block, for the envelope and functionConfig
    items: list[str]  # the text of each item, from its dash to the next
    indent: int  # the column of the item dashes


def split(text: str) -> Split | None:
    """The items block cut at its dashes, or None where the text is not plain block YAML."""
    if "\t" in text[:200] or text.lstrip().startswith(("{", "[", "%", "---")):
        return None
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if line.startswith("items:")), None)
    if start is None or lines[start][len("items:") :].strip() not in ("",):
        return None
    end = next((n for n in range(start + 1, len(lines)) if _TOP_KEY.match(lines[n])), len(lines))
    body = lines[start + 1 : end]
    first = next((line for line in body if line.strip() and not line.lstrip().startswith("#")), None)
    if first is None or not first.lstrip().startswith("-"):
        return None
    indent = len(first) - len(first.lstrip())
    dash = re.compile(rf"^ {{{indent}}}-(\s|$)")
    starts = [n for n, line in enumerate(body) if dash.match(line)]
    if not starts or any(line.strip() and not line.lstrip().startswith("#") for line in body[: starts[0]]):
        return None
    # Comment lines after the last item, at the dashes' column or left of it, belong to no item.
    last = len(body)
    while last > starts[-1] + 1 and (not body[last - 1].strip() or _is_outer_comment(body[last - 1], indent)):
        last -= 1
    bounds = starts + [last]
    items = ["".join(body[bounds[i] : bounds[i + 1]]) for i in range(len(starts))]
    items = [item if item.endswith("\n") else item + "\n" for item in items]
    head = "".join(lines[: start + 1]) + "".join(lines[end:])
    return Split(head=head, items=items, indent=indent)


def _is_outer_comment(line: str, indent: int) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("#") and len(line) - len(stripped) <= indent


def as_document(item: str, indent: int) -> str:
    """An item's text as a YAML document of its own: the dash becomes indentation, then all is dedented."""
    width = indent + 2
    lines = item.splitlines(keepends=True)
    lines[0] = " " * indent + " " + lines[0][indent + 1 :]
    return "".join(line[min(width, len(line) - len(line.lstrip(" "))) :] for line in lines)


def header(document: str) -> dict[str, Any] | None:
    """apiVersion, kind and metadata (name, namespace, labels, annotations) of one item, read
    from its text; None unless they are all plain one-line block entries."""
    try:
        return _header(document)
    except _Unsupported:
        return None


def _header(document: str) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    metadata: dict[str, Any] | None = None
    section: dict[str, Any] | None = None
    for raw in document.splitlines():
        line = raw.rstrip()
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        entry = _KEY_VALUE.match(stripped)
        if depth == 0:
            section = None
            metadata = None
            if entry is None:
                return None
            key, value = _key(entry["key"]), entry["value"]
            if key in ("apiVersion", "kind"):
                if key in out:
                    return None
                out[key] = _scalar(value)
                if not isinstance(out[key], str):
                    return None
            elif key == "metadata":
                if value is not None or "metadata" in out:
                    return None
                metadata = out["metadata"] = {}
            continue
        if metadata is None:
            continue  # inside spec, data, status...: not read here
        if entry is None:
            return None
        key, value = _key(entry["key"]), entry["value"]
        if depth == 2:
            section = None
            if key in ("labels", "annotations"):
                if value is not None:
                    return None
                section = metadata[key] = {}
            elif key in ("name", "namespace"):
                metadata[key] = _scalar(value)
                if not isinstance(metadata[key], str):
                    return None
            elif value is None:
                return None  # another nested map in metadata: leave it to the parser
        elif depth == 4 and section is not None:
            if value is None or (scalar := _scalar(value)) is _UNSUPPORTED:
                return None
            section[key] = scalar
        else:
            return None
    if not isinstance(out.get("apiVersion"), str) or not isinstance(out.get("kind"), str):
        return None
    out.setdefault("metadata", {})
    return out


class _Unsupported(ValueError):
    pass


def _key(text: str) -> str:
    if text[0] in "'\"":
        value = _scalar(text)
        if not isinstance(value, str):
            raise _Unsupported(text)
        return value
    return text.strip()


def _scalar(text: str | None) -> Any:
    """A one-line scalar as a YAML 1.2 reader takes it; _Unsupported sentinel for anything else."""
    if text is None:
        return None
    if text.startswith("'"):
        end = _single_quoted_end(text)
        if end is None or text[end + 1 :].strip() and not _COMMENT.match(text[end + 1 :]):
            return _UNSUPPORTED
        return text[1:end].replace("''", "'")
    if text.startswith('"'):
        match = re.match(r'"(?:[^"\\]|\\.)*"', text)
        if match is None or text[match.end() :].strip() and not _COMMENT.match(text[match.end() :]):
            return _UNSUPPORTED
        try:
            return json.loads(match.group(0))
        except ValueError:
            return _UNSUPPORTED  # a YAML-only escape: the parser knows it
    value = _COMMENT.sub("", text).strip()
    if not _PLAIN_SAFE.match(value) or ": " in value:
        return _UNSUPPORTED
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value) or _FLOAT.match(value):
        return _UNSUPPORTED  # numbers in identities are rare: let the parser say what they are
    return value


def _single_quoted_end(text: str) -> int | None:
    position = 1
    while True:
        found = text.find("'", position)
        if found < 0:
            return None
        if text[found + 1 : found + 2] == "'":
            position = found + 2
            continue
        return found


_UNSUPPORTED = object()
