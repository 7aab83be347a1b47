"""TS 28.312 IntentReport parts beside the fulfilment report: feasibility check and conflicts.

Spelled as TS 28.312 (Rel-18, `recommendedSolutions` from 18.5.0) defines them:

- `IntentFeasibilityCheckReport`: `feasibilityCheckResult` FEASIBLE / INFEASIBLE and, when
  infeasible, `infeasibilityReason`;
- `IntentConflictReport`: `conflictId`, `conflictType` (INTENT_CONFLICT, EXPECTATION_CONFLICT,
  TARGET_CONFLICT), the conflicting intent (a Dn), expectation or target, and the recommended
  solutions (MODIFY, DELETE).
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Strict


class IntentFeasibilityCheckReport(Strict):
    feasibilityCheckResult: Literal["FEASIBLE", "INFEASIBLE"]
    infeasibilityReason: Optional[str] = Field(None, description="Why the intent cannot be fulfilled (only when INFEASIBLE).")


class IntentConflictReport(Strict):
    conflictId: str
    conflictType: Literal["INTENT_CONFLICT", "EXPECTATION_CONFLICT", "TARGET_CONFLICT"]
    conflictingIntent: str = Field(description="Dn of the intent in conflict, e.g. Intent=deploy-cu.")
    conflictingExpectation: Optional[str] = Field(None, description="expectationId, for an EXPECTATION_CONFLICT.")
    conflictingTarget: Optional[str] = Field(None, description="targetName, for a TARGET_CONFLICT.")
    recommendedSolutions: list[Literal["MODIFY", "DELETE"]] = Field(default_factory=list)
