"""Copy and paste between maps, finding nodes, filters and a node's neighbourhood."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.clipboard import copy_fragment, paste_fragment
from app.domain import Category
from app.errors import BadInput
from app.search import filter_nodes, find_nodes, neighbourhood
from tests.conftest import make_map

SOURCE = make_map("reps:people deck:content:Course coach:process:Coaching",
                  "reps>deck coach>reps deck>coach").with_positions(
    {"reps": (0, 0), "deck": (200, 0), "coach": (100, 150)})


def test_copying_two_nodes_takes_the_edge_between_them_only():
    nodes, edges = paste_fragment(copy_fragment(SOURCE, {"reps", "deck"}), SOURCE)
    assert [n.label for n in nodes] == ["Reps", "Deck"]
    assert len(edges) == 1
    assert (edges[0].source, edges[0].target) == (nodes[0].id, nodes[1].id)


def test_pasting_gives_fresh_ids_and_sits_beside_the_original():
    nodes, edges = paste_fragment(copy_fragment(SOURCE, {"reps", "deck", "coach"}), SOURCE)
    assert not {n.id for n in nodes} & {"reps", "deck", "coach"}
    assert not {e.id for e in edges} & {e.id for e in SOURCE.edges}
    assert (nodes[0].x, nodes[0].y) == (40.0, 40.0)


def test_pasting_into_another_map_matches_building_blocks_by_name():
    other = replace(make_map(categories="people"), categories=(
        Category("people", "People", "#E69F00", "circle"),
        Category("procedures", "Processes", "#009E73", "triangle")))
    nodes, _ = paste_fragment(copy_fragment(SOURCE, {"coach"}), other)
    assert nodes[0].category == "procedures"


def test_pasting_into_a_map_without_that_building_block_says_what_to_add():
    other = make_map("x:people", categories="people")
    with pytest.raises(BadInput, match="no building block “Content”"):
        paste_fragment(copy_fragment(SOURCE, {"deck"}), other)


def test_pasting_text_that_is_not_a_map_is_refused():
    with pytest.raises(BadInput, match="clipboard"):
        paste_fragment("just some words", SOURCE)


def test_find_matches_label_kind_and_tag_with_labels_first():
    found = find_nodes(SOURCE, "co")
    assert [n.id for n in found] == ["coach", "deck"]  # "Coach" label, then "Course" kind
    assert find_nodes(SOURCE, "   ") == []


def test_filters_combine():
    assert filter_nodes(SOURCE, categories={"people", "process"}) == {"reps", "coach"}
    assert filter_nodes(SOURCE, kinds={"course"}) == {"deck"}
    assert filter_nodes(SOURCE, informal=True) == set()


def test_neighbourhood_grows_with_depth_in_both_directions():
    chain = make_map("a:people b:content c:process d:process", "a>b c>b c>d")
    assert neighbourhood(chain, "a", 1) == {"a", "b"}
    assert neighbourhood(chain, "a", 2) == {"a", "b", "c"}
    assert neighbourhood(chain, "a", 3) == {"a", "b", "c", "d"}
