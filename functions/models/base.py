"""What every model shares: closed and open objects, ObjectMeta and object references."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """An object whose unknown fields are errors: a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Open(BaseModel):
    """An object that keeps fields it does not know (what a controller writes in a status)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ObjectMeta(Strict):
    """Kubernetes ObjectMeta, every field of it: a misspelt `lables` is an error, not lost labels.

    `labels` and `annotations` are where anyone may add what they like (the Kubernetes way
    to extend an object); kpt adds its own annotations there too.
    """

    name: str = Field(min_length=1, max_length=253)
    generateName: Optional[str] = None
    namespace: Optional[str] = None
    selfLink: Optional[str] = None
    uid: Optional[str] = None
    resourceVersion: Optional[str] = None
    generation: Optional[int] = None
    creationTimestamp: Optional[str] = None
    deletionTimestamp: Optional[str] = None
    deletionGracePeriodSeconds: Optional[int] = None
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    ownerReferences: Optional[list[dict[str, Any]]] = None
    finalizers: Optional[list[str]] = None
    managedFields: Optional[list[dict[str, Any]]] = None


class ObjectRef(Strict):
    apiVersion: str
    kind: str
    name: str
    namespace: Optional[str] = None


class Condition(Strict):
    """A Kubernetes condition (metav1.Condition without its required timestamps: renders have no clock)."""

    type: str
    status: Literal["True", "False", "Unknown"]
    reason: Optional[str] = None
    message: Optional[str] = None
    lastTransitionTime: Optional[str] = None
    observedGeneration: Optional[int] = None
