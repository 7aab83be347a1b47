"""Deterministic DNS-1123 label names and output paths."""

from __future__ import annotations

import hashlib
import re

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


def provisioning_request_path(name: str) -> str:
    return f"generated/o2ims/{name}.yaml"


def slo_gate_path(name: str) -> str:
    return f"generated/assurance/{name}.slogate.yaml"


def measurement_job_path(name: str) -> str:
    return f"generated/assurance/{name}.measurementjob.yaml"
