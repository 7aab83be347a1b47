"""Where a rendered package keeps what it generates: one folder per destination.

A GitOps tool syncs a folder (Config Sync's RootSync `git.dir`, an Argo CD directory
app with `recurse: true`, a Flux Kustomization's `path`), so every destination gets a
folder that holds its resources and nothing else:

    generated/management/            what the management cluster applies
    generated/clusters/<cluster>/    what one workload cluster applies
    generated/records/               local-config records, never applied

Inputs, inventories, the Kptfile and the package context stay where the user put
them, outside these folders, and are local-config.
"""

from __future__ import annotations

GENERATED = "generated"
MANAGEMENT = f"{GENERATED}/management"
CLUSTERS = f"{GENERATED}/clusters"
RECORDS = f"{GENERATED}/records"


def management(*parts: str) -> str:
    """A path in the management cluster's folder."""
    return "/".join((MANAGEMENT, *parts))


def cluster(name: str, *parts: str) -> str:
    """A path in the folder of the workload cluster `name`."""
    return "/".join((CLUSTERS, name, *parts))


def records(*parts: str) -> str:
    """A path in the folder of local-config records."""
    return "/".join((RECORDS, *parts))
