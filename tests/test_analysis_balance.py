"""Balance of the building blocks, measured the way ecologists measure a community."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis import analyze, to_json
from tests.conftest import make_map


def balance_of(data):
    return analyze(data).balance


def test_an_even_map_is_perfectly_even():
    mix = balance_of(make_map("a:people b:content c:process", "a-b b-c")).categories
    assert [p.share for p in mix.parts.values()] == pytest.approx([1 / 3] * 3)
    assert mix.shannon == pytest.approx(math.log(3))
    assert mix.evenness == pytest.approx(1.0)
    assert mix.dominance == pytest.approx(1 / 3)


def test_shares_counts_and_the_dominant_block():
    mix = balance_of(make_map("a:people b:content c:content d:content")).categories
    assert {k: p.count for k, p in mix.parts.items()} == {"people": 1, "content": 3, "process": 0}
    assert mix.dominant == "content" and mix.dominance == 0.75
    expected = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    assert mix.shannon == pytest.approx(expected)
    assert mix.evenness == pytest.approx(expected / math.log(3))  # the empty block counts


def test_evenness_is_one_when_the_map_has_one_block():
    mix = balance_of(make_map("a:people b:people", categories="people")).categories
    assert mix.evenness == 1.0 and mix.shannon == 0.0 and mix.dominant == "people"


def test_an_empty_map_has_no_dominant_block():
    mix = balance_of(make_map()).categories
    assert mix.dominant is None and mix.dominance == 0.0 and mix.shannon == 0.0
    assert all(p.share == 0.0 and p.strength_share == 0.0 for p in mix.parts.values())


def test_strength_share_follows_the_connections():
    data = make_map("reps:people course:content coach:process", "reps>course reps-coach")
    data = replace(data, edges=(replace(data.edges[0], strength=5), replace(data.edges[1],
                                                                           strength=1)))
    parts = balance_of(data).categories.parts
    # reps carries 5 + 1, course 5, coach 1 → 6/12, 5/12, 1/12
    assert parts["people"].strength_share == pytest.approx(0.5)
    assert parts["content"].strength_share == pytest.approx(5 / 12)


def test_parallel_connections_add_their_strength_and_self_loops_carry_none():
    data = make_map("reps:people course:content", "reps>course course>reps course>course")
    parts = balance_of(data).categories.parts
    assert parts["people"].strength_share == pytest.approx(0.5)


def test_kinds_inside_each_block():
    data = make_map("a:content:Video b:content:Video c:content:Course d:content e:people")
    kinds = balance_of(data).kinds["content"]
    assert {k: p.count for k, p in kinds.parts.items()} == {"": 1, "Course": 1, "Video": 2}
    assert kinds.dominant == "Video" and kinds.dominance == 0.5


def test_the_json_balance_has_the_documented_shape():
    balance = to_json(analyze(make_map("a:people b:content", "a-b")))["balance"]
    assert set(balance) == {"categories", "shannon", "evenness", "dominance", "dominant", "kinds"}
    assert balance["categories"]["people"] == {"count": 1, "share": 0.5, "strength_share": 0.5}
    assert balance["kinds"]["people"]["kinds"][""]["count"] == 1


maps = st.builds(
    lambda cats, links: make_map(
        " ".join(f"n{i}:{c}" for i, c in enumerate(cats)),
        " ".join(f"n{a % len(cats)}-n{b % len(cats)}" for a, b in links) if cats else ""),
    st.lists(st.sampled_from(["people", "content", "process"]), max_size=12),
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=20),
)


@settings(max_examples=60, deadline=None)
@given(maps)
def test_shares_always_add_up_to_one(data):
    mix = balance_of(data).categories
    if data.nodes:
        assert sum(p.share for p in mix.parts.values()) == pytest.approx(1.0)
    strengths = sum(p.strength_share for p in mix.parts.values())
    assert strengths == pytest.approx(1.0) or strengths == 0.0
    assert 0.0 <= mix.evenness <= 1.0 + 1e-9
