"""28.312 Intents -> one ProvisioningRequest per (intent, cluster), plus its assurance plan.

An intent is translated as a whole: if any of its parts is in error, it
produces nothing (and the error results say why); other intents still do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from oran_intent_krm.assurance.revision import request_revision
from oran_intent_krm.sdk import Context, Generated, names, resource
from oran_intent_krm.sdk.results import Results

from . import capacity, intents, inventory, objectives, promql, resources, sizing
from . import catalog as catalogs
from .catalog import Catalog
from .intents import Delivery, Intent
from .paths import measurement_job_path, provisioning_request_path, slo_gate_path


@dataclass
class ClusterPlan:
    """What one intent asks of one cluster."""

    cluster: inventory.Cluster
    request_path: str  # the intent field that first named the cluster
    deliveries: list[Delivery] = field(default_factory=list)
    components: dict[str, str] = field(default_factory=dict)  # component -> NF identifier


@dataclass
class Translation:
    """An intent read and resolved against the inventory, before anything is generated for it."""

    intent: Intent
    plans: list[ClusterPlan]
    objectives_by_target: dict[Any, list[objectives.SloObjective]]


def transform(ctx: Context) -> list[Generated] | None:
    catalog = catalogs.build(ctx.config, ctx.function_config, ctx.results)
    if catalog is None:
        return None  # leave every generated item as it is until the configuration is fixed
    sites = inventory.load(ctx.items, ctx.results, ctx.rejected)
    translations = []
    for obj in ctx.select(api_versions=intents.API_VERSIONS, kinds=[intents.KIND], include_local_config=True):
        translation = _translate(obj, catalog, sites, ctx)
        if translation is not None:
            translations.append(translation)
    request_names = _request_names(translations)
    generated: list[Generated] = []
    demands: list[capacity.Demand] = []
    for translation in translations:
        generated += _generate(translation, request_names, catalog, sites, ctx.config, ctx.results, demands)
    over = capacity.over_capacity(demands, sites, ctx.results)
    return [g for g in generated if id(g.source) not in over]


def _translate(obj: Mapping[str, Any], catalog: Catalog, sites: inventory.Inventory, ctx: Context) -> Translation | None:
    """The intent's clusters and objectives, or None if it is deactivated (retired) or in error."""
    results = ctx.results
    errors_before = results.error_count
    intent = intents.parse(obj, results)
    if intent is None:
        return None
    if not intent.active:
        results.info("intent is DEACTIVATED: nothing is provisioned for it", obj, "spec.intentAdminState", current="DEACTIVATED")
        ctx.retire(obj)
        return None
    plans = _cluster_plans(intent, catalog, sites, results)
    by_target = {}
    for target in intent.targets:
        found = objectives.from_targets([target], catalog, obj, results)
        by_target[target] = found or []
    if results.error_count > errors_before:
        return None
    return Translation(intent, plans, by_target)


def _request_names(translations: list[Translation]) -> dict[tuple[str, str, str], str]:
    """The name of each (intent, cluster) ProvisioningRequest: `<intent>-<cluster>`, with a digest
    where two pairs (or two namespaces' intents of one name) would join to the same name."""
    pairs = {_request_key(t.intent, plan): (t.intent.name, plan.cluster.name) for t in translations for plan in t.plans}
    return names.unique_labels(pairs)


def _request_key(intent: Intent, plan: ClusterPlan) -> tuple[str, str, str]:
    return (resource.namespace(intent.obj), intent.name, plan.cluster.name)


def _generate(
    translation: Translation, request_names, catalog: Catalog, sites: inventory.Inventory, config, results: Results, demands: list
) -> list[Generated]:
    """Everything one intent generates, or nothing if any part of it is in error; each of its
    ProvisioningRequests is added to `demands`, for the clusters' capacities."""
    errors_before = results.error_count
    intent, out, mine = translation.intent, [], []
    for plan in translation.plans:
        targets = {t for d in plan.deliveries for t in intent.targets_for(d)}
        wanted = sorted({o for t in targets for o in translation.objectives_by_target[t]}, key=objectives.SloObjective.sort_key)
        name = request_names[_request_key(intent, plan)]
        made = _resources_for(intent, plan, name, wanted, catalog, sites, config, results)
        out += made
        for item in made:
            if item.obj["kind"] == "ProvisioningRequest":
                parameters = item.obj["spec"]["templateParameters"]
                mine.append(capacity.Demand(intent.obj, plan.cluster.name, plan.request_path, parameters["resourceRequirements"]))
    if results.error_count > errors_before:
        return []
    demands += mine
    return out


def _cluster_plans(intent: Intent, catalog: Catalog, sites: inventory.Inventory, results: Results) -> list[ClusterPlan]:
    plans: dict[str, ClusterPlan] = {}
    for delivery in intent.deliveries:
        components = _components(intent, delivery, catalog, results)
        for request in delivery.clusters:
            matched = sites.resolve(request)
            if not matched:
                _report_no_match(intent, request, sites, results)
            for cluster in matched:
                plan = plans.setdefault(cluster.name, ClusterPlan(cluster, request.path))
                if delivery not in plan.deliveries:
                    plan.deliveries.append(delivery)
                for component, source in components.items():
                    plan.components[component] = min(source, plan.components.get(component, source))
    return [plans[name] for name in sorted(plans)]


def _components(intent: Intent, delivery: Delivery, catalog: Catalog, results: Results) -> dict[str, str]:
    out: dict[str, str] = {}
    for identifier, path in delivery.network_functions:
        components = catalog.network_functions.get(identifier.lower())
        if components is None:
            results.error(
                f"unknown network function {identifier}; known: {', '.join(sorted(catalog.network_functions))}",
                intent.obj,
                path,
                current=identifier,
                expected=f"one of {', '.join(sorted(catalog.network_functions))} (or map it in functionConfig networkFunctions)",
            )
            continue
        for component in components:
            out[component] = min(identifier, out.get(component, identifier))
    return out


def _report_no_match(intent: Intent, request: intents.ClusterRequest, sites: inventory.Inventory, results: Results) -> None:
    known = ", ".join(sorted(sites.clusters)) or "none: add WorkloadCluster resources to the package"
    what = {"name": "cluster", "glob": "cluster pattern", "labels": "cluster selector"}[request.mode]
    broken = sites.invalid_clusters.get(request.value)
    why = f" ({resource.ref_string(broken)} describes it, but is in error: fix it first)" if broken is not None else ""
    results.error(
        f"{what} {request.value} matches no WorkloadCluster in the package{why}; the package's clusters: {known}",
        intent.obj,
        request.path,
        current=request.value,
        expected=f"a WorkloadCluster spec.clusterName (known: {known})",
    )


def _resources_for(
    intent: Intent,
    plan: ClusterPlan,
    name: str,
    wanted: list[objectives.SloObjective],
    catalog: Catalog,
    sites: inventory.Inventory,
    config: Mapping[str, Any],
    results: Results,
) -> list[Generated]:
    cluster = plan.cluster
    network = _network(intent, plan, sites, results)
    if network is None:
        return []
    network_plan, master = network
    functions = sizing.size(plan.components, catalog, wanted)
    pr = resources.provisioning_request(
        name, intent.obj, intent.label, cluster, network_plan, master, functions, (config["templateName"], config["templateVersion"])
    )
    out = [Generated(pr, intent.obj, provisioning_request_path(name))]
    requirements = pr["spec"]["templateParameters"]["resourceRequirements"]
    results.info(
        f"{name}: {', '.join(f.name for f in functions)} on {cluster.name}, "
        f"{sizing.request_class(functions)}, {', '.join(f'{k} {v}' for k, v in requirements.items())}",
        intent.obj,
    )
    if not wanted:
        return out
    slos = objectives.with_defaults(wanted, catalog)
    queries = _queries(intent, name, cluster.name, request_revision(pr), slos, catalog, config, results)
    if queries is None:
        return out
    out.append(Generated(resources.slo_gate(name, intent.obj, slos, config), intent.obj, slo_gate_path(name)))
    job = resources.measurement_job(name, intent.obj, cluster.name, queries, config)
    out.append(Generated(job, intent.obj, measurement_job_path(name)))
    return out


def _network(intent: Intent, plan: ClusterPlan, sites: inventory.Inventory, results: Results):
    cluster = plan.cluster
    network_plan = sites.plans.get(cluster.name)
    if network_plan is None:
        broken = sites.invalid_plans.get(cluster.name)
        results.error(
            f"cluster {cluster.name} has no valid network plan"
            + (f": fix {resource.ref_string(broken)} (see its errors)" if broken is not None else ""),
            intent.obj,
            plan.request_path,
            current=cluster.name,
            expected=f"a valid fn.oran-intent.io/v1alpha1 SiteNetworkPlan with spec.clusterName {cluster.name}",
        )
        return None
    master = network_plan.master_interface or cluster.master_interface
    if not master:
        results.error(
            f"cluster {cluster.name} has no master interface for the RAN network",
            network_plan.obj,
            "spec.masterInterface",
            current=None,
            expected=f"spec.masterInterface here or in {resource.ref_string(cluster.obj)}",
        )
        return None
    return network_plan, master


def _queries(intent, name, cluster, revision, slos, catalog: Catalog, config, results: Results):
    values = promql.values(config, cluster, name, intent.name, revision)
    out, failed = [], False
    for metric_name in sorted({o.metric for o in slos}):
        metric = catalog.metrics[metric_name]
        query = promql.render(metric.query, values)
        problem = promql.query_problem(query)
        if problem:
            results.error(
                f"query of {metric_name} for {name} {problem}",
                intent.obj,
                "metadata.name",
                current=query,
                expected="a PromQL query (check functionConfig metrics." + metric_name + ".query)",
            )
            failed = True
            continue
        out.append((metric, query))
    return None if failed else out
