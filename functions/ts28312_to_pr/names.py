"""Deterministic DNS-1123 label names and output paths."""

from __future__ import annotations

import hashlib
import re

from oran_intent_krm.sdk import layout

MAX_LABEL = 63
_INVALID = re.compile(r"[^a-z0-9-]+")


def dns_label(*parts: str) -> str:
    """`<part>-<part>...` as a DNS-1123 label; over 63 characters it is cut and suffixed with a hash of the whole."""
    raw = "-".join(parts)
    label = _INVALID.sub("-", raw.lower()).strip("-") or "x"
    if len(label) <= MAX_LABEL:
        return label
    suffix = hashlib.sha256(raw.encode()).hexdigest()[:8]
    return label[: MAX_LABEL - len(suffix) - 1].rstrip("-") + "-" + suffix


# All three are for the management cluster: the request asks the O-Cloud for a cluster,
# the gate and the job watch what runs there.
def provisioning_request_path(name: str) -> str:
    return layout.management("o2ims", f"{name}.yaml")


def slo_gate_path(name: str) -> str:
    return layout.management("assurance", f"{name}.slogate.yaml")


def measurement_job_path(name: str) -> str:
    return layout.management("assurance", f"{name}.measurementjob.yaml")
