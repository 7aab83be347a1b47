"""Translation rules shared by every input form: verbs, objects, clusters, priority, state."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import replace
from typing import Any, Mapping

from oran_intent_krm.models.terms import CONDITIONS
from oran_intent_krm.sdk import units
from oran_intent_krm.sdk.yaml_io import plain_data

from . import constraints, vocabulary
from .model import DELIVER, ENSURE, ContextValue, Problems, Requirement

VERBS = {
    "deliver": DELIVER,
    "deploy": DELIVER,
    "provision": DELIVER,
    "instantiate": DELIVER,
    "install": DELIVER,
    "ensure": ENSURE,
    "maintain": ENSURE,
    "assure": ENSURE,
    "guarantee": ENSURE,
    "scale": "SCALE",
    "scale-out": "SCALE_OUT",
    "scale-in": "SCALE_IN",
}
ACCEPTED_VERBS = ", ".join(VERBS)
SCALING = ("SCALE", "SCALE_OUT", "SCALE_IN")


_CLUSTER = re.compile(r"^[a-z0-9*?\[\]]([-a-z0-9.*?\[\]]*[a-z0-9*?\]])?$")
_CONSTRAINT_HINT = re.compile(r"[<>=≤≥≠!]|\bbetween\b|(?:^|\s)\.?\d")


def verb(text: Any) -> str | None:
    """DELIVER, ENSURE or a scaling action for a TMF verb; None if unknown."""
    if not isinstance(text, str):
        return None
    return VERBS.get(text.strip().lower().replace("_", "-").replace(" ", "-"))


def looks_like_constraint(text: str) -> bool:
    """An expectation object that is a constraint (`latency<10ms`) rather than a name (`o-ran-du`)."""
    return bool(_CONSTRAINT_HINT.search(text))


def is_network_function(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in patterns)


def valid_cluster(name: str) -> bool:
    return len(name) <= 253 and bool(_CLUSTER.match(name))


def is_label(name: str, labels: list[str]) -> bool:
    return name.strip().lower() in {label.lower() for label in labels}


def is_metric(name: str) -> bool:
    return vocabulary.lookup(name) is not None or vocabulary.standard_target(name) is not None


def requirement(text: str, path: str, problems: Problems, *, name: str | None = None) -> Requirement | None:
    """A constraint from `latency<10ms`, or from `<1ms` with the metric name given."""
    try:
        parsed = constraints.parse(str(text), named=name is None)
    except constraints.ConstraintError as exc:
        expected = units.accepted() if "unknown unit" in str(exc) else constraints.GRAMMAR
        problems.error(f"unparseable constraint: {exc}", path, current=str(text), expected=expected)
        return None
    if name is not None:
        parsed = replace(parsed, name=name)
    return Requirement(parsed, path)


def context(attribute: str, value: Any, path: str, problems: Problems, condition: Any = None) -> Requirement | ContextValue | None:
    """An expectationContext: a performance requirement if it names a metric or reads as one, else a plain context."""
    if condition is not None and condition not in CONDITIONS:
        problems.error("unknown contextCondition", f"{path}.contextCondition", current=condition, expected=f"one of {', '.join(CONDITIONS)}")
        return None
    text = plain_text(value)
    if is_metric(attribute):
        if condition is not None:
            return _conditioned(attribute, condition, value, path, problems)
        return requirement(text, path, problems, name=attribute)
    if isinstance(value, str) and _reads_as_requirement(text):
        return requirement(text, path, problems, name=attribute)
    return ContextValue(attribute, condition or "IS_EQUAL_TO", plain_value(value), path)


def _reads_as_requirement(text: str) -> bool:
    try:
        parsed = constraints.parse(text, named=False)
    except constraints.ConstraintError:
        return bool(re.match(r"^\s*(?:[<>=≤≥≠!]|between\b|not\s+between\b)", text))
    return parsed.condition is not None or parsed.dimension is not None


def _conditioned(attribute, condition, value, path, problems) -> Requirement | None:
    values = value if isinstance(value, list) else [value]
    try:
        amounts = [constraints.parse_quantity(plain_text(v)) for v in values]
        parsed = constraints.from_quantity(attribute, condition, amounts, f"{condition} {plain_text(value)}")
    except constraints.ConstraintError as exc:
        problems.error(f"unparseable constraint: {exc}", path, current=plain_text(value), expected="a number with a unit, such as 10ms")
        return None
    return Requirement(parsed, path)


PRIORITY_WORDS = {"critical": 100, "highest": 100, "high": 80, "medium": 50, "normal": 50, "low": 20, "lowest": 1}


def intent_priority(value: Any, path: str, problems: Problems) -> int | None:
    """TMF921 `priority` (a string; 0 is the most important, as in other TMF APIs) to 1..100 (100 the most)."""
    if value is None:
        return None
    text = plain_text(value).strip().lower()
    if text in PRIORITY_WORDS:
        return PRIORITY_WORDS[text]
    if re.fullmatch(r"\d+", text):
        return max(1, 100 - 10 * int(text))
    problems.warning(
        "priority is not a number or a known word; the configured default priority is used",
        path,
        current=plain_text(value),
        expected="a non-negative integer as a string (0 is the highest) or one of " + ", ".join(PRIORITY_WORDS),
    )
    return None


_INACTIVE = {"suspended", "inactive", "disabled", "deactivated", "onhold", "paused", "terminated", "cancelled", "canceled", "retired"}


def admin_state(lifecycle_status: Any) -> str | None:
    """TMF921 `lifecycleStatus` (free text) to intentAdminState; None when absent."""
    if lifecycle_status is None:
        return None
    key = re.sub(r"[^a-z]", "", plain_text(lifecycle_status).lower())
    return "DEACTIVATED" if key in _INACTIVE else "ACTIVATED"


def time_window(value: Any, path: str, problems: Problems) -> dict[str, str] | None:
    """TMF `validFor` {startDateTime, endDateTime} to a TS 28.623 TimeWindow {startTime, endTime}."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.error("validFor must be an object", path, current=plain_text(value), expected="{startDateTime, endDateTime}")
        return None
    window = {}
    for source, target in (("startDateTime", "startTime"), ("endDateTime", "endTime")):
        if value.get(source) is not None:
            window[target] = plain_text(value[source])
    if not window:
        problems.warning("validFor has neither startDateTime nor endDateTime; ignored", path, current=plain_value(value))
        return None
    return window


def plain_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(plain_data(value))


# A YAML value as plain JSON data (ruamel's mappings, lists and timestamps included).
plain_value = plain_data
