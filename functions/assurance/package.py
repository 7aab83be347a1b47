"""A kpt package read from disk the way a render sees it, for the commands that run outside one.

`slo-gate-validator explain` and `measurement-collector` read the package's
files directly; each resource gets the path and index annotations kpt would
give it, so file paths read the same as in a render.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def read_package(root: Path) -> list[Any]:
    """Every resource of the package's YAML files (and Kptfiles), skipping hidden folders."""
    from ruamel.yaml import YAML

    loader = YAML(typ="rt")
    items: list[Any] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix not in (".yaml", ".yml") and path.name != "Kptfile":
            continue
        try:
            documents = list(loader.load_all(path.read_text()))
        except Exception as exc:  # ruamel raises many unrelated exception types
            raise ValueError(f"{relative} is not valid YAML: {' '.join(str(exc).split())[:200]}") from None
        for index, doc in enumerate(d for d in documents if d is not None):
            if isinstance(doc, dict) and doc.get("apiVersion") and doc.get("kind"):
                notes = doc.setdefault("metadata", {}).setdefault("annotations", {})
                notes.setdefault("internal.config.kubernetes.io/path", relative.as_posix())
                notes.setdefault("internal.config.kubernetes.io/index", str(index))
                items.append(doc)
    return items
