"""Names are deterministic DNS-1123 labels; long ones are cut and keep a hash of the whole."""

import re

from oran_intent_krm.ts28312_to_pr import names

LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def test_intent_and_cluster_make_the_name():
    assert names.dns_label("deploy-edge-ran", "edge-cluster-us-west-1") == "deploy-edge-ran-edge-cluster-us-west-1"


def test_invalid_characters_become_dashes():
    assert names.dns_label("Deploy_Edge.RAN", "Edge Cluster") == "deploy-edge-ran-edge-cluster"


def test_long_names_are_truncated_with_a_hash_of_the_full_name():
    first = names.dns_label("a" * 40, "edge-cluster-us-west-1")
    second = names.dns_label("a" * 40, "edge-cluster-us-west-2")
    assert len(first) == 63 and len(second) == 63
    assert LABEL.match(first) and LABEL.match(second)
    assert first != second
    assert first == names.dns_label("a" * 40, "edge-cluster-us-west-1")


def test_output_paths():
    assert names.provisioning_request_path("x") == "generated/management/o2ims/x.yaml"
    assert names.slo_gate_path("x") == "generated/management/assurance/x.slogate.yaml"
    assert names.measurement_job_path("x") == "generated/management/assurance/x.measurementjob.yaml"
