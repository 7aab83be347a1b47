"""`intent-gateway --render image`: the function images, run by kpt in podman, render what the gateway
commits, and rendering the committed package with the console scripts changes nothing."""

from __future__ import annotations

from tests import kpt
from tests.gateway.server import Server, krm_intent
from tests.images.conftest import needs_podman, podman_env

pytestmark = needs_podman


def test_the_gateway_renders_with_the_images_what_the_exec_functions_render(images, tmp_path):
    env = {key: value for key, value in podman_env().items() if key in ("CONTAINERS_CONF",)}
    server = Server(tmp_path / "repo", ["--render", "image"], {**env, "KPT_FN_RUNTIME": "podman"}).start()
    try:
        with server.client() as client:
            answer = client.post("/intent-gateway/v1/intents", json=krm_intent("through-images", objects=("o-ran-cu", "o-ran-du")))
        assert answer.status_code == 201, answer.text
    finally:
        server.stop()
    kinds = {(r["kind"], r["metadata"]["name"]) for r in server.resources("through-images")}
    assert {("ProvisioningRequest", "through-images-edge-cluster-us-west-1"), ("StatefulSet", "du")} <= kinds
    work = tmp_path / "work"
    kpt.git(tmp_path, "clone", "-q", str(server.repo), str(work))
    package = work / "intents" / "through-images"
    before = kpt.tree_digest(package)
    assert kpt.render(package).exit_code == 0
    assert kpt.tree_digest(package) == before, "the images and the console scripts render the package alike"
