"""Configuration of intent-to-28312 (functionConfig kind IntentTo28312Config).

The schema in config.schema.json is generated from this model; the function reads
the JSON file at run time, so rendering never imports pydantic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from . import CONFIG_KIND as KIND  # noqa: F401  (read by scripts/generate-crds)

SCHEMA_FILE = Path(__file__).with_name("config.schema.json")


class Config(BaseModel):
    """How TMF921 intents are translated to TS 28.312 intents."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", title="IntentTo28312Config")

    default_priority: int = Field(50, ge=1, le=100, description="intentPriority (1..100, 100 the most important) of an intent without a TMF921 priority")
    observation_period: int = Field(60, ge=1, description="observationPeriod in seconds, unless a reporting expectation gives an interval")
    intent_preemption_capability: bool = Field(False, description="intentPreemptionCapability of every generated intent")
    default_direction: Literal["DL", "UL", "DL_AND_UL"] = Field(
        "DL",
        description="the TS 28.312 target(s) for a latency or throughput that names no direction: DlLatency/DlThptPerUE, the Ul ones, or both",
    )
    network_functions: list[str] = Field(
        default=["o-ran-*"], description="glob patterns of the expectation objects that are network functions to deliver"
    )
    label_targets: list[str] = Field(
        default=["performance"], description="expectationTargets that label an expectation and never name a cluster"
    )


if __name__ == "__main__":
    schema = Config.model_json_schema(by_alias=True)
    SCHEMA_FILE.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
