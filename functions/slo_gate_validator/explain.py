"""`slo-gate-validator explain PKG [--gate NAME] [--verbose] [-o table|json|yaml]`

Reads the package's files directly (nothing is changed) and prints, per gate,
the verdict a render would give: every target's observed value against its
threshold, the samples, periods and window used, the revision the evidence
is of, and why a gate is Inconclusive.  The configuration is the one the
package's Kptfile gives slo-gate-validator (configMap or configPath).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from oran_intent_krm.assurance import timing
from oran_intent_krm.assurance.package import read_package
from oran_intent_krm.assurance.revision import short
from oran_intent_krm.sdk import ConfigSpec
from oran_intent_krm.sdk.config import bind
from oran_intent_krm.sdk.results import Results

from . import status
from .evaluate import FAILED, GateEvaluation, TargetResult
from .plan import GatePlan, plan_gates

FUNCTION_NAME = "slo-gate-validator"
_SAMPLE_WORDS = {"events": "events", "dataPoints": "points"}


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"{FUNCTION_NAME} explain", description="Explain each SLOGate's verdict on the package's measurements.")
    parser.add_argument("package", help="package directory (read, never written)")
    parser.add_argument("--gate", help="only the SLOGate with this name")
    parser.add_argument("--verbose", "-v", action="store_true", help="also list every evaluation period's value and samples")
    parser.add_argument("-o", "--output", choices=("table", "json", "yaml"), default="table")
    args = parser.parse_args(list(argv))
    root = Path(args.package)
    if not root.is_dir():
        sys.stderr.write(f"{FUNCTION_NAME} explain: {root} is not a directory\n")
        return 1
    try:
        items = read_package(root)
    except ValueError as exc:
        sys.stderr.write(f"{FUNCTION_NAME} explain: {exc}\n")
        return 1
    config = package_config(root, items)
    if config is None:
        return 1
    plans, _ = plan_gates(items, config)
    if args.gate:
        plans = [p for p in plans if p.policy.name == args.gate]
        if not plans:
            sys.stderr.write(f"{FUNCTION_NAME} explain: no SLOGate named {args.gate} in {root}\n")
            return 1
    if args.output == "table":
        sys.stdout.write(table(plans, args.verbose) if plans else f"no SLOGate in {root}\n")
        return 0
    data = {"gates": [as_data(p, args.verbose) for p in plans]}
    if args.output == "json":
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        from oran_intent_krm.sdk.yaml_io import dump_value

        sys.stdout.write(dump_value(data))
    return 0


def package_config(root: Path, items: list[Any]) -> dict[str, Any] | None:
    """The validated config the Kptfile gives this function, with defaults; None after reporting a problem."""
    from .main import FUNCTION

    function_config: Any = None
    kptfile = status.root_kptfile(items)
    pipeline = (kptfile or {}).get("pipeline") or {}
    for step in list(pipeline.get("mutators") or []) + list(pipeline.get("validators") or []):
        declared = str(step.get("image") or step.get("exec") or "")
        if FUNCTION_NAME not in declared:
            continue
        if step.get("configMap"):
            function_config = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "function-input"}, "data": dict(step["configMap"])}
        elif step.get("configPath"):
            function_config = _config_file(root / str(step["configPath"]))
        break
    results = Results()
    spec: ConfigSpec = FUNCTION.config
    config = bind(function_config, spec, results)
    for result in results:
        sys.stderr.write(f"{FUNCTION_NAME} explain: {result.message}\n")
    return config


def _config_file(path: Path) -> Any:
    from ruamel.yaml import YAML

    if not path.is_file():
        return None
    return YAML(typ="safe").load(path.read_text())


def as_data(plan: GatePlan, verbose: bool) -> dict[str, Any]:
    ev = plan.evaluation
    data: dict[str, Any] = {"name": plan.policy.name, "onFailure": plan.policy.on_failure}
    data.update(status.gate_status(ev))
    data["rollback"] = rollback_outlook(plan)
    if ev.report is not None:
        data["evidence"]["expectedPeriods"] = plan.policy.expected_periods
        data["evidence"]["evaluationPeriod"] = timing.format_duration(plan.policy.period_seconds or 0)
    data["ignoredReports"] = [r.name for r in plan.candidates[1:]]
    if verbose:
        for out, result in zip(data["targets"], ev.targets):
            out["periodValues"] = [_period(v) for v in result.values]
    return data


def _period(value: tuple) -> dict[str, Any]:
    end, number, samples, problem = value
    out: dict[str, Any] = {"end": timing.format_timestamp(end) if end is not None else None, "value": status.number(number), "samples": samples}
    if number is not None and number != number:
        out["value"] = "NaN"
    if problem:
        out["problem"] = problem
    return out


def rollback_outlook(plan: GatePlan) -> str:
    ev = plan.evaluation
    last = plan.record.last_passed_digest
    if plan.policy.on_failure != "rollback":
        return "not requested (onFailure: none)"
    if ev.phase != FAILED:
        return f"not needed; last passed revision on record: {short(last)}"
    if last is None or last == ev.measured_digest:
        return "needed, but no earlier revision that passed is on record: the render fails"
    return f"restores the {len(plan.record.workloads())} guarded workload(s) of revision {short(last)}"


def table(plans: list[GatePlan], verbose: bool) -> str:
    return "\n".join(_gate_block(plan, verbose) for plan in plans)


def _gate_block(plan: GatePlan, verbose: bool) -> str:
    ev, policy = plan.evaluation, plan.policy
    lines = [f"SLOGate {policy.name}: {ev.phase} ({ev.reason}){' with warning' if ev.warning else ''}", f"  {ev.message}"]
    score = f"; score {ev.score:g}% (pass >= {policy.total_score_pass:g}%, warning >= {policy.total_score_warning:g}%)" if ev.score is not None else ""
    lines.append(f"  enforcement {policy.enforcement}, onFailure {policy.on_failure}{score}")
    lines.append(f"  evidence    {_evidence(plan)}")
    lines.append(f"  revision    rendered {short(ev.rendered_digest)}, measured {short(ev.measured_digest)} ({ev.revision_state})")
    if policy.on_failure == "rollback":
        lines.append(f"  rollback    {rollback_outlook(plan)}")
    if plan.candidates[1:]:
        lines.append("  older reports ignored: " + ", ".join(r.name for r in plan.candidates[1:]))
    lines.append("")
    lines += ["  " + row for row in _target_rows(ev)]
    why = [t for t in ev.targets if t.verdict != "Passed" or t.relative is not None]
    if why:
        lines.append("")
        lines += [f"  {t.policy.metric}: {t.message}" for t in why]
    if verbose:
        for target in ev.targets:
            lines += _period_rows(target)
    return "\n".join(lines) + "\n"


def _evidence(plan: GatePlan) -> str:
    ev, policy = plan.evaluation, plan.policy
    if ev.report is None:
        return "no MeasurementReport about the gate's target"
    source = f" ({ev.report.source})" if ev.report.source else ""
    text = f"MeasurementReport {ev.report.name}{source}"
    if ev.window is not None:
        start, end = ev.window
        text += (
            f", window {timing.format_timestamp(start)} .. {timing.format_timestamp(end)} "
            f"({timing.format_duration(policy.window_seconds)} = {policy.expected_periods} periods of {timing.format_duration(policy.period_seconds)})"
        )
    return text


def _target_rows(ev: GateEvaluation) -> list[str]:
    header = ("TARGET", "CRITERION", "OBSERVED", "PERIODS", "SAMPLES", "BREACHES", "WEIGHT", "VERDICT", "REASON")
    rows = [header]
    for t in ev.targets:
        unit = f" {t.unit}" if t.unit else ""
        criterion = f"{t.policy.operator} {t.policy.threshold:g}{unit}"
        if t.policy.warning_threshold is not None:
            criterion += f" (warn {t.policy.warning_threshold:g})"
        if t.policy.max_regression is not None:
            criterion += f", <= {t.policy.max_regression.text} worse"
        observed = f"{t.observed:g}{unit}" if t.observed is not None else "-"
        periods = f"{t.usable}/{ev.policy.expected_periods}" if t.periods or t.usable else "-"
        breaches = f"{t.breaches} (limit {t.policy.failure_limit})"
        weight = f"{t.policy.weight:g}{' key' if t.policy.key else ''}"
        verdict = t.verdict + (" ~warn" if t.within_warning else "")
        samples = f"{t.samples or 0} {_SAMPLE_WORDS.get(t.samples_kind, '')}".rstrip()
        rows.append((t.policy.metric, criterion, observed, periods, samples, breaches, weight, verdict, t.reason))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]


def _period_rows(target: TargetResult) -> list[str]:
    if not target.values:
        return []
    lines = ["", f"  {target.policy.metric} periods (end, value, samples):"]
    for end, value, samples, problem in target.values:
        when = timing.format_timestamp(end) if end is not None else "?"
        shown = "-" if value is None else f"{value:g}"
        lines.append(f"    {when}  {shown:>10}  {samples if samples is not None else '-':>8}" + (f"  {problem}" if problem else ""))
    return lines
