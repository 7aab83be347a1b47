"""A YAML writer for plain data: the objects a function generates.

Generated objects are plain dicts, lists and scalars with no comments or styles
to keep, and there can be thousands of them; ruamel.yaml's emitter spends most
of a large render on them.  This writes the same block style kpt uses (two
spaces, compact sequences), quoting every string a YAML 1.1 or 1.2 reader could
take for something else, so the data reads back unchanged in either.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .yaml_io import AMBIGUOUS_PLAIN

# Characters a plain scalar may not start with, and sequences it may not contain.
_INDICATOR_START = set("-?:,[]{}#&*!|>'\"%@`~ ")
_UNSAFE_INSIDE = re.compile(r": |:$| #|[\t\r\n]|^\s|\s$")
# Characters YAML does not allow unescaped, even inside double quotes.
_NON_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def dump_items(items: list[Any]) -> str:
    """Items as a block sequence at column 0, each `- key: value` like kpt writes them."""
    out: list[str] = []
    for item in items:
        _sequence_entry(item, 0, out)
    return "".join(out)


def is_plain(value: Any) -> bool:
    """Whether a value is plain data this writer handles (no ruamel node types, no other objects)."""
    kind = type(value)
    if kind is dict:
        return all(type(k) is str and is_plain(v) for k, v in value.items())
    if kind is list:
        return all(is_plain(v) for v in value)
    return kind in (str, int, float, bool) or value is None


def _sequence_entry(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if type(value) is dict and value:
        first = True
        for key, item in value.items():
            _mapping_entry(key, item, indent + 2, out, prefix=pad + "- " if first else None)
            first = False
    elif type(value) is list and value:
        out.append(pad + "-\n")
        for item in value:
            _sequence_entry(item, indent + 2, out)
    else:
        out.append(pad + "- " + _scalar(value, indent + 2) + "\n")


def _mapping_entry(key: str, value: Any, indent: int, out: list[str], prefix: str | None = None) -> None:
    lead = prefix if prefix is not None else " " * indent
    name = _string(key, indent, key=True)
    if type(value) is dict and value:
        out.append(f"{lead}{name}:\n")
        for sub_key, sub_value in value.items():
            _mapping_entry(sub_key, sub_value, indent + 2, out)
    elif type(value) is list and value:
        out.append(f"{lead}{name}:\n")
        for item in value:
            _sequence_entry(item, indent, out)
    else:
        out.append(f"{lead}{name}: {_scalar(value, indent + 2)}\n")


def _scalar(value: Any, indent: int) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is float:
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        # A dot in the mantissa and a signed exponent: a float to YAML 1.1 readers too (1e-05 is not).
        mantissa, _, exponent = repr(value).partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent and exponent[0] not in "+-":
            exponent = "+" + exponent
        return f"{mantissa}e{exponent}" if exponent else mantissa
    if type(value) is dict:
        return "{}"
    if type(value) is list:
        return "[]"
    return _string(value, indent)


def _string(text: str, indent: int, key: bool = False) -> str:
    if _plain_ok(text):
        return text
    if not key and "\n" in text.rstrip("\n") and _literal_ok(text):
        chomp = "" if text.endswith("\n") else "-"
        pad = " " * indent
        body = "".join(pad + line + "\n" if line else "\n" for line in text.rstrip("\n").split("\n"))
        return f"|{chomp}\n{body}".rstrip("\n")
    quoted = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain_ok(text: str) -> bool:
    return (
        bool(text)
        and text[0] not in _INDICATOR_START
        and not AMBIGUOUS_PLAIN.match(text)
        and not _UNSAFE_INSIDE.search(text)
        and text.isprintable()
    )


def _literal_ok(text: str) -> bool:
    """A `|` block keeps the text exactly: one trailing newline or none, printable lines, no leading space."""
    if text.endswith("\n\n") or text.startswith((" ", "\n")):
        return False
    return all(line.isprintable() and not line.endswith(" ") for line in text.split("\n"))
