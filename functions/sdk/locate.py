"""Where a result belongs: the file, field and line a person wrote.

Two steps, run on a function's results once its transform is done, and only for errors and
warnings (an info result points where it likes):

- `trace`: a result about the spec of an item an earlier stage generated (a TS 28.312 Intent made
  from a TMF921 one, a ProvisioningRequest made from that) is moved to the resource the user
  wrote, found through the chain of `krm.oran-intent.io/source` annotations, at the field of its
  spec holding the value the result is about (`tags.generatedFrom` keeps the generated item).
  Where no field of the user's spec holds it, the result stays where it is.  A generated item
  edited by hand is the user's own: results about it stay on it.
- `add_lines`: each result with a file and a field path gets the line of that field in the
  message, `(at intent.yaml:12)`.  kpt passes no positions, so the line is read off the item's
  text as kpt passed it, less the annotations kpt adds (`config.kubernetes.io/path` and the
  like), and after the documents before it in the same file.  That is the line in the file as
  kpt writes it; blank lines kpt drops (between entries, after a file's opening comment) would
  shift it, and then the field path is the exact pointer.

Positions come from parsing the item's text again, which is cheap for the few items a result
is about and costs nothing for a run without errors.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import ownership, resource
from .results import ERROR, WARNING, Result

MAX_LOCATED = 200  # results given a line; past that the field path alone points
_CHAIN = 8  # the longest chain of generated items followed back to a source


class Inputs:
    """The run's input items, findable by file and by identity, with their texts parsed on demand."""

    def __init__(self, items: list[Any], texts: Mapping[int, str | None], indent: int):
        self.texts, self.indent = texts, indent
        self.by_file: dict[tuple[str, int], Any] = {}
        self.by_identity: dict[tuple[str, str, str, str], Any] = {}
        for item in items:
            if resource.file_path(item):
                self.by_file.setdefault((resource.file_path(item), resource.file_index(item)), item)
            self.by_identity.setdefault(resource.identity(item), item)
        self._documents: dict[int, Any] = {}

    def document(self, item: Any) -> Any:
        """The item re-read from its text with positions (ruamel round trip), or None."""
        key = id(item)
        if key not in self._documents:
            self._documents[key] = _parse(self.texts.get(key), self.indent)
        return self._documents[key]

    def data(self, item: Any) -> Any:
        from .yaml_io import Opaque

        return self.document(item) if isinstance(item, Opaque) else item

    def source_of(self, item: Any) -> Any:
        ref = resource.annotations(item).get(ownership.SOURCE)
        key = resource.identity_of_ref(str(ref)) if ref else None
        return self.by_identity.get(key) if key else None


def trace(results: list[Result], inputs: Inputs, function: str) -> None:
    for result in results:
        # Only what a generated item's spec holds comes from the user's spec; its status is the pipeline's own.
        if result.severity not in (ERROR, WARNING) or not result.file_path or not str(result.field_path or "").startswith("spec"):
            continue
        item = inputs.by_file.get((result.file_path, result.file_index))
        if item is None or ownership.owner(item) in ("", function) or _edited(inputs.data(item)):
            continue
        root = _user_source(item, inputs)
        path = _find(inputs.data(root), result.current_value) if root is not None else None
        if path is None:
            continue
        result.tags = {**result.tags, "generatedFrom": resource.ref_string(item)}
        result.resource_ref = resource.ref(root)
        result.file_path, result.file_index = resource.file_path(root) or None, resource.file_index(root)
        result.field_path = path


def add_lines(results: list[Result], inputs: Inputs) -> None:
    located = 0
    for result in results:
        if located >= MAX_LOCATED:
            return
        if result.severity not in (ERROR, WARNING) or not result.file_path or not result.field_path:
            continue
        line = line_in_file(inputs, result.file_path, result.file_index, result.field_path)
        if line is not None:
            result.message += f" (at {result.file_path}:{line})"
            located += 1


def line_in_file(inputs: Inputs, path: str, index: int, field_path: str) -> int | None:
    """The 1-based line of a field in a file as kpt writes it, or None where it cannot be told."""
    item = inputs.by_file.get((path, index))
    doc = inputs.document(item) if item is not None else None
    if doc is None:
        return None
    line = _line_of(doc, field_path)
    if line is None:
        return None
    offset = 0
    for before in range(index):
        earlier = inputs.by_file.get((path, before))
        earlier_doc = inputs.document(earlier) if earlier is not None else None
        if earlier_doc is None:
            return None
        offset += _length(inputs.texts.get(id(earlier)) or "") - len(_injected_lines(earlier_doc)) + 1  # the `---`
    return offset + line - sum(1 for n in _injected_lines(doc) if n < line) + 1


def _parse(text: str | None, indent: int) -> Any:
    if not text:
        return None
    from . import slicing
    from .yaml_io import _yaml

    try:
        document = slicing.as_document(text, indent)
        doc = _yaml().load(document)
    except Exception:  # a text that does not read alone (an alias into another item): no positions
        return None
    return doc if isinstance(doc, dict) and hasattr(doc, "lc") else None


def _length(text: str) -> int:
    return len(text.rstrip("\n").split("\n")) if text.strip() else 0


def _line_of(doc: Any, field_path: str) -> int | None:
    """0-based line of the deepest part of the path the document has."""
    try:
        parts = resource.split_path(field_path)
    except ValueError:  # a key holding `[`: the path cannot be walked
        return None
    node, line = doc, None
    for part in parts:
        try:
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    break
                line = node.lc.item(part)[0]
            else:
                if not isinstance(node, dict) or part not in node:
                    break
                line = node.lc.key(part)[0]
            node = node[part]
        except (AttributeError, KeyError, TypeError):
            break
    return line


def _injected_lines(doc: Any) -> list[int]:
    """Lines of the annotations kpt adds to each item (and of `annotations:` if all are kpt's)."""
    try:
        metadata = doc["metadata"]
        notes = metadata["annotations"]
        lines = [notes.lc.key(k)[0] for k in notes if _injected(str(k))]
        if lines and len(lines) == len(notes):
            lines.append(metadata.lc.key("annotations")[0])
        return lines
    except (AttributeError, KeyError, TypeError):
        return []


def _injected(key: str) -> bool:
    return key in resource.ORCHESTRATOR_ANNOTATIONS or key.startswith(resource.INTERNAL_PREFIXES)


def _edited(item: Any) -> bool:
    return not isinstance(item, Mapping) or resource.annotations(item).get(ownership.DIGEST) != ownership.content_digest(item)


def _user_source(item: Any, inputs: Inputs) -> Any:
    current = item
    for _ in range(_CHAIN):
        current = inputs.source_of(current)
        if current is None:
            return None
        if not ownership.owner(current):
            return current
    return None


def _find(data: Any, value: Any) -> str | None:
    """The path of the first field of the spec holding the string value."""
    if not isinstance(value, str) or not value.strip() or not isinstance(data, Mapping):
        return None
    return _search(data.get("spec"), value.strip(), "spec")


def _search(node: Any, wanted: str, path: str) -> str | None:
    if isinstance(node, str):
        return path if node.strip() == wanted else None
    if isinstance(node, Mapping):
        for key, sub in node.items():
            found = _search(sub, wanted, f"{path}.{key}")
            if found is not None:
                return found
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            found = _search(sub, wanted, f"{path}[{index}]")
            if found is not None:
                return found
    return None
