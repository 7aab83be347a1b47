"""pr-to-workloads: O2 IMS ProvisioningRequests to the Kubernetes workloads of their O-RAN NFs."""

from __future__ import annotations

from oran_intent_krm import __version__
from oran_intent_krm.models import schemas
from oran_intent_krm.models.terms import PIPELINE_KINDS
from oran_intent_krm.sdk import ConfigSpec, Function, schema_beside

from . import CONFIG_KIND as KIND


def _transform(ctx):
    from .transform import transform

    return transform(ctx)


FUNCTION = Function(
    name="pr-to-workloads",
    version=__version__,
    summary="ProvisioningRequest -> Namespace, Deployments/StatefulSets, Services, Multus NADs, NetworkPolicies, "
    "PDBs, ConfigMaps (or Nephio NFDeployments) for O-RAN CU-CP, CU-UP, DU, RU",
    transform=_transform,
    config=ConfigSpec(KIND, schema_beside(__file__)),
    usage="Reads o2ims.provisioning.oran.org/v1alpha1 ProvisioningRequests (spec.templateParameters) and writes, per PR,\n"
    "everything that runs its networkFunctions on the target cluster, under <outputDir>/<cluster>/<namespace>/\n"
    "(outputDir generated/clusters: one folder per workload cluster, for its GitOps sync).",
    example="apiVersion: fn.oran-intent.io/v1alpha1\nkind: PrToWorkloadsConfig\noutput: both\nstorageMode: ephemeral",
    reads=("o2ims.provisioning.oran.org/ProvisioningRequest",),
    validates=schemas.loaders("o2ims.provisioning.oran.org/ProvisioningRequest"),
    known_kinds=PIPELINE_KINDS,
    edits=(),
)


def main():
    raise SystemExit(FUNCTION.main())


if __name__ == "__main__":
    main()
