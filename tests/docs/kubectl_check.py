"""Checking the docs' kubectl commands without a cluster: every resource they name is served, every
JSONPath they read finds a value in the objects the packages render.

Served resources are those of the CRDs the project installs (deploy/crds) or relies on
(deploy/external-crds), and Kubernetes' own. A JSONPath is read on the rendered objects of that
resource (of that name, when the command names one), as kubectl would read it on the applied
object: `{.spec.templateParameters.networkConfig}` must lead to a value.
"""

from __future__ import annotations

import functools
import re
import shlex
from typing import Any

import yaml

from tests.kpt import ROOT

# Kubernetes' own resources the docs name: (plural, singular, short names).
BUILT_IN = {
    "pods": ("pod", "po"),
    "nodes": ("node", "no"),
    "deployments": ("deployment", "deploy"),
    "statefulsets": ("statefulset", "sts"),
    "services": ("service", "svc"),
    "configmaps": ("configmap", "cm"),
    "namespaces": ("namespace", "ns"),
    "events": ("event", "ev"),
    "endpoints": ("endpoint", "ep"),
    "customresourcedefinitions": ("customresourcedefinition", "crd", "crds"),
    "networkpolicies": ("networkpolicy", "netpol"),
    "serviceaccounts": ("serviceaccount", "sa"),
}
READS = ("get", "describe")


@functools.lru_cache(maxsize=1)
def served() -> dict[str, tuple[str, str]]:
    """Every name kubectl accepts for a resource -> (plural, group) ("" for Kubernetes' own)."""
    names: dict[str, tuple[str, str]] = {}
    for plural, others in BUILT_IN.items():
        for name in (plural, *others):
            names[name] = (plural, "")
    for path in sorted([*ROOT.glob("deploy/crds/*.yaml"), *ROOT.glob("deploy/external-crds/*.yaml")]):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            spec = crd["spec"]
            group, plural = spec["group"], spec["names"]["plural"]
            for name in (plural, spec["names"].get("singular", ""), *spec["names"].get("shortNames", []), spec["names"]["kind"].lower()):
                if name:
                    names.setdefault(name, (plural, group))
                names[f"{name}.{group}"] = (plural, group)
    return names


@functools.lru_cache(maxsize=1)
def schemas() -> dict[tuple[str, str], dict]:
    """(plural, group) -> the CRD's stored version's openAPIV3Schema."""
    found = {}
    for path in sorted([*ROOT.glob("deploy/crds/*.yaml"), *ROOT.glob("deploy/external-crds/*.yaml")]):
        for crd in yaml.safe_load_all(path.read_text()):
            if crd and crd.get("kind") == "CustomResourceDefinition":
                [version] = [v for v in crd["spec"]["versions"] if v.get("storage")]
                found[(crd["spec"]["names"]["plural"], crd["spec"]["group"])] = version["schema"]["openAPIV3Schema"]
    return found


def declared(schema: dict, expression: str) -> bool:
    """Whether a dotted JSONPath names a field the schema declares."""
    for field in expression.strip("{}").split(".")[1:]:
        schema = (schema.get("properties") or {}).get(field)
        if schema is None:
            return False
    return True


@functools.lru_cache(maxsize=1)
def rendered_objects() -> tuple[dict, ...]:
    found = []
    for path in sorted(ROOT.glob("packages/**/generated/**/*.yaml")):
        found += [d for d in yaml.safe_load_all(path.read_text()) if isinstance(d, dict) and "kind" in d]
    return tuple(found)


def plural_of(kind: str) -> str:
    for name, (plural, _) in served().items():
        if name == kind.lower():
            return plural
    return ""


def jsonpath(obj: Any, expression: str) -> Any:
    """The value of a `{.a.b.c}` JSONPath (dotted fields only), or None."""
    match = re.fullmatch(r"\{((?:\.[A-Za-z0-9_-]+)+)\}", expression)
    if not match:
        raise ValueError(f"only dotted JSONPaths are checked: {expression}")
    for field in match.group(1).split(".")[1:]:
        if not isinstance(obj, dict) or field not in obj:
            return None
        obj = obj[field]
    return obj


def problems(command: str) -> list[str]:
    """What is wrong with one kubectl command line (empty when nothing is)."""
    words = shlex.split(command, comments=True)
    if not words or words[0] != "kubectl":
        return []
    verb = words[1]
    rest = [w for w in words[2:] if not w.startswith("-")]
    if verb == "auth" and words[2] == "can-i":
        resource = [w for w in words[3:] if not w.startswith("-")][1]
        return [] if resource in served() else [f"{command}: no resource {resource!r}"]
    if verb not in READS or not rest:
        return []
    resource = rest[0]
    if resource not in served():
        return [f"{command}: no resource {resource!r}"]
    output = next((w.split("=", 1)[1] for w in words if w.startswith("jsonpath=")), None)
    if output is None and "-o" in words:
        value = words[words.index("-o") + 1]
        output = value.split("=", 1)[1] if value.startswith("jsonpath=") else None
    if output is None:
        return []
    plural, group = served()[resource]
    if output.startswith("{.status."):  # written in the cluster, not by the render: the CRD must declare it
        schema = schemas().get((plural, group))
        return [] if schema is not None and declared(schema, output) else [f"{command}: {output} is not declared for {resource}"]
    name = rest[1] if len(rest) > 1 and not rest[1].startswith("<") else None  # <name>: any of them
    candidates = [
        o
        for o in rendered_objects()
        if plural_of(o["kind"]) == plural
        and str(o.get("apiVersion", "")).split("/")[0] == (group or str(o.get("apiVersion", "")).split("/")[0])
        and (name is None or o["metadata"]["name"] == name)
    ]
    if not candidates:
        return [f"{command}: no rendered {resource} {name or ''} to read {output} from"]
    if all(jsonpath(o, output) in (None, "", [], {}) for o in candidates):
        return [f"{command}: {output} finds nothing in the rendered {resource}"]
    return []


def commands(block_body: str) -> list[str]:
    """The kubectl command lines of a shell block (continuation lines joined)."""
    joined = block_body.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip().startswith("kubectl ")]


def table_commands(markdown: str) -> list[str]:
    """The `kubectl …` commands a table offers in its later columns (the first column quotes the guide)."""
    found = []
    for line in markdown.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c for c in re.split(r"(?<!\\)\|", line)[2:]]
        for cell in cells:
            found += [c.replace("\\|", "|") for c in re.findall(r"`(kubectl [^`]+)`", cell) if "…" not in c]
    return found
