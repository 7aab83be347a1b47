"""Hubs: events delivered to a real listener with bounded retries; IntentSpecification CRUD."""

from __future__ import annotations

import json
import time

import pytest
from oran_intent_krm.models import tmf921_api as tmf

from tests.gateway.listener import Listener
from tests.gateway.server import TMF, v5_intent


@pytest.fixture
def listener():
    made: list[Listener] = []

    def make(failures: int = 0) -> Listener:
        made.append(Listener(failures))
        return made[-1]

    yield make
    for one in made:
        one.close()


def _intent_events(received, name):
    return [(path, event) for path, event in received if (event["event"].get("intent") or event["event"].get("intentReport", {}).get("intent") or {}).get("id") == name]


def test_events_of_an_intents_life_reach_the_listener(fresh, listener):
    server = fresh()
    client_side = listener()
    with server.client() as client:
        hub = client.post(f"{TMF}/hub", json={"@type": "Hub", "callback": client_side.url})
        assert hub.status_code == 201, hub.text
        tmf.Hub.model_validate(hub.json())
        assert hub.headers["location"] == hub.json()["href"]
        assert client.get(f"{TMF}/hub/{hub.json()['id']}").json() == hub.json()
        client.post(f"{TMF}/intent", json=v5_intent("events-life"))
        client.patch(f"{TMF}/intent/events-life", json={"description": "changed"})
        client.patch(f"{TMF}/intent/events-life", json={"lifecycleStatus": "Suspended"})
        [report] = client.get(f"{TMF}/intent/events-life/intentReport").json()
        client.delete(f"{TMF}/intent/events-life/intentReport/{report['id']}")
        client.delete(f"{TMF}/intent/events-life")
    received = client_side.wait_for(8)
    paths = [path for path, _ in _intent_events(received, "events-life")]
    assert paths[0] == "/client/listener/intentCreateEvent"
    assert set(paths) == {
        "/client/listener/intentCreateEvent",
        "/client/listener/intentReportCreateEvent",
        "/client/listener/intentAttributeValueChangeEvent",
        "/client/listener/intentStatusChangeEvent",
        "/client/listener/intentReportDeleteEvent",
        "/client/listener/intentDeleteEvent",
    }
    assert paths[-1] == "/client/listener/intentDeleteEvent"
    for path, event in received:
        tmf.Event.model_validate(event)
        assert path.endswith("/" + event["eventType"][0].lower() + event["eventType"][1:])
        assert event["@type"] == event["eventType"] and event["timeOccurred"] and event["eventId"]
    status = next(e for p, e in received if p.endswith("intentStatusChangeEvent"))
    assert status["event"]["intent"]["lifecycleStatus"] == "Suspended"


def test_a_hub_query_selects_event_types_and_a_bad_query_is_refused(fresh, listener):
    server = fresh()
    client_side = listener()
    with server.client() as client:
        assert client.post(f"{TMF}/hub", json={"callback": client_side.url, "query": "eventType=IntentDeleteEvent"}).status_code == 201
        bad = client.post(f"{TMF}/hub", json={"callback": client_side.url, "query": "colour=red"})
        wrong_type = client.post(f"{TMF}/hub", json={"callback": client_side.url, "query": "eventType=IntentExplodeEvent"})
        no_url = client.post(f"{TMF}/hub", json={"callback": "not a url"})
        client.post(f"{TMF}/intent", json=v5_intent("events-query"))
        client.delete(f"{TMF}/intent/events-query")
    received = client_side.wait_for(1)
    time.sleep(1)
    assert [event["eventType"] for _, event in client_side.received] == ["IntentDeleteEvent"]
    assert received[0][1]["event"]["intent"]["id"] == "events-query"
    assert bad.status_code == wrong_type.status_code == no_url.status_code == 400


def test_a_listener_that_fails_gets_bounded_retries(fresh, listener):
    server = fresh()
    flaky = listener(failures=2)
    with server.client() as client:
        client.post(f"{TMF}/hub", json={"callback": flaky.url, "query": "eventType=IntentCreateEvent"})
        client.post(f"{TMF}/intent", json=v5_intent("events-flaky"))
    assert [event["eventType"] for _, event in flaky.wait_for(1)] == ["IntentCreateEvent"]
    assert flaky.attempts == 3, "two failures, then the third attempt delivered it"
    dead = listener(failures=1000)
    with server.client() as client:
        hub = client.post(f"{TMF}/hub", json={"callback": dead.url, "query": "eventType=IntentCreateEvent"}).json()
        client.post(f"{TMF}/intent", json=v5_intent("events-dead"))
        time.sleep(6)
        assert dead.attempts == 3, "attempts are bounded"
        assert client.delete(f"{TMF}/hub/{hub['id']}").status_code == 204
        assert client.get(f"{TMF}/hub/{hub['id']}").status_code == 404


def test_hubs_survive_a_restart_because_they_are_in_the_repository(fresh, listener, tmp_path):
    client_side = listener()
    server = fresh(repo=tmp_path / "hub-repo")
    with server.client() as client:
        client.post(f"{TMF}/hub", json={"callback": client_side.url, "query": "eventType=IntentCreateEvent"})
    assert "Register hub" in server.git("log", "-1", "--format=%s")
    server.stop()
    again = fresh(repo=tmp_path / "hub-repo")
    with again.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("events-after-restart"))
    assert client_side.wait_for(1)[0][1]["event"]["intent"]["id"] == "events-after-restart"


def test_intent_specifications_are_created_listed_patched_and_deleted(shared):
    with shared.client() as client:
        created = client.post(
            f"{TMF}/intentSpecification",
            json={"@type": "IntentSpecification", "name": "RanDeployment", "version": "1.0", "lifecycleStatus": "ACTIVE", "expressionSpecification": {"expressionLanguage": "JSON-LD"}},
        )
        spec = created.json()
        listed = client.get(f"{TMF}/intentSpecification", params={"name": "RanDeployment"})
        renamed = client.patch(f"{TMF}/intentSpecification/{spec['id']}", json={"@type": "IntentSpecification", "name": "RanDeploymentV2"})
        json_patched = client.patch(
            f"{TMF}/intentSpecification/{spec['id']}",
            content=json.dumps([{"op": "replace", "path": "/version", "value": "2.0"}]),
            headers={"Content-Type": "application/json-patch+json"},
        )
        fields = client.get(f"{TMF}/intentSpecification/{spec['id']}", params={"fields": "version"})
        unknown = client.post(f"{TMF}/intentSpecification", json={"@type": "IntentSpecification", "name": "x", "colour": "red"})
        deleted = client.delete(f"{TMF}/intentSpecification/{spec['id']}")
        gone = client.get(f"{TMF}/intentSpecification/{spec['id']}")
    assert created.status_code == 201 and created.headers["location"] == spec["href"]
    tmf.IntentSpecification.model_validate(spec)
    assert [s["id"] for s in listed.json()] == [spec["id"]] and listed.headers["x-total-count"] == "1"
    assert renamed.status_code == 200 and renamed.json()["name"] == "RanDeploymentV2" and renamed.json()["version"] == "1.0"
    assert json_patched.json()["version"] == "2.0"
    assert set(fields.json()) == {"id", "href", "@type", "version"}
    assert unknown.status_code == 400 and "colour" in unknown.json()["message"]
    assert deleted.status_code == 204 and gone.status_code == 404
    assert f"Delete intent specification RanDeploymentV2 ({spec['id']})" in shared.git("log", "-1", "--format=%s")
