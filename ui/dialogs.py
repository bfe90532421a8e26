"""The small dialogs the window shows: a problem, choosing a map file to open or save as.

Problems are shown with ``open()`` (window-modal, not blocking), so the window stays responsive
and tests can find the box among the window's children and close it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSplitter, QWidget

from app.files import MAP_SUFFIX, untitled_dir
from ui.wording import in_words

MAP_FILTER = "Maps (*.ecomap *.json);;Ecomap maps (*.ecomap);;Maps saved as JSON (*.json)"
SAVE_FILTER = "Ecomap maps (*.ecomap)"


def show_problem(parent: QWidget, title: str, error: Exception) -> QMessageBox:
    """Tell the user what went wrong, in the error's own words (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("problem")
    box.setInformativeText(in_words(error))
    box.open()
    return box


def choose_map_file(parent: QWidget, folder: str = "") -> Path | None:
    """Let the user pick an .ecomap or .json map; None if they cancel."""
    dialog = map_file_dialog(parent, "Open map", folder)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(MAP_FILTER)
    return _chosen(dialog)


def choose_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Let the user name the file to save the map as; the dialog asks before replacing a file.
    None if they cancel."""
    dialog = map_file_dialog(parent, "Save map as", str(suggested.parent))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(SAVE_FILTER)
    dialog.setDefaultSuffix(MAP_SUFFIX.lstrip("."))
    dialog.selectFile(suggested.name)
    return _chosen(dialog)


def map_file_dialog(parent: QWidget, title: str, folder: str) -> QFileDialog:
    """A file dialog whose side bar lists the untitled maps folder, so new maps are easy to
    find. (The systems' own dialogs have no such list; they start where the last map was.)"""
    dialog = QFileDialog(parent, title, folder)
    dialog.setObjectName("map-files")
    untitled = QUrl.fromLocalFile(str(untitled_dir()))
    dialog.setSidebarUrls([u for u in dialog.sidebarUrls() if u != untitled] + [untitled])
    dialog.resize(max(dialog.width(), 760), max(dialog.height(), 480))
    splitter = dialog.findChild(QSplitter, "splitter")  # Qt's own dialog: names in full
    if splitter is not None:
        splitter.setSizes([170, 590])
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()


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
