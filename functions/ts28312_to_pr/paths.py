"""Where the generated objects are written in the package."""

from __future__ import annotations

from oran_intent_krm.sdk import layout


# All three are for the management cluster: the request asks the O-Cloud for a cluster,
# the gate and the job watch what runs there.
def provisioning_request_path(name: str) -> str:
    return layout.management("o2ims", f"{name}.yaml")


def slo_gate_path(name: str) -> str:
    return layout.management("assurance", f"{name}.slogate.yaml")


def measurement_job_path(name: str) -> str:
    return layout.management("assurance", f"{name}.measurementjob.yaml")
