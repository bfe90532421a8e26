"""Help ▸ Keyboard shortcuts: every command of the menus with its keys, and the mouse gestures."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ui.actions import MENUS, Command

GESTURES = (
    ("Canvas", "Add a node where you double-click", "Double-click"),
    ("Canvas", "Rename a node", "Double-click the node"),
    ("Canvas", "Select several nodes", "Drag a box, or Ctrl+click"),
    ("Canvas", "Connect two nodes", "Drag from a selected node's + handle"),
    ("Canvas", "What you can do with a node, a connection or an empty spot", "Right-click"),
    ("Canvas", "Pan the map", "Middle-button drag"),
    ("Canvas", "Zoom around the pointer", "Mouse wheel"),
    ("Adding nodes", "Next building block / previous", "Tab / Shift+Tab"),
    ("Adding nodes", "Choose building block 1–6", "Alt+1 … Alt+6, or click it"),
    ("Adding nodes", "Add and go on to the next", "Enter"),
    ("Adding nodes", "Stop adding", "Esc, or Enter on an empty label"),
    ("Finding", "Go to the node found", "Enter"),
    ("Finding", "Add the node found to the selection", "Shift+Enter"),
    ("Finding", "Next match / previous", "Down / Up"),
    ("Connecting", "Connect the selected node to one you name", "C, its label, Enter"),
    ("Inspector", "Next field / previous", "Tab / Shift+Tab"),
    ("Inspector", "Back to the map, leaving out what is half-typed", "Esc"),
    ("Presenting", "Next finding; after the last, the saved views", "→, PageDown, Space"),
    ("Presenting", "Previous finding or saved view", "←, PageUp"),
    ("Presenting", "Add a piece: type its label (1–6 choose its block first)", "N, Enter"),
    ("Presenting", "Add the piece and type the next", "Shift+Enter"),
    ("Presenting", "Connect the last two pieces added", "C"),
    ("Presenting", "End the walk or show everything again; then stop presenting", "Esc"),
)


def shortcut_rows(commands=None) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every command of the menus that has keys, then gestures."""
    rows = []
    for title, entries in MENUS:
        for entry in entries:
            if isinstance(entry, Command) and entry.shortcuts:
                rows.append((title.replace("&", ""), _text(entry, commands), _keys(entry)))
    return rows + list(GESTURES)


def _text(command: Command, commands) -> str:
    action = commands.get(command.key) if commands else None
    text = action.text() if action is not None else command.text
    return text.replace("&", "").removesuffix("…")


def _keys(command: Command) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(QKeySequence(s).toString(native) for s in command.shortcuts)


class ShortcutsDialog(QDialog):
    def __init__(self, parent, commands=None):
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(commands)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)
