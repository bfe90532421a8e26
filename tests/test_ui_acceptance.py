"""A new user builds a 20-node map from an empty window, once with the keyboard alone and once
with the mouse, takes every step back to the empty map and forward again, closes Ecomap and
opens the file to find the map exactly as it was left.

Only what a user's hands do drives the window: key presses in the keyboard story; clicks,
double-clicks and drags (and typing the labels) in the mouse story. The file is then read by a
fresh window, compared field by field, and checked by SQLite. A few short tests at the end
pin down the details the stories rely on.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from app.files import create_map
from tests.conftest import make_map, shown_window
from tests.test_ui_editor import (
    CTRL,
    LEFT,
    canvas,
    click,
    drag,
    open_window,
    press_key,
    spot,
    type_label,
)

SHIFT, ALT = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
Key = Qt.Key

# The workshop's map: what the room calls out, block by block.
PEOPLE = ("Sales reps", "Managers", "New hires", "Coaches")
CONTENT = ("Onboarding course", "Product videos", "Sales playbook", "Lunch and learn talks")
PROCESS = ("Weekly coaching", "Ride-alongs", "Certification")
TECHNOLOGY = ("Learning platform", "CRM", "Video library")
DATA = ("Skills data", "Survey results")
GOVERNANCE = ("L&D council", "Budget review", "Compliance", "Mentoring scheme")
BLOCKS = {"people": PEOPLE, "content": CONTENT, "process": PROCESS,
          "technology": TECHNOLOGY, "data": DATA, "governance": GOVERNANCE}
# Who is connected to what: (from, to), 15 pairs.
CONNECTIONS = (
    ("Sales reps", "Onboarding course"), ("Sales reps", "Product videos"),
    ("Sales reps", "Sales playbook"), ("New hires", "Onboarding course"),
    ("Managers", "Weekly coaching"), ("Coaches", "Weekly coaching"),
    ("Coaches", "Ride-alongs"), ("Onboarding course", "Learning platform"),
    ("Product videos", "Video library"), ("Certification", "Learning platform"),
    ("Sales playbook", "CRM"), ("Skills data", "Certification"),
    ("Survey results", "Lunch and learn talks"), ("L&D council", "Budget review"),
    ("Mentoring scheme", "Coaches"),
)


@pytest.fixture
def window(qtbot):
    """Ecomap as it starts, with no map open, the keys going to it."""
    win = shown_window(qtbot, (1024, 768))
    win.qtbot = qtbot  # the helpers wait for the focus the way a user waits for a window
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    win.close()


# --- what the keyboard does --------------------------------------------------------------


def focused(kind=QLineEdit):
    widget = QApplication.focusWidget()
    assert isinstance(widget, kind), f"expected a {kind.__name__} to have the focus"
    return widget


def type_in(text: str, then=Key.Key_Return, modifier=NONE) -> None:
    """Type into whatever has the focus (its text is selected, so it is replaced)."""
    QTest.keyClicks(QApplication.focusWidget(), text)
    if then is not None:
        QTest.keyClick(QApplication.focusWidget(), then, modifier)


def find(window, label: str, add: bool = False) -> None:
    """Ctrl+F, the label, Enter (Shift+Enter: add it to the selection)."""
    press_key(window, Key.Key_F, CTRL)
    finder_has_focus(window)
    type_in(label, modifier=SHIFT if add else NONE)
    window.qtbot.waitUntil(window.view.hasFocus)


def connect_by_name(window, source: str, target: str) -> None:
    """Find the first node, press C, name the second."""
    find(window, source)
    press_key(window, Key.Key_C)
    finder_has_focus(window)
    assert window.editor.finder.dialog.windowTitle() == f"Connect “{source}” to…"
    type_in(target)
    window.qtbot.waitUntil(window.view.hasFocus)


def finder_has_focus(window) -> None:
    """The Find dialog's own window takes the keys (as soon as the system gives it them)."""
    dialog = window.editor.finder.dialog
    window.qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)


def in_inspector(window) -> None:
    """Ctrl+I: the cursor goes to the Inspector's first field."""
    press_key(window, Key.Key_I, CTRL)
    assert window.editor.inspector.isAncestorOf(QApplication.focusWidget())


def next_field() -> None:
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Tab)


def when_asked(window, answer) -> None:
    """Answer the next modal dialog (a question that waits for the user) with ``answer``."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            answer(dialog)
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def type_into(line: QLineEdit, text: str) -> None:
    """Type into a box of a dialog just opened (the system may not have given it the keys
    yet), then Enter."""
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Key.Key_Return)


def add_blocks_with_the_keyboard(window, names) -> None:
    """A new map has people, content and processes: the Inspector's Add… gives it more
    (Ctrl+I, Tab to Add…, Space, type the name, Enter; Esc back to the map)."""
    for name in names:
        in_inspector(window)
        for _ in range(20):
            if QApplication.focusWidget().objectName() == "block_add":
                break
            next_field()
        when_asked(window, lambda dialog, n=name: type_into(dialog.findChild(QLineEdit), n))
        add = focused(QPushButton)
        QTest.keyClick(add, Key.Key_Space)
        window.activateWindow()  # as the system does when the dialog closes (offscreen not)
        window.qtbot.waitUntil(lambda b=add: QApplication.focusWidget() is b)
        QTest.keyClick(add, Key.Key_Escape)
        assert window.view.hasFocus()


def build_with_the_keyboard(window) -> None:
    press_key(window, Key.Key_N, CTRL)  # File ▸ New map
    assert window.document is not None and window.view.hasFocus()
    add_blocks_with_the_keyboard(window, ("Technology", "Data", "Governance"))
    press_key(window, Key.Key_N)  # quick capture, first block: People
    for label in PEOPLE:
        type_label(label)
    press_key(window, Key.Key_Tab)  # the next block: Content
    for label in CONTENT:
        type_label(label)
    press_key(window, Key.Key_Escape)
    press_key(window, Key.Key_3)  # Processes, and start adding
    for label in PROCESS:
        type_label(label)
    press_key(window, Key.Key_4, ALT)  # Technology, in the same box
    for label in TECHNOLOGY:
        type_label(label)
    type_label("")  # an empty label ends
    press_key(window, Key.Key_5)
    for label in DATA:
        type_label(label)
    press_key(window, Key.Key_Escape)
    press_key(window, Key.Key_6)
    for label in GOVERNANCE:
        type_label(label)
    press_key(window, Key.Key_Escape)
    # The last node added is still selected: C names the node to connect it to.
    press_key(window, Key.Key_C)
    finder_has_focus(window)
    type_in("Coaches")
    window.qtbot.waitUntil(window.view.hasFocus)
    for source, target in CONNECTIONS[:10]:
        connect_by_name(window, source, target)
    # Select two with Find (Shift+Enter adds the second), then C.
    for source, target in CONNECTIONS[10:13]:
        find(window, source)
        find(window, target, add=True)
        press_key(window, Key.Key_C)
    find(window, "L&D council")
    press_key(window, Key.Key_C)
    finder_has_focus(window)
    type_in("Budget")  # the first match will do
    window.qtbot.waitUntil(window.view.hasFocus)
    describe_with_the_keyboard(window)


def describe_with_the_keyboard(window) -> None:
    """Kinds, tags and informal learning typed into the Inspector, and back to the map."""
    find(window, "Lunch and learn talks")
    in_inspector(window)
    assert focused().objectName() == "field_label"
    next_field()
    next_field()  # past the block, to the kind
    type_in("talk series")
    next_field()
    assert focused(QCheckBox).objectName() == "field_informal"
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Space)
    next_field()
    type_in("150")  # its reach
    next_field()
    type_in("monthly, informal")
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Escape)
    assert window.view.hasFocus()
    find(window, "Coaches")
    in_inspector(window)
    type_in("Peer coaches")  # a new label
    next_field()
    next_field()
    type_in("peer group")
    next_field()
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Space)
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Escape)
    connect_by_name(window, "Managers", "Sales reps")  # the connection is selected now
    in_inspector(window)
    type_in("mentors")
    next_field()
    type_in("5")  # strength
    next_field()
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Space)  # two-way
    next_field()
    type_in("A note half typed, then thought better of", then=Key.Key_Escape)
    assert window.view.hasFocus()


# --- what the mouse does -----------------------------------------------------------------


def click_at(widget, pos: QPoint, modifier=NONE) -> None:
    QTest.mouseClick(widget, LEFT, modifier, pos)


def double_click(widget, pos: QPoint) -> None:
    """A real double-click: a click, then the second press that Qt reports as a double-click."""
    click_at(widget, pos)
    QTest.mouseDClick(widget, LEFT, NONE, pos)


def choose_from_menu(window, title: str, entry: str) -> None:
    """Click a menu of the menu bar, then one of its entries."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == title)
    click_at(bar, bar.actionGeometry(top).center())
    menu = top.menu()
    window.qtbot.waitUntil(menu.isVisible)
    item = next(a for a in menu.actions() if a.text().replace("&", "").startswith(entry))
    click_at(menu, menu.actionGeometry(item).center())
    window.qtbot.waitUntil(lambda: not menu.isVisible())


def click_block_in_palette(window, block: int) -> None:
    """Find the block in the label box's palette by moving over it, and click it."""
    palette = window.editor.router.current.box.palette_label
    hovered: list[str] = []
    palette.linkHovered.connect(hovered.append)
    for y in range(2, palette.height(), 6):
        for x in range(2, palette.width(), 6):
            QTest.mouseMove(palette, QPoint(x, y))
            if hovered and hovered[-1] == str(block):
                click_at(palette, QPoint(x, y))
                return
    raise AssertionError(f"block {block + 1} is not in the palette")


def choose_in_combo(combo: QComboBox, text: str) -> None:
    """Open the list with the arrow at the right, and click an entry."""
    click_at(combo, QPoint(combo.width() - 8, combo.height() // 2))
    view = combo.view()
    index = combo.model().index(combo.findText(text), 0)
    assert index.isValid(), f"{text!r} is not offered"
    entry = view.visualRect(index).center()
    QTest.mouseMove(view.viewport(), entry + QPoint(0, 12))  # the hand moves onto the entry
    QTest.mouseMove(view.viewport(), entry)
    click_at(view.viewport(), entry)


def click_spin_up(spin: QSpinBox) -> None:
    click_at(spin, QPoint(spin.width() - 6, spin.height() // 4))


def field(window, name: str, kind=QLineEdit):
    """A field of the page the Inspector shows."""
    widget = window.editor.inspector.currentWidget().findChild(kind, f"field_{name}")
    assert widget is not None and widget.isVisible()
    return widget


# Where each node goes: four columns and five rows of the canvas (clear of the legend).
SPOTS = [QPoint(100 + 160 * (i % 4), 50 + 100 * (i // 4)) for i in range(20)]
EMPTY = QPoint(640, 600)  # no node near: a click here ends typing and clears the selection


def add_blocks_with_the_mouse(window, names) -> None:
    """The Inspector's Add… button for each block a new map does not start with."""
    for name in names:
        def answer(dialog, n=name) -> None:
            QTest.keyClicks(dialog.findChild(QLineEdit), n)
            ok = next(b for b in dialog.findChildren(QPushButton) if b.text() == "OK")
            click_at(ok, QPoint(5, 5))
        when_asked(window, answer)
        click_at(window.editor.inspector.findChild(QPushButton, "block_add"), QPoint(8, 8))
        window.activateWindow()  # as the system does when the dialog closes (offscreen not)
        window.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def build_with_the_mouse(window) -> dict[str, tuple[float, float]]:
    """Build the map; return where each node first stood (where it was double-clicked)."""
    choose_from_menu(window, "File", "New map")
    add_blocks_with_the_mouse(window, ("Technology", "Data", "Governance"))
    keys = [c.key for c in window.document.categories()]
    placed = [(label, block) for block, labels in BLOCKS.items() for label in labels]
    chosen = None
    clicked = {}
    for (label, block), where in zip(placed, SPOTS, strict=True):
        clicked[label] = window.view.mapToScene(where)  # where the map was under the pointer
        double_click(canvas(window), where)  # the first click keeps the label typed before
        if block != chosen:
            click_block_in_palette(window, keys.index(block))
            chosen = block
        QTest.keyClicks(QApplication.focusWidget(), label)
    click_at(canvas(window), EMPTY)
    ids = {n.label: n.id for n in window.document.nodes()}
    first = {n.label: (n.x, n.y) for n in window.document.nodes()}
    for label, point in clicked.items():
        assert first[label] == pytest.approx((point.x(), point.y()), abs=0.1)
    for source, target in CONNECTIONS:
        connect_with_the_mouse(window, ids[source], ids[target])
    describe_with_the_mouse(window, ids)
    arrange_with_the_mouse(window, ids)
    return first


def connect_with_the_mouse(window, source: str, target: str) -> None:
    """Click the node, then drag from its handle to the other node."""
    click_at(canvas(window), spot(window, source))
    handle = window.scene.item_for_node[source].handle_centre()
    drag(window, spot(window, source, handle.x(), handle.y()), spot(window, target))


def describe_with_the_mouse(window, ids: dict[str, str]) -> None:
    """A kind chosen from the list, informal ticked, tags typed; a connection's kind, strength
    and direction chosen in the Inspector."""
    click_at(canvas(window), spot(window, ids["Lunch and learn talks"]))
    choose_in_combo(field(window, "kind", QComboBox), "Podcast")
    click_at(field(window, "informal", QCheckBox), QPoint(8, 8))
    tags = field(window, "tags")
    click_at(tags, QPoint(10, 5))
    QTest.keyClicks(tags, "monthly, informal")
    click_at(canvas(window), EMPTY)  # leaving the field keeps what was typed
    connect_with_the_mouse(window, ids["Managers"], ids["Sales reps"])
    click_at(canvas(window), EMPTY)
    line = (spot(window, ids["Managers"]) + spot(window, ids["Sales reps"])) / 2
    click_at(canvas(window), line)  # on the new connection, half-way along
    assert len(window.editor.selected_edge_ids()) == 1
    choose_in_combo(field(window, "kind", QComboBox), "mentors")
    strength = field(window, "strength", QSpinBox)
    click_spin_up(strength)
    click_spin_up(strength)
    click_at(field(window, "directed", QCheckBox), QPoint(8, 8))


def arrange_with_the_mouse(window, ids: dict[str, str]) -> None:
    """One node dragged on its own; the governance row boxed in and dragged down together."""
    drag(window, spot(window, ids["CRM"]), spot(window, ids["CRM"], 60, -30))
    row = [ids[label] for label in GOVERNANCE]
    corner = spot(window, row[0], -70, -40)
    drag(window, corner, spot(window, row[-1], 70, 30))
    assert sorted(window.editor.selected_node_ids()) == sorted(row)
    drag(window, spot(window, row[1]), spot(window, row[1], 0, 80))


def check_the_mouse_map(window, first: dict[str, tuple[float, float]]) -> None:
    document = window.document
    nodes = {n.label: n for n in document.nodes()}
    moved = {label: (n.x - first[label][0], n.y - first[label][1]) for label, n in nodes.items()}
    assert moved.pop("CRM") == pytest.approx((60, -30), abs=2)
    for label in GOVERNANCE:
        assert moved.pop(label) == pytest.approx((0, 80), abs=2)  # together
    assert set(moved.values()) == {(0.0, 0.0)}
    expected = {label: block for block, labels in BLOCKS.items() for label in labels}
    assert {label: n.category for label, n in nodes.items()} == expected
    talks = nodes["Lunch and learn talks"]
    assert (talks.kind, talks.informal, talks.tags) == ("Podcast", True, ("monthly", "informal"))
    assert pairs(document) == set(CONNECTIONS) | {("Managers", "Sales reps")}
    mentors = next(e for e in document.edges() if e.kind)
    assert (mentors.kind, mentors.strength, mentors.directed) == ("mentors", 5, False)


# --- what is checked ---------------------------------------------------------------------


def map_state(document) -> dict:
    """Everything the map holds, to compare exactly."""
    data = document.snapshot()
    return {"nodes": sorted(data.nodes, key=lambda n: n.id),
            "edges": sorted(data.edges, key=lambda e: e.id),
            "categories": data.categories, "name": data.name, "settings": data.settings}


def pairs(document) -> set[tuple[str, str]]:
    label = {n.id: n.label for n in document.nodes()}
    return {(label[e.source], label[e.target]) for e in document.edges()}


def check_the_keyboard_map(window) -> None:
    """Rows as wide as the view, one under the other; blocks, kinds, tags and connections."""
    document = window.document
    nodes = {n.label: n for n in document.nodes()}
    first = nodes["Sales reps"]
    cells = {((n.x - first.x) / 180, (n.y - first.y) / 120) for n in nodes.values()}
    assert len(cells) == 20 and all(x.is_integer() and y.is_integer() for x, y in cells)
    row = len({x for x, _y in cells})
    assert {x for x, _y in cells} == set(range(row))
    assert row >= 3 and row * 180 * window.view.zoom() <= window.view.viewport().width()
    expected = {label: block for block, labels in BLOCKS.items() for label in labels}
    expected["Peer coaches"] = expected.pop("Coaches")
    assert {label: n.category for label, n in nodes.items()} == expected
    talks, coaches = nodes["Lunch and learn talks"], nodes["Peer coaches"]
    assert (talks.kind, talks.informal, talks.reach, talks.tags) == (
        "talk series", True, 150, ("monthly", "informal"))
    assert (coaches.kind, coaches.informal) == ("peer group", True)
    renamed = {("Mentoring scheme", "Peer coaches"), ("Peer coaches", "Weekly coaching"),
               ("Peer coaches", "Ride-alongs")}
    wanted = {p for p in CONNECTIONS if "Coaches" not in p} | renamed | {
        ("Managers", "Sales reps")}
    assert pairs(document) == wanted
    mentors = next(e for e in document.edges() if e.kind)
    assert (mentors.kind, mentors.strength, mentors.directed, mentors.note) == (
        "mentors", 5, False, "")


def undo_everything_and_redo_it(window, undo, redo) -> None:
    """Every step back to the empty map, then every step forward again, exactly."""
    built = map_state(window.document)
    steps = window.editor.stack.count()
    for _ in range(steps):
        undo()
    assert not window.commands["undo"].isEnabled()
    assert not window.document.nodes() and not window.document.edges()
    assert window.scene.is_empty and not window.scene.item_for_edge
    for _ in range(steps):
        redo()
    assert not window.commands["redo"].isEnabled()
    assert map_state(window.document) == built


def reopen(qtbot, window, path: Path) -> dict:
    """Close Ecomap, start it again on the file (as ``ecomap-gui FILE`` does), and return
    what the new window shows; the file passes SQLite's integrity check."""
    window.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    again = shown_window(qtbot, (1024, 768))
    assert again.open_from_command_line(path)
    shown = {"nodes_shown": len(again.scene.item_for_node),
             "edges_shown": len(again.scene.item_for_edge)}
    return map_state(again.document) | shown


def test_a_twenty_node_map_built_with_the_keyboard_alone(qtbot, window):
    QCursor.setPos(window.mapToGlobal(QPoint(-200, -200)))  # the mouse lies idle, off the window
    build_with_the_keyboard(window)
    check_the_keyboard_map(window)
    assert len(window.document.nodes()) == 20 and len(window.document.edges()) == 16
    undo_everything_and_redo_it(window, lambda: press_key(window, Key.Key_Z, CTRL),
                                lambda: press_key(window, Key.Key_Z, CTRL | SHIFT))
    built, path = map_state(window.document), Path(window.document.path)
    assert reopen(qtbot, window, path) == built | {"nodes_shown": 20, "edges_shown": 16}


def test_a_twenty_node_map_built_with_the_mouse(qtbot, window):
    first = build_with_the_mouse(window)
    check_the_mouse_map(window, first)
    undo_everything_and_redo_it(window, lambda: choose_from_menu(window, "Edit", "Undo"),
                                lambda: choose_from_menu(window, "Edit", "Redo"))
    built, path = map_state(window.document), Path(window.document.path)
    choose_from_menu(window, "File", "Close map")
    assert window.document is None and window.scene.is_empty
    assert reopen(qtbot, window, path) == built | {"nodes_shown": 20, "edges_shown": 16}


# --- details the stories rely on ----------------------------------------------------------


@pytest.fixture
def two_nodes(qtbot, tmp_path: Path):
    data = make_map("reps:people course:content")
    nodes = (replace(data.nodes[0], x=0.0, y=0.0), replace(data.nodes[1], x=300.0, y=0.0))
    win = open_window(qtbot, create_map(tmp_path / "two.ecomap", replace(data, nodes=nodes)))
    yield win
    win.close()


def test_a_click_elsewhere_keeps_a_new_label_and_escape_keeps_the_old(two_nodes):
    click(two_nodes, "reps")
    press_key(two_nodes, Key.Key_F2)
    type_in("Sales reps", then=None)
    click_at(canvas(two_nodes), spot(two_nodes, "reps", 0, 200))
    assert two_nodes.document.node("reps").label == "Sales reps"
    click(two_nodes, "reps")
    press_key(two_nodes, Key.Key_F2)
    type_in("Thought better of it", then=Key.Key_Escape)
    assert two_nodes.document.node("reps").label == "Sales reps"
    assert two_nodes.editor.selected_node_ids() == ["reps"]  # Esc ended only the typing


def test_arrow_keys_in_a_label_box_leave_the_selected_node_alone(two_nodes):
    click(two_nodes, "reps")
    press_key(two_nodes, Key.Key_N)
    type_in("Coach", then=Key.Key_Up)
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Down)
    assert (two_nodes.document.node("reps").x, two_nodes.document.node("reps").y) == (0.0, 0.0)
    assert focused().text() == "Coach"


def test_edit_in_inspector_takes_one_piece_or_the_map(two_nodes):
    press_key(two_nodes, Key.Key_A, CTRL)
    press_key(two_nodes, Key.Key_I, CTRL)
    assert "select one" in two_nodes.statusBar().currentMessage()
    assert two_nodes.view.hasFocus()
    press_key(two_nodes, Key.Key_Escape)  # nothing selected: the map's own fields
    in_inspector(two_nodes)
    assert focused().objectName() == "field_name"
    type_in("Sales onboarding")
    QTest.keyClick(QApplication.focusWidget(), Key.Key_Escape)
    assert two_nodes.document.name == "Sales onboarding" and two_nodes.view.hasFocus()
