"""Evaluating one gate straight from dicts, without a whole render."""

from __future__ import annotations

from typing import Any

from oran_intent_krm.assurance.evidence import read_report
from oran_intent_krm.assurance.gate import read_gate
from oran_intent_krm.slo_gate_validator.evaluate import Baseline, GateEvaluation, TargetResult, evaluate_gate

from tests.slo_gate_validator import builders as b

DIGEST = "sha256:" + "a" * 64
CONFIG = {"defaultEnforcement": "block", "defaultMinSamples": 1, "defaultFailureLimit": 0}


def judge(
    targets: list[dict[str, Any]],
    metrics: list[dict[str, Any]],
    baseline: Baseline | None = None,
    rendered: str = DIGEST,
    report_digest: str | None = DIGEST,
    workloads: int = 2,
    report_args: dict[str, Any] | None = None,
    revisions: tuple[str, ...] = (),
    config: dict[str, Any] | None = None,
    **spec: Any,
) -> GateEvaluation:
    policy = read_gate(b.gate(targets, **spec), {**CONFIG, **(config or {})})
    report = read_report(b.report(metrics, report_digest, **(report_args or {})))
    return evaluate_gate(policy, report, rendered, workloads, baseline, rendered_revisions=revisions)


def judge_one(target: dict[str, Any], values: list[float | None], unit: str | None = "ms", samples: Any = 1000, **spec: Any) -> TargetResult:
    evaluation = judge([target], [b.series(target["metric"], values, unit, samples)], **spec)
    return evaluation.targets[0]
