"""Structured results, as the KRM function specification defines them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from . import resource

ERROR, WARNING, INFO = "error", "warning", "info"
_UNSET = object()


@dataclass
class Result:
    message: str
    severity: str = ERROR
    resource_ref: dict[str, str] | None = None
    field_path: str | None = None
    current_value: Any = _UNSET
    proposed_value: Any = _UNSET
    file_path: str | None = None
    file_index: int = 0
    tags: dict[str, str] = field(default_factory=dict)

    def to_krm(self) -> dict[str, Any]:
        out: dict[str, Any] = {"message": self.message, "severity": self.severity}
        if self.resource_ref:
            out["resourceRef"] = dict(self.resource_ref)
        if self.field_path:
            fld: dict[str, Any] = {"path": self.field_path}
            if self.current_value is not _UNSET:
                fld["currentValue"] = _plain(self.current_value)
            if self.proposed_value is not _UNSET:
                fld["proposedValue"] = _plain(self.proposed_value)
            out["field"] = fld
        if self.file_path:
            out["file"] = {"path": self.file_path, "index": self.file_index}
        if self.tags:
            out["tags"] = {str(k): str(v) for k, v in sorted(self.tags.items())}
        return out


def _plain(value: Any) -> Any:
    """kpt stores field values as strings; keep scalars, stringify the rest stably."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    from .yaml_io import canonical_json

    return canonical_json(value)


class Results(list):
    """The results of one run; exit code 1 if and only if one of them is an error."""

    def add(
        self,
        message: str,
        severity: str = ERROR,
        obj: Mapping[str, Any] | None = None,
        path: str | None = None,
        current: Any = _UNSET,
        expected: Any = _UNSET,
        tags: Mapping[str, str] | None = None,
    ) -> Result:
        result = Result(
            message=message,
            severity=severity,
            resource_ref=resource.ref(obj) if obj is not None else None,
            field_path=path if obj is not None else None,
            current_value=current,
            proposed_value=expected,
            file_path=(resource.file_path(obj) or None) if obj is not None else None,
            file_index=resource.file_index(obj) if obj is not None else 0,
            tags=dict(tags or {}),
        )
        self.append(result)
        return result

    def error(self, message: str, obj=None, path=None, current=_UNSET, expected=_UNSET, tags=None) -> Result:
        return self.add(message, ERROR, obj, path, current, expected, tags)

    def warning(self, message: str, obj=None, path=None, current=_UNSET, expected=_UNSET, tags=None) -> Result:
        return self.add(message, WARNING, obj, path, current, expected, tags)

    def info(self, message: str, obj=None, path=None, current=_UNSET, expected=_UNSET, tags=None) -> Result:
        return self.add(message, INFO, obj, path, current, expected, tags)

    @property
    def has_errors(self) -> bool:
        return any(r.severity == ERROR for r in self)

    @property
    def error_count(self) -> int:
        """How many errors so far: compared before and after a step, it tells whether the step failed."""
        return sum(1 for r in self if r.severity == ERROR)

    def exit_code(self) -> int:
        return 1 if self.has_errors else 0
