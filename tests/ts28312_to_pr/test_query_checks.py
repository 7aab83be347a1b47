"""Every query 28312-to-pr writes selects the revision of the pods it measures, and every template is checked.

The checks are the ones the measurement collector applies (assurance.promql):
an error stops the plan at the configuration field to change, a warning names
the risk and lets the plan through.
"""

import promql_parser
import pytest
from oran_intent_krm.assurance.revision import PROMETHEUS_LABEL, request_revision
from oran_intent_krm.ts28312_to_pr import promql

from tests.ts28312_to_pr.builders import config, guide_package, run

GUIDE_SUCCESS_RATE = "rate(requests_total{status=~'2..'}[5m]) / rate(requests_total[5m])"
GUIDE_LATENCY = "histogram_quantile(0.95, rate(request_duration_seconds_bucket[5m]))"


def _plan(**fields):
    return run(guide_package(), config(**fields) if fields else None)


def _findings(result, severity):
    return [(r["field"]["path"], r["message"]) for r in result.results if r["severity"] == severity and "functionConfig" in r["message"]]


def test_every_generated_selector_selects_the_revision_of_the_generated_request():
    result = _plan()
    revision = request_revision(result.one("ProvisioningRequest"))
    for measurement in result.one("MeasurementJob")["spec"]["measurements"]:
        found = _vector_selectors(measurement["query"])
        assert found
        for selector in found:
            assert (PROMETHEUS_LABEL, revision) in {(m.name, m.value) for m in selector.matchers.matchers}, measurement["query"]


def _vector_selectors(query):
    found = []
    promql_parser.walk(promql_parser.parse(query), lambda n: found.append(n) if isinstance(n, promql_parser.VectorSelector) else None)
    return found


def test_the_shipped_templates_pass_every_check():
    result = _plan()
    assert result.exit_code == 0
    assert _findings(result, "warning") == [] and _findings(result, "error") == []


def test_a_template_without_the_revision_selector_gets_a_warning_naming_the_risk():
    result = _plan(metrics={"latency_p95_ms": {"query": 'max(ran_latency_ms{cluster="${cluster}"})'}})
    assert result.exit_code == 0
    ((path, message),) = _findings(result, "warning")
    assert path == "metrics.latency_p95_ms.query"
    assert "[revision-selector]" in message and "previous revision" in message
    assert 'krm_oran_intent_io_revision="${revision}"' in next(r["field"]["proposedValue"] for r in result.results if r["severity"] == "warning")


def test_the_guides_success_rate_query_is_refused_as_a_ratio_that_drops_series():
    result = _plan(metrics={"success_rate": {"query": GUIDE_SUCCESS_RATE}})
    assert result.exit_code == 1
    errors = _findings(result, "error")
    assert [p for p, _ in errors] == ["metrics.success_rate.query"]
    assert "[ratio-matching]" in errors[0][1] and "status" in errors[0][1]
    assert result.kind("ProvisioningRequest") == []  # a broken configuration generates nothing


def test_the_guides_latency_query_in_seconds_is_refused_for_a_metric_in_ms():
    result = _plan(metrics={"latency_p95_ms": {"query": GUIDE_LATENCY}})
    assert result.exit_code == 1
    ((path, message),) = _findings(result, "error")
    assert path == "metrics.latency_p95_ms.query"
    assert "[histogram-unit]" in message and "not in the declared unit ms" in message
    proposed = next(r["field"]["proposedValue"] for r in result.results if r["severity"] == "error")
    assert proposed.startswith("write 1000 * histogram_quantile(")


def test_a_rate_window_shorter_than_two_scrapes_is_an_error_on_the_field_that_makes_it_so():
    result = _plan(metrics={"throughput_p95_mbps": {"query": 'sum(rate(bytes_transferred_total{cluster="${cluster}",krm_oran_intent_io_revision="${revision}"}[30s])) * 8 / 1000000'}}, scrapeInterval="30s")
    assert [p for p, _ in _findings(result, "error")] == ["metrics.throughput_p95_mbps.query"]
    shipped = _plan(scrapeInterval="5m")  # the shipped templates' [5m] windows cannot hold two 5 m scrapes
    paths = {p for p, _ in _findings(shipped, "error")}
    assert paths == {"scrapeInterval"}
    assert shipped.exit_code == 1


def test_the_rate_window_placeholder_follows_the_scrape_interval():
    query = next(m["query"] for m in _plan(scrapeInterval="30s").one("MeasurementJob")["spec"]["measurements"] if m["name"] == "throughput_p95_mbps")
    assert "[2m]" in query


def test_a_dollar_in_a_regular_expression_is_the_querys_own_with_a_warning():
    template = 'max(ran_latency_ms{cluster="${cluster}",krm_oran_intent_io_revision="${revision}",handler=~"/api$"})'
    result = _plan(metrics={"latency_p95_ms": {"query": template}})
    assert result.exit_code == 0
    query = next(m["query"] for m in result.one("MeasurementJob")["spec"]["measurements"] if m["name"] == "latency_p95_ms")
    assert 'handler=~"/api$"' in query
    ((path, message),) = _findings(result, "warning")
    assert path == "metrics.latency_p95_ms.query" and "[regex-anchor]" in message


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a{x=\"${cluster}\"}", 'a{x="c"}'),
        ("a{x=\"$cluster\"}", 'a{x="c"}'),
        ("a{x=~\"b$$\"}", 'a{x=~"b$"}'),
        ("a{x=~\"b$\"} + $$", 'a{x=~"b$"} + $'),
        ("a{x=~\"(b|c)$|d\"}", 'a{x=~"(b|c)$|d"}'),
    ],
)
def test_placeholders_and_dollars(template, expected):
    assert promql.render(template, {"cluster": "c"}) == expected


@pytest.mark.parametrize(("template", "error"), [("a{x=\"${nope}\"}", KeyError), ("a{x=\"$nope\"}", KeyError), ("a{x=\"${cluster\"}", ValueError)])
def test_unknown_and_malformed_placeholders_are_refused(template, error):
    with pytest.raises(error):
        promql.render(template, {"cluster": "c"})
