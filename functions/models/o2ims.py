"""O2 IMS ProvisioningRequest (the Nephio CRD) and the inventory kinds it is planned from.

- `ProvisioningRequest`: `provisioningrequests.o2ims.provisioning.oran.org` as the
  Nephio API repository defines it (cluster-scoped; spec.templateName,
  templateVersion and templateParameters required; templateParameters free-form).
  `RanTemplateParameters` is the content this project puts in templateParameters.
- `WorkloadCluster`: Nephio `infra.nephio.org/v1alpha1` (spec.clusterName, cnis, masterInterface).
- `SiteNetworkPlan`: this project's local-config kind holding the RAN network of one cluster.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field

from .base import ObjectMeta, Strict

PR_API_VERSION = "o2ims.provisioning.oran.org/v1alpha1"
WORKLOAD_CLUSTER_API_VERSION = "infra.nephio.org/v1alpha1"
NETWORK_PLAN_API_VERSION = "fn.oran-intent.io/v1alpha1"

DNS_LABEL = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"
CPU_QUANTITY = r"^[0-9]+m$"
BYTES_QUANTITY = r"^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$"








# ---- ProvisioningRequest (Nephio CRD) ------------------------------------------------------------


class ProvisioningRequestSpec(Strict):
    name: Optional[str] = Field(None, description="Human-readable name; not unique.")
    description: Optional[str] = None
    templateName: str
    templateVersion: str
    templateParameters: dict[str, Any] = Field(description="Free-form (x-kubernetes-preserve-unknown-fields).")


class ProvisionedResourceSet(Strict):
    oCloudNodeClusterId: Optional[str] = None
    oCloudInfrastructureResourceIds: list[str] = Field(default_factory=list)


class ProvisioningStatus(Strict):
    provisioningUpdateTime: Optional[str] = None
    provisioningMessage: Optional[str] = None
    provisioningState: Optional[Literal["progressing", "fulfilled", "failed", "deleting"]] = None


class ProvisioningRequestStatus(Strict):
    provisionedResourceSet: Optional[ProvisionedResourceSet] = None
    provisioningStatus: Optional[ProvisioningStatus] = None
    extensions: Optional[dict[str, Any]] = None


class ProvisioningRequest(Strict):
    apiVersion: Literal["o2ims.provisioning.oran.org/v1alpha1"]
    kind: Literal["ProvisioningRequest"]
    metadata: ObjectMeta
    spec: ProvisioningRequestSpec
    status: Optional[ProvisioningRequestStatus] = None


# ---- What 28312-to-pr writes into templateParameters --------------------------------------------


class ResourceList(Strict):
    """Kubernetes quantities: CPU in millicores, bytes in their shortest exact form."""

    cpu: str = Field(pattern=CPU_QUANTITY)
    memory: str = Field(pattern=BYTES_QUANTITY)
    storage: str = Field(pattern=BYTES_QUANTITY)
    hugepages_1gi: Optional[str] = Field(None, alias="hugepages-1Gi", pattern=BYTES_QUANTITY)
    hugepages_2mi: Optional[str] = Field(None, alias="hugepages-2Mi", pattern=BYTES_QUANTITY)


class NetworkConfig(Strict):
    vlan: int = Field(ge=1, le=4094)
    subnet: str = Field(description="IPv4 or IPv6 network in CIDR form.")
    gateway: str
    masterInterface: str = Field(min_length=1, description="Host interface the RAN VLAN rides on.")


class NetworkFunction(Strict):
    name: str = Field(pattern=DNS_LABEL, max_length=63, description="Unique within the request.")
    nfType: Literal["O-CU-CP", "O-CU-UP", "O-DU", "O-RU"]
    source: str = Field(description="The intent's NF identifier this component comes from.")
    performanceClass: Literal["standard", "high-throughput", "urllc"]
    replicas: int = Field(ge=1)
    dedicatedCpu: bool
    resources: ResourceList


class RanTemplateParameters(Strict):
    clusterName: str = Field(min_length=1, description="Target cluster; the Nephio operator requires it.")
    labels: dict[str, str] = Field(default_factory=dict)
    performanceClass: Literal["standard", "high-throughput", "urllc"]
    resourceRequirements: ResourceList = Field(description="Sum over networkFunctions of replicas x resources.")
    networkConfig: NetworkConfig
    networkFunctions: list[NetworkFunction] = Field(min_length=1)


# ---- Inventory -------------------------------------------------------------------------------------


class WorkloadClusterSpec(Strict):
    """Nephio's fields (nephio-project/api infra/v1alpha1, every release's)."""

    clusterName: str
    cnis: list[str] = Field(default_factory=list)
    masterInterface: Optional[str] = None


class WorkloadCluster(Strict):
    apiVersion: Literal["infra.nephio.org/v1alpha1"]
    kind: Literal["WorkloadCluster"]
    metadata: ObjectMeta
    spec: WorkloadClusterSpec
    status: Optional[dict[str, Any]] = Field(None, description="Written in the management cluster; not read.")


class SiteCapacity(Strict):
    """What the RAN may use of a cluster: the sum of every intent's ProvisioningRequests on it must fit."""

    cpu: Optional[str] = Field(None, description="A Kubernetes quantity, e.g. 64 or 64000m.")
    memory: Optional[str] = Field(None, description="e.g. 256Gi.")
    storage: Optional[str] = Field(None, description="e.g. 2Ti.")
    hugepages_1gi: Optional[str] = Field(None, alias="hugepages-1Gi")
    hugepages_2mi: Optional[str] = Field(None, alias="hugepages-2Mi")


class SiteNetworkPlanSpec(Strict):
    clusterName: str = Field(min_length=1, description="spec.clusterName of the WorkloadCluster the plan is for.")
    vlan: int = Field(ge=1, le=4094)
    subnet: str
    gateway: str
    masterInterface: Optional[str] = Field(None, description="Overrides the WorkloadCluster's masterInterface.")
    capacity: Optional[SiteCapacity] = Field(None, description="What the RAN may use of the cluster; unchecked when absent.")


class SiteNetworkPlan(Strict):
    """The RAN network of one site; local-config, never deployed."""

    apiVersion: Literal["fn.oran-intent.io/v1alpha1"]
    kind: Literal["SiteNetworkPlan"]
    metadata: ObjectMeta
    spec: SiteNetworkPlanSpec
