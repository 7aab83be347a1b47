"""Object names joined from parts: DNS-1123 labels, unique among the names generated together.

A plain join is ambiguous: `edge` + `eu-west-1` and `edge-eu` + `west-1` both read
`edge-eu-west-1`, and `a.b` and `a-b` both become `a-b`.  A name keeps its plain join
(readable, and what earlier renders wrote) unless another key of the same set joins to the
same label; then each of those takes a short digest of its own key as a suffix.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Collection, Hashable, Mapping, Sequence, TypeVar

MAX_LABEL = 63
DIGEST_LENGTH = 8
LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_INVALID = re.compile(r"[^a-z0-9-]+")

Key = TypeVar("Key", bound=Hashable)


def dns_label(*parts: str, max_length: int = MAX_LABEL) -> str:
    """`<part>-<part>...` in lower case, other characters as '-'; past max_length, cut and suffixed
    with a digest of the whole join."""
    raw = "-".join(parts)
    label = _INVALID.sub("-", raw.lower()).strip("-") or "x"
    if len(label) <= max_length:
        return label
    return _suffixed(label, raw, max_length)


def unique_labels(
    parts_by_key: Mapping[Key, Sequence[str]], max_length: int = MAX_LABEL, reserved: Collection[str] = ()
) -> dict[Key, str]:
    """A label for each key, from its parts: the plain join (dns_label) where no other key's join,
    nor a reserved name, is the same label; else the join suffixed with a digest of the key.
    The result depends on the set of keys only, never on their order."""
    plain = {key: dns_label(*parts, max_length=max_length) for key, parts in parts_by_key.items()}
    names = dict(plain)
    suffixed: set[Key] = set()
    while True:
        holders: dict[str, list[Key]] = {}
        for key, name in names.items():
            holders.setdefault(name, []).append(key)
        clashing = [
            key for name, keys in holders.items() if len(keys) > 1 or name in reserved for key in keys if key not in suffixed
        ]
        if not clashing:
            return names  # two suffixed names can only clash on a digest collision: the render reports it
        for key in clashing:
            names[key] = _suffixed(plain[key], json.dumps(_as_list(key), ensure_ascii=False), max_length)
            suffixed.add(key)


def _suffixed(label: str, source: str, max_length: int) -> str:
    digest = hashlib.sha256(source.encode()).hexdigest()[:DIGEST_LENGTH]
    head = label[: max_length - DIGEST_LENGTH - 1].rstrip("-")
    return f"{head}-{digest}" if head else digest


def _as_list(key: Hashable) -> object:
    return list(key) if isinstance(key, tuple) else key
