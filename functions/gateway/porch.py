"""A Porch PackageVariant per intent, so Porch can own the same flow where it runs (`--porch-variants`).

Register the gateway's repository with Porch as a Repository named `intent-gateway` (its
`git.directory: intents`, branch `main`): each intent package is then a Porch package.  The
variant written to `porch/<name>.yaml` clones it into the management repository (downstream
`management/<name>`), where Porch renders it with the same pipeline, holds it on its readiness
gates (the SLO gates) and Nephio's approval controller publishes it (`approval.nephio.org/policy:
initial`).  Porch cannot run here; the variants are checked against Porch's CRD schema.
"""

from __future__ import annotations

from typing import Any

from . import krm

API_VERSION = "config.porch.kpt.dev/v1alpha1"


def package_variant_object(name: str, settings: Any) -> dict[str, Any]:
    return {
        "apiVersion": API_VERSION,
        "kind": "PackageVariant",
        "metadata": {
            "name": f"intent-{name}",
            "namespace": settings.porch_namespace,
            "labels": {"app.kubernetes.io/managed-by": "intent-gateway", "intent-gateway.oran-intent.io/intent": name},
        },
        "spec": {
            "upstream": {"repo": settings.porch_upstream_repo, "package": name, "workspaceName": "main"},
            "downstream": {"repo": settings.porch_downstream_repo, "package": name},
            "annotations": {"approval.nephio.org/policy": "initial"},
            "adoptionPolicy": "adoptExisting",
            "deletionPolicy": "delete",
        },
    }


def package_variant(name: str, settings: Any) -> str:
    header = (
        f"# Porch clones intent {name}'s package from the intent gateway's repository into the management\n"
        "# repository, renders it and holds it on its SLO readiness gates (functions/gateway/README.md).\n"
    )
    return header + krm.dump(package_variant_object(name, settings))
