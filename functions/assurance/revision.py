"""Which workloads a gate guards, and the config digest that names their revision.

The config digest is what a collector stamps on its measurements so the
validator can tell evidence of the rendered revision from evidence of another:

    configDigest = ownership.digest(sorted(ownership.content_digest(w) for w in W))

where W is every item whose `krm.oran-intent.io/source` annotation is the
gate's `targetRef` written as `<apiVersion>/<kind>/[<namespace>/]<name>` (the
workloads pr-to-workloads generated from that ProvisioningRequest).
`ownership.digest` is `sha256:` + the SHA-256 of the value's canonical JSON
(sorted keys, no spaces).  As long as no workload was edited by hand, each
content digest equals the workload's `krm.oran-intent.io/digest` annotation,
so a collector without this library can compute the same value from the
annotations; `slo-gate-validator explain PKG -o json` prints it as
`revision.rendered`.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from oran_intent_krm.sdk import ownership, resource


def ref_string(ref: Mapping[str, Any]) -> str:
    """`apiVersion/kind/[namespace/]name` of a reference, as the SDK's source annotation has it."""
    parts = [str(ref.get("apiVersion") or ""), str(ref.get("kind") or "")]
    if ref.get("namespace"):
        parts.append(str(ref["namespace"]))
    parts.append(str(ref.get("name") or ""))
    return "/".join(parts)


def guarded_workloads(items: Iterable[Mapping[str, Any]], target_ref: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The items generated from the gate's target, sorted by identity."""
    return guarded_in(by_source(items), target_ref)


def by_source(items: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Generated items by the source they name: one pass, then a lookup per gate."""
    index: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        source = resource.annotations(item).get(ownership.SOURCE)
        if source:
            index.setdefault(str(source), []).append(item)
    return index


def guarded_in(index: Mapping[str, list[Mapping[str, Any]]], target_ref: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return sorted(index.get(ref_string(target_ref), []), key=resource.identity)


def config_digest(workloads: Iterable[Mapping[str, Any]]) -> str:
    """The revision of a set of workloads: a digest over their sorted content digests."""
    return ownership.digest(sorted(ownership.content_digest(w) for w in workloads))


def short(digest: str | None) -> str:
    """`sha256:0123456789ab` for messages; the full value stays in status."""
    if not digest:
        return "none"
    head, _, value = digest.partition(":")
    return f"{head}:{value[:12]}" if value else digest[:19]
