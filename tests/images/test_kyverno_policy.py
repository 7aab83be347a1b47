"""The Kyverno policy requires a signature and a signed SBOM on every function image the project ships."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

import yaml

from tests.images.conftest import ROOT, console_scripts, kptfile_images

POLICY = yaml.safe_load((ROOT / "deploy" / "kyverno" / "verify-function-images.yaml").read_text())


def verify_rules() -> list[dict]:
    return [entry for rule in POLICY["spec"]["rules"] for entry in rule.get("verifyImages", [])]


def covered(image: str) -> list[dict]:
    return [rule for rule in verify_rules() if any(fnmatchcase(image, p) for p in rule["imageReferences"])]


def makefile_registry() -> str:
    return re.search(r"(?m)^REGISTRY \?= (\S+)", (ROOT / "Makefile").read_text()).group(1)


def test_it_is_an_enforcing_kyverno_cluster_policy_on_pods():
    assert (POLICY["apiVersion"], POLICY["kind"]) == ("kyverno.io/v1", "ClusterPolicy")
    assert POLICY["spec"]["validationFailureAction"] == "Enforce"
    assert POLICY["spec"]["background"] is False
    for rule in POLICY["spec"]["rules"]:
        assert [r["resources"]["kinds"] for r in rule["match"]["any"]] == [["Pod"]]


def test_every_function_image_at_the_registry_and_in_every_kptfile_is_covered():
    images = {f"{makefile_registry()}/{script}:v0.1.0" for script in console_scripts()}
    images |= {image for image in kptfile_images(ROOT) if image.rsplit("/", 1)[-1].split(":")[0] in console_scripts()}
    assert images
    assert [image for image in sorted(images) if not covered(image)] == []
    assert not covered("ghcr.io/someone-else/intent-to-28312:v0.1.0")
    assert not covered(f"{makefile_registry()}/unrelated:v1")


def test_each_rule_demands_a_keyless_signature_and_a_signed_cyclonedx_attestation():
    for rule in verify_rules():
        assert rule["required"] is True and rule["verifyDigest"] is True
        entries = [e for attestor in rule["attestors"] for e in attestor["entries"]]
        assert entries and all(e["keyless"]["issuer"] and e["keyless"]["subject"] for e in entries)
        [sbom] = [a for a in rule["attestations"] if a["type"] == "https://cyclonedx.org/bom"]
        assert [e for attestor in sbom["attestors"] for e in attestor["entries"]] == entries
        assert sbom["conditions"]


def test_the_signer_is_the_release_workflow_of_the_repository_the_images_name_as_source():
    dockerfile = (ROOT / "Dockerfile").read_text()
    source = re.search(r'org\.opencontainers\.image\.source="([^"]+)"', dockerfile).group(1)
    for rule in verify_rules():
        for attestor in rule["attestors"]:
            for entry in attestor["entries"]:
                assert entry["keyless"]["subject"].startswith(source + "/.github/workflows/")
                assert entry["keyless"]["issuer"] == "https://token.actions.githubusercontent.com"
