"""What the intents ask of a cluster, held to what its site plan says the RAN may use.

A SiteNetworkPlan may declare `spec.capacity` (cpu, memory, storage, hugepages-*): the share of
the cluster the RAN may use.  The ProvisioningRequests of every intent rendered together on that
cluster must fit in it, resource by resource, exactly (quantities as fractions).  Where they do
not, each intent on the cluster gets an error naming every intent and its figures, the sum and the
capacity; where more than one intent is involved, the error states the conflict in TS 28.312's
terms (INTENT_CONFLICT, MODIFY or DELETE).  Without `spec.capacity` nothing is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from oran_intent_krm.models.conflicts import DELETE, MODIFY, conflict_tags
from oran_intent_krm.sdk import quantity, resource
from oran_intent_krm.sdk.results import Results

from .inventory import Inventory


@dataclass(frozen=True)
class Demand:
    """One intent's ProvisioningRequest on one cluster."""

    intent: Mapping[str, Any]
    cluster: str
    path: str  # the intent field that named the cluster
    requirements: Mapping[str, str]  # the PR's resourceRequirements


def over_capacity(demands: list[Demand], sites: Inventory, results: Results) -> set[int]:
    """Report every cluster whose intents together need more than its capacity; the ids of those intents."""
    failed: set[int] = set()
    by_cluster: dict[str, list[Demand]] = {}
    for demand in demands:
        by_cluster.setdefault(demand.cluster, []).append(demand)
    for cluster, on_it in sorted(by_cluster.items()):
        plan = sites.plans.get(cluster)
        if plan is None or not plan.capacity:
            continue
        on_it = sorted(on_it, key=lambda d: resource.name(d.intent))
        for name, declared in sorted(plan.capacity.items()):
            limit = _amount(declared)
            need = {id(d): _amount(d.requirements.get(name, 0)) for d in on_it}
            total = sum(need.values(), Fraction(0))
            if limit is None or total <= limit:
                continue
            figures = ", ".join(f"{resource.name(d.intent)} {quantity.format_quantity(name, need[id(d)])}" for d in on_it if need[id(d)])
            where = resource.file_path(plan.obj)
            message = (
                f"cluster {cluster}: the intents on it need {name} {quantity.format_quantity(name, total)} together "
                f"({figures}), more than the capacity {name} {declared} that {resource.ref_string(plan.obj)}"
                + (f" ({where})" if where else "")
                + " declares"
            )
            involved = [d for d in on_it if need[id(d)]]
            for demand in involved:
                others = [resource.name(d.intent) for d in involved if d is not demand]
                results.error(
                    message,
                    demand.intent,
                    demand.path,
                    current=cluster,
                    expected=f"at most {name} {declared} on {cluster} for all intents together",
                    tags=conflict_tags(resource.name(demand.intent), others, MODIFY, DELETE) if others else {"reason": "OverCapacity"},
                )
                failed.add(id(demand.intent))
    return failed


def _amount(value: Any) -> Fraction | None:
    try:
        return quantity.parse(value)
    except quantity.QuantityError:
        return None
