"""Each image's CycloneDX SBOM lists exactly what the image has installed, at the locked versions."""

from __future__ import annotations

import json
import re

import pytest

from tests.images.conftest import (
    ROOT,
    can_write_sboms,
    console_scripts,
    needs_podman,
    podman,
)

pytestmark = [
    needs_podman,
    pytest.mark.skipif(not can_write_sboms(), reason="cyclonedx-bom is not installed (pip install cyclonedx-bom)"),
]
SCRIPTS = sorted(console_scripts())


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed(image: str) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json\n"
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    )
    done = podman(
        "run", "--rm", "--network", "none", "--entrypoint", "/opt/fn/bin/python", image, "-c", code, text=True
    )
    assert done.returncode == 0, done.stderr
    return {normalise(name): version for name, version in json.loads(done.stdout).items()}


def locked() -> dict[str, str]:
    pins = re.findall(
        r"(?m)^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)", (ROOT / "requirements" / "image.txt").read_text()
    )
    return {normalise(name): version for name, version in pins}


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_sbom_lists_every_distribution_in_the_image(script, images, sbom_dir):
    bom = json.loads((sbom_dir / f"{script}.cdx.json").read_text())
    listed = {normalise(c["name"]): c["version"] for c in bom["components"]}
    assert listed == installed(images[script])
    assert {name: listed[name] for name in locked()} == locked()
    assert all(c["purl"] == f"pkg:pypi/{c['name']}@{c['version']}" for c in bom["components"])


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_sbom_describes_the_image_and_is_valid_cyclonedx(script, images, sbom_dir):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = (sbom_dir / f"{script}.cdx.json").read_text()
    bom = json.loads(text)
    assert (bom["bomFormat"], bom["specVersion"]) == ("CycloneDX", "1.6")
    name, tag = images[script].rsplit(":", 1)
    component = bom["metadata"]["component"]
    assert (component["type"], component["name"], component["version"]) == ("container", name, tag)
    [root] = [d for d in bom["dependencies"] if d["ref"] == component["bom-ref"]]
    assert sorted(root["dependsOn"]) == sorted(c["bom-ref"] for c in bom["components"])
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
