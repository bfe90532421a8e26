"""Compare in the window: the later state with the diff lens, every change listed and found on
the map, the health before → after, and Esc to leave."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsSimpleTextItem

from app.domain import Edge, Node
from app.files import create_map, laid_out, load_map
from app.history import snapshots
from app.history.lens import LENS
from tests.conftest import SAMPLES, open_window
from ui.canvas.scene import DIMMED


@pytest.fixture
def window(qtbot, tmp_path):
    data = laid_out(load_map(SAMPLES / "sales_enablement.json"))
    q1 = snapshots.take(data, "Q1 review", when=datetime(2026, 3, 31, tzinfo=UTC))
    nodes = list(data.nodes)
    gone = nodes.pop(5)
    nodes[2] = replace(nodes[2], label="Renamed piece")
    nodes.append(Node("coach_ai", "AI sales coach", "technology", "LXP", x=0.0, y=-300.0))
    ids = {n.id for n in nodes}
    edges = [e for e in data.edges if e.source in ids and e.target in ids]
    edges.append(Edge("new_edge", "coach_ai", nodes[0].id, "supports"))
    now = replace(data, nodes=tuple(nodes), edges=tuple(edges), snapshots=(q1,))
    win = open_window(qtbot, create_map(tmp_path / "m.ecomap", now), (1400, 900))
    win.gone = gone
    yield win
    win.close()


def listed(compare) -> dict[str, list[str]]:
    tree = compare.changes
    return {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).child(j).text(0)
                                          for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def test_compare_shows_the_latest_snapshot_against_now_with_every_change(window, qtbot):
    assert window.commands["compare"].shortcut().toString() == "Ctrl+Shift+D"
    window.commands["compare"].trigger()
    compare = window.history.comparing
    assert compare.before_box.currentText() == "Q1 review"
    assert compare.after_box.currentText() == "Now"
    groups = listed(compare)
    assert groups["Pieces added (1)"] == ["+ AI sales coach"]
    assert groups["Pieces removed (1)"] == [f"− {window.gone.label}"]
    assert groups["Pieces changed (1)"][0].startswith("~ Renamed piece: label “")
    assert "+ AI sales coach → " in groups["Connections added (1)"][0]
    # The later state is on the canvas; what did not change is dimmed, what did is not.
    assert "coach_ai" in compare.scene.item_for_node
    assert window.gone.id not in compare.scene.item_for_node
    assert compare.scene.item_for_node["coach_ai"].opacity() == 1.0
    unchanged = next(i for n, i in compare.scene.item_for_node.items()
                     if n not in ("coach_ai", window.document.nodes()[2].id))
    assert unchanged.opacity() == DIMMED
    marks = [i.text() for i in compare.lens.items if isinstance(i, QGraphicsSimpleTextItem)]
    assert sorted(m for m in marks if len(m) == 1) == sorted(
        [LENS["added"].mark, LENS["removed"].mark, LENS["changed"].mark])
    pens = {i.pen().style() for i in compare.lens.items if isinstance(i, QGraphicsPathItem)
            and not i.path().isEmpty()}
    assert {Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine} <= pens
    qtbot.waitUntil(lambda: compare.health is not None, timeout=20000)
    assert compare.health_label.text().startswith(
        f"Health {compare.health.before.health.score} → {compare.health.after.health.score}")


def test_choosing_a_change_selects_its_piece_and_esc_leaves(window, qtbot):
    window.commands["compare"].trigger()
    compare = window.history.comparing
    group = compare.changes.topLevelItem(0)
    compare.changes.setCurrentItem(group.child(0))
    assert compare.scene.item_for_node["coach_ai"].isSelected()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is compare)
    qtbot.keyClick(compare.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.history.comparing is None)


def test_two_snapshots_can_be_compared(window, qtbot):
    from app.history.ops import AddSnapshot

    window.editor.run(AddSnapshot(snapshots.take(window.document.snapshot(), "Q2 review")))
    window.commands["compare"].trigger()
    compare = window.history.comparing
    # nothing changed since the Q2 review just saved: the quarter before is shown
    assert compare.before_box.currentText() == "Q1 review"
    assert "Pieces added (1)" in listed(compare)
    compare.before_box.setCurrentText("Q2 review")
    assert listed(compare) == {"Nothing changed.": []}
    compare.before_box.setCurrentText("Q1 review")
    compare.after_box.setCurrentText("Q2 review")
    assert "Pieces added (1)" in listed(compare)
    assert "Q1 review" in compare.windowTitle() and "Q2 review" in compare.windowTitle()


def test_without_a_snapshot_compare_says_what_to_do(qtbot, tmp_path):
    path = create_map(tmp_path / "plain.ecomap", load_map(SAMPLES / "workshop_starter.json"))
    win = open_window(qtbot, path)
    win.commands["compare"].trigger()
    assert win.history.comparing is None
    assert "Save snapshot" in win.statusBar().currentMessage()
    win.close()


def test_deleting_the_snapshot_behind_a_growth_finding_checks_the_map_again(qtbot, tmp_path):
    from app.history.ops import RemoveSnapshot
    from tests.test_analysis_growth import grown

    data = grown(4, 10)  # decks 4 → 10 since a snapshot 13 weeks old
    win = open_window(qtbot, create_map(tmp_path / "grown.ecomap", data))
    runner = win.findings.runner
    qtbot.waitUntil(lambda: runner.latest is not None)
    assert any(f.check == "growth" for f in runner.latest.analysis.findings)
    win.editor.run(RemoveSnapshot(win.document.snapshots()[0]))
    qtbot.waitUntil(lambda: not any(f.check == "growth"
                                    for f in runner.latest.analysis.findings))
    win.close()


def test_just_after_a_review_compare_shows_what_changed_in_the_quarter_before(qtbot, tmp_path):
    data = laid_out(load_map(SAMPLES / "sales_enablement.json"))
    first = data.nodes[0].id
    earlier = replace(data, nodes=data.nodes[1:], edges=tuple(
        e for e in data.edges if first not in (e.source, e.target)))
    q1 = snapshots.take(earlier, "Q1 review", when=datetime(2026, 3, 31, tzinfo=UTC))
    q2 = snapshots.take(data, "Q2 review", when=datetime(2026, 6, 30, tzinfo=UTC))
    win = open_window(qtbot, create_map(tmp_path / "m.ecomap", replace(
        data, snapshots=(q1, q2))), (1400, 900))
    try:
        win.commands["compare"].trigger()  # the map has not changed since the Q2 review
        compare = win.history.comparing
        assert (compare.before_box.currentText(), compare.after_box.currentText()) == (
            "Q1 review", "Now")
        assert [c.id for c in compare.diff.nodes] == [first]
    finally:
        win.close()


def test_on_a_4k_screen_the_list_of_changes_gets_room_for_its_names(qtbot, tmp_path):
    data = laid_out(load_map(SAMPLES / "sales_enablement.json"))
    q1 = snapshots.take(replace(data, edges=()), "Q1 review", when=datetime(2026, 3, 31, tzinfo=UTC))
    win = open_window(qtbot, create_map(tmp_path / "m.ecomap", replace(data, snapshots=(q1,))),
                      (3840, 2160))
    try:
        win.commands["compare"].trigger()
        compare = win.history.comparing
        side = compare.split.sizes()[1]
        assert side >= compare.width() // 4 - compare.split.handleWidth()
        widest = max(compare.changes.fontMetrics().horizontalAdvance(
            compare.changes.topLevelItem(0).child(i).text(0))
            for i in range(compare.changes.topLevelItem(0).childCount()))
        assert widest < compare.changes.viewport().width()  # no connection's name cut short
    finally:
        win.close()
