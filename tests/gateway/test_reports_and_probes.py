"""IntentReports come from the rendered TS 28.312 IntentReport; a ProbeIntent renders and commits nothing."""

from __future__ import annotations

from oran_intent_krm.models import tmf921_api as tmf
from oran_intent_krm.models.measurement import IntentReport as Ts28312IntentReport

from tests.gateway.server import TMF, krm_intent, v5_intent


def _rendered_report(server, intent: str) -> dict:
    """The TS 28.312 IntentReport the pipeline rendered into the intent's package."""
    [report] = server.resources(intent, "IntentReport")
    return report


def test_an_intent_has_a_report_as_soon_as_it_is_created_and_it_is_the_rendered_one(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("report-created"))
        listed = client.get(f"{TMF}/intent/report-created/intentReport")
    assert listed.status_code == 200 and listed.headers["x-total-count"] == "1"
    [report] = listed.json()
    tmf.IntentReport.model_validate(report)
    assert report["intent"] == {"id": "report-created", "href": f"{TMF}/intent/report-created", "name": "report-created", "@type": "IntentRef"}
    content = report["expression"]["expressionValue"]
    rendered = _rendered_report(shared, "report-created")
    Ts28312IntentReport.model_validate(rendered)
    assert content["intentFulfilmentReport"] == rendered["spec"]["intentFulfilmentReport"]
    assert content["intentReference"] == rendered["spec"]["intentReference"]
    assert content["intentFeasibilityCheckReport"] == {"feasibilityCheckResult": "FEASIBLE"}
    assert content["intentConflictReports"] == []


def test_a_report_is_retrieved_projected_filtered_and_deleted_in_a_commit(shared):
    with shared.client() as client:
        client.post(f"{TMF}/intent", json=v5_intent("report-delete"))
        [report] = client.get(f"{TMF}/intent/report-delete/intentReport").json()
        one = client.get(f"{TMF}/intent/report-delete/intentReport/{report['id']}", params={"fields": "name"})
        by_name = client.get(f"{TMF}/intent/report-delete/intentReport", params={"name": report["name"]})
        none = client.get(f"{TMF}/intent/report-delete/intentReport", params={"name": "other"})
        deleted = client.delete(f"{TMF}/intent/report-delete/intentReport/{report['id']}")
        after = client.get(f"{TMF}/intent/report-delete/intentReport")
        missing = client.get(f"{TMF}/intent/report-delete/intentReport/{report['id']}")
        orphan = client.get(f"{TMF}/intent/report-nowhere/intentReport")
    assert set(one.json()) == {"id", "href", "@type", "name"}
    assert by_name.headers["x-total-count"] == "1" and none.headers["x-total-count"] == "0"
    assert deleted.status_code == 204
    assert after.json() == [] and missing.status_code == 404 and orphan.status_code == 404
    assert "Delete IntentReport" in shared.git("log", "-1", "--format=%s")


def test_a_feasible_probe_answers_the_ts28312_feasibility_and_commits_nothing(shared):
    head = shared.git("rev-parse", "main")
    with shared.client() as client:
        answer = client.post(f"{TMF}/intent", json=v5_intent("probe-feasible", type_="ProbeIntent"))
        probe = answer.json()
        reports = client.get(f"{TMF}/intent/{probe['id']}/intentReport")
        again = client.get(f"{TMF}/intent/{probe['id']}")
        listed = client.get(f"{TMF}/intent", params={"name": "probe-feasible"})
    assert answer.status_code == 201, answer.text
    tmf.ProbeIntent.model_validate(probe)
    assert probe["@type"] == "ProbeIntent" and probe["lifecycleStatus"] == "Feasible"
    assert probe["intentFeasibilityCheckReport"] == {"feasibilityCheckResult": "FEASIBLE"}
    assert probe["intentConflictReports"] == []
    assert shared.git("rev-parse", "main") == head
    [report] = reports.json()
    assert report["expression"]["expressionValue"]["intentFeasibilityCheckReport"] == {"feasibilityCheckResult": "FEASIBLE"}
    assert again.json() == probe
    assert listed.json() == [], "a probe is not an intent of the repository"


def test_an_infeasible_probe_says_why_in_the_standards_terms(shared):
    head = shared.git("rev-parse", "main")
    with shared.client() as client:
        probe = client.post(f"{TMF}/intent", json=v5_intent("probe-mars", cluster="edge-cluster-mars", type_="ProbeIntent")).json()
        [report] = client.get(f"{TMF}/intent/{probe['id']}/intentReport").json()
        deleted = client.delete(f"{TMF}/intent/{probe['id']}")
        gone = client.get(f"{TMF}/intent/{probe['id']}")
    check = probe["intentFeasibilityCheckReport"]
    assert check["feasibilityCheckResult"] == "INFEASIBLE" and "edge-cluster-mars" in check["infeasibilityReason"]
    assert probe["lifecycleStatus"] == "Infeasible"
    assert report["expression"]["expressionValue"]["intentFeasibilityCheckReport"] == check
    assert deleted.status_code == 204 and gone.status_code == 404
    assert shared.git("rev-parse", "main") == head


def test_a_probe_renders_against_the_intents_already_in_the_repository(fresh):
    """The site's /28 has 13 free addresses: room for one CU and DU (8 attachments), not for two."""
    server = fresh("--inventory", str(_tiny_inventory()))
    cu_du = ("o-ran-cu", "o-ran-du")
    with server.client() as client:
        first = client.post(f"{TMF}/intent", json=v5_intent("tiny-one", objects=cu_du))
        probe = client.post(f"{TMF}/intent", json=v5_intent("tiny-two", type_="ProbeIntent", objects=cu_du)).json()
        what_if = client.post(f"{TMF}/intent", json=v5_intent("tiny-one", type_="ProbeIntent", objects=cu_du, description="changed")).json()
    assert first.status_code == 201, first.text
    assert probe["intentFeasibilityCheckReport"]["feasibilityCheckResult"] == "INFEASIBLE"
    assert "free" in probe["intentFeasibilityCheckReport"]["infeasibilityReason"]
    assert what_if["intentFeasibilityCheckReport"] == {"feasibilityCheckResult": "FEASIBLE"}, "a probe named after an intent is a what-if change of it"


def test_the_guides_krm_intent_has_its_report_too(shared):
    with shared.client() as client:
        client.post("/intent-gateway/v1/intents", json=krm_intent("report-krm"))
        [report] = client.get(f"{TMF}/intent/report-krm/intentReport").json()
    assert report["expression"]["expressionValue"]["intentReference"] == "Intent=report-krm"


def _tiny_inventory() -> object:
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="tiny-inventory-"))
    (folder / "site.yaml").write_text(
        """apiVersion: infra.nephio.org/v1alpha1
kind: WorkloadCluster
metadata:
  name: edge-cluster-us-west-1
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: edge-cluster-us-west-1
  cnis: [macvlan]
  masterInterface: eth1
---
apiVersion: fn.oran-intent.io/v1alpha1
kind: SiteNetworkPlan
metadata:
  name: edge-cluster-us-west-1
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  clusterName: edge-cluster-us-west-1
  vlan: 100
  subnet: 192.168.100.0/28
  gateway: 192.168.100.1
"""
    )
    return folder
