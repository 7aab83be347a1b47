"""Pods carry the labels that tie their metrics to a revision: the request's revision and their own template's digest."""

import copy

from oran_intent_krm.assurance.revision import POD_TEMPLATE_LABEL, REVISION_LABEL, pod_template_digest, request_revision

from .helpers import config, pr, run

POD_MAKERS = ("Deployment", "StatefulSet")


def _pod_templates(result):
    return {w["metadata"]["name"]: w["spec"]["template"] for w in result.generated() if w["kind"] in POD_MAKERS}


def test_every_pod_template_carries_the_requests_revision_and_its_own_digest():
    request = pr()
    templates = _pod_templates(run(request))
    assert sorted(templates) == ["cu-cp", "cu-up", "du"]
    for template in templates.values():
        labels = template["metadata"]["labels"]
        assert labels[REVISION_LABEL] == request_revision(request)
        assert labels[POD_TEMPLATE_LABEL] == pod_template_digest(template)
    assert len({t["metadata"]["labels"][POD_TEMPLATE_LABEL] for t in templates.values()}) == 3


def test_selectors_and_other_objects_never_carry_them():
    result = run(pr())
    for item in result.generated():
        assert REVISION_LABEL not in (item["metadata"].get("labels") or {})
        selector = (item.get("spec") or {}).get("selector") or {}
        assert REVISION_LABEL not in (selector.get("matchLabels") or selector)


def test_a_new_image_changes_only_that_pods_template_digest():
    before = _pod_templates(run(pr()))
    after = _pod_templates(run(pr(), function_config=config(catalog={"O-DU": {"image": "registry.local/du:2"}})))
    changed = {name for name in before if before[name]["metadata"]["labels"] != after[name]["metadata"]["labels"]}
    assert changed == {"du"}
    assert before["du"]["metadata"]["labels"][REVISION_LABEL] == after["du"]["metadata"]["labels"][REVISION_LABEL]


def test_a_changed_request_changes_the_revision_and_an_unchanged_one_keeps_it():
    request = pr()
    revision = request_revision(request)
    reordered = copy.deepcopy(request)
    reordered["spec"]["templateParameters"]["networkFunctions"].reverse()
    reordered["spec"]["description"] = "reworded"
    reordered["metadata"]["labels"]["extra"] = "x"
    assert request_revision(reordered) == revision
    assert request_revision(pr(performanceClass="high-throughput")) != revision
    assert request_revision(pr(name="another-request")) != revision


def test_nfdeployments_carry_them_for_their_operator():
    result = run(pr(), function_config=config(output="nfdeployment"))
    deployments = result.kinds("NFDeployment")
    assert deployments
    for deployment in deployments:
        labels = deployment["metadata"]["labels"]
        assert labels[REVISION_LABEL] == request_revision(pr())
        assert labels[POD_TEMPLATE_LABEL] == pod_template_digest({"spec": deployment["spec"]})
