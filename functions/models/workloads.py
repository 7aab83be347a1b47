"""Models of what pr-to-workloads reads from its catalog and what it emits beyond core Kubernetes.

- `NFCatalogEntry`: how one O-RAN network function type is run (image, interfaces, sizing split,
  workload kind, security needs).  `NFCatalogOverride` is the same with every field optional:
  what a functionConfig may change.
- `PerformanceProfile`: what a performance class (standard, high-throughput, urllc) asks of the pods.
- `NFDeployment`: the Nephio `workload.nephio.org/v1alpha1` kind (nephio-project/api
  workload/v1alpha1), the subset this function writes.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


Protocol = Literal["SCTP", "UDP", "TCP"]


class NFInterface(_Model):
    name: str = Field(
        description="Interface name (`f1c`, `e1`, `n2`, `n3`, `f1u`, `e2`, ...): names the Service, the NAD and the pod's "
        "secondary interface; NFs sharing an interface name are its two ends.",
        pattern=r"^[a-z][a-z0-9]{0,7}$",
    )
    protocol: Protocol = Field(description="Transport of the interface: SCTP (F1-C, E1, NG-C, E2), UDP (GTP-U), TCP.")
    port: int = Field(description="Well-known port of the interface (e.g. F1-C 38472, E1 38462, N2 38412, GTP-U 2152).", ge=1, le=65535)
    listens: bool = Field(
        description="True if this NF accepts connections/packets on the port: it gets a Service and NetworkPolicy ingress. "
        "False for the initiating end (e.g. the DU on F1-C, the CU-CP on N2)."
    )
    attachment: bool = Field(
        default=True,
        description="True if the interface gets a Multus NetworkAttachmentDefinition with a static address on the PR's VLAN.",
    )


class NFProbe(_Model):
    port: int = Field(default=8080, description="TCP port of the NF's HTTP health endpoint.", ge=1, le=65535)
    path: str = Field(default="/healthz", description="HTTP path answering 200 when the NF is live.")
    startup_seconds: int = Field(default=300, description="How long the NF may take to start before liveness applies.", ge=10)


class NFCatalogEntry(_Model):
    image: str = Field(description="Container image (registry/repository:tag); empty means the type cannot be deployed until set.")
    workload_kind: Literal["Deployment", "StatefulSet"] = Field(description="Kubernetes workload kind for this NF type.")
    provider: str = Field(description="Nephio NFDeployment `spec.provider` for this NF type (e.g. `du.openairinterface.org`).")
    split: dict[str, int] = Field(
        description="Weights by which NFs without explicit resources share what the PR's resourceRequirements leave "
        "(keys cpu, memory, storage), and by which a CU pair (O-CU) is divided into CU-CP and CU-UP."
    )
    interfaces: list[NFInterface] = Field(description="The NF's interfaces.")
    capabilities: list[str] = Field(default_factory=list, description="Linux capabilities added to the container (all others dropped).")
    run_as_user: int = Field(default=65532, description="UID the NF runs as (0 only for images that cannot run unprivileged).", ge=0)
    probe: NFProbe = Field(default_factory=NFProbe, description="Health endpoint used for startup, liveness and readiness probes.")
    config_path: str = Field(default="/etc/oran-nf", description="Where the NF's ConfigMap is mounted.")
    data_path: str = Field(default="/var/lib/oran-nf", description="Where the NF's storage is mounted.")


class NFProbeOverride(_Model):
    port: Optional[int] = Field(default=None, description="TCP port of the NF's HTTP health endpoint.", ge=1, le=65535)
    path: Optional[str] = Field(default=None, description="HTTP path answering 200 when the NF is live.")
    startup_seconds: Optional[int] = Field(default=None, description="Start-up allowance in seconds.", ge=10)


class NFCatalogOverride(_Model):
    image: Optional[str] = Field(default=None, description="Container image.")
    workload_kind: Optional[Literal["Deployment", "StatefulSet"]] = Field(default=None, description="Workload kind.")
    provider: Optional[str] = Field(default=None, description="NFDeployment provider.")
    split: Optional[dict[str, int]] = Field(default=None, description="Sizing weights (cpu, memory, storage), merged by key.")
    interfaces: Optional[list[NFInterface]] = Field(default=None, description="Interfaces; replaces the whole default list.")
    capabilities: Optional[list[str]] = Field(default=None, description="Added Linux capabilities; replaces the default list.")
    run_as_user: Optional[int] = Field(default=None, description="UID the NF runs as.", ge=0)
    probe: Optional[NFProbeOverride] = Field(default=None, description="Health endpoint, merged by field.")
    config_path: Optional[str] = Field(default=None, description="ConfigMap mount path.")
    data_path: Optional[str] = Field(default=None, description="Storage mount path.")


class PerformanceProfile(_Model):
    guaranteed_qos: bool = Field(
        description="Guaranteed QoS for every NF of the class: requests == limits, whole CPUs (exclusive cores under the "
        "static CPU manager policy)."
    )
    hugepages: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Per NF type, hugepages given to each replica when the PR names none, e.g. "
        "`{O-DU: {hugepages-1Gi: 2Gi}}`.",
    )
    node_selector: dict[str, str] = Field(
        default_factory=dict, description="Node labels the class's pods must land on (e.g. real-time kernel nodes)."
    )


class PerformanceProfileOverride(_Model):
    guaranteed_qos: Optional[bool] = Field(default=None, description="Guaranteed QoS for every NF of the class.")
    hugepages: Optional[dict[str, dict[str, str]]] = Field(default=None, description="Per NF type default hugepages.")
    node_selector: Optional[dict[str, str]] = Field(default=None, description="Node labels for the class's pods.")


# Nephio workload.nephio.org/v1alpha1 NFDeployment (the fields this function writes).


class IPv4(_Model):
    address: str = Field(description="Address with prefix length (CIDR), e.g. `192.168.100.2/24`.")
    gateway: Optional[str] = Field(default=None, description="Gateway address.")


class NFDeploymentInterface(_Model):
    name: str = Field(description="Interface name.")
    ipv4: Optional[IPv4] = Field(default=None, description="IPv4 address and gateway.")
    ipv6: Optional[IPv4] = Field(default=None, description="IPv6 address and gateway.")
    vlan_i_d: Optional[int] = Field(default=None, alias="vlanID", description="VLAN id.", ge=0, le=4095)


class ObjectRef(_Model):
    api_version: str = Field(description="apiVersion of the referenced object.")
    kind: str = Field(description="kind of the referenced object.")
    name: str = Field(description="name of the referenced object.")


class NFDeploymentSpec(_Model):
    provider: str = Field(description="Operator that runs the NF, e.g. `du.openairinterface.org`.")
    interfaces: list[NFDeploymentInterface] = Field(default_factory=list, description="The NF's attachments.")
    parameters_refs: list[ObjectRef] = Field(default_factory=list, description="Objects holding the NF's configuration.")


class Metadata(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    namespace: Optional[str] = None


class NFDeployment(_Model):
    api_version: Literal["workload.nephio.org/v1alpha1"] = Field(description="API version.")
    kind: Literal["NFDeployment"] = Field(description="Kind.")
    metadata: Metadata
    spec: NFDeploymentSpec
