"""Nodes and connections on the canvas: shapes, colours, dashes, arrows, edges following nodes."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGraphicsScene

from app.domain import SHAPES, Category, Edge, Node
from ui.canvas.items import EdgeItem, NodeItem
from ui.canvas.shapes import border_distance, shape_path
from ui.theme import DARK, LIGHT, PROJECTOR

PEOPLE = Category("people", "People", "#E69F00", "circle")
CONTENT = Category("content", "Content", "#56B4E9", "square")


def node(node_id: str, x: float = 0, y: float = 0, informal: bool = False) -> Node:
    return Node(node_id, node_id.title(), "people", informal=informal, x=x, y=y)


@pytest.fixture
def scene(qapp):
    scene = QGraphicsScene()
    yield scene
    scene.clear()


def test_every_shape_has_an_outline_around_the_centre():
    for shape in SHAPES:
        path = shape_path(shape, 20)
        assert path.contains(QPointF(0, 0)), shape
        assert 12 < path.boundingRect().width() < 60, shape


def test_shapes_differ_from_each_other():
    outlines = {shape: shape_path(shape, 20).boundingRect() for shape in SHAPES}
    areas = {shape: [border_distance(shape, math.cos(a / 10), math.sin(a / 10))
                     for a in range(0, 63, 7)] for shape in SHAPES}
    assert len({tuple(round(d, 2) for d in v) for v in areas.values()}) == len(SHAPES)
    assert outlines["circle"].width() == pytest.approx(40)


def test_a_node_has_its_category_colour_and_shape(scene):
    item = NodeItem(node("reps"), PEOPLE, LIGHT)
    scene.addItem(item)
    assert item.shape_name == "circle"
    assert item._brush.color().name().upper() == "#E69F00"
    assert item.boundingRect().contains(QPointF(0, 0))


def test_informal_nodes_have_a_dashed_outline(scene):
    formal = NodeItem(node("a"), PEOPLE, LIGHT)
    informal = NodeItem(node("b", informal=True), PEOPLE, LIGHT)
    assert formal._pens[0].style() == Qt.PenStyle.SolidLine
    assert informal._pens[1].style() == Qt.PenStyle.CustomDashLine
    assert informal.informal and not formal.informal


def test_a_connection_runs_between_borders_with_an_arrow_only_when_directed(scene):
    a, b = NodeItem(node("a", 0, 0), PEOPLE, LIGHT), NodeItem(node("b", 300, 0), PEOPLE, LIGHT)
    directed = EdgeItem(Edge("e1", "a", "b", directed=True), a, b, LIGHT)
    plain = EdgeItem(Edge("e2", "a", "b", directed=False), a, b, LIGHT)
    for item in (a, b, directed, plain):
        scene.addItem(item)
    line, arrow = plain.geometry()
    assert line.p1().x() == pytest.approx(LIGHT.node_size / 2 + LIGHT.outline_width / 2)
    assert line.p2().x() == pytest.approx(300 - LIGHT.node_size / 2 - LIGHT.outline_width / 2)
    assert directed.has_arrow and not plain.has_arrow
    assert arrow is None


def test_stronger_connections_are_thicker():
    widths = [LIGHT.edge_pen_width(s) for s in range(1, 6)]
    assert widths == sorted(widths) and widths[-1] > 2.5 * widths[0]


def test_connections_follow_a_moved_node(scene):
    a, b = NodeItem(node("a", 0, 0), PEOPLE, LIGHT), NodeItem(node("b", 300, 0), PEOPLE, LIGHT)
    edge = EdgeItem(Edge("e1", "a", "b"), a, b, LIGHT)
    for item in (a, b, edge):
        scene.addItem(item)
    b.setPos(0, 400)
    line, _arrow = edge.geometry()
    assert line.p1().x() == pytest.approx(0, abs=0.5)
    assert line.p2().y() > 300
    assert edge.boundingRect().contains(QPointF(0, 390))


def test_a_hundred_thousand_moves_do_not_crash(scene):
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand setPos calls (see pyproject)."""
    items = [NodeItem(node(f"n{i}", i, i), CONTENT, LIGHT) for i in range(100)]
    for item in items:
        scene.addItem(item)
    for step in range(1000):
        for i, item in enumerate(items):
            item.setPos(i + step, step)
    assert items[-1].pos() == QPointF(99 + 999, 999)


@pytest.mark.parametrize("theme", [LIGHT, DARK, PROJECTOR])
def test_long_labels_wrap_to_the_themes_lines_then_elide(scene, theme):
    label = "A very long learning-ecosystem label that goes on and on past any sensible width"
    item = NodeItem(Node("x", label, "people", x=0, y=0), PEOPLE, theme)
    layout = item.label_layout()
    assert len(layout.lines) == theme.label_lines  # 2 at a desk, 3 on a projector
    assert max(layout.widths) <= theme.label_width + 1
    assert layout.lines[-1].text().endswith("…")


def test_projector_labels_are_at_least_18_points():
    assert PROJECTOR.label_px >= 24  # 18 pt at 96 dpi


def test_emphasis_dims_everything_else_and_can_be_cleared(qtbot, tmp_path):
    from app.document import MapDocument
    from app.files import create_map
    from tests.conftest import make_map
    from ui.canvas.scene import MapScene

    scene = MapScene()
    path = create_map(tmp_path / "m.ecomap",
                      make_map("a:people b:content c:process", "a>b b>c"))
    document = MapDocument.open(path)
    try:
        scene.set_document(document)
        scene.emphasise({"a", "b"})
        opacity = {k: round(v.opacity(), 2) for k, v in scene.item_for_node.items()}
        assert opacity["a"] == opacity["b"] == 1.0 and opacity["c"] < 0.5
        assert scene.item_for_edge["e1"].opacity() == 1.0
        assert scene.item_for_edge["e2"].opacity() < 0.5
        scene.emphasise(None)
        assert all(i.opacity() == 1.0 for i in [*scene.item_for_node.values(),
                                                 *scene.item_for_edge.values()])
    finally:
        scene.set_document(None)
        document.close()

