"""functionConfig of 28312-to-pr (kind ProvisioningPlanConfig in fn.oran-intent.io/v1alpha1).

Maps (`networkFunctions`, `sizingProfiles`, `metrics`) are merged over the
catalogue shipped in defaults.py, field by field; lists replace their default.
The JSON schema next to this file is generated from this model and is what the
function loads at run time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Optional, Union

from oran_intent_krm.sdk import durations, units
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from . import CONFIG_KIND as KIND  # noqa: F401  (read by scripts/generate-crds)
from . import defaults

SCHEMA_PATH = Path(__file__).with_name("config.schema.json")

PerformanceClass = Literal["standard", "high-throughput", "urllc"]
NfType = Literal["O-CU-CP", "O-CU-UP", "O-DU", "O-RU"]
Operator = Literal["<", "<=", ">", ">=", "==", "!="]
Quantity = Union[str, int, float]


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class Profile(_Model):
    """Per-replica sizing of a component in one performance class; unset fields keep the shipped value."""

    replicas: Optional[int] = Field(None, ge=1, description="Replicas of the component.")
    cpu: Optional[Quantity] = Field(None, description="CPU per replica (Kubernetes quantity, e.g. 2000m or 2).")
    memory: Optional[Quantity] = Field(None, description="Memory per replica (e.g. 4Gi).")
    storage: Optional[Quantity] = Field(None, description="Storage per replica (e.g. 10Gi).")
    dedicated_cpu: Optional[bool] = Field(
        None, description="Whole, exclusive CPUs (Guaranteed QoS); cpu must then be a whole number of cores."
    )
    hugepages_1gi: Optional[Quantity] = Field(None, alias="hugepages-1Gi", description="1Gi hugepages per replica.")
    hugepages_2mi: Optional[Quantity] = Field(None, alias="hugepages-2Mi", description="2Mi hugepages per replica.")


class ComponentProfiles(_Model):
    """A deployable component: its O-RAN NF type and its profile per performance class."""

    nf_type: Optional[NfType] = Field(None, description="O-RAN NF type of the component (required for a new one).")
    classes: dict[PerformanceClass, Profile] = Field(
        default_factory=dict, description="Profile per performance class, merged over the shipped one."
    )


class ClassRule(_Model):
    """Upgrades the listed components to a class when an intent target on `metric` is strict enough."""

    class_: PerformanceClass = Field(alias="class", description="Performance class the rule selects.")
    metric: str = Field(description="Metric the intent target maps to (see metrics).")
    at_most: Optional[float] = Field(None, description="Matches an upper-bound target whose threshold is <= this.")
    at_least: Optional[float] = Field(None, description="Matches a lower-bound target whose threshold is >= this.")
    components: list[str] = Field(description="Components that get the class.")


class Metric(_Model):
    """How intent targets are measured; unset fields keep the shipped value."""

    unit: Optional[Literal[units.SYMBOLS]] = Field(None, description="Unit of the metric's values (docs/units.md).")  # type: ignore[valid-type]
    target_names: Optional[list[str]] = Field(
        None, description="Intent target names measured by the metric: exact names, or case-insensitive globs."
    )
    query: Optional[str] = Field(
        None,
        description="PromQL template; placeholders ${cluster}, ${window}, ${step}, ${rateWindow}, ${provisioningRequest}, ${intent}, "
        "${revision} (write $$ for a $ of the query's own).",
    )


class Objective(_Model):
    """An SLO every assurance plan gets unless the intent already targets its metric."""

    metric: str = Field(description="Metric name (see metrics).")
    operator: Operator = Field(description="Comparison the measured value must satisfy.")
    threshold: float = Field(description="Threshold, in the metric's unit.")


class Config(_Model):
    """Configuration of 28312-to-pr."""

    template_name: str = Field(
        "oran-ran-workloads", min_length=1, description="spec.templateName of every ProvisioningRequest."
    )
    template_version: str = Field("v0.1.0", min_length=1, description="spec.templateVersion of every ProvisioningRequest.")
    network_functions: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Intent NF identifier (case-insensitive) -> components; merged over the shipped map.",
    )
    sizing_profiles: dict[str, ComponentProfiles] = Field(
        default_factory=dict, description="Component -> nfType and per-class profiles; merged over the shipped ones."
    )
    performance_class_rules: list[ClassRule] = Field(
        default_factory=lambda: [ClassRule.model_validate(r) for r in defaults.CLASS_RULES],
        json_schema_extra={"default": defaults.CLASS_RULES},
        description="Class selection, first matching rule per component wins; replaces the shipped list.",
    )
    metrics: dict[str, Metric] = Field(
        default_factory=dict, description="Metric -> unit, target names and PromQL template; merged over the shipped ones."
    )
    default_objectives: list[Objective] = Field(
        default_factory=lambda: [Objective.model_validate(o) for o in defaults.DEFAULT_OBJECTIVES],
        json_schema_extra={"default": defaults.DEFAULT_OBJECTIVES},
        description="SLOs added to every assurance plan whose intent does not target the metric; [] adds none.",
    )
    measurement_window: str = Field("5m", pattern=durations.PATTERN, description="SLOGate measurementWindow (${window}).")
    evaluation_period: str = Field("30s", pattern=durations.PATTERN, description="SLOGate evaluationPeriod (${step}).")
    scrape_interval: str = Field(
        "15s",
        pattern=durations.PATTERN,
        description="Scrape interval of the measured pods: ${rateWindow} is four of it, and no rate() window in a query may be "
        "shorter than two.",
    )
    enforcement: Literal["block", "warn", "dryRun"] = Field("block", description="SLOGate enforcement.")
    on_failure: Literal["none", "rollback"] = Field("none", description="SLOGate onFailure.")
    schedule: str = Field("*/30 * * * * *", min_length=1, description="MeasurementJob schedule (cron with seconds).")
    collection_interval: int = Field(
        30, ge=1, description="O2 IMS collectionInterval of the measurement job request, in seconds."
    )


def write_schema() -> None:
    schema = Config.model_json_schema(by_alias=True)
    SCHEMA_PATH.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write_schema()
