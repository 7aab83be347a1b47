"""What every TMF921 form is read into before it is translated.

The readers (the guide's KRM form, JSON-LD, Turtle) each produce a `SourceIntent`;
the translator never sees which form it came from.  Every piece keeps the
field path it was read from, so problems point at the user's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .constraints import Constraint

DELIVER, ENSURE = "DELIVER", "ENSURE"


@dataclass(frozen=True)
class Located:
    value: Any
    path: str


@dataclass(frozen=True)
class Requirement:
    """A constraint on a metric, as found in the source."""

    constraint: Constraint
    path: str


@dataclass(frozen=True)
class ContextValue:
    """A context the source gives that is neither a cluster nor a performance target."""

    attribute: str
    condition: str
    value: Any
    path: str


@dataclass
class SourceExpectation:
    path: str
    scaling: str | None = None  # SCALE, SCALE_OUT or SCALE_IN when the user asked to scale
    network_functions: list[Located] = field(default_factory=list)
    deliveries: list[Located] = field(default_factory=list)  # delivered things that are not network functions
    clusters: list[Located] = field(default_factory=list)  # names or globs
    labels: list[Located] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    contexts: list[ContextValue] = field(default_factory=list)
    delivers: bool = False  # a deliver verb or a delivery expectation, even with nothing named yet

    @property
    def has_delivery(self) -> bool:
        return bool(self.network_functions or self.deliveries or self.delivers)


@dataclass
class SourceIntent:
    name: str
    namespace: str
    user_label: str
    form: str  # krm, jsonld or turtle: for messages
    priority: int | None = None
    admin_state: str | None = None
    valid_for: dict[str, str] | None = None
    observation_period: int | None = None
    reporting_events: list[str] = field(default_factory=list)
    expectations: list[SourceExpectation] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    severity: str  # error, warning or info
    message: str
    path: str
    current: Any = None
    expected: Any = None


class Problems(list):
    """Problems found while reading or translating one source."""

    def error(self, message: str, path: str, current: Any = None, expected: Any = None) -> None:
        self.append(Problem("error", message, path, current, expected))

    def warning(self, message: str, path: str, current: Any = None, expected: Any = None) -> None:
        self.append(Problem("warning", message, path, current, expected))

    def info(self, message: str, path: str, current: Any = None, expected: Any = None) -> None:
        self.append(Problem("info", message, path, current, expected))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self)
