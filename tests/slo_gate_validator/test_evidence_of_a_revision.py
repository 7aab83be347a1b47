"""Evidence belongs to a revision: a report says which, and when it went live; a window before that is not judged."""

from __future__ import annotations

import pytest
from oran_intent_krm.assurance.evidence import read_report
from oran_intent_krm.assurance.gate import read_gate
from oran_intent_krm.assurance.revision import request_revision
from oran_intent_krm.slo_gate_validator.evaluate import evaluate_gate

from tests.slo_gate_validator import builders as b
from tests.slo_gate_validator.helpers import CONFIG, DIGEST, judge

LATENCY = {"metric": "latency_p95_ms", "threshold": 10, "operator": "<=", "unit": "ms"}
GOOD = [b.series("latency_p95_ms", [5.0] * 10)]
RENDERED = (request_revision(b.provisioning_request()),)


def _judge(revision=None, metrics=GOOD, **kwargs):
    report_args = {"revision_evidence": revision, **kwargs.pop("report_args", {})}
    return judge([LATENCY], metrics, report_args=report_args, revisions=RENDERED, **kwargs)


def test_a_report_of_the_rendered_revision_live_before_the_window_is_judged():
    assert _judge(b.revision("2025-06-01T09:00:00Z")).phase == "Passed"
    assert _judge(b.revision(b.WINDOW_START)).phase == "Passed"  # live exactly when the window begins


def test_a_window_that_begins_before_the_revisions_first_sample_is_inconclusive():
    evaluation = _judge(b.revision("2025-06-01T10:00:01Z"))
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "WindowBeforeRevision")
    assert "2025-06-01T10:00:00Z" in evaluation.message and "2025-06-01T10:00:01Z" in evaluation.message
    assert {t.verdict for t in evaluation.targets} == {"Inconclusive"}


def test_good_numbers_from_before_the_revision_never_pass_and_bad_ones_never_fail():
    bad = [b.series("latency_p95_ms", [50.0] * 10)]
    assert _judge(b.revision("2025-06-01T10:04:00Z"), metrics=bad).phase == "Inconclusive"


def test_only_the_evaluated_window_has_to_follow_the_first_sample():
    values = [None] * 10 + [5.0] * 10  # ten minutes reported; the revision went live after the first five
    evaluation = _judge(b.revision("2025-06-01T10:04:30Z"), [b.series("latency_p95_ms", values)], report_args={"end": "2025-06-01T10:10:00Z"})
    assert evaluation.phase == "Passed"


def test_a_report_that_does_not_say_its_revision_is_inconclusive():
    report = b.report(GOOD, DIGEST)
    del report["spec"]["revision"]
    evaluation = evaluate_gate(read_gate(b.gate([LATENCY]), CONFIG), read_report(report), DIGEST, 2, rendered_revisions=RENDERED)
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "NoRevisionEvidence")
    assert "measurement-collector" in evaluation.message


def test_a_report_about_another_revision_than_the_pods_carry_is_inconclusive():
    evaluation = _judge(b.revision(value="ffffffffffffffff"))
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "RevisionMismatch")
    assert RENDERED[0] in evaluation.message


@pytest.mark.parametrize(
    ("revision", "path"),
    [
        ({"label": "krm_oran_intent_io_revision", "value": "abc"}, "spec.revision.firstSample"),
        ({"label": "krm_oran_intent_io_revision", "value": "abc", "firstSample": "yesterday"}, "spec.revision.firstSample"),
        ({"label": "", "value": "abc", "firstSample": b.WINDOW_START}, "spec.revision.label"),
        ("abc", "spec.revision"),
    ],
)
def test_malformed_revision_evidence_is_an_invalid_report(revision, path):
    evaluation = _judge(revision)
    assert (evaluation.phase, evaluation.reason) == ("Inconclusive", "InvalidReport")
    assert path in evaluation.message
