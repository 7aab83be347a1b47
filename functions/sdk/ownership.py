"""Ownership, provenance and pruning of the items a function generates.

Every generated item carries four annotations:

- `generated-by`: the function (and its version) that owns it;
- `source`: the resource it was generated from (`apiVersion/kind/[namespace/]name`);
- `source-digest`: a digest of that source's spec, to check it against what produced it;
- `digest`: a digest of the item as generated, so a hand edit can be told apart.

On every render the function's desired items are reconciled with what is in
the package: new ones are added, changed ones replaced in place, ones whose
source is gone are pruned, and ones a user edited by hand are kept and
reported rather than overwritten.  An item always lives in the file its
function writes it to: one found elsewhere (a package rendered with another
layout, a file moved by hand) is moved there, hand edits and all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Collection, Iterable, Mapping

from . import resource
from .results import Results
from .yaml_io import canonical_json

DOMAIN = "krm.oran-intent.io"
GENERATED_BY = f"{DOMAIN}/generated-by"
SOURCE = f"{DOMAIN}/source"
SOURCE_DIGEST = f"{DOMAIN}/source-digest"
DIGEST = f"{DOMAIN}/digest"
# kpt's ids of an item across a function run: kpt copies the comments and field order of the input item onto the
# output item with the same id, and fails where a field changed kind (a number that became an object).
ORCHESTRATOR_IDS = ("config.k8s.io/id", "internal.config.kubernetes.io/id", "internal.config.kubernetes.io/annotations-migration-resource-id")
PROVENANCE = (GENERATED_BY, SOURCE, SOURCE_DIGEST, DIGEST)
# Where an item is written: set by the function that generates it, never carried over.
_PLACEMENT = (resource.PATH, resource.LEGACY_PATH, resource.INDEX, resource.LEGACY_INDEX)


@dataclass
class Generated:
    """An item a function wants in the package, and the resource it comes from."""

    obj: dict[str, Any]
    source: Mapping[str, Any]
    path: str | None = None  # package-relative file; a deterministic default otherwise


def digest(value: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(value).encode()).hexdigest()


def spec_digest(obj: Mapping[str, Any]) -> str:
    """Digest of what a resource asks for: its spec, or its body without metadata/status."""
    if "spec" in obj:
        return digest(obj["spec"])
    return digest({k: v for k, v in obj.items() if k not in ("metadata", "status")})


def content_digest(obj: Mapping[str, Any]) -> str:
    """Digest of a generated item's content, ignoring status, orchestrator and digest annotations."""
    body = {k: v for k, v in obj.items() if k != "status"}
    meta = dict(resource.metadata(obj))
    notes = {
        k: v
        for k, v in resource.annotations(obj).items()
        if k != DIGEST and k not in resource.ORCHESTRATOR_ANNOTATIONS and not k.startswith(resource.INTERNAL_PREFIXES)
    }
    if notes:
        meta["annotations"] = notes
    else:
        meta.pop("annotations", None)
    body["metadata"] = meta
    return digest(body)


def owner(obj: Mapping[str, Any]) -> str:
    """The function name that owns an item, or ''."""
    value = str(resource.annotations(obj).get(GENERATED_BY) or "")
    return value.split("@", 1)[0]


def default_path(obj: Mapping[str, Any], directory: str = "") -> str:
    """`<dir>/[<namespace>/]<kind>_<name>.yaml`, lower case, like kpt's own default."""
    parts = [directory.strip("/")] if directory.strip("/") else []
    if resource.namespace(obj):
        parts.append(resource.namespace(obj).lower())
    parts.append(f"{str(obj.get('kind', '')).lower()}_{resource.name(obj).lower()}.yaml")
    return "/".join(parts)


def stamp(item: Generated, function: str, version: str) -> dict[str, Any]:
    """The generated object with its provenance and path annotations set."""
    obj = dict(item.obj)
    meta = dict(obj.get("metadata") or {})
    notes = {k: v for k, v in (meta.get("annotations") or {}).items() if k not in PROVENANCE}
    notes[GENERATED_BY] = f"{function}@{version}"
    notes[SOURCE] = resource.ref_string(item.source)
    notes[SOURCE_DIGEST] = spec_digest(item.source)
    meta["annotations"] = notes
    obj["metadata"] = meta
    notes[DIGEST] = content_digest(obj)
    path = item.path or default_path(obj)
    notes[resource.PATH] = path
    notes[resource.LEGACY_PATH] = path
    notes[resource.INDEX] = "0"
    notes[resource.LEGACY_INDEX] = "0"
    return obj


def reconcile(
    items: list[Any],
    desired: Iterable[Generated],
    function: str,
    version: str,
    results: Results,
    retired: Collection[tuple[str, str, str, str]] = (),
) -> tuple[list[Any], set[int]]:
    """Merge desired items into the package's items.

    Returns the new item list and the ids of the items that changed (and so must
    be serialised again); all other items keep their original text.

    Pruning is held back where it could lose what is wanted: in a run that reported an error
    (the items stay until the error is fixed), and for a source still in the package that
    would lose every item generated from it, unless the transform retired the source
    (`Context.retire`): that is an error of its own.
    """
    desired = list(desired)
    stamped = sorted((stamp(d, function, version) for d in desired), key=resource.identity)
    wanted = {}
    for obj in stamped:
        key = resource.identity(obj)
        if key in wanted:
            results.error(f"{function} generated {resource.ref_string(obj)} twice; names must be unique", obj)
            continue
        wanted[key] = obj

    decided: list[Any] = []  # items kept or replaced, and (for now) None where one may be pruned
    unwanted: list[Any] = []
    changed: set[int] = set()
    placed: set[tuple[str, str, str, str]] = set()
    for item in items:
        key = resource.identity(item)
        if owner(item) != function:
            if key in wanted:
                results.error(
                    f"{resource.ref_string(item)} already exists and is not owned by {function}; "
                    "rename or remove it so the generated resource can be written",
                    item,
                )
                placed.add(key)
            decided.append(item)
            continue
        if key not in wanted:
            unwanted.append(item)
            decided.append(None)
            continue
        placed.add(key)
        new = wanted[key]
        recorded = resource.annotations(item).get(DIGEST)
        moved = resource.file_path(item) != resource.file_path(new)
        if moved:
            _report_move(item, new, results)
        if recorded != content_digest(item):
            results.warning(
                f"{resource.ref_string(item)} was edited by hand since {function} generated it; "
                "kept as edited and not regenerated. Delete it to have it generated again",
                item,
                path="metadata.annotations",
                current=recorded,
                expected=content_digest(item),
                tags={"reason": "HandEdited"},
            )
            if moved:  # the edits travel with it: where a file lives decides where it is deployed
                _relocate(item, resource.file_path(new))
                changed.add(id(item))
            decided.append(item)
        elif recorded == resource.annotations(new).get(DIGEST) and not moved:
            decided.append(item)
        else:
            replacement = _carry_over(item, new)
            changed.add(id(replacement))
            decided.append(replacement)
    kept = _held_back(items, unwanted, [resource.identity(d.source) for d in desired], set(retired), function, results)
    out: list[Any] = []
    pending = iter(unwanted)
    for item in decided:
        if item is None:
            item = next(pending)
            if id(item) not in kept:
                _report_prune(item, results)
                continue
        out.append(item)
    for key, obj in wanted.items():
        if key not in placed:
            changed.add(id(obj))
            out.append(obj)
    return out, changed


def _held_back(items, unwanted, sources_wanted, retired, function: str, results: Results) -> set[int]:
    """The ids of the unwanted items that must not be pruned in this run."""
    if not unwanted:
        return set()
    present = {resource.identity(item) for item in items}
    still_wanted = set(sources_wanted)
    # A source with an error of its own already says why it generates nothing.
    in_error = {_ref_identity(r.resource_ref) for r in results if r.severity == "error" and r.resource_ref}
    orphans: dict[tuple[str, str, str, str], list[Any]] = {}
    for item in unwanted:
        source = resource.identity_of_ref(str(resource.annotations(item).get(SOURCE) or ""))
        if source in present and source not in still_wanted and source not in retired and source not in in_error:
            orphans.setdefault(source, []).append(item)
    for source, lost in sorted(orphans.items()):
        named = next(item for item in items if resource.identity(item) == source)
        listed = ", ".join(sorted(f"{item.get('kind')}/{resource.name(item)}" for item in lost))
        results.error(
            f"{resource.ref_string(named)} is still in the package, but {function} now generates nothing from it, "
            f"which would prune all {len(lost)} resource(s) it generated ({listed}); they are kept. "
            "See the other results for why; to remove what it generated, delete it (or deactivate it)",
            named,
            tags={"reason": "WouldPruneAll"},
        )
    if any(r.severity == "error" for r in results):
        return {id(item) for item in unwanted}
    return set()


def _ref_identity(ref: Mapping[str, str]) -> tuple[str, str, str, str]:
    return (resource.group_of(ref.get("apiVersion", "")), ref.get("kind", ""), ref.get("namespace", ""), ref.get("name", ""))


def _carry_over(old: Mapping[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Keep what later stages wrote (status) and the orchestrator's other annotations.

    Not kpt's ids (the item is a new object) nor its file: the file is the function's
    to choose (it decides which cluster a GitOps tool applies the item to), so a
    generated item always goes where it is generated.
    """
    notes = dict(new["metadata"]["annotations"])
    for key, value in resource.annotations(old).items():
        if key in ORCHESTRATOR_IDS:
            continue  # a new object: kpt must not copy the old one's comments and field order onto its new shape
        if key in _PLACEMENT:
            continue
        if key in resource.ORCHESTRATOR_ANNOTATIONS or key.startswith(resource.INTERNAL_PREFIXES):
            notes[key] = value
    new["metadata"]["annotations"] = notes
    if "status" in old:
        new["status"] = old["status"]
    return new


def _relocate(item: Any, path: str) -> None:
    notes = item["metadata"]["annotations"]
    for key in (resource.PATH, resource.LEGACY_PATH):
        notes[key] = path
    for key in (resource.INDEX, resource.LEGACY_INDEX):
        notes[key] = "0"


def _report_move(old: Mapping[str, Any], new: Mapping[str, Any], results: Results) -> None:
    results.info(
        f"moved {resource.ref_string(old)} from {resource.file_path(old) or 'no file'} to {resource.file_path(new)}",
        old,
        tags={"reason": "Moved"},
    )


def _report_prune(item: Mapping[str, Any], results: Results) -> None:
    source = resource.annotations(item).get(SOURCE, "its source")
    if resource.annotations(item).get(DIGEST) != content_digest(item):
        results.warning(
            f"pruned {resource.ref_string(item)}, which had been edited by hand: {source} no longer produces it",
            item,
            tags={"reason": "Pruned"},
        )
    else:
        results.info(f"pruned {resource.ref_string(item)}: {source} no longer produces it", item, tags={"reason": "Pruned"})
