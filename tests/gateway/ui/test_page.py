"""The status page's data and HTML: paging a thousand intents, escaping, its headers, reading without a token.

The read-model tests use the views the gateway reads from a real rendered package
(`packages/basic-cu`), copied under a thousand names; the HTTP tests use a real gateway.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import random
import re
from dataclasses import replace
from html.parser import HTMLParser

import httpx
import pytest
from oran_intent_krm.gateway import readmodel
from oran_intent_krm.gateway.readmodel import CREATED, Snapshot
from oran_intent_krm.gateway.ui import page, routes, status

from tests import kpt
from tests.gateway.server import TMF, TOKEN, krm_intent

SAMPLE = kpt.ROOT / "packages" / "basic-cu"


def sample_view() -> readmodel.PackageView:
    files = {str(p.relative_to(SAMPLE)): p.read_bytes() for p in sorted(SAMPLE.rglob("*")) if p.is_file()}
    return readmodel.package_view("deploy-cu", "tree", files)


def copies(count: int, seed: int = 7) -> Snapshot:
    """`count` intents made from the sample's view: creation dates shuffled (some equal), every fifth suspended."""
    base = sample_view()
    rng = random.Random(seed)
    packages = {}
    for number in range(count):
        name = f"intent-{number:04d}"
        intent = copy.deepcopy(dict(base.intent))
        intent["metadata"] = {**intent["metadata"], "name": name, "annotations": {CREATED: f"2026-01-01T00:{rng.randrange(60):02d}:00Z"}}
        ts_intents = base.ts_intents
        if number % 5 == 0:
            ts_intents = tuple({**t, "spec": {**t["spec"], "intentAdminState": "DEACTIVATED"}} for t in base.ts_intents)
        packages[name] = replace(base, name=name, intent=intent, ts_intents=ts_intents)
    return Snapshot(head="0" * 40, packages=packages)


@pytest.fixture(scope="module")
def thousand() -> Snapshot:
    return copies(1000)


def expected_order(snapshot: Snapshot) -> list[str]:
    return [v.name for v in sorted(snapshot.packages.values(), key=lambda v: (v.created, v.name))]


# ---- the data ------------------------------------------------------------------------------------


def test_a_thousand_intents_page_through_in_a_stable_order_each_once_with_the_same_counts(thousand):
    seen, counts = [], []
    offset = 0
    while True:
        one = status.status_page(thousand, offset=offset, limit=25)
        if not one["intents"]:
            break
        seen += [i["id"] for i in one["intents"]]
        counts.append(json.dumps(one["counts"], sort_keys=True))
        assert one["total"] == 1000 and one["offset"] == offset
        offset += 25
    assert seen == expected_order(thousand)
    assert len(seen) == len(set(seen)) == 1000 and offset == 1000
    assert len(set(counts)) == 1
    first = json.loads(counts[0])
    assert first == {
        "intents": 1000,
        "lifecycleStatus": {"Active": 800, "Fulfilled": 0, "Degraded": 0, "Suspended": 200},
        "gates": {"Passed": 0, "Failed": 0, "Inconclusive": 1000, "NotEvaluated": 0},
    }


def test_the_order_does_not_depend_on_the_order_the_snapshot_holds_the_intents(thousand):
    shuffled = list(thousand.packages.items())
    random.Random(1).shuffle(shuffled)
    again = Snapshot(head=thousand.head, packages=dict(shuffled))
    assert status.status_page(again, offset=500, limit=200) == status.status_page(thousand, offset=500, limit=200)


def test_the_lifecycle_filter_pages_through_its_own_intents(thousand):
    suspended = status.status_page(thousand, offset=175, limit=50, lifecycle="Suspended")
    assert suspended["total"] == 200 and len(suspended["intents"]) == 25
    assert {i["lifecycleStatus"] for i in suspended["intents"]} == {"Suspended"}
    wanted = [n for n in expected_order(thousand) if int(n[-4:]) % 5 == 0][175:]
    assert [i["id"] for i in suspended["intents"]] == wanted


def test_an_intent_shows_its_cluster_workloads_and_gate_as_rendered():
    [intent] = status.status_page(copies(1), limit=1)["intents"]
    [cluster] = intent["clusters"]
    assert cluster["cluster"] == "edge-cluster-us-west-1" and cluster["provisioningRequest"] == "deploy-cu-edge-cluster-us-west-1"
    assert [(w["kind"], w["name"]) for w in cluster["workloads"]] == [("Deployment", "cu-cp"), ("StatefulSet", "cu-up")]
    assert cluster["resources"] == len(list((SAMPLE / "generated" / "clusters").rglob("*.yaml")))
    [gate] = intent["gates"]
    assert (gate["name"], gate["phase"], gate["reason"], gate["report"]) == ("deploy-cu-edge-cluster-us-west-1", "Inconclusive", "NoMeasurements", None)
    assert cluster["gates"] == [gate["name"]]
    assert [t["metric"] for t in gate["targets"]] == ["latency_p95_ms", "success_rate"] and all(t["periods"] == [] for t in gate["targets"])


def test_a_gate_without_a_target_ref_is_listed_with_the_packages_only_provisioning_request():
    view = sample_view()
    [gate] = view.gates
    obj = copy.deepcopy(dict(gate.obj))
    del obj["spec"]["targetRef"]
    untargeted = replace(view, gates=(replace(gate, target="", obj=obj),))
    [intent] = status.status_page(Snapshot(head="x", packages={view.name: untargeted}))["intents"]
    assert intent["clusters"][0]["gates"] == [gate.name]
    assert intent["gates"][0]["provisioningRequest"] == view.provisioning_requests[0].name


def test_the_json_round_trips_into_the_chart_the_gateway_reads(thousand):
    view = thousand.packages["intent-0001"]
    [gate] = status.status_page(Snapshot(head="x", packages={view.name: view}))["intents"][0]["gates"]
    assert status.chart_of(json.loads(json.dumps(gate))) == status.gate_chart(view.gates[0], view)


# ---- the HTML ------------------------------------------------------------------------------------


class Elements(HTMLParser):
    """Start tags and text of an HTML document, as a browser's tokenizer reads them."""

    def __init__(self, document: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_a_page_of_two_hundred_of_a_thousand_intents_links_its_neighbours(thousand):
    document = page.html(status.status_page(thousand, offset=200, limit=200, lifecycle=None))
    parsed = Elements(document)
    sections = [a for t, a in parsed.tags if t == "section"]
    assert [s["data-intent"] for s in sections] == expected_order(thousand)[200:400]
    links = {a.get("rel"): a["href"] for t, a in parsed.tags if t == "a" and a.get("rel")}
    assert links == {"prev": "./?offset=0&limit=200", "next": "./?offset=400&limit=200"}
    assert "Intents 201–400 of 1000" in "".join(parsed.text)
    assert not [t for t, _ in parsed.tags if t in ("script", "form", "input", "link", "img", "iframe")]


def test_past_the_last_page_the_page_says_so_and_links_back_to_the_last_page(thousand):
    parsed = Elements(page.html(status.status_page(thousand, offset=5000, limit=30)))
    assert not [a for t, a in parsed.tags if t == "section"]
    assert {a.get("rel"): a["href"] for t, a in parsed.tags if t == "a" and a.get("rel")} == {"prev": "./?offset=990&limit=30"}
    assert "Intents: none of 1000 from 5001" in "".join(parsed.text)


def test_everything_an_intent_holds_is_shown_as_text():
    snapshot = copies(1)
    view = next(iter(snapshot.packages.values()))
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & \' "'
    intent = copy.deepcopy(dict(view.intent))
    intent["spec"] = {**intent["spec"], "description": hostile}
    snapshot = Snapshot(head="<b>", packages={view.name: replace(view, intent=intent)})
    document = page.html(status.status_page(snapshot))
    parsed = Elements(document)
    assert not [t for t, _ in parsed.tags if t in ("script", "img")]
    assert hostile in parsed.text
    assert not [a for _, a in parsed.tags for k in a if k.startswith("on")]


def test_the_content_security_policy_allows_exactly_the_pages_style():
    document = page.html(status.status_page(copies(2)))
    [style] = re.findall(r"<style>(.*?)</style>", document, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    directives = dict(d.split(" ", 1) for d in page.CSP.split("; "))
    assert directives == {
        "default-src": "'none'",
        "style-src": f"'sha256-{digest}'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "'none'",
    }
    assert ' style="' not in document and "<svg" in document


@pytest.mark.parametrize(
    "query, message",
    [
        ([("limit", "0")], "limit '0' is not a whole number from 1 to 200"),
        ([("limit", "201")], "limit '201' is not a whole number from 1 to 200"),
        ([("offset", "-1")], "offset '-1' is not a whole number 0 or more"),
        ([("offset", "1e3")], "offset '1e3' is not a whole number 0 or more"),
        ([("lifecycleStatus", "Done")], "lifecycleStatus 'Done' is none of Active, Fulfilled, Degraded, Suspended"),
        ([("page", "2")], "unknown query parameter page: the status page takes offset, limit, lifecycleStatus"),
        ([("limit", "5"), ("limit", "6")], "limit is given twice: give it once"),
    ],
)
def test_a_query_the_page_does_not_take_is_refused_with_what_it_takes(query, message):
    with pytest.raises(routes.ApiError) as refused:
        routes.parse_query(query)
    assert (refused.value.status, refused.value.message) == (400, message)


# ---- served ----------------------------------------------------------------------------------------


def test_the_page_is_served_to_anyone_and_holds_no_token_and_no_write(shared):
    with shared.client() as client:
        for name in ("status-page-a", "status-page-b"):
            client.post("/intent-gateway/v1/intents", json=krm_intent(name))
        order = [i["id"] for i in client.get(f"{TMF}/intent").json()]
    anonymous = httpx.Client(base_url=shared.url, timeout=60)
    answer = anonymous.get("/ui/")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    for header, value in page.HEADERS.items():
        assert answer.headers[header] == value
    assert TOKEN not in answer.text and "Bearer" not in answer.text and "<form" not in answer.text
    assert TOKEN not in anonymous.get("/ui/status.json").text

    paged = [anonymous.get("/ui/status.json", params={"offset": n, "limit": 1}).json() for n in range(len(order))]
    assert [p["intents"][0]["id"] for p in paged] == order, "the API's order"
    assert {p["total"] for p in paged} == {len(order)}
    listing = anonymous.get("/ui/status.json", params={"limit": 2})
    assert (listing.headers["x-total-count"], listing.headers["x-result-count"]) == (str(len(order)), "2")

    assert anonymous.get("/ui", follow_redirects=True).url.path == "/ui/"
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert anonymous.request(method, "/ui/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 405
    bad = anonymous.get("/ui/", params={"limit": "0"})
    assert bad.status_code == 400 and "is not a whole number" in bad.text and bad.headers["content-security-policy"] == page.CSP
    bad_json = anonymous.get("/ui/status.json", params={"lifecycleStatus": "x"})
    assert bad_json.status_code == 400 and bad_json.json()["code"] == "ERR400"
    anonymous.close()


def test_the_page_is_not_in_the_tmf921_api_document():
    document = json.loads((kpt.ROOT / "functions" / "gateway" / "openapi.json").read_text())
    assert not [p for p in document["paths"] if p.startswith("/ui")]


def test_the_docs_show_a_small_screenshot_of_the_page():
    shot = kpt.ROOT / "docs" / "images" / "status-page.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size < 200_000
    assert "](images/status-page.png)" in (kpt.ROOT / "docs" / "user-guide.md").read_text()
    assert "](../../docs/images/status-page.png)" in (kpt.ROOT / "functions" / "gateway" / "README.md").read_text()
