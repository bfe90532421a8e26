"""The canvas scene keeps its counts and its measure of the map in step with every edit, while
redoing that work only when an edit can change it."""

from __future__ import annotations

import pytest

from app import ops
from app.document import MapDocument
from app.files import create_map
from tests.conftest import make_map
from ui.canvas.scene import MapScene


@pytest.fixture
def opened(qapp, tmp_path):
    data = make_map("a:people b:content c:process d:people",
                    at={"a": (0.0, 0.0), "b": (400.0, 150.0), "c": (200.0, 300.0),
                        "d": (200.0, 100.0)})
    document = MapDocument.open(create_map(tmp_path / "m.ecomap", data))
    scene = MapScene()
    scene.set_document(document)
    yield document, scene
    scene.set_document(None)
    document.close()


def fresh_measure(scene: MapScene):
    """What measuring from scratch says, to compare the kept measure with."""
    scene._map_rect = None
    return scene.map_rect()


def test_moving_a_node_inside_the_map_keeps_its_measure(opened):
    document, scene = opened
    before = scene.map_rect()
    document.apply(ops.MoveNodes({"d": (220.0, 120.0)}))
    assert scene.map_rect() == before == fresh_measure(scene)


def test_moving_a_node_at_the_rim_inwards_shrinks_the_map(opened):
    document, scene = opened
    before = scene.map_rect()
    document.apply(ops.MoveNodes({"b": (300.0, 150.0)}))
    kept = scene.map_rect()
    assert kept.width() == pytest.approx(before.width() - 100)
    assert kept == fresh_measure(scene)


def test_moving_a_node_outwards_grows_the_map_and_the_scene(opened):
    document, scene = opened
    document.apply(ops.MoveNodes({"d": (900.0, -500.0)}))
    kept = scene.map_rect()
    assert kept == fresh_measure(scene)
    assert scene.sceneRect().contains(kept)


def test_block_counts_follow_adding_recategorising_and_removing(opened):
    document, scene = opened
    assert scene.counts_by_category() == {"people": 2, "content": 1, "process": 1}
    document.apply(ops.UpdateNode("d", {"category": "content"}))
    assert scene.counts_by_category() == {"people": 1, "content": 2, "process": 1}
    document.apply(ops.UpdateNode("d", {"label": "Renamed"}))
    assert scene.counts_by_category() == {"people": 1, "content": 2, "process": 1}
    document.apply(ops.RemoveNodes(("a",)))
    assert scene.counts_by_category() == {"content": 2, "process": 1}


def test_dragging_the_outermost_node_inwards_shrinks_the_map(opened):
    document, scene = opened
    before = scene.map_rect()
    item = scene.item_for_node["b"]
    item.setPos(300.0, 150.0)  # where the mouse left it: the item moves before the map does
    document.apply(ops.MoveNodes({"b": (300.0, 150.0)}))
    kept = scene.map_rect()
    assert kept.width() == pytest.approx(before.width() - 100)
    assert kept == fresh_measure(scene)
