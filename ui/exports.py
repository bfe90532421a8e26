"""File ▸ Export map… and File ▸ Export health report…: the window's way to the exporters.

They draw the open map with the same code as ``ecomap export`` and ``ecomap report`` (the one
renderer), in the theme the canvas shows, and say where the file went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from app.errors import EcomapError
from ui import exporters, report_export

MAP_FILTERS = {
    "PDF page, A4 (*.pdf)": (".pdf", exporters.export_pdf, {"size": "A4"}),
    "PNG picture, 1920×1080 (*.png)": (".png", exporters.export_png, {"size": "1920x1080"}),
    "PNG picture, A3 at 300 dpi (*.png)": (".png", exporters.export_png, {"size": "A3"}),
    "SVG drawing (*.svg)": (".svg", exporters.export_svg, {"size": "A4"}),
}
REPORT_FILTERS = {
    "PDF health report (*.pdf)": (".pdf", report_export.export_report_pdf, {}),
    "Web page, self-contained (*.html)": (".html", report_export.export_report_html, {}),
}


class MapExports:
    """The export commands of one main window."""

    def __init__(self, window):
        self.window = window

    def export_map(self) -> None:
        """Ask where, then write the map as PDF, PNG or SVG in the canvas's theme."""
        self._export(MAP_FILTERS, "Export map", "", with_theme=True)

    def export_report(self) -> None:
        """Ask where, then write the health report (PDF, or one web page)."""
        self._export(REPORT_FILTERS, "Export health report", " — health report",
                     with_theme=False)

    def _export(self, filters: dict, title: str, name_suffix: str, with_theme: bool) -> None:
        document = self.window.document
        if document is None:
            return
        chosen = self._ask_path(filters, title, f"{document.name}{name_suffix}")
        if chosen is None:
            return
        path, (suffix, exporter, options) = chosen
        if with_theme:
            options = {**options, "theme": self.window.scene.theme.key}
        self.write(exporter, document.snapshot(), path.with_suffix(suffix), options)

    def _ask_path(self, filters: dict, title: str, name: str):
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        first = next(iter(filters))
        start = str(Path(folder) / f"{_safe(name)}{filters[first][0]}")
        path, chosen_filter = QFileDialog.getSaveFileName(
            self.window, title, start, ";;".join(filters), first)
        if not path:
            return None
        return Path(path), filters.get(chosen_filter, filters[first])

    def write(self, exporter, data, path: Path, options: dict) -> bool:
        """Run ``exporter``; show a problem the user can act on, or where the file went."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            exporter(data, path, **options)
        except (EcomapError, OSError) as error:
            self.window.show_problem("Could not export", error)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(f"Exported to {path}", 8000)
        return True


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_()." else " " for c in name).strip(" .")
    return " ".join(cleaned.split())[:80] or "map"
