"""File ▸ Export map… and File ▸ Export health report… in the window (the export dialog
itself: tests/test_ui_export_dialog.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from app.document import MapDocument
from app.files import create_map, load_map
from tests.conftest import SAMPLES, shown_window
from ui import export_dialog, exports
from ui.theme import THEMES


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = shown_window(qtbot)
    path = create_map(tmp_path / "sales.ecomap", load_map(SAMPLES / "sales_enablement.json"))
    win.set_document(MapDocument.open(path))
    yield win
    win.close()


def choose_report(monkeypatch, path: Path, chosen_filter: str) -> None:
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(path), chosen_filter))


def test_the_file_menu_offers_the_exports_with_shortcuts(window):
    assert window.commands["export_map"].shortcut() == QKeySequence("Ctrl+E")
    assert window.commands["export_report"].shortcut() == QKeySequence("Ctrl+Shift+E")
    file_menu = window.menuBar().actions()[0].menu()
    assert {"export_map", "export_selection", "export_report"} <= {
        a.objectName() for a in file_menu.actions()}


def test_export_map_draws_what_the_canvas_shows_in_its_theme(window, qtbot, monkeypatch,
                                                             tmp_path):
    window.set_theme("dark")
    out = tmp_path / "sales.png"
    monkeypatch.setattr(export_dialog, "choose_export_path", lambda *args: out)
    window.commands["export_map"].trigger()
    dialog = window.exports.dialog
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("png"))
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("1920x1080"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.exports.busy)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.pixelColor(1, 1).name().upper() == THEMES["dark"].canvas.upper()
    assert "Exported to" in window.statusBar().currentMessage()


def test_a_place_that_cannot_be_written_is_a_clear_problem(window, monkeypatch, tmp_path):
    choose_report(monkeypatch, tmp_path / "missing" / "report.pdf", "PDF health report (*.pdf)")
    shown = []
    monkeypatch.setattr(window, "show_problem", lambda title, error: shown.append(str(error)))
    window.commands["export_report"].trigger()
    assert shown and "cannot write there" in shown[0]
    assert not window.exports.busy


def test_cancelling_the_dialogs_writes_nothing(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.commands["export_report"].trigger()
    window.commands["export_map"].trigger()
    qtbot.mouseClick(window.exports.dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert not window.exports.dialog.isVisible() and not window.exports.busy
    assert list(tmp_path.glob("*.p*")) == []
