"""Near-miss distance: the optimal string alignment distance, as rapidfuzz computes it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import spelling
from rapidfuzz.distance import OSA

words = st.text(alphabet="abcdeIntn.-", max_size=12)


@settings(max_examples=2000, deadline=None)
@given(words, words)
def test_distance_is_rapidfuzz_osa(a, b):
    assert spelling.distance(a, b) == OSA.distance(a, b)


@settings(max_examples=2000, deadline=None)
@given(words, words, st.integers(0, 3))
def test_a_limited_distance_is_exact_up_to_the_limit(a, b, limit):
    exact = OSA.distance(a, b)
    assert spelling.distance(a, b, limit) == (exact if exact <= limit else limit + 1)


def test_the_misspellings_of_the_issue_are_one_edit_away():
    assert spelling.distance("Intnet", "Intent") == 1
    assert spelling.distance("tmf921.intent.tmforum.rog", "tmf921.intent.tmforum.org") == 1
    assert spelling.near("intent", "Intent")
    assert not spelling.near("Intent", "Intent")
    assert not spelling.near("IntentReport", "Intent")


def test_closest_prefers_the_fewest_edits_then_matching_case_then_the_alphabet():
    assert spelling.closest("expectationContxts", ["expectationTargets", "expectationContexts"]) == "expectationContexts"
    assert spelling.closest("Name", ["name", "namf"]) == "name"
    assert spelling.closest("ab", ["ac", "ad"]) == spelling.closest("ab", ["ad", "ac"]) == "ac"
    assert spelling.closest("colour", ["expectationTargets"]) is None
