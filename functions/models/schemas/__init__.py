"""The closed schemas of the kinds the functions read, generated from `models/inputs.py`.

Plain JSON read at run time (no pydantic): `load("tmf921.intent.tmforum.org/Intent")`.
`make generate` writes the files; a test keeps them current.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Callable, Mapping

HERE = os.path.dirname(os.path.abspath(__file__))


def file_name(kind: str) -> str:
    """`tmf921.intent.tmforum.org/Intent` -> `tmf921.intent.tmforum.org_intent.json`."""
    group, _, name = kind.rpartition("/")
    return f"{group}_{name.lower()}.json"


@lru_cache(maxsize=None)
def load(kind: str) -> Mapping[str, Any]:
    with open(os.path.join(HERE, file_name(kind)), encoding="utf-8") as handle:
        return json.load(handle)


def loaders(*kinds: str) -> dict[str, Callable[[], Mapping[str, Any]]]:
    """`group/Kind` -> a loader of its schema, read only when an item of the kind is checked."""
    return {kind: (lambda kind=kind: load(kind)) for kind in kinds}
