"""Intent fulfilment: the TS 28.312 IntentReport (the standard's spellings) and the TMF921 intent's status."""

from tests.slo_gate_validator import builders as b


def _report(items):
    return b.find(items, "IntentReport")["spec"]["intentFulfilmentReport"]


def _tmf(items):
    return b.find(items, "Intent", api_version="tmf921.intent.tmforum.org/v1")["status"]


def test_a_passing_gate_fulfils_every_covered_target_with_the_achieved_value():
    items, _, _ = b.run(b.package())
    report = _report(items)
    assert report["intentFulfilmentInfo"] == {"fulfilmentStatus": "FULFILLED"}
    expectation = report["expectationFulfilmentResult"][0]
    assert expectation["expectaitonId"] == f"{b.INTENT}-2"  # sic: TS 28.312's own spelling
    assert [(t["targetName"], t["targetFulfilmentInfo"]["fulfilmentStatus"], t["targetAchievedValue"]) for t in expectation["targetFulfilmentResult"]] == [
        ("DlLatency", "FULFILLED", 7.5),
        ("SuccessRate", "FULFILLED", 0.998),
        ("DlThptPerUe", "FULFILLED", 1200),
    ]
    assert b.find(items, "IntentReport")["spec"]["intentReference"] == f"Intent={b.INTENT}"


def test_a_failed_target_is_not_fulfilled_and_degraded():
    items, _, _ = b.run(b.package({"latency_p95_ms": 12}, gate_spec={"enforcement": "warn"}))
    report = _report(items)
    latency = report["expectationFulfilmentResult"][0]["targetFulfilmentResult"][0]
    assert latency["targetFulfilmentInfo"]["fulfilmentStatus"] == "NOT_FULFILLED"
    assert latency["targetFulfilmentInfo"]["notFullfilledState"] == "DEGRADED"  # sic
    assert latency["targetAchievedValue"] == 12
    assert "breaches" in latency["targetFulfilmentInfo"]["notFulfilledReasons"][0]
    assert report["intentFulfilmentInfo"]["fulfilmentStatus"] == "NOT_FULFILLED"
    condition = _tmf(items)["conditions"][0]
    assert (condition["type"], condition["status"], condition["reason"]) == ("Fulfilled", "False", "Degraded")


def test_an_inconclusive_gate_leaves_the_intent_acknowledged_but_not_fulfilled():
    items, _, _ = b.run(b.package(digest="sha256:" + "0" * 64))
    info = _report(items)["intentFulfilmentInfo"]
    assert (info["fulfilmentStatus"], info["notFullfilledState"]) == ("NOT_FULFILLED", "ACKNOWLEDGED")
    assert _tmf(items)["conditions"][0]["status"] == "Unknown"


def test_an_ensure_target_no_gate_measures_is_not_claimed_as_fulfilled():
    items = b.package()
    gate = b.find(items, "SLOGate")
    gate["spec"]["sloTargets"] = gate["spec"]["sloTargets"][:2]
    out, _, _ = b.run(items)
    throughput = _report(out)["expectationFulfilmentResult"][0]["targetFulfilmentResult"][2]
    assert throughput == {
        "targetName": "DlThptPerUe",
        "targetFulfilmentInfo": {"fulfilmentStatus": "NOT_FULFILLED", "notFullfilledState": "ACKNOWLEDGED", "notFulfilledReasons": ["no SLOGate measures this target"]},
    }


def test_the_tmf921_intent_links_its_report_and_keeps_its_other_conditions():
    items = b.package()
    tmf = b.find(items, "Intent", api_version="tmf921.intent.tmforum.org/v1")
    tmf["status"] = {"conditions": [{"type": "Translated", "status": "True"}]}
    out, _, _ = b.run(items)
    status = _tmf(out)
    assert [c["type"] for c in status["conditions"]] == ["Translated", "Fulfilled"]
    assert status["intentReports"] == [{"apiVersion": "intent.3gpp.org/v1alpha1", "kind": "IntentReport", "name": b.INTENT, "fulfilmentStatus": "FULFILLED"}]


def test_reports_are_optional():
    out, _, _ = b.run(b.package(), {"intentReports": False})
    assert not [i for i in out if i["kind"] == "IntentReport"]
    assert "status" not in b.find(out, "Intent", api_version="tmf921.intent.tmforum.org/v1")


def test_the_report_time_is_the_datas_not_the_clocks():
    items, _, _ = b.run(b.package())
    assert b.find(items, "IntentReport")["spec"]["lastUpdatedTime"] == b.WINDOW_END
