"""PATCH bodies: JSON Merge Patch (RFC 7386) and JSON Patch (RFC 6902).

`application/merge-patch+json` (and plain `application/json`, as TMF921 allows) merges; a
`null` removes an attribute.  `application/json-patch+json` is a list of operations, applied with
the `jsonpatch` library; a failed `test` operation is a 409, any other patch that cannot apply a 400.
TMF's `application/json-patch-query+json` (paths with queries) is not supported: 415.
"""

from __future__ import annotations

import copy
from typing import Any

from .errors import ApiError

MERGE = ("application/merge-patch+json", "application/json")
JSON_PATCH = "application/json-patch+json"
JSON_PATCH_QUERY = "application/json-patch-query+json"
SUPPORTED = (*MERGE, JSON_PATCH)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: the patch's members replace the target's; null removes; a non-object replaces all."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def apply(content_type: str, document: dict[str, Any], body: Any) -> Any:
    media = content_type.split(";", 1)[0].strip().lower()
    if media in MERGE:
        if not isinstance(body, dict):
            raise ApiError(400, "a merge patch of a resource must be a JSON object")
        return merge_patch(document, body)
    if media == JSON_PATCH:
        return _json_patch(document, body)
    if media == JSON_PATCH_QUERY:
        raise ApiError(415, f"{JSON_PATCH_QUERY} is not supported; send {JSON_PATCH} or application/merge-patch+json")
    raise ApiError(415, f"PATCH takes {', '.join(SUPPORTED)}, not {media or 'a body without Content-Type'}")


def _json_patch(document: dict[str, Any], body: Any) -> Any:
    import jsonpatch
    import jsonpointer

    if not isinstance(body, list):
        raise ApiError(400, "a JSON Patch is a list of operations, e.g. [{\"op\": \"replace\", \"path\": \"/description\", \"value\": \"...\"}]")
    try:
        return jsonpatch.JsonPatch(body).apply(copy.deepcopy(document))
    except jsonpatch.JsonPatchTestFailed as failed:
        raise ApiError(409, f"JSON Patch test failed: {failed}") from None
    except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException, TypeError, KeyError, ValueError, AttributeError) as bad:
        raise ApiError(400, f"the JSON Patch cannot be applied: {bad}") from None
