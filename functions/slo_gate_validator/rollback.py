"""Putting the guarded workloads back as they were when their revision last passed.

The copies come from the gate's SLOGateRecord.  A workload present in both is
replaced where it stands (keeping its file); one that is no longer rendered
is written back to the file it came from; one that did not exist then is
removed.  The copies keep their own field order and scalar styles, so the
files kpt writes are the ones it wrote when the revision passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from oran_intent_krm.assurance.revision import config_digest
from oran_intent_krm.sdk import resource

from .record import detached


@dataclass
class Restore:
    replaced: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    digest: str | None = None


def restore(items: list[Any], guarded: list[Mapping[str, Any]], recorded: list[Mapping[str, Any]]) -> Restore:
    """Make the guarded workloads in `items` (changed in place) equal to the recorded ones."""
    outcome = Restore()
    wanted = {resource.identity(w["object"]): w for w in recorded}
    present = {resource.identity(w) for w in guarded}
    guarded_ids = {id(w) for w in guarded}
    for item in [i for i in items if id(i) in guarded_ids]:
        position = next(n for n, other in enumerate(items) if other is item)
        key = resource.identity(item)
        if key not in wanted:
            del items[position]
            outcome.removed.append(resource.ref_string(item))
            continue
        restored = _with_file_of(wanted[key]["object"], item)
        if not _same(restored, item):
            items[position] = restored
            outcome.replaced.append(resource.ref_string(item))
    for key, entry in sorted(wanted.items(), key=lambda pair: pair[0]):
        if key not in present:
            items.append(_with_recorded_file(entry))
            outcome.added.append(resource.ref_string(entry["object"]))
    outcome.digest = config_digest(w["object"] for w in recorded)
    return outcome


def _with_file_of(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> Any:
    obj = detached(recorded)
    notes = obj.setdefault("metadata", {}).setdefault("annotations", {})
    for key, value in resource.annotations(current).items():
        if key in resource.ORCHESTRATOR_ANNOTATIONS or key.startswith(resource.INTERNAL_PREFIXES):
            notes[key] = value
    return obj


def _with_recorded_file(entry: Mapping[str, Any]) -> Any:
    obj = detached(entry["object"])
    notes = obj.setdefault("metadata", {}).setdefault("annotations", {})
    path, index = str(entry.get("path") or ""), str(entry.get("index") or 0)
    if path:  # the file it was in when it passed
        notes[resource.PATH] = notes[resource.LEGACY_PATH] = path
        notes[resource.INDEX] = notes[resource.LEGACY_INDEX] = index
    return obj


def _same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    from oran_intent_krm.sdk.yaml_io import ordered_json

    return ordered_json(a) == ordered_json(b)
