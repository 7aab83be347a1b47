"""TMF921 v5 /intent: every operation and every error, against a real gateway, git and kpt."""

from __future__ import annotations

import json

import pytest
from oran_intent_krm.models import tmf921_api as tmf

from tests.gateway.server import TMF, krm_intent, v5_intent


def test_a_created_intent_is_rendered_committed_and_answered_as_a_tmf921_intent(shared):
    with shared.client() as client:
        answer = client.post(f"{TMF}/intent", json=v5_intent("api-create", priority="1", description="a CU"))
    assert answer.status_code == 201, answer.text
    body = answer.json()
    tmf.Intent.model_validate(body)
    assert answer.headers["location"] == body["href"] == f"{TMF}/intent/api-create"
    assert (body["id"], body["name"], body["priority"], body["lifecycleStatus"]) == ("api-create", "api-create", "1", "Active")
    assert body["expression"]["@type"] == "JsonLdExpression"
    assert body["creationDate"] == body["lastUpdate"]
    files = shared.git("ls-tree", "-r", "--name-only", "main", "intents/api-create").split()
    assert "intents/api-create/intent.yaml" in files and "intents/api-create/Kptfile" in files
    assert "Create intent api-create" in shared.git("log", "-1", "--format=%B", "--", "intents/api-create")
    # The package holds what the pipeline rendered from the intent: a ProvisioningRequest on the cluster.
    [pr] = shared.resources("api-create", "ProvisioningRequest")
    assert pr["spec"]["templateParameters"]["clusterName"] == "edge-cluster-us-west-1"


def test_create_requires_type_name_and_expression_and_refuses_unknown_fields(shared):
    with shared.client() as client:
        missing = client.post(f"{TMF}/intent", json={"name": "api-missing"})
        typo = client.post(f"{TMF}/intent", json={**v5_intent("api-typo"), "descripton": "x"})
        number = client.post(f"{TMF}/intent", json=v5_intent("api-number", priority=1))
    assert missing.status_code == 400
    assert all(f"{field} is required" in missing.json()["message"] for field in ("@type", "expression"))
    assert typo.status_code == 400 and "unknown field descripton (did you mean description?)" in typo.json()["message"]
    assert number.status_code == 400 and "priority" in number.json()["message"]
    for answer in (missing, typo, number):
        tmf.Error.model_validate(answer.json())
        assert answer.json()["status"] == "400"


def test_a_name_that_is_not_a_dns_label_is_refused_with_a_suggestion(shared):
    with shared.client() as client:
        answer = client.post(f"{TMF}/intent", json=v5_intent("EdgeRanForEvent"))
        traversal = client.post(f"{TMF}/intent", json=v5_intent("../../etc"))
    assert answer.status_code == 400 and "'edge-ran-for-event'" in answer.json()["message"]
    assert traversal.status_code == 400
    assert "etc" not in shared.git("ls-tree", "-r", "--name-only", "main")


def test_a_duplicate_name_is_a_conflict_and_changes_nothing(shared):
    with shared.client() as client:
        assert client.post(f"{TMF}/intent", json=v5_intent("api-twice")).status_code == 201
        head = shared.git("rev-parse", "main")
        again = client.post(f"{TMF}/intent", json=v5_intent("api-twice"))
    assert again.status_code == 409 and "PATCH it" in again.json()["message"]
    assert shared.git("rev-parse", "main") == head


def test_a_render_that_fails_answers_422_with_the_krm_results_and_commits_nothing(shared):
    head = shared.git("rev-parse", "main")
    with shared.client() as client:
        answer = client.post(f"{TMF}/intent", json=v5_intent("api-mars", cluster="edge-cluster-mars"))
    assert answer.status_code == 422
    body = answer.json()
    tmf.RenderError.model_validate(body)
    assert body["@type"] == "RenderError" and body["@baseType"] == "Error"
    assert "edge-cluster-mars" in body["message"] and "nothing was committed" in body["message"]
    errors = [r for r in body["results"] if r.get("severity") == "error"]
    assert errors and errors[0]["function"].endswith("28312-to-pr:v0.1.0")
    assert shared.git("rev-parse", "main") == head


def test_list_counts_filters_projects_and_pages(shared):
    with shared.client() as client:
        for name in ("api-list-a", "api-list-b", "api-list-c"):
            assert client.post(f"{TMF}/intent", json=v5_intent(name, version="7.1")).status_code == 201
        everything = client.get(f"{TMF}/intent", params={"version": "7.1"})
        names_only = client.get(f"{TMF}/intent", params={"version": "7.1", "fields": "name"})
        second = client.get(f"{TMF}/intent", params={"version": "7.1", "offset": 1, "limit": 1})
        by_name = client.get(f"{TMF}/intent", params={"name": "api-list-b"})
        either = client.get(f"{TMF}/intent", params={"name": "api-list-a,api-list-c"})
        later = client.get(f"{TMF}/intent", params={"version": "7.1", "creationDate.gt": everything.json()[0]["creationDate"]})
        unknown = client.get(f"{TMF}/intent", params={"colour": "red"})
        unknown_field = client.get(f"{TMF}/intent", params={"fields": "colour"})
    assert [i["name"] for i in everything.json()] == ["api-list-a", "api-list-b", "api-list-c"]
    assert everything.headers["x-total-count"] == everything.headers["x-result-count"] == "3"
    assert all(set(i) == {"id", "href", "@type", "name"} for i in names_only.json())
    assert [i["name"] for i in second.json()] == ["api-list-b"]
    assert (second.headers["x-total-count"], second.headers["x-result-count"]) == ("3", "1")
    assert [i["id"] for i in by_name.json()] == ["api-list-b"]
    assert sorted(i["id"] for i in either.json()) == ["api-list-a", "api-list-c"]
    assert [i["id"] for i in later.json()] == ["api-list-b", "api-list-c"]
    assert unknown.status_code == 400 and "colour" in unknown.json()["message"]
    assert unknown_field.status_code == 400


def test_retrieve_with_fields_and_a_missing_intent_is_404(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-get"))
        answer = client.get(f"{TMF}/intent/api-get", params={"fields": "expression"})
        missing = client.get(f"{TMF}/intent/api-nowhere")
    assert set(answer.json()) == {"id", "href", "@type", "expression"}
    assert missing.status_code == 404 and missing.json()["code"] == "ERR404"


def test_merge_patch_renders_again_and_keeps_what_it_does_not_name(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-merge", description="before", version="1"))
        answer = client.patch(f"{TMF}/intent/api-merge", content=json.dumps({"description": "after", "version": None}), headers={"Content-Type": "application/merge-patch+json"})
    body = answer.json()
    assert answer.status_code == 200, answer.text
    assert body["description"] == "after" and "version" not in body and body["expression"]
    assert body["lastUpdate"] > body["creationDate"]
    assert "description: after" in shared.git("show", "main:intents/api-merge/intent.yaml")
    assert "Update intent api-merge" in shared.git("log", "-1", "--format=%s", "--", "intents/api-merge")


def test_json_patch_applies_operations_and_a_failed_test_is_a_conflict(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-json-patch", version="1"))
        head = shared.git("rev-parse", "main")
        failed = client.patch(
            f"{TMF}/intent/api-json-patch",
            content=json.dumps([{"op": "test", "path": "/version", "value": "2"}, {"op": "replace", "path": "/description", "value": "x"}]),
            headers={"Content-Type": "application/json-patch+json"},
        )
        assert shared.git("rev-parse", "main") == head
        applied = client.patch(
            f"{TMF}/intent/api-json-patch",
            content=json.dumps([{"op": "test", "path": "/version", "value": "1"}, {"op": "add", "path": "/description", "value": "patched"}]),
            headers={"Content-Type": "application/json-patch+json"},
        )
        bad_path = client.patch(f"{TMF}/intent/api-json-patch", content=json.dumps([{"op": "remove", "path": "/nothing"}]), headers={"Content-Type": "application/json-patch+json"})
        query = client.patch(f"{TMF}/intent/api-json-patch", content="[]", headers={"Content-Type": "application/json-patch-query+json"})
    assert failed.status_code == 409
    assert applied.status_code == 200 and applied.json()["description"] == "patched"
    assert bad_path.status_code == 400
    assert query.status_code == 415 and "application/json-patch+json" in query.json()["message"]


def test_patch_refuses_read_only_and_unknown_attributes(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-read-only"))
        moved = client.patch(f"{TMF}/intent/api-read-only", json={"id": "elsewhere"})
        dated = client.patch(f"{TMF}/intent/api-read-only", json={"creationDate": "2020-01-01T00:00:00Z"})
        missing = client.patch(f"{TMF}/intent/api-nowhere", json={"description": "x"})
    assert moved.status_code == 400 and "id is set by the gateway" in moved.json()["message"]
    assert dated.status_code == 400
    assert missing.status_code == 404


def test_the_same_patch_twice_commits_once(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-idempotent"))
        client.patch(f"{TMF}/intent/api-idempotent", json={"description": "same"})
        head = shared.git("rev-parse", "main")
        again = client.patch(f"{TMF}/intent/api-idempotent", json={"description": "same"})
    assert again.status_code == 200
    assert shared.git("rev-parse", "main") == head


def test_an_intent_in_the_guides_krm_form_is_patched_on_the_attributes_both_forms_have(shared):
    with shared.client() as client:
        assert client.post("/intent-gateway/v1/intents", json=krm_intent("api-krm-patch")).status_code == 201
        answer = client.patch(f"{TMF}/intent/api-krm-patch", json={"description": "now described", "priority": "2"})
        refused = client.patch(f"{TMF}/intent/api-krm-patch", json={"version": "2"})
    assert answer.status_code == 200 and (answer.json()["description"], answer.json()["priority"]) == ("now described", "2")
    intent = shared.git("show", "main:intents/api-krm-patch/intent.yaml")
    assert "intentExpectations" in intent and "priority: \"2\"" in intent
    assert refused.status_code == 400 and "KRM form" in refused.json()["message"]


def test_suspending_an_intent_deactivates_it_and_reports_suspended(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-suspend"))
        answer = client.patch(f"{TMF}/intent/api-suspend", json={"lifecycleStatus": "Suspended"})
    assert answer.status_code == 200 and answer.json()["lifecycleStatus"] == "Suspended"
    assert answer.json()["statusChangeDate"] == answer.json()["lastUpdate"]
    generated = shared.git("grep", "-l", "intentAdminState: DEACTIVATED", "main", "--", "intents/api-suspend")
    assert generated.strip()


def test_delete_removes_the_package_in_a_commit(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("api-delete"))
        answer = client.delete(f"{TMF}/intent/api-delete")
        again = client.delete(f"{TMF}/intent/api-delete")
        gone = client.get(f"{TMF}/intent/api-delete")
    assert answer.status_code == 204 and answer.content == b""
    assert again.status_code == 404 and gone.status_code == 404
    assert shared.git("ls-tree", "-r", "--name-only", "main", "intents/api-delete") == ""
    assert shared.git("log", "-1", "--format=%s").strip() == "Delete intent api-delete"


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("POST", f"{TMF}/intent", {}),
        ("PATCH", f"{TMF}/intent/deploy-cu", {}),
        ("DELETE", f"{TMF}/intent/deploy-cu", None),
        ("POST", f"{TMF}/hub", {"callback": "http://127.0.0.1:1/"}),
        ("POST", "/intent-gateway/v1/intents", {}),
    ],
)
def test_writes_need_the_bearer_token(shared, method, path, body):
    with shared.client(token=None) as anonymous, shared.client(token="not-the-token-0123456789") as stranger:
        missing = anonymous.request(method, path, json=body)
        wrong = stranger.request(method, path, json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert wrong.status_code == 403
    for answer in (missing, wrong):
        tmf.Error.model_validate(answer.json())


def test_reads_need_no_token(shared):
    with shared.client(token=None) as anonymous:
        assert anonymous.get(f"{TMF}/intent").status_code == 200


def test_bodies_are_bounded_and_must_be_json(shared):
    with shared.client() as client:
        large = client.post(f"{TMF}/intent", content=b"{" + b" " * (1 << 20) + b"}", headers={"Content-Type": "application/json"})
        form = client.post(f"{TMF}/intent", content=b"name=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
        broken = client.post(f"{TMF}/intent", content=b"{not json", headers={"Content-Type": "application/json"})
    assert large.status_code == 413 and large.json()["code"] == "ERR413"
    assert form.status_code == 415
    assert broken.status_code == 400 and "not JSON" in broken.json()["message"]


def test_unknown_paths_methods_and_query_parameters_answer_tmf630_errors(shared):
    with shared.client() as client:
        missing = client.get(f"{TMF}/nothing")
        method = client.put(f"{TMF}/intent/deploy-cu", json={})
        query = client.post(f"{TMF}/intent", params={"dryRun": "true"}, json=v5_intent("api-query"))
    assert missing.status_code == 404 and missing.json()["@type"] == "Error"
    assert method.status_code == 405 and method.json()["code"] == "ERR405"
    assert query.status_code == 400 and "unknown query parameter dryRun: it takes fields" in query.json()["message"]
