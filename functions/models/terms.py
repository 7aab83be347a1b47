"""The standards' names and enumerations, for code on the render path.

Plain constants, no pydantic: the models use them for their types and the
functions for their checks, so both spell every value the same way.
"""

from __future__ import annotations

# 3GPP TS 28.312 (Rel-18).  The guide's `intent.3gpp.org/v28.312` is not a legal
# Kubernetes version: it is read, never written.
TS28312_GROUP = "intent.3gpp.org"
TS28312_API_VERSION = f"{TS28312_GROUP}/v1alpha1"
TS28312_GUIDE_API_VERSION = f"{TS28312_GROUP}/v28.312"
TS28312_API_VERSIONS = (TS28312_API_VERSION, TS28312_GUIDE_API_VERSION)

# TS 28.312 `Condition`, in the standard's order.
CONDITIONS = (
    "IS_EQUAL_TO",
    "IS_LESS_THAN",
    "IS_GREATER_THAN",
    "IS_WITHIN_RANGE",
    "IS_OUTSIDE_RANGE",
    "IS_ONE_OF",
    "IS_NOT_ONE_OF",
    "IS_EQUAL_TO_OR_LESS_THAN",
    "IS_EQUAL_TO_OR_GREATER_THAN",
    "IS_ALL_OF",
)


# TS 28.312 Rel-18 ExpectationObject.objectType, as the 18.5.0 generic model spells it.
RAN_SUBNETWORK = "RAN_SUBNETWORK"
EDGE_SERVICE_SUPPORT = "EDGE_SERVICE_SUPPORT"
CORE_SUBNETWORK = "5GC_SUBNETWORK"
RADIO_SERVICE = "Radio_Service"
OBJECT_TYPES = (RAN_SUBNETWORK, EDGE_SERVICE_SUPPORT, CORE_SUBNETWORK, RADIO_SERVICE)
# The other spellings of the same values in Rel-18 (the scenario-specific file, 18.2.0, the Rel-19 drafts): read, never written.
OBJECT_TYPE_SPELLINGS = {
    "RAN_SubNetwork": RAN_SUBNETWORK,
    "EdgeService_Support": EDGE_SERVICE_SUPPORT,
    "Edge_Service_Support": EDGE_SERVICE_SUPPORT,
    "5GC_SubNetwork": CORE_SUBNETWORK,
    "RADIO_SERVICE": RADIO_SERVICE,
    **{spelling: spelling for spelling in OBJECT_TYPES},
}

# The standard targets of TS28312_IntentExpectations.yaml (18.4.0): name -> (the object types whose
# expectation model defines it, the unit its value is in, or None where the model states none).
# The throughput targets' value is a TS 28.541 XLThpt {guaThpt, maxThpt} in kbps; the others' a number.
STANDARD_TARGETS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "DlLatency": ((RADIO_SERVICE, EDGE_SERVICE_SUPPORT), "ms"),
    "UlLatency": ((RADIO_SERVICE, EDGE_SERVICE_SUPPORT), "ms"),
    "DlThptPerUE": ((RADIO_SERVICE, EDGE_SERVICE_SUPPORT), "kbps"),
    "UlThptPerUE": ((RADIO_SERVICE, EDGE_SERVICE_SUPPORT), "kbps"),
    "WeakRSRPRatio": ((RAN_SUBNETWORK,), "%"),
    "LowSINRRatio": ((RAN_SUBNETWORK,), "%"),
    "AveULRANUEThpt": ((RAN_SUBNETWORK,), None),
    "AveDLRANUEThpt": ((RAN_SUBNETWORK,), None),
    "LowULRANUEThptRatio": ((RAN_SUBNETWORK,), "%"),
    "LowDLRANUEThptRatio": ((RAN_SUBNETWORK,), "%"),
    "HighULPrbLoadRatio": ((RAN_SUBNETWORK,), "%"),
    "HighDLPrbLoadRatio": ((RAN_SUBNETWORK,), "%"),
    "AveULPrbLoad": ((RAN_SUBNETWORK,), "%"),
    "AveDLPrbLoad": ((RAN_SUBNETWORK,), "%"),
    "RANEnergyConsumption": ((RAN_SUBNETWORK,), None),
    "RANEnergyEfficiency": ((RAN_SUBNETWORK,), None),
    "maxNumberofUEs": ((EDGE_SERVICE_SUPPORT,), None),
    "activityFactor": ((EDGE_SERVICE_SUPPORT,), "%"),
    "uESpeed": ((EDGE_SERVICE_SUPPORT,), None),
    "MaxNumberofPDUsessions": ((CORE_SUBNETWORK,), None),
    "MaxNumberofRegisteredsubscribers": ((CORE_SUBNETWORK,), None),
    "IncomingData": ((CORE_SUBNETWORK,), None),
    "OutgoingData": ((CORE_SUBNETWORK,), None),
}
XLTHPT_TARGETS = ("DlThptPerUE", "UlThptPerUE")
# Targets outside TS 28.312 (generic ExpectationTargets) belong to the service the SLOs are about.
VENDOR_TARGET_OBJECT_TYPE = RADIO_SERVICE

# Every kind the pipeline reads or writes, by API group, with the versions it accepts (None: any).
# A resource one or two edits away from one of these (`Intnet`, `tmf921.intent.tmforum.rog`) is
# an error, never a foreign resource: see the SDK's inputs.near_miss.
PIPELINE_KINDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "tmf921.intent.tmforum.org": {"Intent": None},
    TS28312_GROUP: {"Intent": ("v1alpha1", "v28.312"), "IntentReport": ("v1alpha1",)},
    "o2ims.provisioning.oran.org": {"ProvisioningRequest": ("v1alpha1",)},
    "gate.slo.nephio.org": {"SLOGate": ("v1alpha1",), "SLOGateRecord": ("v1alpha1",)},
    "measurement.o2ims.org": {"MeasurementJob": ("v1alpha1",), "MeasurementReport": ("v1alpha1",)},
    "infra.nephio.org": {"WorkloadCluster": ("v1alpha1",)},
    "fn.oran-intent.io": {
        "SiteNetworkPlan": ("v1alpha1",),
        "IntentTo28312Config": ("v1alpha1",),
        "ProvisioningPlanConfig": ("v1alpha1",),
        "PrToWorkloadsConfig": ("v1alpha1",),
        "SloGateValidatorConfig": ("v1alpha1",),
    },
}
