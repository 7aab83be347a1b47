"""functionConfig of slo-gate-validator (kind SloGateValidatorConfig in fn.oran-intent.io/v1alpha1).

The pydantic model is the source of config.schema.json; at run time only the JSON file is read.
Run `python -m oran_intent_krm.slo_gate_validator.config` to regenerate the schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

KIND = "SloGateValidatorConfig"
SCHEMA_FILE = Path(__file__).with_name("config.schema.json")


class Config(BaseModel):
    """Configuration of slo-gate-validator."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", title=KIND)

    default_enforcement: Literal["block", "warn", "dryRun"] = Field(
        default="block",
        description="Enforcement of a gate whose spec.enforcement is unset: block (a Failed gate fails the render), "
        "warn (warning result) or dryRun (reported only).",
    )
    default_min_samples: int = Field(
        default=1,
        ge=0,
        description="Fewest samples (summed over the evaluated periods) a target needs when neither the target nor the "
        "gate sets minSamples; fewer makes the target Inconclusive.",
    )
    default_failure_limit: int = Field(
        default=0,
        ge=0,
        description="Periods a target may breach its threshold in the window before it fails, when neither the target "
        "nor the gate sets failureLimit (Argo Rollouts failureLimit).",
    )
    manage_readiness_gates: bool = Field(
        default=True,
        description="Keep the Kptfile's info.readinessGates listing the condition of every gate with enforcement block "
        "(and only those), so Porch cannot approve the revision until the gate passes.",
    )
    intent_reports: bool = Field(
        default=True,
        description="Write a TS 28.312 IntentReport per covered Intent and reflect its fulfilment on the source TMF921 "
        "Intent's status.",
    )


def write_schema(path: Path = SCHEMA_FILE) -> None:
    path.write_text(json.dumps(Config.model_json_schema(by_alias=True), indent=2, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write_schema()
