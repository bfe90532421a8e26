"""File ▸ Import… in the window: the file read in a worker behind a progress window, the
preview before anything changes, the type table, bad rows, a merge as one undo step, a new map
opened, and File ▸ Export to the formats that import back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QPushButton

from app import files
from app.document import MapDocument
from app.domain import Node
from app.files import create_map, load_map
from app.importing import plan_import, read
from app.ops import AddNodes
from app.storage import MapStore
from tests.conftest import REPO, SAMPLES, shown_window
from ui import export_dialog
from ui.importer import in_parts

DATA = REPO / "tests" / "data" / "import"
NETWORK = REPO / "tests" / "data" / "network"


@pytest.fixture
def window(qtbot):
    win = shown_window(qtbot)
    yield win
    win.close()


@pytest.fixture
def sales(window, tmp_path: Path):
    """The window with the sales-enablement sample map open."""
    path = create_map(tmp_path / "sales.ecomap", load_map(SAMPLES / "sales_enablement.json"))
    window.set_document(MapDocument.open(path))
    return window


def preview_of(window, qtbot, path: Path):
    """Import ``path`` as File ▸ Import… does once the file is chosen; the preview shown."""
    window.importer.import_file(path)
    qtbot.waitUntil(lambda: window.importer.dialog is not None and not window.importer.busy,
                    timeout=20000)
    dialog = window.importer.dialog
    assert dialog.isVisible()
    return dialog


def planned(dialog, qtbot):
    qtbot.waitUntil(lambda: dialog.planning == 0, timeout=20000)
    return dialog.plan


def untitled_maps() -> set[Path]:
    return set(files.untitled_dir().glob("*.ecomap"))


def test_import_is_in_the_file_menu_with_a_free_shortcut(window):
    action = window.commands["import"]
    assert action.shortcut() == QKeySequence("Ctrl+Alt+I")
    assert action.isEnabled()  # no map needed: an import can make a new one
    others = [a for key, a in window.commands.items() if key != "import"]
    assert all(QKeySequence("Ctrl+Alt+I") not in a.shortcuts() for a in others)


def test_the_preview_of_a_catalogue_counts_what_a_new_map_gets(window, qtbot):
    dialog = preview_of(window, qtbot, DATA / "catalogue.xlsx")
    assert dialog.new_button.isChecked() and not dialog.merge_button.isEnabled()
    assert "10 pieces to add" in dialog.summary.text()
    assert "9 connections to add" in dialog.summary.text()
    assert "sheet “Last year (ignore)” was skipped" in dialog.notes.text().replace("Sheet", "sheet")
    assert dialog.import_button.text() == "Make a new map of 10 pieces"
    assert dialog.import_button.isEnabled()
    assert dialog.types.rowCount() == len(dialog.plan.types) == 10
    video = [r for r in range(10) if dialog.types.item(r, 0).text() == "Video"][0]
    assert dialog.types.item(video, 1).text() == "1"
    assert dialog.types.item(video, 3).text() == "Video"
    assert dialog.tabs.tabText(1) == "To add (19)"


def test_changing_a_types_block_plans_again_and_the_preview_follows(window, qtbot):
    dialog = preview_of(window, qtbot, DATA / "catalogue.xlsx")
    box = dialog.types.findChild(QComboBox, "block:Video")
    box.setCurrentIndex(box.findData("people"))
    plan = planned(dialog, qtbot)
    videos = [n for n in plan.nodes_to_add if n.kind == "Video"]
    assert videos and all(n.category == "people" for n in videos)
    row = [r for r in range(dialog.types.rowCount())
           if dialog.types.item(r, 0).text() == "Video"][0]
    assert dialog.types.item(row, 4).text() == "as you chose"
    dialog.types.item(row, 3).setText("Explainer video")
    plan = planned(dialog, qtbot)
    assert {n.kind for n in plan.nodes_to_add if n.category == "people"} >= {"Explainer video"}


def test_into_a_new_map_writes_it_and_opens_it(window, qtbot):
    before = untitled_maps()
    dialog = preview_of(window, qtbot, DATA / "catalogue.xlsx")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.document is not None and not window.importer.busy,
                    timeout=20000)
    assert window.document.path in untitled_maps() - before
    assert len(window.document.node_ids()) == 10 and len(window.document.edges()) == 9
    assert "Made the map" in window.statusBar().currentMessage()


def test_a_merge_is_one_step_that_undo_takes_back_exactly(sales, qtbot):
    before = sales.document.snapshot()
    dialog = preview_of(sales, qtbot, DATA / "catalogue.xlsx")
    assert dialog.merge_button.isChecked()
    assert dialog.import_button.text().startswith("Add 10 pieces and 9 connections to “Acme")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sales.importer.busy, timeout=20000)
    after = sales.document.snapshot()
    assert len(after.nodes) == len(before.nodes) + 10
    assert len(after.edges) == len(before.edges) + 9
    assert sales.editor.stack.count() == 1
    sales.commands["undo"].trigger()  # Edit ▸ Undo, Ctrl+Z
    undone = sales.document.snapshot()
    assert (undone.nodes, undone.edges, undone.categories) == (
        before.nodes, before.edges, before.categories)
    in_file = MapStore.read(sales.document.path)  # the file holds the map as it was too
    assert (in_file.nodes, in_file.edges) == (before.nodes, before.edges)


def test_the_preview_can_switch_between_a_merge_and_a_new_map(sales, qtbot):
    dialog = preview_of(sales, qtbot, DATA / "catalogue.xlsx")
    dialog.new_button.setChecked(True)
    plan = planned(dialog, qtbot)
    assert not plan.merge and dialog.import_button.text() == "Make a new map of 10 pieces"
    assert not dialog.tabs.isTabVisible(2)  # nothing to update in a new map


def test_cancel_in_the_preview_changes_nothing(sales, qtbot):
    before, made = sales.document.snapshot(), untitled_maps()
    dialog = preview_of(sales, qtbot, DATA / "catalogue.xlsx")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert sales.document.snapshot() == before and untitled_maps() == made
    assert sales.editor.stack.count() == 0


def test_stop_while_reading_changes_nothing(sales, qtbot, tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("Label,Type\n" + "".join(f"Piece {i},Course\n" for i in range(60_000)),
                   encoding="utf-8")
    before, made = sales.document.snapshot(), untitled_maps()
    sales.importer.import_file(big)
    qtbot.waitUntil(lambda: sales.importer.watch.state[1] > 0, timeout=20000)  # under way
    stop = sales.importer.progress.findChild(QPushButton)
    assert stop.text() == "Stop"
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert not sales.importer.busy
    sales.importer.runner.pool.waitForDone()
    qtbot.wait(50)  # the stopped work's answer arrives, and is dropped
    assert sales.importer.dialog is None
    assert sales.document.snapshot() == before and untitled_maps() == made
    assert "nothing was changed" in sales.statusBar().currentMessage()


def test_bad_rows_keep_import_waiting_until_they_are_left_out(sales, qtbot):
    before = sales.document.snapshot()
    dialog = preview_of(sales, qtbot, DATA / "bad-elements.csv")
    assert dialog.tabs.currentIndex() == 3  # the rows to deal with come first
    assert not dialog.import_button.isEnabled()
    assert "cannot be imported as written" in dialog.reason.text()
    cells = {tuple(dialog.left_out.item(r, c).text() for c in range(5))
             for r in range(dialog.left_out.rowCount())}
    assert ("bad-elements.csv", "", "4", "Reach",
            "“lots” is not a whole number of learners") in cells
    assert ("bad-connections.csv", "", "4", "Strength",
            "“7” is not a whole number from 1 to 5") in cells
    dialog.skip.setChecked(True)
    assert dialog.import_button.isEnabled() and not dialog.reason.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sales.importer.busy, timeout=20000)
    added = {n.label for n in sales.document.snapshot().nodes} - {n.label for n in before.nodes}
    assert added == {n.label for n in dialog.plan.nodes_to_add} and added


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE graphml [<!ENTITY a "lol">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                    for i in range(9))
          + ']><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph '
            'edgedefault="directed"><node id="n0"><data key="d0">&j;</data></node></graph>'
            '</graphml>')


@pytest.mark.parametrize("name, content, words", [
    ("laughs.graphml", LAUGHS, "never follows"),
    ("not-a-workbook.xlsx", "Label,Type\nA,Course\n", "not an Excel workbook"),
    ("broken.gexf", "<gexf><graph><nodes>", "GEXF"),
])
def test_a_bad_file_is_a_clear_message_and_nothing_changes(sales, qtbot, tmp_path, name,
                                                            content, words):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before, made = sales.document.snapshot(), untitled_maps()
    sales.importer.import_file(path)
    qtbot.waitUntil(lambda: not sales.importer.busy, timeout=20000)
    assert words in sales.last_problem and "Traceback" not in sales.last_problem
    assert sales.importer.dialog is None
    assert sales.document.snapshot() == before and untitled_maps() == made


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "graphml", "gexf"])
def test_export_to_each_data_format_writes_a_file_that_imports_back(sales, qtbot, monkeypatch,
                                                                     tmp_path, fmt):
    out = tmp_path / f"sales.{fmt}"
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *args: out)
    sales.commands["export_map"].trigger()
    dialog = sales.exports.dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))
    assert not dialog.size_box.isVisible() and not dialog.theme_box.isVisible()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sales.exports.busy, timeout=20000)
    written = tmp_path / "sales-elements.csv" if fmt == "csv" else out
    back = plan_import(read(written)).new_map()
    data = sales.document.snapshot()
    assert sorted((n.id, n.label, n.category, n.kind) for n in back.nodes) == sorted(
        (n.id, n.label, n.category, n.kind) for n in data.nodes)
    assert len(back.edges) == len(data.edges)


def test_a_yed_file_imports_through_the_window(window, qtbot):
    dialog = preview_of(window, qtbot, NETWORK / "yed-3.23-sales-onboarding.graphml")
    assert dialog.plan.nodes_to_add and dialog.import_button.isEnabled()
    assert "yed-3.23-sales-onboarding.graphml" in dialog.heading.text()


def merged_preview(window, qtbot, folder: Path, text: str):
    """The preview of merging a small CSV file holding ``text`` into the open map."""
    changed = folder / "reps.csv"
    changed.write_text(text, encoding="utf-8")
    dialog = preview_of(window, qtbot, changed)
    dialog.merge_button.setChecked(True)
    planned(dialog, qtbot)
    return dialog


def test_each_update_shows_the_field_old_and_new(sales, qtbot, tmp_path):
    dialog = merged_preview(sales, qtbot, tmp_path, "Label,Type,Description\nAccount executives,"
                            "Learner group,Closers of the largest deals\n")
    assert dialog.tabs.tabText(2) == "To update (1)"
    lines = [dialog.updated.item(i).text() for i in range(dialog.updated.count())]
    assert any(line.startswith("Account executives") and
               "description (empty) → “Closers of the largest deals”" in line for line in lines)
    assert dialog.import_button.text() == "Update 1 piece of “Acme sales enablement”"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sales.importer.busy, timeout=20000)
    assert sales.document.node("account_execs").description == "Closers of the largest deals"


def test_a_file_that_changes_nothing_says_so(sales, qtbot, tmp_path):
    from app.interchange.tabular_export import write_spreadsheet

    out = tmp_path / "same.xlsx"
    write_spreadsheet(sales.document.snapshot(), out)
    dialog = preview_of(sales, qtbot, out)
    assert not dialog.import_button.isEnabled()
    assert dialog.reason.text().startswith("Nothing would change")


def test_a_large_merge_is_saved_in_parts_and_still_one_undo_step(sales, qtbot, tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("Label,Type\n" + "".join(f"Module {i},Course\n" for i in range(2500)),
                   encoding="utf-8")
    before = sales.document.snapshot()
    dialog = preview_of(sales, qtbot, big)
    assert len(in_parts(dialog.plan.operation())) > 1
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sales.importer.busy, timeout=60000)
    assert len(sales.document.node_ids()) == len(before.nodes) + 2500
    assert sales.editor.stack.count() == 1
    sales.commands["undo"].trigger()
    undone = sales.document.snapshot()
    assert (undone.nodes, undone.edges, undone.categories) == (
        before.nodes, before.edges, before.categories)


def test_a_part_refused_takes_the_parts_before_it_back_out(sales):
    before = sales.document.snapshot()
    new = [Node(id=f"new{i}", label=f"New {i}", category="content") for i in range(3)]
    again = Node(id="new0", label="Again", category="content")  # an id already added
    parts = [AddNodes(tuple(new)), AddNodes((again,))]
    assert not sales.importer._apply_as_one_step(parts, "Import parts")
    assert sales.document.snapshot().nodes == before.nodes
    assert not sales.editor.stack.canUndo() and not sales.editor.stack.canRedo()


def test_a_wrongly_encoded_cell_is_a_row_left_out_with_its_column(window, qtbot):
    dialog = preview_of(window, qtbot, DATA / "mentors_mixed_encoding.csv")
    file, sheet, row, column, message = (dialog.left_out.item(0, c).text() for c in range(5))
    assert (file, row, column) == ("mentors_mixed_encoding.csv", "3", "Région")
    assert "saved in another encoding" in message
    assert "UTF-8" in dialog.notes.text()
    assert not dialog.import_button.isEnabled()


def test_a_kumu_export_keeps_its_positions_in_a_new_map(window, qtbot):
    dialog = preview_of(window, qtbot, DATA / "kumu_export.json")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.document is not None and not window.importer.busy,
                    timeout=20000)
    reps = [n for n in window.document.snapshot().nodes if n.label == "New sales reps"]
    assert [(n.x, n.y) for n in reps] == [(-240.5, 80.0)]


def test_the_button_says_what_an_update_changes_and_one_bad_row_is_it(sales, qtbot, tmp_path):
    dialog = merged_preview(sales, qtbot, tmp_path, "Label,Type,Description\nAccount executives,"
                            "Learner group,Closers\nQuokka club,Community,\n,Course,no label\n")
    assert dialog.import_button.text() == ("Add 1 piece to “Acme sales enablement”, "
                                           "update 1 piece")
    assert "1 row cannot be imported as written" in dialog.reason.text()
    assert "Correct it in the file" in dialog.reason.text()


def test_each_change_of_an_update_is_a_line_of_its_own(sales, qtbot, tmp_path):
    dialog = merged_preview(sales, qtbot, tmp_path, "ID,Label,Description,Tags\naccount_execs,"
                            "Account executives,Closers of the largest deals,closers\n")
    [item] = [dialog.updated.item(i) for i in range(dialog.updated.count())]
    assert item.text().split("\n") == [
        "Account executives (reps.csv, row 2):",
        "    description (empty) → “Closers of the largest deals”",
        "    tags “sales” → “closers”"]
    assert dialog.updated.visualItemRect(item).height() > 2 * dialog.fontMetrics().height()
