"""An L&D lead exports the map from the window: the export dialog's choices, the same renderer
as ``ecomap export``, progress while it works, and no half-written file when something fails."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QPushButton, QWidget

from app.document import MapDocument
from app.files import create_map, load_map
from tests import pdf_reading
from tests.conftest import SAMPLES, shown_window
from ui import export_dialog, exporters
from ui.export_dialog import ExportDialog
from ui.render import ExportOptions
from ui.settings import app_settings
from ui.theme import THEMES

SVG = "{http://www.w3.org/2000/svg}"
WAIT_MS = 60_000  # generous: a slow CI machine is not a failure
COLUMN = ("sales_leaders", "sales_ops_it", "new_reps")  # one above the other: a tall selection


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = shown_window(qtbot, (1400, 900))
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    path = create_map(tmp_path / "sales.ecomap", load_map(SAMPLES / "sales_enablement.json"))
    win.set_document(MapDocument.open(path))
    yield win
    win.close()


def save_as(monkeypatch, path: Path) -> None:
    """The user names ``path`` in the save dialog."""
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *args: path)


def pick(combo: QComboBox, start: str) -> None:
    """Open the list and click the item that starts with ``start``."""
    combo.showPopup()
    view = combo.view()
    row = next(r for r in range(combo.count()) if combo.itemText(r).startswith(start))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(view.model().index(row, 0)).center())
    assert combo.currentIndex() == row


def type_number(spin: QWidget, number: int) -> None:
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, str(number))


def click(qtbot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(window, qtbot, key: str = "export_map") -> ExportDialog:
    window.commands[key].trigger()
    dialog = window.exports.dialog
    qtbot.waitExposed(dialog)
    return dialog


def export_and_wait(window, qtbot, dialog: ExportDialog) -> None:
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: not window.exports.busy, timeout=WAIT_MS)


def svg_words(path: Path) -> str:
    root = SafeET.parse(path).getroot()
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_an_a3_dark_picture_at_150_dpi_without_legend(window, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "for the slides.png"
    save_as(monkeypatch, out)
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.exports.dialog
    qtbot.waitExposed(dialog)
    pick(dialog.size_box, "A3")
    pick(dialog.dpi_box, "150")
    pick(dialog.theme_box, "Dark")
    click(qtbot, dialog.legend_box)
    # A3 is 420 × 297 mm; at 150 dpi, turned sideways for this wide map.
    assert dialog.result.text() == "The picture will be 2480 × 1754 px."
    export_and_wait(window, qtbot, dialog)

    image = QImage(str(out))
    assert (image.width(), image.height()) == (2480, 1754)
    assert image.pixelColor(1, 1).name().upper() == THEMES["dark"].canvas.upper()
    assert "Exported to" in window.statusBar().currentMessage()
    # Drawn by the command line's renderer with the options chosen, the legend left out.
    data = window.document.snapshot()
    chosen = ExportOptions(size="A3", dpi=150, theme="dark", legend=False)
    assert image == QImage.fromData(exporters.png_bytes(data, chosen))
    with_legend = ExportOptions(size="A3", dpi=150, theme="dark", legend=True)
    assert image != QImage.fromData(exporters.png_bytes(data, with_legend))


def test_the_theme_starts_as_the_canvas_shows_it(window, qtbot):
    window.set_theme("projector")
    dialog = open_dialog(window, qtbot)
    assert dialog.theme_box.currentData() == "projector"


def test_only_the_selected_nodes_in_the_format_the_file_name_asks_for(window, qtbot,
                                                                        monkeypatch, tmp_path):
    assert not window.commands["export_selection"].isEnabled()
    window.editor.select(COLUMN)
    assert window.commands["export_selection"].isEnabled()
    out = tmp_path / "leaders.svg"
    save_as(monkeypatch, out)
    dialog = open_dialog(window, qtbot, "export_selection")
    assert dialog.selection_box.isChecked()
    assert dialog.selection_box.text().startswith("Only the 3 selected nodes")
    pick(dialog.size_box, "A4")
    export_and_wait(window, qtbot, dialog)

    assert dialog.format_box.currentData() == "svg"  # the ending chose it
    words = pdf_reading.squeezed(svg_words(out))
    labels = {n.id: pdf_reading.squeezed(n.label) for n in window.document.snapshot().nodes}
    assert all(labels[node_id] in words for node_id in COLUMN)
    others = [label for node_id, label in labels.items() if node_id not in COLUMN
              and not any(label in labels[chosen] for chosen in COLUMN)]  # "CRM" is in one
    assert others and not any(label in words for label in others)
    root = SafeET.parse(out).getroot()
    width_mm, height_mm = (float(root.get(side).removesuffix("mm")) for side in ("width", "height"))
    assert (round(width_mm), round(height_mm)) == (210, 297)  # A4 upright: the column is tall


def test_a_picture_too_large_to_render_is_refused_in_plain_words(window, qtbot, monkeypatch,
                                                                  tmp_path):
    save_as(monkeypatch, tmp_path / "huge.png")
    dialog = open_dialog(window, qtbot)
    pick(dialog.format_box, "PNG")
    pick(dialog.size_box, "Width × height")
    assert dialog.width_box.isVisible()
    type_number(dialog.width_box, 30000)
    type_number(dialog.height_box, 20000)

    message = dialog.result.text()
    assert message.startswith("The picture would be 30,000 × 20,000 pixels, too large to make")
    assert message.endswith("Choose a smaller size or a lower resolution.")
    assert "--" not in message  # the command line's flags mean nothing here
    assert not dialog.export_button.isEnabled()
    click(qtbot, dialog.export_button)
    assert dialog.isVisible() and not window.exports.busy
    assert list(tmp_path.glob("*.png")) == []

    type_number(dialog.width_box, 3000)
    assert dialog.result.text() == "The picture will be 3000 × 20000 px."
    assert dialog.export_button.isEnabled()


def test_a_pdf_offers_paper_sizes_and_keeps_its_background(window, qtbot):
    dialog = open_dialog(window, qtbot)
    pick(dialog.size_box, "Width × height")
    pick(dialog.format_box, "PDF")
    sizes = dialog.size_box.model()
    offered = [dialog.size_box.itemData(row) for row in range(sizes.rowCount())
               if sizes.item(row).isEnabled()]
    assert offered == ["A4", "A3"]
    assert dialog.size_box.currentData() == "A4"
    assert dialog.dpi_box.isEnabled() and not dialog.transparent_box.isEnabled()
    assert not dialog.width_box.isVisible()


def test_a_folder_that_cannot_be_written_is_said_in_the_dialog(window, qtbot, monkeypatch,
                                                               tmp_path):
    save_as(monkeypatch, tmp_path / "missing" / "map.png")
    dialog = open_dialog(window, qtbot)
    click(qtbot, dialog.export_button)
    assert "there is no folder" in dialog.result.text()
    assert dialog.isVisible() and not window.exports.busy


def test_the_last_choices_are_remembered(qtbot, monkeypatch, tmp_path):
    settings = app_settings()  # the tests' sandbox (conftest)
    settings.remove("export")
    data = load_map(SAMPLES / "workshop_starter.json")
    first = ExportDialog(None, data, "dark", (), settings)
    qtbot.addWidget(first)
    pick(first.format_box, "PDF")
    pick(first.size_box, "A3")
    pick(first.dpi_box, "300")
    click(qtbot, first.title_box)
    save_as(monkeypatch, tmp_path / "plan.pdf")
    click(qtbot, first.export_button)
    try:
        again = ExportDialog(None, data, "light", (), app_settings())
        qtbot.addWidget(again)
        chosen = again.options()
        assert (again.chosen_format, chosen.size, chosen.dpi) == ("pdf", "A3", 300)
        assert not chosen.title and chosen.legend
        assert chosen.theme == "light"  # always the canvas's: what the user sees
        starts = []
        monkeypatch.setattr(export_dialog, "choose_export_path",
                            lambda _parent, start, _fmt: starts.append(start))
        click(qtbot, again.export_button)
        assert starts == [tmp_path / "Our learning ecosystem workshop starter.pdf"]
    finally:
        settings.remove("export")


def test_the_health_report_is_written_in_the_background_behind_a_progress_window(
        window, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "report.pdf"
    monkeypatch.setattr("ui.exports.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), "PDF health report (*.pdf)"))
    window.commands["export_report"].trigger()
    progress = window.exports.progress
    assert progress.isVisible() and progress.labelText() == "Checking the map…"
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: not window.exports.busy, timeout=WAIT_MS)
    assert QGuiApplication.overrideCursor() is None
    assert pdf_reading.page_count(out.read_bytes()) >= 3
    assert f"Exported to {out}" in window.statusBar().currentMessage()


def test_the_map_is_drawn_in_the_background_and_saved_whole(window, qtbot, monkeypatch,
                                                            tmp_path):
    out = tmp_path / "map.png"
    save_as(monkeypatch, out)
    dialog = open_dialog(window, qtbot)
    click(qtbot, dialog.export_button)
    assert window.exports.progress.labelText() == "Drawing the map…"
    assert not out.exists()  # saved only once drawn
    qtbot.waitUntil(lambda: not window.exports.busy, timeout=WAIT_MS)
    assert QImage(str(out)).width() > 0


def test_the_report_uses_the_health_panels_checks_when_they_are_of_this_map(window):
    data, analysis = window.exports._checked_map()
    assert analysis is not None and analysis == window.findings.runner.latest.analysis
    assert data == window.document.snapshot()


def test_stopping_an_export_writes_nothing(window, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "report.html"
    monkeypatch.setattr("ui.exports.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), "Web page, self-contained (*.html)"))
    window.commands["export_report"].trigger()
    stop = [b for b in window.exports.progress.findChildren(QPushButton) if b.text() == "Stop"]
    click(qtbot, stop[0])
    assert not window.exports.busy and QGuiApplication.overrideCursor() is None
    window.exports.runner.wait()
    assert list(tmp_path.glob("report*")) == []


def test_a_failure_on_the_way_is_a_message_and_leaves_no_file(window, qtbot, monkeypatch,
                                                              tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    save_as(monkeypatch, folder / "map.png")
    dialog = open_dialog(window, qtbot)
    click(qtbot, dialog.export_button)
    assert window.exports.busy
    folder.rmdir()  # the folder goes away (a USB stick pulled out) before the drawing is saved
    qtbot.waitUntil(lambda: not window.exports.busy, timeout=WAIT_MS)
    problem = window.findChild(QMessageBox, "problem")
    assert problem is not None and "cannot write there" in problem.informativeText()
    assert not folder.exists()


def test_closing_the_window_during_an_export_ends_it_cleanly(qtbot, tmp_path, monkeypatch):
    win = shown_window(qtbot, (1000, 700))
    path = create_map(tmp_path / "lecture.ecomap", load_map(SAMPLES / "lecture_cane_toad.json"))
    win.set_document(MapDocument.open(path))
    out = tmp_path / "report.pdf"
    monkeypatch.setattr("ui.exports.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), "PDF health report (*.pdf)"))
    win.commands["export_report"].trigger()
    assert win.exports.busy
    win.close()
    QApplication.processEvents()
    assert not win.exports.busy and QGuiApplication.overrideCursor() is None
    assert not out.exists() and list(tmp_path.glob(".report.pdf*")) == []


def test_exports_need_a_map_and_export_selection_a_selection(qtbot, tmp_path):
    win = shown_window(qtbot)
    exports = ("export_map", "export_report", "export_selection")
    assert not any(win.commands[key].isEnabled() for key in exports)
    path = create_map(tmp_path / "sales.ecomap", load_map(SAMPLES / "sales_enablement.json"))
    win.set_document(MapDocument.open(path))
    assert win.commands["export_map"].isEnabled() and win.commands["export_report"].isEnabled()
    assert not win.commands["export_selection"].isEnabled()
    win.editor.select(["crm"])
    assert win.commands["export_selection"].isEnabled()
    win.close_map()
    assert not any(win.commands[key].isEnabled() for key in exports)
    win.close()


def test_what_each_data_format_writes_is_shown_whole(window, qtbot):
    dialog = open_dialog(window, qtbot)
    for start in ("PNG", "Excel", "CSV", "GraphML", "GEXF", "CSV"):
        pick(dialog.format_box, start)
        qtbot.wait(10)
        label = dialog.result
        assert label.height() >= label.heightForWidth(label.width()), start
