"""The PromQL checks every measurement query gets, in 28312-to-pr and in the collector.

Each finding names the part of the query that is wrong and the fix; a correct
query beside each wrong one gets none.
"""

from __future__ import annotations

import pytest
from oran_intent_krm.assurance import promql

REVISION = promql.Revision("krm_oran_intent_io_revision", "0123456789abcdef")
SELECT = 'cluster="c",krm_oran_intent_io_revision="0123456789abcdef"'


def _rules(query: str, **kwargs) -> list[str]:
    return [f.rule for f in promql.lint(query, **kwargs)]


# ---- histogram-unit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "unit"),
    [
        ("histogram_quantile(0.95, rate(request_duration_seconds_bucket[5m]))", "ms"),  # the guide's
        ("histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))", "ms"),
        ("1000 * histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))", "s"),
        ("10 * histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))", "ms"),
        ("histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))", "ratio"),
        ("histogram_quantile(0.99, sum by (le) (rate(payload_bytes_bucket[5m])))", "MB"),
    ],
)
def test_a_histogram_quantile_not_in_the_declared_unit_is_an_error(query, unit):
    (finding,) = promql.lint(query, unit)
    assert (finding.rule, finding.severity) == ("histogram-unit", "error")
    assert "histogram_quantile" in finding.message and unit in finding.message


@pytest.mark.parametrize(
    ("query", "unit"),
    [
        ("1000 * histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))", "ms"),
        ("histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m]))) * 1000", "ms"),
        ("histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m]))) / 0.001", "ms"),
        ("max(1e6 * histogram_quantile(0.95, sum by (le, pod) (rate(request_duration_seconds_bucket[5m]))))", "us"),
        ("histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket[5m])))", "s"),
        ("histogram_quantile(0.99, sum by (le) (rate(payload_bytes_bucket[5m])))", "B"),
        ("histogram_quantile(0.95, sum by (le) (rate(request_latency_bucket[5m])))", "ms"),  # no unit in the name: nothing to check
    ],
)
def test_a_histogram_quantile_in_the_declared_unit_passes(query, unit):
    assert promql.lint(query, unit) == []


def test_the_histogram_finding_says_what_to_write():
    (finding,) = promql.lint("histogram_quantile(0.95, rate(request_duration_seconds_bucket[5m]))", "ms")
    assert finding.fix == "write 1000 * histogram_quantile(0.95, rate(request_duration_seconds_bucket[5m])) to get ms, or declare unit s"


# ---- ratio-matching -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "rate(requests_total{status=~'2..'}[5m]) / rate(requests_total[5m])",  # the guide's
        'sum by (status) (rate(requests_total{status=~"2.."}[5m])) / sum by (status) (rate(requests_total[5m]))',
        'sum without (pod) (rate(requests_total{code="200"}[5m])) / sum without (pod) (rate(requests_total[5m]))',
        '1 - rate(requests_total{status=~"5.."}[5m]) / rate(requests_total[5m])',
        'rate(requests_total{status="200"}[5m]) / rate(requests_total{status="500"}[5m])',
    ],
)
def test_a_one_to_one_ratio_keeping_a_label_only_the_numerator_filters_is_an_error(query):
    findings = promql.lint(query)
    assert [(f.rule, f.severity) for f in findings] == [("ratio-matching", "error")]
    assert "aggregate" in findings[0].fix


@pytest.mark.parametrize(
    "query",
    [
        'sum(rate(requests_total{status=~"2.."}[5m])) / sum(rate(requests_total[5m]))',
        'sum by (cluster) (rate(requests_total{cluster="a",status=~"2.."}[5m])) / sum by (cluster) (rate(requests_total{cluster="a"}[5m]))',
        'sum without (status) (rate(requests_total{status=~"2.."}[5m])) / sum without (status) (rate(requests_total[5m]))',
        'rate(requests_total{status=~"2.."}[5m]) / ignoring(status) group_left sum without (status) (rate(requests_total[5m]))',
        'rate(requests_total{status=~"2.."}[5m]) / on(cluster) sum by (cluster) (rate(requests_total[5m]))',
        "rate(errors_total[5m]) / rate(requests_total[5m])",
        'sum(rate(requests_total{status=~"2.."}[5m])) / 60',
    ],
)
def test_ratios_that_keep_the_whole_population_pass(query):
    assert promql.lint(query) == []


def test_the_ratio_finding_gives_the_aggregated_query():
    (finding,) = promql.lint('sum by (status, pod) (rate(r_total{status=~"2.."}[5m])) / sum by (status, pod) (rate(r_total[5m]))')
    assert 'sum by (pod) (rate(r_total{status=~"2.."}[5m])) / sum by (pod) (rate(r_total[5m]))' in finding.fix


# ---- rate-window --------------------------------------------------------------------------------------


@pytest.mark.parametrize("function", promql.TWO_SAMPLE_FUNCTIONS)
def test_a_window_shorter_than_two_scrapes_is_an_error(function):
    extra = ", 60" if function == "predict_linear" else ""
    assert _rules(f"sum({function}(x_total[1m]{extra}))", scrape_interval=60) == ["rate-window"]
    assert _rules(f"sum({function}(x_total[2m]{extra}))", scrape_interval=60) == []


def test_windows_inside_subqueries_are_checked_and_over_time_functions_are_not():
    assert _rules("quantile_over_time(0.95, (sum(rate(b_total[30s])))[5m:30s])", scrape_interval=30) == ["rate-window"]
    assert _rules("avg_over_time(up[30s])", scrape_interval=30) == []


def test_without_a_scrape_interval_windows_are_not_judged():
    assert _rules("rate(x_total[1s])") == []


# ---- revision-selector and revision-mismatch -----------------------------------------------------------


def test_a_selector_without_the_revision_is_a_warning_naming_the_risk():
    (finding,) = promql.lint('sum(rate(x_total{cluster="c"}[5m])) / sum(rate(y_total{' + SELECT + "}[5m]))", revision=REVISION)
    assert (finding.rule, finding.severity) == ("revision-selector", "warning")
    assert 'x_total{cluster="c"}' in finding.message and "previous revision" in finding.message
    assert finding.fix == 'add krm_oran_intent_io_revision="0123456789abcdef" to every selector'


def test_a_template_is_told_to_write_the_placeholder():
    revision = promql.Revision("krm_oran_intent_io_revision", "0123456789abcdef", "${revision}")
    (finding,) = promql.lint("sum(x)", revision=revision)
    assert 'krm_oran_intent_io_revision="${revision}"' in finding.fix


def test_every_selector_selecting_the_revision_passes():
    assert promql.lint("sum(rate(x_total{" + SELECT + "}[5m]))", revision=REVISION) == []


def test_another_revision_is_an_error():
    (finding,) = promql.lint('sum(x{krm_oran_intent_io_revision="fedcba9876543210"})', revision=REVISION)
    assert (finding.rule, finding.severity) == ("revision-mismatch", "error")


# ---- regex-anchor -------------------------------------------------------------------------------------


def test_a_dollar_in_a_template_regex_is_a_warning_and_only_in_templates():
    query = 'sum(rate(x_total{handler=~"/api$"}[5m]))'
    (finding,) = promql.lint(query, template=True)
    assert (finding.rule, finding.severity) == ("regex-anchor", "warning")
    assert 'handler=~"/api$"' in finding.message
    assert promql.lint(query) == []


# ---- what a query reads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "seconds"),
    [
        ("x", 0),
        ("rate(x[5m])", 300),
        ("quantile_over_time(0.95, (sum(rate(x[1m])))[5m:30s])", 360),
        ("rate(x[5m] offset 1m) / rate(y[10m])", 600),
    ],
)
def test_reach_is_how_far_back_a_query_reads(query, seconds):
    assert promql.reach(promql.parse(query)) == seconds


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("sum(x)", []),
        ("sum by (a) (x)", ["a"]),
        ("rate(x[5m])", ["a", "le", "z"]),
        ("sum without (a) (x)", ["le", "z"]),
        ("histogram_quantile(0.9, sum by (le, a) (rate(x[5m])))", ["a"]),
        ("topk(3, sum by (a) (x))", ["a"]),
        ('label_replace(sum(x), "z", "$1", "a", "(.*)")', ["z"]),
    ],
)
def test_labels_kept(query, kept):
    labels = promql.labels_kept(promql.parse(query))
    assert [name for name in ("a", "le", "z") if labels.has(name)] == kept
