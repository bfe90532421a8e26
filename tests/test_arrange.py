"""Arranging a map: layouts that read well, pinned nodes left alone, no labels on top of labels."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from app.arrange import (
    LAYOUTS,
    NODE_HEIGHT,
    NODE_WIDTH,
    align,
    arrange,
    distribute,
    remove_overlaps,
    snap,
)
from tests.conftest import make_map

WORKSHOP = make_map(
    "reps:people managers:people mentors:people deck:content video:content podcast:content "
    "coach:process peer:process lms:process",
    "managers>reps mentors>reps reps>deck reps>video reps>podcast coach>reps peer-reps "
    "lms>deck lms>video")


def placed(data, positions):
    return data.with_positions(positions)


def boxes_overlap(a, b) -> bool:
    return abs(a[0] - b[0]) < NODE_WIDTH - 0.5 and abs(a[1] - b[1]) < NODE_HEIGHT - 0.5


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_places_every_node_apart(layout):
    positions = arrange(WORKSHOP, layout)
    assert set(positions) == {n.id for n in WORKSHOP.nodes}
    for a, b in itertools.combinations(positions.values(), 2):
        assert not boxes_overlap(a, b)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pinned_nodes_stay_where_the_user_put_them(layout):
    data = placed(WORKSHOP, {"reps": (0.0, 0.0), "deck": (500.0, 0.0)})
    positions = arrange(data, layout, pinned={"reps", "deck"})
    assert "reps" not in positions and "deck" not in positions
    for node_id, point in positions.items():
        for fixed in ((0.0, 0.0), (500.0, 0.0)):
            assert not boxes_overlap(point, fixed), node_id


def test_clusters_keep_each_building_block_together():
    positions = arrange(WORKSHOP, "clusters")
    def spread(ids):
        xs = [positions[i][0] for i in ids]
        return max(xs) - min(xs)
    people = ["reps", "managers", "mentors"]
    assert spread(people) < abs(positions["reps"][0] - positions["deck"][0]) + NODE_WIDTH * 3


def test_rings_put_the_first_block_in_the_middle():
    positions = arrange(WORKSHOP, "rings")
    centre_distance = {i: (x ** 2 + y ** 2) ** 0.5 for i, (x, y) in positions.items()}
    assert max(centre_distance[i] for i in ("reps", "managers", "mentors")) < min(
        centre_distance[i] for i in ("deck", "video", "podcast"))


def test_hierarchy_puts_what_delivers_above_what_it_reaches():
    data = make_map("strategy:process lms:process course:content reps:people",
                    "strategy>lms lms>course course>reps")
    positions = arrange(data, "hierarchy")
    ys = [positions[i][1] for i in ("strategy", "lms", "course", "reps")]
    assert ys == sorted(ys) and len(set(ys)) == 4


def test_a_layout_of_the_selection_moves_only_the_selection():
    positions = arrange(WORKSHOP, "force", only={"deck", "video"})
    assert set(positions) <= {"deck", "video"}


def test_remove_overlaps_pushes_stacked_nodes_apart_but_not_fixed_ones():
    stacked = {"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (10.0, 5.0), "fixed": (20.0, 0.0)}
    moved = remove_overlaps(stacked, movable={"a", "b", "c"})
    everything = {**moved, "fixed": (20.0, 0.0)}
    for a, b in itertools.combinations(everything.values(), 2):
        assert not boxes_overlap(a, b)


def test_align_and_distribute():
    points = {"a": (0.0, 10.0), "b": (50.0, 80.0), "c": (400.0, 30.0)}
    assert {p[0] for p in align(points, "left").values()} == {0.0}
    assert {p[1] for p in align(points, "bottom").values()} == {80.0}
    assert {p[0] for p in align(points, "centre").values()} == {150.0}
    spaced = distribute(points, "x")
    assert sorted(p[0] for p in spaced.values()) == [0.0, 200.0, 400.0]
    assert spaced["b"][1] == 80.0


def test_snap_to_grid():
    assert snap((33.0, -17.0), 20) == (40.0, -20.0)


def test_an_empty_map_or_everything_pinned_moves_nothing():
    assert arrange(make_map(), "force") == {}
    assert arrange(WORKSHOP, "rings", pinned={n.id for n in WORKSHOP.nodes}) == {}


def test_positions_are_deterministic():
    data = replace(WORKSHOP)
    assert arrange(data, "force") == arrange(data, "force")
