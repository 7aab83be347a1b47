"""Small builders shared by the SDK tests."""

from __future__ import annotations

from pathlib import Path

from oran_intent_krm.sdk import Function, yaml_io

CORPUS = Path(__file__).parent / "corpus"


def corpus_items() -> list[str]:
    """Each corpus document as the text of one item (a ResourceList entry)."""
    docs = (CORPUS / "fidelity.yaml").read_text().split("\n---\n")
    return [_as_item(doc) for doc in docs]


def _as_item(doc: str) -> str:
    lines = doc.strip("\n").splitlines()
    return "".join(("- " if i == 0 else "  ") + line + "\n" if line else "\n" for i, line in enumerate(lines))


def resource_list(items: list) -> str:
    body = "".join(item if isinstance(item, str) else yaml_io.dump_items([item]) for item in items)
    return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + body


def items_block(text: str) -> str:
    start = text.index("items:\n") + len("items:\n")
    end = text.find("\nresults:", start)
    return text[start:] if end < 0 else text[start : end + 1]


def item_texts(text: str) -> list[str]:
    return [t for t in yaml_io.parse_resource_list(text).item_texts if t is not None]


def function(transform, **kwargs) -> Function:
    return Function(name="test-fn", version="0.0.1", summary="a test function", transform=transform, **kwargs)


def identity() -> Function:
    return function(lambda ctx: None)
