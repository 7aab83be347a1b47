"""Checks of a function's input before its transform runs: closed inputs, no near-miss kinds.

- Every item of a kind the function validates is checked against the shape its kind's closed
  schema gives: an unknown field, a missing required field, an object or a list out of place is
  an error at the field, with the known field a misspelt one was meant to be.
- Every item whose API group or kind is one or two edits away from a kind of the pipeline
  (`Intnet`, `tmf921.intent.tmforum.rog`), or that is a kind of the pipeline in a version it
  does not read, is an error: read as a foreign resource, it would be passed by, and what was
  generated from the resource it was meant to be would be pruned.

An item that fails is hidden from the transform (which still runs on the rest, so one run
reports every problem), and a run with an error prunes nothing: nothing generated from it is lost.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from . import resource, schema, spelling
from .results import Results
from .yaml_io import plain_data

# group -> kind -> the versions read (None: any).
Kinds = Mapping[str, Mapping[str, "tuple[str, ...] | None"]]
SchemaLoaders = Mapping[str, Callable[[], Mapping[str, Any]]]


def check(items: list[Any], schemas: SchemaLoaders, known: Kinds, results: Results) -> list[Any]:
    """Report every input problem; the items that fail their kind's schema."""
    rejected = []
    for item in items:
        if near_miss(item, known, results):
            rejected.append(item)
            continue
        key = f"{resource.group_of(str(item.get('apiVersion') or ''))}/{item.get('kind')}"
        loader = schemas.get(key)
        if loader is not None and isinstance(item, dict) and not _opaque(item) and not validate_item(item, loader(), results):
            rejected.append(item)
    return rejected


def _opaque(item: Any) -> bool:
    from .yaml_io import Opaque

    return isinstance(item, Opaque)


def validate_item(item: Mapping[str, Any], closed: Mapping[str, Any], results: Results) -> bool:
    """Report each way the item's shape breaks its schema; True if it has none.

    Only the shape is judged here: unknown and missing fields, and objects or lists out of place.
    Values (a VLAN out of range, a duration, a verb) are the function's to judge, with messages
    that know what the value means; the schema's own bounds hold for the CRDs and the models."""
    problems = [p for p in schema.validate(plain_data(item), closed) if schema.is_structural(p)]
    for problem in problems:
        results.error(
            f"{problem.path or 'the object'} {problem.message}",
            item,
            problem.path or None,
            current=_scalar(problem.current),
            expected=problem.expected,
            tags={"reason": "UnknownField" if problem.kind == schema.UNKNOWN else "InvalidField"},
        )
    return not problems


def near_miss(item: Mapping[str, Any], known: Kinds, results: Results) -> bool:
    """Report an item that is nearly, or in another version, a kind of the pipeline; True if it is."""
    api_version, kind = item.get("apiVersion"), item.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return False
    group, _, version = api_version.rpartition("/")
    kinds = known.get(group, {})
    if kind in kinds:
        versions = kinds[kind]
        if versions is not None and version not in versions:
            accepted = ", ".join(f"{group}/{v}" for v in versions)
            meant = spelling.closest(version, versions)
            hint = f": did you mean `{group}/{meant}`?" if meant else "."
            results.error(
                f"{kind} {api_version} is not a version the pipeline reads{hint} Accepted: {accepted}",
                item,
                "apiVersion",
                current=api_version,
                expected=accepted,
                tags={"reason": "UnknownVersion"},
            )
            return True
        return False
    meant = _meant(group, kind, known)
    if meant is None:
        return False
    meant_group, meant_kind = meant
    if meant_group == group:
        what, path, current, expected = f"kind {kind} is not a kind of {group}", "kind", kind, meant_kind
        listed = f"{group} has {', '.join(sorted(kinds))}"
    else:
        what, path, current, expected = f"API group {group} is not one the pipeline reads", "apiVersion", api_version, meant_group
        listed = f"the pipeline's groups are {', '.join(sorted(g for g in known if g))}"
        if meant_kind != kind:
            expected = f"{meant_group}/{version} {meant_kind}"
    results.error(
        f"{what}: did you mean `{expected}`? ({listed}.) Read as a foreign resource it would be passed by, "
        f"and whatever was generated from the {meant_kind} it was meant to be would be pruned",
        item,
        path,
        current=current,
        expected=expected,
        tags={"reason": "NearMissKind"},
    )
    return True


def _meant(group: str, kind: str, known: Kinds) -> tuple[str, str] | None:
    """The pipeline kind a (group, kind) is one or two edits from (each), the closest first."""
    best: tuple[int, str, str] | None = None
    for known_group, kinds in known.items():
        group_edits = spelling.distance(group, known_group, 2)
        if group_edits > 2:
            continue
        for known_kind in kinds:
            kind_edits = spelling.distance(kind, known_kind, 2)
            if kind_edits > 2 or (group_edits == 0 and kind_edits == 0):
                continue
            rank = (group_edits + kind_edits, known_group, known_kind)
            if best is None or rank < best:
                best = rank
    return (best[1], best[2]) if best else None


def _scalar(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else plain_data(value)
