"""How the sample count of a measurement is derived from its query: events where they exist, else data points."""

import promql_parser
import pytest
from oran_intent_krm.collector.samples import DATA_POINTS, EVENTS, samples_query

LATENCY = '1000 * histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket{cluster="c1"}[5m])))'
SUCCESS = 'sum(rate(requests_total{cluster="c1",status=~"2.."}[5m])) / sum(rate(requests_total{cluster="c1"}[5m]))'
THROUGHPUT = 'quantile_over_time(0.95, (sum(rate(bytes_transferred_total{cluster="c1"}[1m])) * 8 / 1000000)[5m:30s])'


def test_a_histogram_quantile_counts_the_observations_of_its_count_series():
    derived = samples_query(LATENCY, "30s")
    assert derived.query == 'sum(increase(request_duration_seconds_count{cluster="c1"}[30s]))'
    assert derived.kind == EVENTS
    assert "observations" in derived.basis


def test_a_ratio_of_one_counter_counts_the_events_of_its_denominator():
    derived = samples_query(SUCCESS, "30s")
    assert derived.query == 'sum(increase(requests_total{cluster="c1"}[30s]))'
    assert derived.kind == EVENTS


@pytest.mark.parametrize(
    "query",
    [
        '1 - sum(rate(errors_total{cluster="c1"}[5m])) / sum(rate(requests_total{cluster="c1"}[5m]))',
        '100 * (sum(increase(ok_total[5m])) / sum(increase(requests_total{cluster="c1"}[5m])))',
    ],
)
def test_a_ratio_counts_its_denominators_events_even_when_the_numerator_is_another_counter_or_it_is_scaled(query):
    derived = samples_query(query, "30s")
    assert derived.query == 'sum(increase(requests_total{cluster="c1"}[30s]))'
    assert derived.kind == EVENTS


def test_a_ratio_of_gauges_has_no_event_count():
    derived = samples_query('sum(used_bytes{cluster="c1"}) / sum(used_bytes{cluster="c1"} + free_bytes{cluster="c1"})', "30s")
    assert derived.query is None


def test_a_throughput_from_a_byte_counter_has_no_event_count_and_counts_data_points():
    derived = samples_query(THROUGHPUT, "1m")
    assert derived.query == 'sum(count_over_time(bytes_transferred_total{cluster="c1"}[1m]))'
    assert derived.kind == DATA_POINTS
    assert "no event count" in derived.basis


def test_le_matchers_are_dropped_for_the_count_series():
    query = 'histogram_quantile(0.9, sum by (le) (rate(lat_bucket{job="ran",le!="0.001"}[5m])))'
    assert samples_query(query, "30s").query == 'sum(increase(lat_count{job="ran"}[30s]))'


def test_label_values_are_quoted_so_the_derived_query_parses():
    query = 'sum(rate(x_total{path=~"a\\\\.b",name="say \\"hi\\""}[5m]))'
    derived = samples_query(query, "30s").query
    promql_parser.parse(derived)
    assert derived == 'sum(count_over_time(x_total{name="say \\"hi\\"",path=~"a\\\\.b"}[30s]))'


def test_the_measurements_own_samples_query_is_used_as_written():
    derived = samples_query(SUCCESS, "30s", explicit='sum(increase(requests_total{cluster="c1"}[30s]))')
    assert derived.query == 'sum(increase(requests_total{cluster="c1"}[30s]))'
    assert derived.basis == "the measurement's samplesQuery"
    assert derived.kind == EVENTS


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("sum(rate(a_total[5m])) + sum(rate(b_total[5m]))", "reads 2 metrics"),
        ("sum(rate(a_total[5m] offset 1h))", "offset"),
        ('sum(rate({__name__=~"a.*"}[5m]))', "no metric name"),
        ("vector(1)", "reads no metric"),
        ("sum(rate(a_total[5m]", "not valid PromQL"),
    ],
)
def test_a_count_that_cannot_be_derived_honestly_is_unknown(query, why):
    derived = samples_query(query, "30s")
    assert derived.query is None and derived.kind is None
    assert why in derived.basis


def test_every_derived_query_is_valid_promql():
    for query in (LATENCY, SUCCESS, THROUGHPUT):
        promql_parser.parse(samples_query(query, "30s").query)
