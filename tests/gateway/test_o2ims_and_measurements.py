"""The O2 IMS measurement job query, and measurements pushed to the repository reaching the intent."""

from __future__ import annotations

import json
import subprocess
import time
import uuid

import yaml
from oran_intent_krm.models import o2ims_performance as o2ims

from tests import kpt
from tests.gateway.listener import Listener
from tests.gateway.server import TMF, krm_intent, v5_intent
from tests.packages.support import passing_report

BASE = "/o2ims-infrastructurePerformance/v1"


def test_measurement_jobs_carry_the_specs_field_names_from_the_rendered_jobs(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("o2ims-jobs"))
        jobs = client.get(f"{BASE}/measurementJobs", params={"filter": "(eq,consumerPerformanceJobId,o2ims-jobs-edge-cluster-us-west-1)"}).json()
    [job] = jobs
    o2ims.MeasurementJob.model_validate(job)
    uuid.UUID(job["performanceMeasurementJobId"])
    assert (job["state"], job["status"], job["preinstalledJob"], job["collectionInterval"]) == ("ACTIVE", "RUNNING", False, 30)
    assert job["resourceScopeCriteria"] == {"clusterName": "edge-cluster-us-west-1", "provisioningRequestName": "o2ims-jobs-edge-cluster-us-west-1"}
    assert {"measurementName": "latency_p95_ms"} in job["measurementSelectionCriteria"]
    assert "measuredResources" not in job and "collectedMeasurements" not in job, "exclude_default hides them"
    [rendered] = shared.resources("o2ims-jobs", "MeasurementJob")
    assert job["extensions"]["measurements"] == [{"name": m["name"], "query": m["query"], "unit": m["unit"]} for m in rendered["spec"]["measurements"]]


def test_a_job_is_read_by_id_or_name_under_both_paths_and_selectors_shape_it(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("o2ims-one"))
        [job] = client.get(f"{BASE}/measurementJobs", params={"filter": "(cont,consumerPerformanceJobId,o2ims-one)", "all_fields": ""}).json()
        by_id = client.get(f"{BASE}/measurementJobs/{job['performanceMeasurementJobId']}")
        by_name = client.get("/o2ims/v1/measurementJobs/o2ims-one-edge-cluster-us-west-1")
        some = client.get(f"{BASE}/measurementJobs", params={"filter": "(cont,consumerPerformanceJobId,o2ims-one)", "fields": "state"}).json()
        excluded = client.get(f"{BASE}/measurementJobs", params={"filter": "(cont,consumerPerformanceJobId,o2ims-one)", "exclude_fields": "extensions"}).json()
        versions = client.get("/o2ims-infrastructurePerformance/api_versions").json()
    assert [r["resourceId"] for r in job["measuredResources"]] == ["o2ims-one-edge-cluster-us-west-1"]
    assert {m["performanceMeasurementDefinitionId"] for m in job["collectedMeasurements"]} >= {"latency_p95_ms"}
    assert by_id.json()["performanceMeasurementJobId"] == by_name.json()["performanceMeasurementJobId"] == job["performanceMeasurementJobId"]
    assert some == [{"performanceMeasurementJobId": job["performanceMeasurementJobId"], "state": "ACTIVE"}]
    assert "extensions" not in excluded[0]
    o2ims.APIVersions.model_validate(versions)


def test_errors_are_problem_details_and_writes_are_not_allowed(shared):
    with shared.client() as client:
        missing = client.get(f"{BASE}/measurementJobs/{uuid.uuid4()}")
        bad_filter = client.get(f"{BASE}/measurementJobs", params={"filter": "(like,state,x)"})
        unknown = client.get(f"{BASE}/measurementJobs", params={"page": "2"})
        post = client.post(f"{BASE}/measurementJobs", json={})
        delete = client.delete(f"/o2ims/v1/measurementJobs/{uuid.uuid4()}")
        marker = client.get(f"{BASE}/measurementJobs", params={"nextpage_opaque_marker": "forged"})
    for answer, status in ((missing, 404), (bad_filter, 400), (unknown, 400), (post, 405), (delete, 405), (marker, 400)):
        assert answer.status_code == status
        assert answer.headers["content-type"] == "application/problem+json"
        problem = o2ims.ProblemDetails.model_validate(answer.json())
        assert problem.status == status and problem.detail


def test_more_than_a_page_of_jobs_is_paged_with_a_link_header(fresh):
    server = fresh(INTENT_GATEWAY_PAGE_SIZE="1")
    with server.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("o2ims-page-a"))
        client.post(f"{TMF}/intent", json=v5_intent("o2ims-page-b", cluster="edge-cluster-us-east-1"))
        first = client.get(f"{BASE}/measurementJobs", params={"fields": "consumerPerformanceJobId"})
        following = first.headers["link"].split(">")[0].lstrip("<")
        second = client.get(following)
    assert first.headers["link"].endswith('rel="next"')
    assert [j["consumerPerformanceJobId"] for j in first.json() + second.json()] == ["o2ims-page-a-edge-cluster-us-west-1", "o2ims-page-b-edge-cluster-us-east-1"]
    assert "link" not in second.headers


def test_measurements_pushed_to_the_repository_fulfil_the_intent(fresh, tmp_path):
    """The collector's way: clone, add a MeasurementReport, render, push.  The gateway follows, and
    tells the hubs."""
    server = fresh()
    listener = Listener()
    with server.client() as client:
        client.post(f"{TMF}/hub", json={"callback": listener.url, "query": "eventType=IntentStatusChangeEvent,IntentReportCreateEvent"})
        client.post("/intent-gateway/v1/intents", json=krm_intent("measured"))
        [job] = client.get(f"{BASE}/measurementJobs").json()
        before = client.get(f"/o2ims/v1/measurementJobs/{job['performanceMeasurementJobId']}/results")
    assert before.status_code == 404 and "no MeasurementReport" in before.json()["detail"]

    work = tmp_path / "work"
    kpt.git(tmp_path, "clone", "-q", str(server.repo), str(work))
    package = work / "intents" / "measured"
    explained = subprocess.run(["slo-gate-validator", "explain", str(package), "-o", "json"], capture_output=True, text=True, env=kpt.env(), check=True)
    [evaluation] = json.loads(explained.stdout)["gates"]
    gate = next(d for p in package.rglob("*.yaml") for d in yaml.safe_load_all(p.read_text()) if isinstance(d, dict) and d.get("kind") == "SLOGate")
    (package / "measurements").mkdir()
    (package / "measurements" / "report.yaml").write_text(yaml.safe_dump(passing_report(gate, evaluation["revision"]), sort_keys=False))
    assert kpt.render(package).exit_code == 0
    kpt.git(work, "add", "-A")
    kpt.git(work, "commit", "-q", "-m", "Measurements of intent measured")
    kpt.git(work, "push", "-q", "origin", "main")

    deadline = time.monotonic() + 30
    with server.client() as client:
        while time.monotonic() < deadline and client.get(f"{TMF}/intent/measured").json()["lifecycleStatus"] != "Fulfilled":
            time.sleep(0.2)
        intent = client.get(f"{TMF}/intent/measured").json()
        [report] = client.get(f"{TMF}/intent/measured/intentReport").json()
        results = client.get(f"/o2ims/v1/measurementJobs/{job['performanceMeasurementJobId']}/results")
    assert intent["lifecycleStatus"] == "Fulfilled"
    assert report["expression"]["expressionValue"]["intentFulfilmentReport"]["intentFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
    assert results.status_code == 200 and results.json()["kind"] == "MeasurementReport"
    o2ims.MeasurementReportDocument.model_validate(results.json())
    with server.client() as client:
        changed = client.patch(f"{TMF}/intent/measured", json={"description": "after the measurements"})
    assert changed.status_code == 200, "the gateway commits on top of what was pushed"
    assert "measurements/report.yaml" in server.git("ls-tree", "-r", "--name-only", "main", "intents/measured")
    received = listener.wait_for(3)
    listener.close()
    status = [e for p, e in received if p.endswith("/intentStatusChangeEvent")]
    assert [e["event"]["intent"]["lifecycleStatus"] for e in status] == ["Fulfilled"]
    fulfilled = [e for p, e in received if p.endswith("/intentReportCreateEvent")][-1]
    assert fulfilled["event"]["intentReport"]["expression"]["expressionValue"]["intentFulfilmentReport"]["intentFulfilmentInfo"]["fulfilmentStatus"] == "FULFILLED"
