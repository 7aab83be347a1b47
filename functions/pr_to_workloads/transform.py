"""ProvisioningRequests in, the Kubernetes (and optionally Nephio) objects that run their NFs out."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from oran_intent_krm.assurance.revision import request_revision
from oran_intent_krm.sdk import Context, Generated, quantity

from . import address_plan, networking, objects, pods, podsecurity
from .catalog import merged_catalog, merged_profiles
from .params import DNS_LABEL, PARAMS, SPLIT_RESOURCES, Problems, read
from .plan import NFPlan, PRPlan
from .sizing import expand_pairs, size

PR_API = "o2ims.provisioning.oran.org/v1alpha1"
PR_KIND = "ProvisioningRequest"


def transform(ctx: Context) -> list[Generated] | None:
    config = ctx.config
    reserved = _reserved_addresses(config, ctx.results)
    if reserved is None:
        return None  # a broken config generates nothing and prunes nothing
    catalog = merged_catalog(config["catalog"])
    profiles = merged_profiles(config["performanceProfiles"])
    plans = []
    for pr in ctx.select(api_versions=[PR_API], kinds=[PR_KIND]):
        plan = plan_for(pr, config, catalog, profiles, ctx.results)
        if plan is not None:
            plans.append(plan)
    out: list[Generated] = []
    for plan in address_plan.assign(plans, config, reserved, ctx.results):
        out += render(plan, ctx.results)
    return out


def _reserved_addresses(config: dict[str, Any], results) -> list | None:
    out = []
    for index, text in enumerate(config["reservedAddresses"]):
        try:
            out.append(ipaddress.ip_address(text))
        except ValueError:
            results.error(f"invalid functionConfig: reservedAddresses[{index}] {text!r} is not an IP address")
            return None
    return out


def plan_for(pr, config, catalog, profiles, results) -> PRPlan | None:
    """Everything about one PR but its addresses (address_plan.py), or None after its error results."""
    problems = Problems(results, pr)
    params = read(pr, results, catalog, profiles, config["defaultMasterInterface"])
    if params is None:
        return None
    # By name, not list order: the same NFs in another order are the same deployment.
    params.nfs = sorted(expand_pairs(params.nfs, catalog, problems), key=lambda nf: nf.name)
    if not problems.ok:
        return None
    sized = size(params, catalog, profiles, problems)
    namespace = _namespace(params, config, problems)
    _check_deployable(sized, catalog, config, problems)
    nf_plans = [NFPlan(s, catalog[s.nf.nf_type]) for s in sized]
    if not problems.ok:
        return None
    return PRPlan(params, namespace, nf_plans, config, request_revision(pr),
                  networking.service_names(nf_plans), networking.policy_names(nf_plans))


def _namespace(params, config, problems: Problems) -> str:
    name = config["namespaceTemplate"].replace("{pr}", params.name).replace("{cluster}", params.cluster)
    if len(name) > 63 or not DNS_LABEL.match(name):
        path = "metadata.name" if "{pr}" in config["namespaceTemplate"] else f"{PARAMS}.clusterName"
        problems.error(f"the namespace {name!r} made from namespaceTemplate {config['namespaceTemplate']!r} is not a DNS-1123 label",
                       path, name, "at most 63 lower-case letters, digits and '-', starting with a letter")
    return name


def _check_deployable(sized, catalog, config, problems: Problems) -> None:
    for s in sized:
        entry = catalog[s.nf.nf_type]
        if config["output"] != "nfdeployment" and not entry.get("image"):
            problems.error(f"the NF catalog has no image for {s.nf.nf_type}", f"{s.nf.path}.nfType", s.nf.nf_type,
                           f"an image set in functionConfig catalog.{s.nf.nf_type}.image")
        if config["output"] != "workloads" and not entry.get("provider"):
            problems.error(f"the NF catalog has no NFDeployment provider for {s.nf.nf_type}", f"{s.nf.path}.nfType",
                           s.nf.nf_type, f"a provider set in functionConfig catalog.{s.nf.nf_type}.provider")
        if (config["storageMode"] == "persistent" and entry["workloadKind"] == "Deployment" and s.nf.replicas > 1
                and s.resources.get("storage", 0) > 0):
            problems.error(f"{s.nf.name} is a Deployment with {s.nf.replicas} replicas: one ReadWriteOnce claim cannot serve them",
                           f"{s.nf.path}.replicas", s.nf.replicas, "1, storageMode ephemeral, or workloadKind StatefulSet")


def render(plan: PRPlan, results) -> list[Generated]:
    config, pr = plan.config, plan.pr
    base = f"{config['outputDir']}/{plan.params.cluster}/{plan.namespace}"
    out: list[Generated] = []

    def emit(obj: dict[str, Any], folder: str = "") -> None:
        where = f"{base}/{folder}" if folder else base
        obj = json.loads(json.dumps(obj))  # no shared sub-objects: YAML would write them as anchors
        out.append(Generated(obj, pr, f"{where}/{obj['kind'].lower()}_{obj['metadata']['name']}.yaml"))

    workloads = config["output"] in ("workloads", "both")
    nephio = config["output"] in ("nfdeployment", "both")
    templates = {}
    for nf in plan.nfs:
        data = objects.config_data(plan, nf)
        templates[nf.name] = (data, pods.workload(plan, nf, data))
    enforce = podsecurity.strictest_admitting(w["spec"]["template"]["spec"] for _, w in templates.values())
    emit(objects.namespace(plan, enforce))
    if workloads:
        emit(networking.default_deny(plan))
    for nf in plan.nfs:
        data, workload = templates[nf.name]
        emit(objects.config_map(plan, nf, data), nf.name)
        for nad in networking.nads(plan, nf):
            emit(nad, nf.name)
        if nephio:
            emit(objects.nf_deployment(plan, nf), nf.name)
            if nf.replicas > 1:
                results.warning(f"NFDeployment {nf.name} describes one instance; its interfaces carry the first of "
                                f"{nf.replicas} replicas' addresses", pr, f"{nf.nf.path}.replicas", current=nf.replicas, expected=1)
        if not workloads:
            continue
        emit(workload, nf.name)
        if config["storageMode"] == "persistent" and nf.entry["workloadKind"] == "Deployment" and nf.resources.get("storage", 0) > 0:
            emit(pods.claim_for_deployment(plan, nf), nf.name)
        emit(objects.service_account(plan, nf), nf.name)
        emit(objects.disruption_budget(plan, nf), nf.name)
        emit(networking.nf_policy(plan, nf), nf.name)
        for service in networking.services(plan, nf):
            emit(service, nf.name)
    results.info(_summary(plan, enforce), pr, f"{PARAMS}.resourceRequirements", tags={"namespace": plan.namespace})
    return out


def _summary(plan: PRPlan, enforce: str) -> str:
    totals = ", ".join(f"{k} {quantity.format_quantity(k, v)}" for k, v in sorted(plan.params.requirements.items()))
    nfs = ", ".join(
        f"{nf.name} ({nf.nf.nf_type}, {nf.entry['workloadKind']} x{nf.replicas}, "
        f"{'Guaranteed' if nf.sized.guaranteed else 'Burstable'}: "
        + " ".join(f"{k} {quantity.format_quantity(k, nf.resources[k])}" for k in SPLIT_RESOURCES if k in nf.resources)
        + ")"
        for nf in plan.nfs
    )
    count = f"{len(plan.nfs)} NF" + ("s" if len(plan.nfs) != 1 else "")
    return (f"{plan.params.name}: {count} in namespace {plan.namespace} on {plan.params.cluster} "
            f"(pod security {enforce}): {nfs}; total {totals} as required")
