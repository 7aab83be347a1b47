"""Reading TS 28.312 Intents: what to deliver where, and what to ensure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from oran_intent_krm.models import terms
from oran_intent_krm.models.terms import CONDITIONS, TS28312_API_VERSIONS
from oran_intent_krm.sdk import resource
from oran_intent_krm.sdk.results import Results

API_VERSIONS = TS28312_API_VERSIONS
KIND = "Intent"
NF_CONTEXT = "nftype"
CLUSTER_CONTEXT = "targetcluster"
SELECTOR_CONTEXT = "targetclusterselector"
NF_CONDITIONS = ("IS_ALL_OF", "IS_EQUAL_TO")
CLUSTER_CONDITIONS = ("IS_EQUAL_TO", "IS_ONE_OF", "IS_ALL_OF")
_STANDARD_NAMES = {name.lower(): name for name in terms.STANDARD_TARGETS}


@dataclass(frozen=True)
class ClusterRequest:
    """A target cluster as the intent asks for it: a name, a glob, or a label selector."""

    mode: str  # "name" | "glob" | "labels"
    value: str
    path: str
    labels: tuple[tuple[str, str], ...] = ()


@dataclass
class Delivery:
    """A DELIVER expectation: network functions to clusters."""

    expectation_id: str
    object_instance: str | None
    network_functions: list[tuple[str, str]]  # (identifier, field path)
    clusters: list[ClusterRequest]


@dataclass(eq=False)  # identity: the same target read twice is still two targets
class Target:
    """An expectation target the assurance plan must check."""

    expectation_id: str
    object_instance: str | None
    name: str
    condition: str
    value: Any
    unit: str | None
    path: str


@dataclass
class Intent:
    obj: Mapping[str, Any]
    name: str
    label: str
    active: bool
    deliveries: list[Delivery] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def targets_for(self, delivery: Delivery) -> list[Target]:
        """Targets of the expectations on the same object instance (or on no particular one)."""
        return [t for t in self.targets if t.object_instance in (None, delivery.object_instance)]


def parse(obj: Mapping[str, Any], results: Results) -> Intent | None:
    """The intent's deliveries and targets, or None after reporting why it cannot be read."""
    errors_before = results.error_count
    spec = obj.get("spec")
    if not isinstance(spec, Mapping):
        results.error("Intent has no spec object", obj, "spec", current=spec, expected="a TS 28.312 Intent spec")
        return None
    name = resource.name(obj)
    label = spec.get("userLabel") if isinstance(spec.get("userLabel"), str) else name
    active = spec.get("intentAdminState", "ACTIVATED") != "DEACTIVATED"
    intent = Intent(obj, name, label, active)
    expectations = spec.get("intentExpectations")
    if not isinstance(expectations, list):
        results.error(
            "spec.intentExpectations must be a list", obj, "spec.intentExpectations", current=expectations, expected="a list"
        )
        return None
    for index, expectation in enumerate(expectations):
        _read_expectation(intent, expectation, f"spec.intentExpectations[{index}]", results)
    if results.error_count > errors_before:
        return None
    _check_target_scope(intent, results)
    return intent


def _read_expectation(intent: Intent, expectation: Any, path: str, results: Results) -> None:
    obj = intent.obj
    if not isinstance(expectation, Mapping):
        results.error("an intent expectation must be an object", obj, path, current=expectation, expected="an object")
        return
    verb = expectation.get("expectationVerb")
    if verb not in ("DELIVER", "ENSURE"):
        results.error(
            f"expectationVerb {verb!r} is not a TS 28.312 verb",
            obj,
            f"{path}.expectationVerb",
            current=verb,
            expected="DELIVER or ENSURE",
        )
        return
    expectation_id = str(expectation.get("expectationId") or path)
    target_object = expectation.get("expectationObject")
    if target_object is not None and not isinstance(target_object, Mapping):
        results.error(
            "expectationObject must be an object", obj, f"{path}.expectationObject", current=target_object, expected="an object"
        )
        return
    target_object = target_object or {}
    instance = target_object.get("objectInstance")
    instance = str(instance) if instance not in (None, "") else None
    object_type = _object_type(intent, target_object, f"{path}.expectationObject.objectType", results)
    if verb == "DELIVER":
        delivery = _read_delivery(intent, expectation_id, instance, target_object, f"{path}.expectationObject", results)
        if delivery is not None:
            intent.deliveries.append(delivery)
    intent.targets.extend(_read_targets(intent, expectation, expectation_id, instance, object_type, path, results))


def _object_type(intent: Intent, target_object: Mapping[str, Any], path: str, results: Results) -> str | None:
    """The expectation object type, in the 18.5.0 spelling; None when absent or after reporting an unknown one."""
    raw = target_object.get("objectType")
    if raw is None:
        return None
    found = terms.OBJECT_TYPE_SPELLINGS.get(raw) if isinstance(raw, str) else None
    if found is None:
        results.error(
            f"objectType {raw!r} is not a TS 28.312 expectation object type",
            intent.obj,
            path,
            current=raw,
            expected=" | ".join(terms.OBJECT_TYPES),
        )
    return found


def _read_delivery(
    intent: Intent, expectation_id: str, instance: str | None, target_object: Mapping[str, Any], path: str, results: Results
) -> Delivery | None:
    obj = intent.obj
    contexts = target_object.get("objectContexts") or []
    if not isinstance(contexts, list):
        results.error("objectContexts must be a list", obj, f"{path}.objectContexts", current=contexts, expected="a list")
        return None
    delivery = Delivery(expectation_id, instance, [], [])
    seen: set[str] = set()  # attributes present, even if in error: no second "missing" error for them
    for index, context in enumerate(contexts):
        context_path = f"{path}.objectContexts[{index}]"
        if not isinstance(context, Mapping):
            results.error("a context must be an object", obj, context_path, current=context, expected="an object")
            continue
        attribute = str(context.get("contextAttribute") or "").lower()
        if attribute in (CLUSTER_CONTEXT, SELECTOR_CONTEXT):
            seen.add(CLUSTER_CONTEXT)
        elif attribute == NF_CONTEXT:
            seen.add(NF_CONTEXT)
        if attribute == NF_CONTEXT:
            delivery.network_functions += _context_values(intent, context, context_path, NF_CONDITIONS, results)
        elif attribute == CLUSTER_CONTEXT:
            for value, value_path in _context_values(intent, context, context_path, CLUSTER_CONDITIONS, results):
                mode = "glob" if resource.is_glob(value) else "name"
                delivery.clusters.append(ClusterRequest(mode, value, value_path))
        elif attribute == SELECTOR_CONTEXT:
            for value, value_path in _context_values(intent, context, context_path, CLUSTER_CONDITIONS, results):
                request = _selector(intent, value, value_path, results)
                if request is not None:
                    delivery.clusters.append(request)
    if NF_CONTEXT not in seen:
        results.error(
            f"DELIVER expectation {expectation_id} names no network function",
            obj,
            f"{path}.objectContexts",
            current=None,
            expected="a context with contextAttribute NfType (e.g. [o-ran-cu, o-ran-du])",
        )
    if CLUSTER_CONTEXT not in seen:
        results.error(
            f"DELIVER expectation {expectation_id} names no target cluster",
            obj,
            f"{path}.objectContexts",
            current=None,
            expected="a context with contextAttribute TargetCluster or TargetClusterSelector",
        )
    return delivery if delivery.network_functions and delivery.clusters else None


def _context_values(
    intent: Intent, context: Mapping[str, Any], path: str, conditions: tuple[str, ...], results: Results
) -> list[tuple[str, str]]:
    condition = context.get("contextCondition")
    if condition not in conditions:
        results.error(
            f"{context.get('contextAttribute')} cannot use contextCondition {condition!r}",
            intent.obj,
            f"{path}.contextCondition",
            current=condition,
            expected=" or ".join(conditions),
        )
        return []
    raw = context.get("contextValueRange")
    values = list(enumerate(raw)) if isinstance(raw, list) else [(None, raw)]
    out = []
    for index, value in values:
        value_path = f"{path}.contextValueRange" + (f"[{index}]" if index is not None else "")
        if not isinstance(value, str) or not value.strip():
            results.error(
                f"{context.get('contextAttribute')} value must be a non-empty string",
                intent.obj,
                value_path,
                current=value,
                expected="a name such as edge-cluster-us-west-1 or o-ran-du",
            )
            continue
        out.append((value.strip(), value_path))
    if not values:
        results.error("contextValueRange is empty", intent.obj, f"{path}.contextValueRange", current=raw, expected="a value")
    return out


def _selector(intent: Intent, value: str, path: str, results: Results) -> ClusterRequest | None:
    if "=" not in value:
        return ClusterRequest("glob", value, path)
    pairs = []
    for term in value.split(","):
        key, sep, wanted = term.partition("=")
        key, wanted = key.strip(), wanted.strip().lstrip("=").strip()
        if not sep or not key or not wanted:
            results.error(
                f"cluster selector term {term!r} is not key=value",
                intent.obj,
                path,
                current=value,
                expected="a glob (edge-cluster-*) or labels (nephio.org/site-type=edge,nephio.org/region=us-west-1)",
            )
            return None
        pairs.append((key, wanted))
    return ClusterRequest("labels", value, path, tuple(sorted(pairs)))


def _read_targets(
    intent: Intent,
    expectation: Mapping[str, Any],
    expectation_id: str,
    instance: str | None,
    object_type: str | None,
    path: str,
    results: Results,
) -> list[Target]:
    raw = expectation.get("expectationTargets") or []
    if not isinstance(raw, list):
        results.error(
            "expectationTargets must be a list", intent.obj, f"{path}.expectationTargets", current=raw, expected="a list"
        )
        return []
    targets = []
    for index, item in enumerate(raw):
        target_path = f"{path}.expectationTargets[{index}]"
        if not isinstance(item, Mapping):
            results.error(
                "an expectation target must be an object with targetName, targetCondition and targetValueRange",
                intent.obj,
                target_path,
                current=item,
                expected="an ExpectationTarget object",
            )
            continue
        name, condition = item.get("targetName"), item.get("targetCondition")
        if not isinstance(name, str) or not name.strip():
            results.error("targetName is missing", intent.obj, f"{target_path}.targetName", current=name, expected="a name")
            continue
        if condition not in CONDITIONS:
            results.error(
                f"targetCondition {condition!r} of {name} is not a TS 28.312 Condition",
                intent.obj,
                f"{target_path}.targetCondition",
                current=condition,
                expected=", ".join(CONDITIONS),
            )
            continue
        name = name.strip()
        standard = _standard_name(name)
        written = (expectation.get("expectationObject") or {}).get("objectType")
        if standard is not None and not _placed(intent, standard, object_type, written, path, results):
            continue
        unit = _unit(item.get("targetContexts"))
        value = item.get("targetValueRange")
        if standard in terms.XLTHPT_TARGETS:
            value = _guaranteed_throughput(intent, name, value, unit, f"{target_path}.targetValueRange", results)
            if value is None:
                continue
        model_unit = terms.STANDARD_TARGETS[standard][1] if standard else None
        targets.append(Target(expectation_id, instance, name, condition, value, unit or model_unit, target_path))
    return targets


def _standard_name(name: str) -> str | None:
    """The TS 28.312 spelling of a standard target name, matched case-insensitively."""
    return _STANDARD_NAMES.get(name.lower())


def _placed(intent: Intent, name: str, object_type: str | None, written: Any, path: str, results: Results) -> bool:
    """Whether a standard target sits under an expectation object type whose model defines it."""
    allowed = terms.STANDARD_TARGETS[name][0]
    if object_type in allowed:
        return True
    if object_type is not None or written is None:  # an unknown objectType is reported once, by _object_type
        under = f"objectType {written}" if written is not None else "an expectation without an objectType"
        results.error(
            f"{name} is a target of the {' and '.join(allowed)} expectation models, not of {under}",
            intent.obj,
            f"{path}.expectationObject.objectType",
            current=written,
            expected=" or ".join(allowed),
        )
    return False


def _guaranteed_throughput(intent: Intent, name: str, value: Any, unit: str | None, path: str, results: Results) -> Any:
    """A throughput target's value: TS 28.541 XLThpt objects (their guaThpt, in kbps), or numbers with a unit context."""
    if isinstance(value, list):
        read = [_guaranteed_throughput(intent, name, v, unit, f"{path}[{i}]", results) for i, v in enumerate(value)]
        return None if any(v is None for v in read) else read
    if isinstance(value, Mapping):
        if value.get("guaThpt") is None:
            results.error(f"the XLThpt of {name} has no guaThpt", intent.obj, path, current=dict(value), expected="{guaThpt: <kbps>}")
            return None
        return value["guaThpt"]
    if unit is None:
        results.error(
            f"{name} is a TS 28.541 XLThpt: a bare number has no unit",
            intent.obj,
            path,
            current=value,
            expected="{guaThpt: <kbps>}, e.g. {guaThpt: 1000000} for 1 Gbps, or a unit target context",
        )
        return None
    return value


def _unit(contexts: Any) -> str | None:
    """The `unit` target context; specialised targets carry a single context object."""
    if isinstance(contexts, Mapping):
        contexts = [contexts]
    for context in contexts if isinstance(contexts, list) else []:
        if isinstance(context, Mapping) and str(context.get("contextAttribute", "")).lower() == "unit":
            value = context.get("contextValueRange")
            if isinstance(value, list) and len(value) == 1:
                value = value[0]
            return str(value) if value is not None else None
    return None


def _check_target_scope(intent: Intent, results: Results) -> None:
    instances = {d.object_instance for d in intent.deliveries}
    for target in intent.targets:
        if target.object_instance is not None and target.object_instance not in instances:
            results.warning(
                f"target {target.name} is on {target.object_instance}, which no DELIVER expectation of the intent "
                "provisions; it is not checked",
                intent.obj,
                target.path,
                current=target.object_instance,
                expected=" or ".join(sorted(i for i in instances if i)) or "a DELIVER expectation on the same objectInstance",
            )
    if not intent.deliveries and intent.active:
        results.warning(
            "the intent has no DELIVER expectation: nothing to provision",
            intent.obj,
            "spec.intentExpectations",
            expected="a DELIVER expectation with NfType and TargetCluster object contexts",
        )
