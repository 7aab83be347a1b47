"""functionConfig of pr-to-workloads (kind PrToWorkloadsConfig in fn.oran-intent.io/v1alpha1).

The pydantic model is the source of config.schema.json; at run time only the JSON file is read.
"""

from __future__ import annotations

from typing import Literal, Optional

from oran_intent_krm.models.workloads import NFCatalogOverride, PerformanceProfileOverride
from oran_intent_krm.pr_to_workloads import CONFIG_KIND as KIND
from oran_intent_krm.sdk import layout
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class Config(BaseModel):
    """Configuration of pr-to-workloads."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", title=KIND)

    output: Literal["workloads", "nfdeployment", "both"] = Field(
        default="workloads",
        description="What runs the NFs: plain Kubernetes workloads, Nephio NFDeployments for NF operators, or both.",
    )
    output_dir: str = Field(
        default=layout.CLUSTERS,
        description="Package folder for generated files: <outputDir>/<cluster>/<namespace>/[<nf>/]<kind>_<name>.yaml. "
        "<outputDir>/<cluster> is the folder a GitOps tool syncs to that cluster.",
        pattern=r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$",
    )
    namespace_template: str = Field(
        default="{pr}",
        description="Namespace of a PR's workloads; {pr} is the PR's name, {cluster} its clusterName.",
        min_length=1,
    )
    catalog: dict[str, NFCatalogOverride] = Field(
        default={},
        description="Per NF type (O-CU-CP, O-CU-UP, O-DU, O-RU or a new one), fields replacing the built-in catalog's.",
    )
    performance_profiles: dict[str, PerformanceProfileOverride] = Field(
        default={},
        description="Per performance class (standard, high-throughput, urllc or a new one), fields replacing the built-in profile's.",
    )
    storage_mode: Literal["ephemeral", "persistent"] = Field(
        default="ephemeral",
        description="ephemeral: storage as ephemeral-storage requests/limits and a size-limited emptyDir; "
        "persistent: StatefulSet volumeClaimTemplates (or a PVC for a single-replica Deployment).",
    )
    storage_class_name: Optional[str] = Field(default=None, description="StorageClass of persistent volume claims; the cluster default if unset.")
    cni_type: Literal["macvlan", "ipvlan", "vlan"] = Field(
        default="macvlan",
        description="CNI plugin of the NADs: macvlan/ipvlan on the VLAN sub-interface <masterInterface>.<vlan>, or vlan on the master.",
    )
    cni_version: str = Field(default="1.0.0", description="cniVersion written in every NAD's config.", pattern=r"^\d+\.\d+\.\d+$")
    macvlan_mode: Literal["bridge", "private", "vepa", "passthru"] = Field(default="bridge", description="macvlan mode.")
    default_master_interface: str = Field(
        default="eth1", description="Node interface carrying the VLAN when the PR's networkConfig names none.", min_length=1
    )
    address_offset: int = Field(
        default=0, description="Usable addresses of the subnet skipped before the first one allocated.", ge=0
    )
    reserved_addresses: list[str] = Field(
        default=[], description="Addresses never allocated (besides network, gateway and broadcast)."
    )
    egress_cidrs: dict[str, list[str]] = Field(
        default={},
        description="Per interface name (n2, n3, e2, ...), CIDRs of peers outside the namespace the NFs may reach on "
        "the interface's port over the cluster network.",
    )
    placement_labels: dict[str, str] = Field(
        default={
            "nephio.org/region": "topology.kubernetes.io/region",
            "nephio.org/site-type": "nephio.org/site-type",
            "nephio.org/zone": "topology.kubernetes.io/zone",
        },
        description="PR label -> node label: each PR label listed here becomes a required node affinity term.",
    )
    pod_security_version: str = Field(
        default="latest", description="Pod Security Standards version pinned in the namespace labels.", pattern=r"^(latest|v\d+\.\d+)$"
    )


if __name__ == "__main__":
    import json
    from pathlib import Path

    schema = Config.model_json_schema(by_alias=True)
    target = Path(__file__).with_name("config.schema.json")
    target.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
