"""The guide's KRM form of a TMF921 intent: `spec.intentExpectations[]` of verbs, objects, targets, contexts."""

from __future__ import annotations

from typing import Any, Mapping

from oran_intent_krm.sdk import spelling

from . import rules
from .model import ContextValue, Located, Problems, Requirement, SourceExpectation


def read_expectations(spec: Mapping[str, Any], config: Mapping[str, Any], problems: Problems) -> list[SourceExpectation]:
    expectations = spec.get("intentExpectations")
    if not isinstance(expectations, list) or not expectations:
        problems.error(
            "the intent has no expectations",
            "spec.intentExpectations",
            current=rules.plain_value(expectations),
            expected="a non-empty list of {expectationVerbs, expectationObjects, expectationTargets, expectationContexts}",
        )
        return []
    out = []
    for index, expectation in enumerate(expectations):
        path = f"spec.intentExpectations[{index}]"
        if not isinstance(expectation, Mapping):
            problems.error("an expectation must be an object", path, current=rules.plain_value(expectation), expected="an object")
            continue
        out.append(_expectation(expectation, path, config, problems))
    return out


def _expectation(source: Mapping[str, Any], path: str, config: Mapping[str, Any], problems: Problems) -> SourceExpectation:
    found = SourceExpectation(path)
    errors_before = sum(p.severity == "error" for p in problems)
    _read_verbs(source, path, found, problems)
    _read_objects(source.get("expectationObjects"), f"{path}.expectationObjects", config, found, problems)
    _read_contexts(source.get("expectationContexts"), f"{path}.expectationContexts", found, problems)
    _read_targets(source.get("expectationTargets"), f"{path}.expectationTargets", config, found, problems)
    new_errors = sum(p.severity == "error" for p in problems) > errors_before
    if not (found.network_functions or found.requirements) and not new_errors:
        problems.error(
            "the expectation has nothing to deliver or ensure",
            path,
            current=rules.plain_value(source),
            expected="expectationObjects naming network functions (o-ran-du) or constraints (latency<10ms), or performance expectationContexts",
        )
    return found


def _read_verbs(source: Mapping[str, Any], path: str, found: SourceExpectation, problems: Problems) -> None:
    verbs = source.get("expectationVerbs")
    field = f"{path}.expectationVerbs"
    if isinstance(verbs, str):
        verbs = [verbs]
    if not isinstance(verbs, list) or not verbs:
        problems.error("the expectation has no verb", field, current=rules.plain_value(verbs), expected=f"a list of verbs: {rules.ACCEPTED_VERBS}")
        return
    for index, text in enumerate(verbs):
        kind = rules.verb(text)
        if kind is None:
            meant = spelling.closest(str(text).strip().lower(), rules.VERBS) if isinstance(text, str) else None
            problems.error(
                f"unknown verb {rules.plain_text(text)!r}" + (f" (did you mean `{meant}`?)" if meant else "") + f"; the verbs are {rules.ACCEPTED_VERBS}",
                f"{field}[{index}]",
                current=rules.plain_value(text),
                expected=f"one of {rules.ACCEPTED_VERBS}",
            )
        elif kind in rules.SCALING:
            found.scaling = kind


def _read_objects(objects: Any, path: str, config: Mapping[str, Any], found: SourceExpectation, problems: Problems) -> None:
    if objects is None:
        return
    if not isinstance(objects, list):
        problems.error("expectationObjects must be a list", path, current=rules.plain_value(objects), expected="a list of strings")
        return
    for index, item in enumerate(objects):
        where = f"{path}[{index}]"
        if not isinstance(item, str) or not item.strip():
            problems.error("an expectation object must be a non-empty string", where, current=rules.plain_value(item), expected="a network function such as o-ran-du or a constraint such as latency<10ms")
        elif rules.looks_like_constraint(item):
            requirement = rules.requirement(item, where, problems)
            if requirement:
                found.requirements.append(requirement)
        elif rules.is_network_function(item.strip(), config["networkFunctions"]):
            found.network_functions.append(Located(item.strip(), where))
        else:
            problems.error(
                f"unknown expectation object {item!r}: neither a network function nor a constraint",
                where,
                current=item,
                expected=f"a network function matching {', '.join(config['networkFunctions'])} or a constraint such as latency<10ms",
            )


def _read_contexts(contexts: Any, path: str, found: SourceExpectation, problems: Problems) -> None:
    if contexts is None:
        return
    if not isinstance(contexts, list):
        problems.error("expectationContexts must be a list", path, current=rules.plain_value(contexts), expected="a list of {contextAttribute, contextValue}")
        return
    for index, item in enumerate(contexts):
        where = f"{path}[{index}]"
        attribute = item.get("contextAttribute") if isinstance(item, Mapping) else None
        if not isinstance(attribute, str) or not attribute.strip():
            problems.error("a context needs a contextAttribute", where, current=rules.plain_value(item), expected="{contextAttribute, contextValue}")
            continue
        key = "contextValue" if "contextValue" in item else "contextValueRange"
        if item.get(key) is None:
            problems.error(f"context {attribute!r} has no value", f"{where}.contextValue", current=None, expected="contextValue (or contextValueRange)")
            continue
        read = rules.context(attribute.strip(), item[key], f"{where}.{key}", problems, item.get("contextCondition"))
        if isinstance(read, Requirement):
            found.requirements.append(read)
        elif isinstance(read, ContextValue):
            found.contexts.append(read)


def _read_targets(targets: Any, path: str, config: Mapping[str, Any], found: SourceExpectation, problems: Problems) -> None:
    if not isinstance(targets, list) or not targets:
        problems.error(
            "missing targets: the expectation has no expectationTargets",
            path,
            current=rules.plain_value(targets),
            expected="a list of cluster names (edge-cluster-us-west-1), globs (edge-cluster-*) or labels (performance)",
        )
        return
    for index, item in enumerate(targets):
        where = f"{path}[{index}]"
        name = item.get("targetName") if isinstance(item, Mapping) else item
        where = f"{where}.targetName" if isinstance(item, Mapping) else where
        if not isinstance(name, str) or not name.strip():
            problems.error("a target must be a name or {targetName}", where, current=rules.plain_value(item), expected="a cluster name, glob or label")
            continue
        name = name.strip()
        if rules.is_label(name, config["labelTargets"]) or not found.network_functions:
            found.labels.append(Located(name, where))
        elif not rules.valid_cluster(name):
            problems.error(f"target {name!r} is not a valid cluster name or glob", where, current=name, expected="a DNS-1123 name, optionally with * ? [] wildcards")
        else:
            found.clusters.append(Located(name, where))
