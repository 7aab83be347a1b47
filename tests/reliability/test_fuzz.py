"""No crash on any input: every function, fed generated and mutated ResourceLists, answers
with one complete ResourceList, structured results and exit 0 or 1, never a traceback,
never an unexpected failure, and, when it succeeds, never without the items it does not own.

The budget is fixed and the generation derandomised, so CI runs the same cases every
time; RELIABILITY_FUZZ_SCALE multiplies it and RELIABILITY_FUZZ_RANDOM=1 draws new cases,
for a longer hunt.  `make fuzz` runs the coverage-guided targets in fuzz/ instead.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import yaml_io

from tests.reliability import contract, figures, seeds, strategies

SCALE = float(os.environ.get("RELIABILITY_FUZZ_SCALE", "1"))
# For a hunt beyond the fixed CI cases: new random cases on every run.
RANDOM = os.environ.get("RELIABILITY_FUZZ_RANDOM") == "1"
# Cases per function and property: small generated lists are cheap, mutated golden inputs are not.
BUDGET = {"from_scratch": 250, "mutated": 150, "text": 200}


def budget(kind: str) -> settings:
    return settings(
        max_examples=max(1, int(BUDGET[kind] * SCALE)),
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


def run(name: str, doc, data: bytes) -> None:
    out, code = seeds.function(name).process(data)
    figures.FUZZED[name] += 1
    contract.check(out, code)
    if code == 0:  # on exit 1 kpt writes nothing, so nothing can be lost
        contract.check_nothing_lost(doc, data, out, name)


FORMS = st.sampled_from(("yaml", "json"))


@pytest.mark.parametrize("name", seeds.FUNCTIONS)
def test_generated_resource_lists_get_a_structured_answer(name):
    @budget("from_scratch")
    @given(doc=strategies.resource_lists(), form=FORMS)
    def answers(doc, form):
        run(name, doc, strategies.serialised(doc, form))

    answers()


@pytest.mark.parametrize("name", seeds.FUNCTIONS)
def test_mutated_golden_inputs_get_a_structured_answer(name):
    documents = seeds.seed_documents()[name]

    @budget("mutated")
    @given(data=st.data(), form=FORMS)
    def answers(data, form):
        seed = data.draw(st.sampled_from(documents), label="seed")
        doc = data.draw(strategies.mutated(seed), label="mutated")
        run(name, doc, strategies.serialised(doc, form))

    answers()


@pytest.mark.parametrize("name", seeds.FUNCTIONS)
def test_damaged_golden_text_gets_a_structured_answer(name):
    texts = seeds.seed_texts()[name]

    @budget("text")
    @given(data=st.data())
    def answers(data):
        text = data.draw(st.sampled_from(texts), label="seed")
        stdin = data.draw(strategies.damaged(text), label="damaged").encode("utf-8", "surrogatepass")
        out, code = seeds.function(name).process(stdin)
        figures.FUZZED[name] += 1
        contract.check_against_input(stdin, out, code)

    answers()


def test_the_contract_catches_what_it_must():
    """The checker itself fails on each kind of broken output."""
    good = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"
    error = good + "results:\n- message: bad\n  severity: error\n"
    contract.check(good, 0)
    contract.check(error, 1)
    broken = [
        (good, 2),
        (good, 1),
        (error, 0),
        (good + "results:\n- severity: error\n", 1),
        (good + "results:\n- message: m\n  severity: fatal\n", 1),
        ("Traceback (most recent call last):\n", 1),
        (good[:40], 0),
        (good + "results:\n- message: 'x failed unexpectedly: KeyError'\n  severity: error\n", 1),
    ]
    for out, code in broken:
        with pytest.raises(contract.BrokenContract):
            contract.check(out, code)
    unread_garbage = b"apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- a: [\n"
    contract.check_against_input(unread_garbage, unread_garbage.decode(), 0)
    with pytest.raises(contract.BrokenContract):
        contract.check_against_input(good.encode(), good[:40] + ": [", 0)
    kept = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
    with pytest.raises(contract.BrokenContract):
        contract.check_nothing_lost(yaml_io._yaml().load(kept), kept.encode(), good, "some-function")
