"""28312-to-pr: TS 28.312 Intents -> O2 IMS ProvisioningRequests, SLOGates and MeasurementJobs."""

from __future__ import annotations

from oran_intent_krm import __version__
from oran_intent_krm.models import schemas
from oran_intent_krm.models.terms import PIPELINE_KINDS
from oran_intent_krm.sdk import ConfigSpec, Function, schema_beside

from . import CONFIG_KIND
from .transform import transform

USAGE = """
Reads TS 28.312 Intents (intent.3gpp.org/v1alpha1, or the guide's v28.312), Nephio WorkloadClusters
(infra.nephio.org/v1alpha1) and SiteNetworkPlans (fn.oran-intent.io/v1alpha1) from the package, and writes,
in the management cluster's folder:
  generated/management/o2ims/<intent>-<cluster>.yaml                     ProvisioningRequest (o2ims.provisioning.oran.org/v1alpha1)
  generated/management/assurance/<intent>-<cluster>.slogate.yaml         SLOGate (gate.slo.nephio.org/v1alpha1)
  generated/management/assurance/<intent>-<cluster>.measurementjob.yaml  MeasurementJob (measurement.o2ims.org/v1alpha1)
The assurance plan is written only for intents with ENSURE targets.
"""

EXAMPLE = """
kpt fn eval --exec 28312-to-pr --fn-config config.yaml .      # config.yaml: kind ProvisioningPlanConfig
"""



FUNCTION = Function(
    name="28312-to-pr",
    version=__version__,
    summary="TS 28.312 Intents to O2 IMS ProvisioningRequests, sized and validated, plus SLOGate and MeasurementJob",
    transform=transform,
    config=ConfigSpec(kind=CONFIG_KIND, load_schema=schema_beside(__file__)),
    usage=USAGE,
    example=EXAMPLE,
    reads=("intent.3gpp.org/Intent", "infra.nephio.org/WorkloadCluster", "fn.oran-intent.io/SiteNetworkPlan"),
    validates=schemas.loaders("intent.3gpp.org/Intent", "infra.nephio.org/WorkloadCluster", "fn.oran-intent.io/SiteNetworkPlan"),
    known_kinds=PIPELINE_KINDS,
    edits=(),
)


def main() -> None:
    raise SystemExit(FUNCTION.main())


if __name__ == "__main__":
    main()
