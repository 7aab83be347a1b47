"""What one PR resolves to before any object is written: NFs, sizes, attachments and addresses."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from oran_intent_krm.assurance.revision import POD_TEMPLATE_LABEL, REVISION_LABEL, pod_template_digest

from .params import Network, PRParams
from .sizing import Sized

LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
CONFIG_KEY = "nf.json"


@dataclass
class Attachment:
    interface: dict[str, Any]  # the catalog interface
    nad_name: str
    addresses: list  # one per replica, in ordinal order

    @property
    def name(self) -> str:
        return self.interface["name"]


@dataclass
class NFPlan:
    sized: Sized
    entry: dict[str, Any]  # merged catalog entry
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def nf(self):
        return self.sized.nf

    @property
    def name(self) -> str:
        return self.sized.nf.name

    @property
    def replicas(self) -> int:
        return self.sized.nf.replicas

    @property
    def resources(self) -> dict[str, Fraction]:
        return self.sized.resources

    def interfaces(self) -> list[dict[str, Any]]:
        return sorted(self.entry["interfaces"], key=lambda i: i["name"])

    def listening(self) -> list[dict[str, Any]]:
        return [i for i in self.interfaces() if i["listens"]]


@dataclass
class PRPlan:
    params: PRParams
    namespace: str
    nfs: list[NFPlan]
    config: dict[str, Any]
    revision: str  # the revision label of its pods (assurance.revision)
    # Object names unique in the namespace (networking.service_names, networking.policy_names).
    service_names: dict[tuple[str, str], str] = field(default_factory=dict)
    policy_names: dict[str, str] = field(default_factory=dict)

    def service_name(self, nf: NFPlan, interface: str = "") -> str:
        """The Service of an NF's listening interface, or with no interface its governing (headless) Service."""
        return self.service_names[(nf.name, interface)]

    @property
    def network(self) -> Network:
        return self.params.network

    @property
    def pr(self):
        return self.params.pr


def label_safe(value: str) -> str:
    """A label value: the value itself when valid, else a stable shortened form."""
    if len(value) <= 63 and LABEL_VALUE.match(value):
        return value
    digest = hashlib.sha256(value.encode()).hexdigest()[:8]
    head = re.sub(r"[^-A-Za-z0-9_.]", "-", value)[:54].strip("-_.")
    return f"{head}-{digest}" if head else digest


def nf_type_label(nf_type: str) -> str:
    return label_safe(nf_type.lower())


def selector(nf: NFPlan) -> dict[str, str]:
    return {"app.kubernetes.io/instance": nf.name, "app.kubernetes.io/name": nf_type_label(nf.nf.nf_type)}


def common_labels(plan: PRPlan) -> dict[str, str]:
    return {
        "app.kubernetes.io/managed-by": "pr-to-workloads",
        "app.kubernetes.io/part-of": label_safe(plan.params.name),
        "nephio.org/cluster-name": label_safe(plan.params.cluster),
    }


def nf_labels(plan: PRPlan, nf: NFPlan) -> dict[str, str]:
    labels = {**common_labels(plan), **selector(nf), "app.kubernetes.io/component": "ran"}
    if nf.nf.pair_of:
        labels["o-ran.org/cu-pair"] = nf.nf.pair_of
    return dict(sorted(labels.items()))


def with_revision_labels(obj: dict[str, Any], plan: PRPlan) -> dict[str, Any]:
    """A pod template (or NFDeployment) with the labels that tie its pods' metrics to the revision.

    Only what makes pods carries them: a change of revision rolls the pods, and
    selectors, which Kubernetes does not let change, never see them.
    """
    runs = {"spec": obj["spec"]} if obj.get("kind") == "NFDeployment" else obj
    labels = {**obj["metadata"].get("labels", {}), REVISION_LABEL: plan.revision, POD_TEMPLATE_LABEL: pod_template_digest(runs)}
    obj["metadata"]["labels"] = dict(sorted(labels.items()))
    return obj


def meta(name: str, labels: dict[str, str], namespace: str | None = None, annotations: dict[str, str] | None = None) -> dict:
    out: dict[str, Any] = {"name": name}
    if namespace:
        out["namespace"] = namespace
    out["labels"] = dict(sorted(labels.items()))
    if annotations:
        out["annotations"] = dict(sorted(annotations.items()))
    return out
