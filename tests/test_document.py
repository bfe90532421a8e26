"""Editing an open map: every change is in the file at once, and every change can be undone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.document import MapDocument
from app.domain import Category, Edge, Node
from app.errors import BadInput, NotFound
from app.ops import (
    AddCategory,
    AddEdges,
    AddNodes,
    Batch,
    Changed,
    MoveNodes,
    RemoveCategory,
    RemoveEdges,
    RemoveNodes,
    ReorderCategories,
    UpdateCategory,
    UpdateEdge,
    UpdateMap,
    UpdateNode,
)
from app.storage import MapStore
from tests.conftest import make_map


@pytest.fixture
def doc(map_path):
    MapStore.create(map_path, make_map(
        "reps:people managers:people deck:content:Course coach:process:Coaching",
        "reps>deck managers>reps coach-reps"))
    document = MapDocument.open(map_path)
    yield document
    document.close()


def reopened(doc: MapDocument):
    """What the file holds right now, read by someone else (in id order: undo may reorder)."""
    return in_id_order(MapStore.read(doc.path))


def in_id_order(data):
    return replace(data, nodes=tuple(sorted(data.nodes, key=lambda n: n.id)),
                   edges=tuple(sorted(data.edges, key=lambda e: e.id)))


def test_every_change_is_in_the_file_immediately(doc):
    doc.apply(UpdateNode("reps", {"label": "New sales reps", "reach": 120}))
    node = next(n for n in reopened(doc).nodes if n.id == "reps")
    assert (node.label, node.reach) == ("New sales reps", 120)


OPERATIONS = [
    AddNodes((Node("podcast", "Sales podcast", "content", "Podcast", True),),
             (Edge("e9", "reps", "podcast", "uses", 2),)),
    RemoveNodes(("reps",)),
    UpdateNode("deck", {"category": "process", "tags": ["onboarding"], "informal": True}),
    MoveNodes({"reps": (100.0, -40.0), "deck": (5, 6)}),
    AddEdges((Edge("e9", "deck", "coach", "supports", 5, False),)),
    RemoveEdges(("e1", "e3")),
    UpdateEdge("e1", {"strength": 5, "directed": False, "note": "weekly"}),
    AddCategory(Category("data", "Data", "#CC79A7", "diamond"), 1),
    UpdateCategory("people", {"name": "Our people", "color": "#000000"}),
    ReorderCategories(("process", "people", "content")),
    RemoveCategory("people"),
    RemoveCategory("people", move_nodes_to="content"),
    UpdateMap({"name": "Acme", "goals": ["85% of reps at quota"], "settings": {"a": 1}}),
    Batch((MoveNodes({"reps": (1, 1)}), RemoveNodes(("deck",)))),
]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: type(op).__name__)
def test_undo_puts_back_exactly_what_was_there(doc, op):
    before = reopened(doc)
    undo = doc.apply(op)
    assert reopened(doc) != before
    redo = doc.apply(undo)
    assert reopened(doc) == before == in_id_order(doc.snapshot())
    doc.apply(redo)
    assert reopened(doc) == in_id_order(doc.snapshot()) != before


def test_removing_a_node_removes_its_connections(doc):
    doc.apply(RemoveNodes(("reps",)))
    assert [e.id for e in doc.edges()] == []
    assert {n.id for n in reopened(doc).nodes} == {"managers", "deck", "coach"}


def test_listeners_hear_exactly_what_changed(doc):
    heard: list[Changed] = []
    doc.add_listener(heard.append)
    doc.apply(RemoveNodes(("reps",)))
    doc.apply(UpdateMap({"name": "Renamed"}))
    assert heard[0].removed_nodes == {"reps"} and heard[0].removed_edges == {"e1", "e2", "e3"}
    assert heard[0].nodes == frozenset() and not heard[0].categories
    assert heard[1].map and not heard[1].nodes


@pytest.mark.parametrize(("op", "message"), [
    (UpdateNode("reps", {"category": "nowhere"}), '"nowhere" is not a category'),
    (UpdateNode("reps", {"label": ""}), "label: must not be empty"),
    (UpdateNode("reps", {"colour": "red"}), 'a node has no field "colour"'),
    (AddNodes((Node("reps", "Again", "people"),)), "already used by another node"),
    (AddEdges((Edge("e9", "reps", "ghost"),)), '"ghost" is not a node of this map'),
    (UpdateEdge("e1", {"strength": 9}), "from 1 to 5"),
    (AddCategory(Category("people", "People", "#000000", "circle")), "already has"),
    (RemoveCategory("people", move_nodes_to="people"), "not another building block"),
    (UpdateMap({"name": "  "}), "name: must not be empty"),
    (MoveNodes({"reps": (1.0, None)}), 'node "reps": a position must be two numbers'),
    (MoveNodes({"reps": (1.0, 1e9)}), r'node "reps"\.y: should be at most'),
])
def test_a_refused_change_says_why_and_changes_nothing(doc, op, message):
    before = reopened(doc)
    with pytest.raises(BadInput, match=message):
        doc.apply(op)
    assert reopened(doc) == before == in_id_order(doc.snapshot())


def test_a_moved_node_keeps_everything_but_its_place():
    node = Node("reps", "Reps", "people", "Learner group", True, 12, 1.5, 2.5, ("a",), "d",
                {"owner": "Sales"})
    assert node.at(7.0, None) == replace(node, x=7.0, y=None)
    assert (node.x, node.y) == (1.5, 2.5)


def test_a_batch_that_fails_half_way_changes_nothing(doc):
    before = reopened(doc)
    with pytest.raises(NotFound):
        doc.apply(Batch((MoveNodes({"reps": (9, 9)}), RemoveNodes(("ghost",)))))
    assert reopened(doc) == before == in_id_order(doc.snapshot())


def test_removing_a_building_block_can_keep_its_nodes_elsewhere(doc):
    doc.apply(RemoveCategory("process", move_nodes_to="content"))
    assert doc.node("coach").category == "content"
    assert [c.key for c in reopened(doc).categories] == ["people", "content"]


def test_a_map_is_exactly_as_left_after_closing_and_reopening(doc):
    doc.apply(MoveNodes({"reps": (12.5, 40.0)}))
    doc.apply(AddNodes((Node("n5", "Peer chat", "process", informal=True),)))
    expected = doc.snapshot()
    path = doc.path
    doc.close()
    again = MapDocument.open(path)
    try:
        assert again.snapshot() == expected
    finally:
        again.close()


def test_a_failing_listener_loses_neither_the_undo_nor_the_other_listeners(doc, caplog):
    def broken(_changed):
        raise RuntimeError("a view with a bug")

    heard: list[Changed] = []
    doc.add_listener(broken)
    doc.add_listener(heard.append)
    inverse = doc.apply(RemoveNodes(("reps",)))
    assert heard and heard[0].removed_nodes == {"reps"}
    assert "could not follow a change" in caplog.text
    doc.apply(inverse)
    assert "reps" in {n.id for n in reopened(doc).nodes}
