"""Where 28312-to-pr writes what it generates: the management cluster's folder."""

from oran_intent_krm.ts28312_to_pr import paths


def test_output_paths():
    assert paths.provisioning_request_path("x") == "generated/management/o2ims/x.yaml"
    assert paths.slo_gate_path("x") == "generated/management/assurance/x.slogate.yaml"
    assert paths.measurement_job_path("x") == "generated/management/assurance/x.measurementjob.yaml"
