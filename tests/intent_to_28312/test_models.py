"""The TMF921 and TS 28.312 models: what they accept, and the CRDs made from them."""

from __future__ import annotations

import kubernetes_validate
import pydantic
import pytest
from oran_intent_krm.models import tmf921, ts28312
from oran_intent_krm.models.crd import definition

from tests.intent_to_28312.support import TMF
from tests.models.test_crd import structural_problems


@pytest.mark.parametrize("model", [ts28312, tmf921], ids=["ts28312", "tmf921"])
def test_each_model_gives_a_valid_structural_crd(model):
    crd = definition(model.crd())
    kubernetes_validate.validate(crd, "1.32", strict=True)
    assert structural_problems(crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]) == []


def _intent(**spec):
    base = {"userLabel": "x", "intentPriority": 50, "observationPeriod": 60, "intentExpectations": [
        {"expectationId": "x-1", "expectationVerb": "DELIVER", "expectationObject": {"objectType": "RAN_SUBNETWORK", "objectInstance": "SubNetwork=x"}}
    ]}
    return {"apiVersion": ts28312.API_VERSION, "kind": "Intent", "metadata": {"name": "x"}, "spec": {**base, **spec}}


def test_the_28312_model_rejects_what_the_standard_does_not_have():
    ts28312.Intent.model_validate(_intent())
    with pytest.raises(pydantic.ValidationError):
        ts28312.Intent.model_validate(_intent(intentPriority=101))
    with pytest.raises(pydantic.ValidationError):
        bad = _intent()
        bad["spec"]["intentExpectations"][0]["expectationVerb"] = "MAINTAIN"
        ts28312.Intent.model_validate(bad)
    with pytest.raises(pydantic.ValidationError):
        ts28312.Intent.model_validate({**_intent(), "apiVersion": ts28312.GUIDE_API_VERSION})


def test_the_tmf921_model_takes_both_forms_and_the_v5_expression_types():
    krm = {"apiVersion": TMF, "kind": "Intent", "metadata": {"name": "a"}, "spec": {"intentExpectations": [
        {"expectationTargets": ["c1"], "expectationVerbs": ["deploy"], "expectationObjects": ["o-ran-du"]}
    ]}}
    assert isinstance(tmf921.Intent.model_validate(krm).spec, tmf921.KrmIntentSpec)
    v5 = {"apiVersion": TMF, "kind": "Intent", "metadata": {"name": "b"}, "spec": {
        "@type": "Intent", "name": "B", "expression": {"@type": "TurtleExpression", "expressionValue": "@prefix a: <x:> ."}
    }}
    assert isinstance(tmf921.Intent.model_validate(v5).spec.expression, tmf921.TurtleExpression)
    with pytest.raises(pydantic.ValidationError):
        tmf921.Intent.model_validate({**v5, "apiVersion": "intent.3gpp.org/v1alpha1"})
