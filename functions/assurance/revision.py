"""Which workloads a gate guards, the config digest that names their revision, and the pod labels that tie data to it.

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

Two pod labels tie the data in Prometheus to a revision.  pr-to-workloads puts
both on every pod template it generates (and on an NFDeployment, whose
operator carries them to its pods):

- `krm.oran-intent.io/revision`: what was asked for, the first 16 hex digits of
  `ownership.digest({name, namespace, templateName, templateVersion, templateParameters})`
  of the ProvisioningRequest, its networkFunctions in a canonical order.  28312-to-pr writes that request and selects the
  label in every query of the MeasurementJob it writes; pr-to-workloads reads
  the same request, so both know the value without reading each other's
  output.  A render that leaves the request as it was leaves the label as it
  was (its description, labels and status do not count).
- `krm.oran-intent.io/pod-template`: what runs, the first 16 hex digits of the
  digest of the pod template without these two labels (of an NFDeployment's spec).  It changes exactly
  when Kubernetes rolls the pods (a new image, a new configuration), also when
  the request does not change, so the collector can tell the pods of the
  rendered build from those of the build before it.

Prometheus' Kubernetes discovery offers pod labels as
`__meta_kubernetes_pod_label_<name>`, every character outside `[a-zA-Z0-9_]`
turned into `_`; the usual `labelmap` rule keeps them as
`krm_oran_intent_io_revision` and `krm_oran_intent_io_pod_template`.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from oran_intent_krm.sdk import ownership, resource
from oran_intent_krm.sdk.yaml_io import canonical_json

REVISION_LABEL = f"{ownership.DOMAIN}/revision"
POD_TEMPLATE_LABEL = f"{ownership.DOMAIN}/pod-template"
REVISION_DIGITS = 16  # a label value holds at most 63 characters, and no colon
REQUEST_FIELDS = ("templateName", "templateVersion", "templateParameters")


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


def request_revision(request: Mapping[str, Any]) -> str:
    """The revision label value of what a ProvisioningRequest asks to deploy."""
    spec = request.get("spec") if isinstance(request.get("spec"), Mapping) else {}
    basis = {"name": resource.name(request), "namespace": resource.namespace(request)}
    basis.update({key: spec.get(key) for key in REQUEST_FIELDS})
    params = basis["templateParameters"]
    if isinstance(params, Mapping) and isinstance(params.get("networkFunctions"), list):
        # The same network functions in another order are the same deployment.
        basis["templateParameters"] = {**params, "networkFunctions": sorted(params["networkFunctions"], key=canonical_json)}
    return _short(ownership.digest(basis))


def pod_template_digest(template: Mapping[str, Any]) -> str:
    """The pod-template label value of a pod template: its digest without the two revision labels.

    For an NFDeployment, whose operator makes the pods, pass `{"spec": <its spec>}`.
    """
    body = dict(template)
    meta = dict(resource.metadata(template))
    labels = {k: v for k, v in resource.labels(template).items() if k not in (REVISION_LABEL, POD_TEMPLATE_LABEL)}
    if labels:
        meta["labels"] = labels
    else:
        meta.pop("labels", None)
    body["metadata"] = meta
    return _short(ownership.digest(body))


def _short(digest: str) -> str:
    return digest.partition(":")[2][:REVISION_DIGITS]


def prometheus_label(label: str) -> str:
    """A Kubernetes label's name as Prometheus' Kubernetes discovery (and `labelmap`) gives it."""
    return re.sub(r"[^a-zA-Z0-9_]", "_", label)


PROMETHEUS_LABEL = prometheus_label(REVISION_LABEL)
PROMETHEUS_POD_TEMPLATE_LABEL = prometheus_label(POD_TEMPLATE_LABEL)


def pod_labels(workload: Mapping[str, Any]) -> Mapping[str, Any]:
    """The labels a workload gives its pods: its pod template's, or an NFDeployment's own; {} for anything else."""
    spec = workload.get("spec") if isinstance(workload.get("spec"), Mapping) else {}
    template = spec.get("template")
    if isinstance(template, Mapping):
        return resource.labels(template)
    return resource.labels(workload) if workload.get("kind") == "NFDeployment" else {}


def workload_revisions(workloads: Iterable[Mapping[str, Any]]) -> list[str]:
    """The revision labels the workloads give their pods, sorted."""
    return sorted({str(v) for w in workloads if (v := pod_labels(w).get(REVISION_LABEL))})


def workload_pod_templates(workloads: Iterable[Mapping[str, Any]]) -> list[str]:
    """The pod-template labels the workloads give their pods, sorted."""
    return sorted({str(v) for w in workloads if (v := pod_labels(w).get(POD_TEMPLATE_LABEL))})
