"""Generated names: DNS-1123 labels, the plain join where it is unambiguous, never the same for two keys."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from oran_intent_krm.sdk import names


def test_parts_are_joined_with_dashes():
    assert names.dns_label("deploy-edge-ran", "edge-cluster-us-west-1") == "deploy-edge-ran-edge-cluster-us-west-1"


def test_invalid_characters_become_dashes():
    assert names.dns_label("Deploy_Edge.RAN", "Edge Cluster") == "deploy-edge-ran-edge-cluster"


def test_long_names_are_cut_and_keep_a_digest_of_the_whole_join():
    first = names.dns_label("a" * 40, "edge-cluster-us-west-1")
    second = names.dns_label("a" * 40, "edge-cluster-us-west-2")
    assert len(first) == 63 and len(second) == 63
    assert names.LABEL.match(first) and names.LABEL.match(second)
    assert first != second
    assert first == names.dns_label("a" * 40, "edge-cluster-us-west-1")


def test_joins_that_read_the_same_take_a_digest_of_their_own_parts():
    found = names.unique_labels({("edge", "eu-west-1"): ("edge", "eu-west-1"), ("edge-eu", "west-1"): ("edge-eu", "west-1")})
    assert len(set(found.values())) == 2
    assert all(name.startswith("edge-eu-west-1-") and len(name) == len("edge-eu-west-1-") + names.DIGEST_LENGTH for name in found.values())


def test_a_dot_and_a_dash_are_told_apart():
    found = names.unique_labels({"a.b": ("a.b",), "a-b": ("a-b",), "c.d": ("c.d",)})
    assert found["a.b"] != found["a-b"]
    assert found["c.d"] == "c-d"  # no other key reads c-d: the plain join stays


def test_a_plain_name_that_equals_a_suffixed_one_is_suffixed_too():
    clashing = {("x", "y"): ("x", "y"), ("x-y",): ("x-y",)}
    suffixed = names.unique_labels(clashing)[("x", "y")]
    found = names.unique_labels({**clashing, "lookalike": (suffixed,)})
    assert len(set(found.values())) == 3


def test_the_key_decides_the_digest_not_the_parts_alone():
    found = names.unique_labels({("ns-a", "slice", "edge"): ("slice", "edge"), ("ns-b", "slice", "edge"): ("slice", "edge")})
    assert len(set(found.values())) == 2


parts = st.text(alphabet="ab-.Z_0", min_size=0, max_size=6)
keyed = st.dictionaries(st.tuples(parts, parts), st.just(None), min_size=1, max_size=12).map(lambda d: {k: k for k in d})


@settings(max_examples=400, deadline=None, derandomize=True)
@given(keyed, st.sampled_from([names.MAX_LABEL, 15, 10]))
def test_distinct_keys_never_share_a_name_and_every_name_is_a_label(parts_by_key, max_length):
    found = names.unique_labels(parts_by_key, max_length=max_length)
    assert len(set(found.values())) == len(parts_by_key)
    for name in found.values():
        assert names.LABEL.match(name) and len(name) <= max_length, name
    joins = [names.dns_label(*p, max_length=max_length) for p in parts_by_key.values()]
    for key, name in found.items():
        if joins.count(names.dns_label(*parts_by_key[key], max_length=max_length)) == 1 and name not in [
            n for k, n in found.items() if k != key
        ]:
            assert name == names.dns_label(*parts_by_key[key], max_length=max_length), "an unambiguous join keeps its plain name"


@settings(max_examples=100, deadline=None, derandomize=True)
@given(keyed, st.randoms(use_true_random=False))
def test_names_do_not_depend_on_the_order_of_the_keys(parts_by_key, rng: random.Random):
    shuffled = list(parts_by_key.items())
    rng.shuffle(shuffled)
    assert names.unique_labels(dict(shuffled)) == names.unique_labels(parts_by_key)


def test_a_reserved_name_stays_and_a_key_joining_to_it_is_suffixed():
    found = names.unique_labels({"nf": ("default-deny",), "other": ("cu",)}, reserved={"default-deny"})
    assert found["nf"].startswith("default-deny-") and found["other"] == "cu"
