"""What every model shares: closed and open objects, ObjectMeta and object references."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """An object whose unknown fields are errors: a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Open(BaseModel):
    """An object that keeps fields it does not know (Kubernetes metadata, others' status)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ObjectMeta(Open):
    name: str = Field(min_length=1, max_length=253)
    namespace: Optional[str] = None
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)


class ObjectRef(Strict):
    apiVersion: str
    kind: str
    name: str
    namespace: Optional[str] = None
