"""The served OpenAPI document, and schemathesis over it: no 5xx, every answer as the document says.

The run is bounded (a few examples per operation, see EXAMPLES) because every accepted POST or
PATCH of an intent is a real render; failures hypothesis finds are kept in its example database
and tried first next time."""

from __future__ import annotations

import json

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests import kpt
from tests.gateway.server import TOKEN, Server

EXAMPLES = 25
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("schemathesis") / "repo").start()
    yield server
    server.stop()


DOCUMENT = kpt.ROOT / "functions" / "gateway" / "openapi.json"


def test_the_served_document_is_the_committed_one_made_from_the_models(gateway):
    document = httpx.get(f"{gateway.url}/openapi.json").json()
    assert document == json.loads(DOCUMENT.read_text()), "run make generate"
    schemas = document["components"]["schemas"]
    assert {"Intent", "Intent_FVO", "Intent_MVO", "ProbeIntent", "IntentReport", "IntentSpecification", "Hub", "Hub_FVO", "Event", "Error", "MeasurementJob", "ProblemDetails"} <= set(schemas)
    assert set(schemas["Intent_FVO"]["required"]) == {"@type", "name", "expression"}
    create = document["paths"]["/tmf-api/intentManagement/v5/intent"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Intent_FVO"}
    assert {"201", "400", "401", "403", "409", "422"} <= set(create["responses"])
    patch = document["paths"]["/tmf-api/intentManagement/v5/intent/{id}"]["patch"]
    assert {"application/merge-patch+json", "application/json-patch+json"} <= set(patch["requestBody"]["content"])
    listing = document["paths"]["/tmf-api/intentManagement/v5/intent"]["get"]["responses"]["200"]
    assert {"X-Total-Count", "X-Result-Count"} <= set(listing["headers"])
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


# Positive and negative cases; without the coverage phase, whose boundary cases multiply the renders.
schema = schemathesis.openapi.from_path(
    DOCUMENT, config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}, "generation": {"mode": "all"}})
)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_documented(case, gateway):
    case.call_and_validate(base_url=gateway.url, headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS, timeout=600)
