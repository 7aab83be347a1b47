"""The small pieces: merge patch (RFC 7386's own examples), list queries, SOL013 filters, CNI addresses,
error messages, and the TMF921 models."""

from __future__ import annotations

import json

import pytest
from oran_intent_krm.gateway import errors, intents, o2ims, patch, query, readmodel, views
from oran_intent_krm.gateway.errors import ApiError
from oran_intent_krm.models import tmf921_api as tmf
from pydantic import ValidationError

from tests.gateway.server import v5_intent

# RFC 7386, Appendix A: (target, patch, result).
RFC7386 = [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
]


@pytest.mark.parametrize("target, change, result", RFC7386)
def test_merge_patch_does_what_rfc_7386_says(target, change, result):
    before = json.dumps(target)
    assert patch.merge_patch(target, change) == result
    assert json.dumps(target) == before, "the target is not changed in place"


def test_json_patch_goes_through_the_jsonpatch_library():
    assert patch.apply("application/json-patch+json", {"a": 1}, [{"op": "add", "path": "/b", "value": 2}]) == {"a": 1, "b": 2}
    with pytest.raises(ApiError) as failed:
        patch.apply("application/json-patch+json", {"a": 1}, [{"op": "test", "path": "/a", "value": 2}])
    assert failed.value.status == 409
    with pytest.raises(ApiError) as unknown:
        patch.apply("text/plain", {}, {})
    assert unknown.value.status == 415


def test_list_filters_and_projections():
    resources = [{"id": "a", "name": "x", "creationDate": "2026-01-01T00:00:00Z", "isBundle": False}, {"id": "b", "name": "y", "creationDate": "2026-02-01T00:00:00Z"}]
    conditions = query.filters([("creationDate.gte", "2026-01-15T00:00:00Z"), ("fields", "name")], ("creationDate", "name", "isBundle"))
    assert [r["id"] for r in resources if query.matches(r, conditions)] == ["b"]
    assert [r["id"] for r in resources if query.matches(r, query.filters([("isBundle", "false")], ("isBundle",)))] == ["a"]
    assert query.projected(resources[0], "name", ("id", "name")) == {"id": "a", "name": "x"}
    with pytest.raises(ApiError):
        query.filters([("name.like", "x")], ("name",))
    assert query.page([1, 2, 3, 4], 1, 2) == [2, 3]


def test_sol013_filters():
    job = {"state": "ACTIVE", "collectionInterval": 30, "resourceScopeCriteria": {"clusterName": "edge-cluster-us-west-1"}}
    keep = lambda text: o2ims.keep(job, o2ims.parse_filter(text))  # noqa: E731
    assert keep("(eq,state,ACTIVE)") and keep("(in,state,SUSPENDED,ACTIVE)") and not keep("(neq,state,ACTIVE)")
    assert keep("(gt,collectionInterval,9)") and not keep("(gt,collectionInterval,30)"), "numbers compare as numbers"
    assert keep("(cont,resourceScopeCriteria/clusterName,us-west);(eq,state,ACTIVE)")
    assert not keep("(eq,resourceScopeCriteria/clusterName,edge-cluster-eu-west-1)")
    for bad in ("state=ACTIVE", "(like,state,A)", "(gt,state)"):
        with pytest.raises(ApiError):
            o2ims.parse_filter(bad)
    assert o2ims.offset_of(o2ims.marker(250)) == 250


def test_cni_addresses_of_static_and_whereabouts_ipam():
    static = {"cniVersion": "1.0.0", "plugins": [{"type": "macvlan", "ipam": {"type": "static", "addresses": [{"address": "192.168.100.8/24"}]}}]}
    ranged = {"plugins": [{"ipam": {"type": "whereabouts", "range": "10.0.0.0/24", "range_start": "10.0.0.4", "range_end": "10.0.0.7", "exclude": ["10.0.0.5/32"]}}]}
    assert readmodel.cni_addresses(json.dumps(static)) == ["192.168.100.8"]
    assert readmodel.cni_addresses(json.dumps(ranged)) == ["10.0.0.4", "10.0.0.6", "10.0.0.7"]
    assert readmodel.cni_addresses("not json") == [] and readmodel.cni_addresses(None) == []


def test_unexpanded_shell_variables_are_found_where_they_are():
    body = {"metadata": {"name": "edge-$TARGET_SITE"}, "spec": {"targets": ["a", "${REGION}"], "price": "$5"}}
    assert intents.placeholders(body) == [("metadata.name", "$TARGET_SITE"), ("spec.targets[1]", "${REGION}")]


def test_a_validation_error_names_the_field_and_the_closest_known_one():
    with pytest.raises(ValidationError) as error:
        tmf.Intent_FVO.model_validate({**v5_intent("x"), "prority": "1"})
    message = errors.validation_error(error.value, tmf.Intent_FVO).message
    assert "unknown field prority (did you mean priority?)" in message
    assert errors.dns_label("EdgeRanForEvent") == "edge-ran-for-event" and errors.dns_label("My Intent #2") == "my-intent-2"


def test_the_tmf921_models_say_what_the_oas_says():
    schema = tmf.Intent_FVO.model_json_schema(by_alias=True)
    assert set(schema["required"]) == {"@type", "name", "expression"}
    assert schema["properties"]["priority"]["anyOf"][0]["type"] == "string"
    assert tmf.Error.model_json_schema(by_alias=True)["required"] == ["code", "reason"]
    tmf.Intent_FVO.model_validate(v5_intent("ok", type_="ProbeIntent"))
    with pytest.raises(ValidationError):
        tmf.Intent_FVO.model_validate(v5_intent("ok", type_="Wish"))
    with pytest.raises(ValidationError):
        tmf.Hub_FVO.model_validate({"query": "eventType=IntentCreateEvent"})


def test_a_failed_renders_conflict_results_become_the_probes_intent_conflict_reports():
    from oran_intent_krm.gateway import reports
    from oran_intent_krm.models.conflicts import conflict_tags
    from oran_intent_krm.models.measurement import IntentConflictReport

    results = [
        {"severity": "error", "message": "cluster edge-cluster-us-west-1: over capacity", "tags": conflict_tags("probe", ["deploy-cu", "deploy-du"], "MODIFY", "DELETE")},
        {"severity": "error", "message": "subnet too small", "tags": {"reason": "SubnetExhausted"}},
        {"severity": "info", "message": "moved"},
    ]
    found = reports.conflicts_in_results(results)
    assert [(r["conflictType"], r["conflictingIntent"], r["recommendedSolutions"]) for r in found] == [
        ("INTENT_CONFLICT", "Intent=deploy-cu", ["MODIFY", "DELETE"]),
        ("INTENT_CONFLICT", "Intent=deploy-du", ["MODIFY", "DELETE"]),
    ]
    assert len({r["conflictId"] for r in found}) == 2
    for report in found:
        IntentConflictReport.model_validate(report)
    assert reports.conflicts_in_results(results[1:]) == [], "an error that states no conflict is only infeasibility"


def test_the_attribute_lists_are_the_models_fields():
    """The orders are the API's; the names are the models' (the single source of truth)."""

    def names(model) -> set[str]:
        return {f.alias or n for n, f in model.model_fields.items()}

    assert set(views.INTENT_ATTRIBUTES) == names(tmf.ProbeIntent)
    assert set(intents.WRITABLE_V5) == names(tmf.Intent_MVO)
