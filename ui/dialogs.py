"""The small dialogs the window shows: a problem, a yes/no question, choosing a map file.

Problems are shown with ``open()`` (window-modal, not blocking), so the window stays responsive
and tests can find the box among the window's children and close it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.wording import in_words

MAP_FILTER = "Maps (*.ecomap *.json);;Ecomap maps (*.ecomap);;Maps saved as JSON (*.json)"


def show_problem(parent: QWidget, title: str, error: Exception) -> QMessageBox:
    """Tell the user what went wrong, in the error's own words (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("problem")
    box.setInformativeText(in_words(error))
    box.open()
    return box


def ask_import_beside(parent: QWidget, json_path: Path) -> bool:
    """Ask whether to import a JSON map into a new .ecomap file next to it."""
    answer = QMessageBox.question(
        parent, "Import map",
        f"Import “{json_path.name}” into a new map file beside it?\n\n"
        "The JSON file stays as it is; your changes will be saved in the new map file.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def choose_map_file(parent: QWidget, folder: str = "") -> Path | None:
    """Let the user pick an .ecomap or .json map; None if they cancel."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open map", folder, MAP_FILTER)
    return Path(path) if path else None


def show_crash(parent: QWidget, summary: str) -> QMessageBox:
    """Something inside Ecomap failed: say so plainly, and that the map is safe."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                      "Something went wrong inside Ecomap.", QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("crash")
    box.setInformativeText(
        "Your map is safe: every change was saved as you made it. If this happens again, "
        "close and reopen the map, and tell whoever looks after Ecomap what you were doing.")
    box.setDetailedText(summary)
    box.open()
    return box
