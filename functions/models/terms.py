"""The standards' names and enumerations, for code on the render path.

Plain constants, no pydantic: the models use them for their types and the
functions for their checks, so both spell every value the same way.
"""

from __future__ import annotations

# 3GPP TS 28.312 (Rel-18).  The seed's `intent.3gpp.org/v28.312` is not a legal
# Kubernetes version: it is read, never written.
TS28312_GROUP = "intent.3gpp.org"
TS28312_API_VERSION = f"{TS28312_GROUP}/v1alpha1"
TS28312_SEED_API_VERSION = f"{TS28312_GROUP}/v28.312"
TS28312_API_VERSIONS = (TS28312_API_VERSION, TS28312_SEED_API_VERSION)

# TS 28.312 `Condition`, in the standard's order.
CONDITIONS = (
    "IS_EQUAL_TO",
    "IS_LESS_THAN",
    "IS_GREATER_THAN",
    "IS_WITHIN_RANGE",
    "IS_OUTSIDE_RANGE",
    "IS_ONE_OF",
    "IS_NOT_ONE_OF",
    "IS_EQUAL_TO_OR_LESS_THAN",
    "IS_EQUAL_TO_OR_GREATER_THAN",
    "IS_ALL_OF",
)
