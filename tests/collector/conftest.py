"""One real Prometheus for the collector's scenario tests, serving backfilled traffic an hour apart per scenario.

The pods measured are the rendered sample package's (packages/intent-to-krm):
its ProvisioningRequest's revision label and the pod-template label of its du,
as pr-to-workloads wrote them.  Every scenario is a few stretches of traffic,
each one pod's series (`openmetrics.Traffic`); the hours are far enough apart
that no query of one scenario reaches another's data.
"""

from __future__ import annotations

import functools
import shutil
from datetime import datetime, timedelta

import pytest
from oran_intent_krm.assurance.package import read_package
from oran_intent_krm.assurance.revision import guarded_workloads, workload_pod_templates, workload_revisions

from tests import kpt
from tests.collector import guide_scenario, server
from tests.collector import openmetrics as om

SAMPLE = kpt.ROOT / "packages" / "intent-to-krm"
CLUSTER = "edge-cluster-us-west-1"
REQUEST = "deploy-edge-ran-edge-cluster-us-west-1"
# 1000 requests per 15 s; 95 % are done by the 950th, which falls in (2.5 ms, 5 ms] or (25 ms, 50 ms].
FAST = {"0.001": 200, "0.0025": 500, "0.005": 280, "0.01": 20}
SLOW = {"0.005": 300, "0.01": 200, "0.025": 300, "0.05": 200}
TRICKLE = {"0.001": 1}  # one request per scrape interval
FAST_P95_MS = 2.5 + 2.5 * (950 - 700) / 280
SLOW_P95_MS = 25 + 25 * (950 - 800) / 200
EARLIER_BUILD = "0000000000000000"  # the pod-template label of a du image the package no longer renders
PREVIOUS_REVISION = "1111111111111111"  # the revision label of a request the package no longer renders


@functools.cache
def rendered_labels() -> tuple[str, str]:
    """(revision, du pod template) of the committed sample package."""
    items = read_package(SAMPLE)
    ref = {"apiVersion": "o2ims.provisioning.oran.org/v1alpha1", "kind": "ProvisioningRequest", "name": REQUEST}
    workloads = guarded_workloads(items, ref)
    (revision,) = workload_revisions(workloads)
    du = next(w for w in workloads if w["kind"] == "StatefulSet" and w["metadata"]["name"] == "du")
    (template,) = workload_pod_templates([du])
    assert template in workload_pod_templates(workloads)
    return revision, template


def at(text: str, minutes: float = 0) -> str:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")) + timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def pod(start: str, end: str, latency: dict[str, int], revision: str | None = None, pod_template: str | None = None, **traffic) -> om.Traffic:
    """A pod of the sample's du serving from start to end; by default of the rendered revision and build."""
    rendered_revision, rendered_template = rendered_labels()
    return om.Traffic(
        CLUSTER,
        start,
        end,
        latency,
        revision=revision or rendered_revision,
        pod_template=pod_template or rendered_template,
        **traffic,
    )


def serving_until(end: str, latency: dict[str, int], **traffic) -> om.Traffic:
    """12 minutes up to end: the 5 m window, plus the 5 m rate() and the 1 m subquery behind its first period."""
    return pod(at(end, -12), end, latency, **traffic)


GOOD_END = "2025-06-01T10:00:00Z"
SLOW_END = "2025-06-01T11:00:00Z"
ABSENT_END = "2025-06-01T12:00:00Z"
TRICKLE_END = "2025-06-01T13:00:00Z"
DEPLOYED = "2025-06-01T14:00:00Z"  # a new revision replaces the previous one
UPGRADED = "2025-06-01T15:00:00Z"  # a new du image, same request: the old pod stops at 15:02
ERRORS_END = "2025-06-01T16:00:00Z"  # 30 % of the requests fail
# 17:00 and 18:00: the guide's own package (tests/collector/guide_scenario.py)


def scenarios() -> list[om.Traffic]:
    return [
        serving_until(GOOD_END, FAST),
        serving_until(GOOD_END, SLOW, revision="2222222222222222"),  # another request's pods on the cluster must not count
        serving_until(SLOW_END, SLOW),
        serving_until(TRICKLE_END, TRICKLE, errors=0),
        pod(at(DEPLOYED, -20), DEPLOYED, FAST, revision=PREVIOUS_REVISION, pod_template=EARLIER_BUILD),
        pod(DEPLOYED, at(DEPLOYED, 15), SLOW),
        pod(at(UPGRADED, -20), at(UPGRADED, 2), FAST, pod_template=EARLIER_BUILD),
        pod(at(UPGRADED, -2), at(UPGRADED, 20), SLOW),
        serving_until(ERRORS_END, FAST, errors=300),
        *guide_scenario.traffic(),
    ]


@pytest.fixture(scope="session")
def prometheus(tmp_path_factory):
    if server.MISSING:
        pytest.skip(server.SKIP_REASON)
    with server.running_prometheus(tmp_path_factory.mktemp("prometheus"), om.openmetrics(scenarios())) as url:
        yield url


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    package = kpt.fresh_copy(SAMPLE, tmp_path_factory.mktemp("sample") / "pkg")
    run = kpt.render(package)
    assert run.exit_code == 0, run.stderr
    return package


@pytest.fixture
def package(rendered, tmp_path):
    return shutil.copytree(rendered, tmp_path / "pkg")
