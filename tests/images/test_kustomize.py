"""A function image runs under kustomize as a KRM container function.

kubectl's built-in kustomize runs container functions (declared in the
`config.kubernetes.io/function` annotation) with `docker run`; it does not offer
`--enable-exec`, so exec functions are not an option there.  A `docker` on PATH
that hands over to podman lets the real kustomize run the real image here.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.images.conftest import SAMPLE, needs_podman, podman_env

FUNCTION = """apiVersion: v1
kind: ConfigMap
metadata:
  name: translate-intents
  annotations:
    config.kubernetes.io/function: |
      container:
        image: {image}
"""


@needs_podman
@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (with its built-in kustomize) is not installed")
def test_intent_to_28312_runs_under_kustomize_as_a_container_function(images, tmp_path):
    shim = tmp_path / "bin" / "docker"
    shim.parent.mkdir()
    shim.write_text('#!/bin/sh\nexec podman "$@"\n')
    shim.chmod(0o755)
    build = tmp_path / "kustomization"
    build.mkdir()
    shutil.copy(SAMPLE / "intent.yaml", build / "intent.yaml")
    (build / "fn.yaml").write_text(FUNCTION.format(image=images["intent-to-28312"]))
    (build / "kustomization.yaml").write_text("resources:\n- intent.yaml\ntransformers:\n- fn.yaml\n")
    env = {**podman_env(), "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["kubectl", "kustomize", "--enable-alpha-plugins", str(build)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    docs = list(yaml.safe_load_all(done.stdout))
    [translated] = [d for d in docs if d["apiVersion"] == "intent.3gpp.org/v1alpha1"]
    assert translated["metadata"]["name"] == "deploy-edge-ran"
    assert {e["expectationVerb"] for e in translated["spec"]["intentExpectations"]} == {"DELIVER", "ENSURE"}
    assert translated["metadata"]["annotations"]["krm.oran-intent.io/source"] == "tmf921.intent.tmforum.org/v1/Intent/intent-system/deploy-edge-ran"
