"""File ▸ Export map… and File ▸ Export health report… in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QKeySequence

from app.document import MapDocument
from app.files import create_map, load_map
from tests import pdf_reading
from tests.conftest import SAMPLES, shown_window
from ui import exports
from ui.theme import THEMES


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = shown_window(qtbot)
    path = create_map(tmp_path / "sales.ecomap", load_map(SAMPLES / "sales_enablement.json"))
    win.set_document(MapDocument.open(path))
    yield win
    win.close()


def choose(monkeypatch, path: Path, chosen_filter: str) -> None:
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(path), chosen_filter))


def test_the_file_menu_offers_both_exports_with_shortcuts(window):
    assert window.commands["export_map"].shortcut() == QKeySequence("Ctrl+E")
    assert window.commands["export_report"].shortcut() == QKeySequence("Ctrl+Shift+E")
    file_menu = window.menuBar().actions()[0].menu()
    assert {"export_map", "export_report"} <= {a.objectName() for a in file_menu.actions()}


def test_export_map_draws_what_the_canvas_shows_in_its_theme(window, monkeypatch, tmp_path):
    window.set_theme("dark")
    out = tmp_path / "sales.png"
    choose(monkeypatch, out, "PNG picture, 1920×1080 (*.png)")
    window.commands["export_map"].trigger()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.pixelColor(1, 1).name().upper() == THEMES["dark"].canvas.upper()
    assert "Exported to" in window.statusBar().currentMessage()


def test_export_health_report_writes_the_pdf(window, monkeypatch, tmp_path):
    out = tmp_path / "report"
    choose(monkeypatch, out, "PDF health report (*.pdf)")
    window.commands["export_report"].trigger()
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf_reading.page_count(pdf) >= 5
    assert "Acme sales enablement" in pdf_reading.text(pdf)


def test_a_place_that_cannot_be_written_is_a_clear_problem(window, monkeypatch, tmp_path):
    choose(monkeypatch, tmp_path / "missing" / "map.pdf", "PDF page, A4 (*.pdf)")
    shown = []
    monkeypatch.setattr(window, "show_problem", lambda title, error: shown.append(str(error)))
    window.commands["export_map"].trigger()
    assert shown and "cannot write there" in shown[0]


def test_cancelling_the_dialog_writes_nothing(window, monkeypatch, tmp_path):
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.commands["export_map"].trigger()
    assert list(tmp_path.glob("*.pdf")) == []
