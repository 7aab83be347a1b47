"""Small, typed-free helpers over KRM objects (plain mappings)."""

from __future__ import annotations

import fnmatch
from typing import Any, Iterable, Mapping

LOCAL_CONFIG = "config.kubernetes.io/local-config"
PATH = "internal.config.kubernetes.io/path"
INDEX = "internal.config.kubernetes.io/index"
LEGACY_PATH = "config.kubernetes.io/path"
LEGACY_INDEX = "config.kubernetes.io/index"
INTERNAL_PREFIXES = ("internal.config.kubernetes.io/", "config.k8s.io/", "internal.kpt.dev/")
# Annotations the orchestrator owns; they never count as content.
ORCHESTRATOR_ANNOTATIONS = (LEGACY_PATH, LEGACY_INDEX)


def metadata(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    value = obj.get("metadata")
    return value if isinstance(value, Mapping) else {}


def name(obj: Mapping[str, Any]) -> str:
    value = metadata(obj).get("name")
    return value if isinstance(value, str) else ""


def namespace(obj: Mapping[str, Any]) -> str:
    value = metadata(obj).get("namespace")
    return value if isinstance(value, str) else ""


def labels(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    value = metadata(obj).get("labels")
    return value if isinstance(value, Mapping) else {}


def annotations(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    value = metadata(obj).get("annotations")
    return value if isinstance(value, Mapping) else {}


def group_of(api_version: str) -> str:
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def is_local_config(obj: Mapping[str, Any]) -> bool:
    value = annotations(obj).get(LOCAL_CONFIG)
    return value is not None and str(value).lower() != "false"


def file_path(obj: Mapping[str, Any]) -> str:
    notes = annotations(obj)
    return str(notes.get(PATH) or notes.get(LEGACY_PATH) or "")


def file_index(obj: Mapping[str, Any]) -> int:
    notes = annotations(obj)
    try:
        return int(notes.get(INDEX) or notes.get(LEGACY_INDEX) or 0)
    except (TypeError, ValueError):
        return 0


def ref(obj: Mapping[str, Any]) -> dict[str, str]:
    """The resourceRef of an object, as results carry it."""
    out = {"apiVersion": str(obj.get("apiVersion") or ""), "kind": str(obj.get("kind") or ""), "name": name(obj)}
    if namespace(obj):
        out["namespace"] = namespace(obj)
    return out


def identity(obj: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """(group, kind, namespace, name): what makes two objects the same object."""
    return (group_of(str(obj.get("apiVersion") or "")), str(obj.get("kind") or ""), namespace(obj), name(obj))


def identity_of_ref(text: str) -> tuple[str, str, str, str] | None:
    """The identity named by a `ref_string`, or None if the text is not one.

    The kind is the first part after the apiVersion that starts with a capital letter
    (versions and groups are lower case), so `v1/ConfigMap/ns/x` and `g.io/v1/Kind/x` both read.
    """
    parts = text.split("/")
    kind_at = next((i for i, part in enumerate(parts) if i in (1, 2) and part[:1].isupper()), None)
    if kind_at is None or len(parts) - kind_at not in (2, 3):
        return None
    api_version, kind, rest = "/".join(parts[:kind_at]), parts[kind_at], parts[kind_at + 1 :]
    namespace, name = (rest[0], rest[1]) if len(rest) == 2 else ("", rest[0])
    return (group_of(api_version), kind, namespace, name)


def ref_string(obj: Mapping[str, Any]) -> str:
    """`apiVersion/kind/[namespace/]name`, the form kpt prints."""
    parts = [str(obj.get("apiVersion") or ""), str(obj.get("kind") or "")]
    if namespace(obj):
        parts.append(namespace(obj))
    parts.append(name(obj))
    return "/".join(parts)


def matches(
    obj: Mapping[str, Any],
    *,
    api_versions: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    name_pattern: str | None = None,
    label_selector: Mapping[str, str] | None = None,
) -> bool:
    if api_versions is not None and obj.get("apiVersion") not in tuple(api_versions):
        return False
    if kinds is not None and obj.get("kind") not in tuple(kinds):
        return False
    if name_pattern is not None and not fnmatch.fnmatchcase(name(obj), name_pattern):
        return False
    if label_selector:
        have = labels(obj)
        if any(str(have.get(k)) != str(v) for k, v in label_selector.items()):
            return False
    return True


def is_glob(pattern: str) -> bool:
    """Whether a name is a pattern in the shell syntax `matches` and fnmatch take (`*`, `?`, `[...]`)."""
    return any(c in pattern for c in "*?[")


def get_path(obj: Any, path: str, default: Any = None) -> Any:
    """Read a dotted path such as `spec.items[0].name`; missing parts give default."""
    current = obj
    for part in split_path(path):
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return default
        elif not isinstance(current, Mapping) or part not in current:
            return default
        current = current[part]
    return current


def split_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for chunk in path.replace("]", "").split("."):
        head, *indexes = chunk.split("[")
        if head:
            parts.append(head)
        parts.extend(int(i) for i in indexes)
    return parts
