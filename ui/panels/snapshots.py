"""The Snapshots panel: the map's snapshots, newest first, with what can be done with each."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Snapshot
from app.history.snapshots import in_order, moment

NO_MAP = "Open a map to see its snapshots."
NONE_YET = ("No snapshots yet. File ▸ Save snapshot… (Ctrl+Alt+S) records the map as it is, "
            "so you can compare with it later.")
ACTIONS = (("open", "Open", "Look at the map as it was (read-only)"),
           ("restore", "Restore…", "Make a new map from this snapshot; this map stays as it is"),
           ("rename", "Rename…", "Change the snapshot's name or note"),
           ("delete", "Delete", "Delete the snapshot (Edit ▸ Undo brings it back)"))


class SnapshotsPanel(QWidget):
    """A list of snapshots and buttons for the one chosen; it says what it wants done through
    ``asked`` (an action key from ``ACTIONS`` and the snapshot) and decides nothing itself."""

    asked = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("snapshots_panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.empty = QLabel(NO_MAP, wordWrap=True, objectName="snapshots_empty")
        # One column, three lines a row (name; date; counts): narrow enough for a side panel
        # on a 1024×768 projector.
        self.list = QTreeWidget(objectName="snapshots_list")
        self.list.setColumnCount(1)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setIndentation(0)
        # Alternate shading tells where one three-line row ends and the next begins.
        self.list.setAlternatingRowColors(True)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda *_: self._ask("open"))
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.note = QLabel(wordWrap=True, objectName="snapshot_note")
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.note)
        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, text, tip) in enumerate(ACTIONS):
            button = QPushButton(text, objectName=f"snapshot_{key}", toolTip=tip)
            button.clicked.connect(lambda _c=False, k=key: self._ask(k))
            buttons.addWidget(button, i // 2, i % 2)
            self.buttons[key] = button
        layout.addLayout(buttons)
        self.show_snapshots(None)

    def show_snapshots(self, snapshots: tuple[Snapshot, ...] | None) -> None:
        """List ``snapshots`` newest first (``None``: no map is open); the chosen one stays
        chosen if it is still there."""
        chosen = self.chosen()
        self.list.clear()
        kept = list(reversed(in_order(snapshots or ())))
        for snapshot in kept:
            when = moment(snapshot.taken_at)
            row = QTreeWidgetItem([f"{snapshot.name}\n{when.day} {when:%B %Y}\n"
                                   f"{_count(snapshot.node_count, 'piece')} · "
                                   f"{_count(snapshot.edge_count, 'connection')}"])
            row.setData(0, Qt.ItemDataRole.UserRole, snapshot)
            row.setToolTip(0, f"{snapshot.name}, taken {when:%d %B %Y at %H:%M}"
                              + (f"\n{snapshot.note}" if snapshot.note else ""))
            self.list.addTopLevelItem(row)
            if chosen is not None and snapshot.name == chosen.name:
                self.list.setCurrentItem(row)
        self.empty.setText(NO_MAP if snapshots is None else NONE_YET)
        self.empty.setVisible(not kept)
        self.list.setVisible(bool(kept))
        self._update_buttons()

    def chosen(self) -> Snapshot | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self, name: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole).name == name:
                self.list.setCurrentItem(item)

    def _update_buttons(self) -> None:
        chosen = self.chosen()
        for button in self.buttons.values():
            button.setEnabled(chosen is not None)
        self.note.setText(chosen.note if chosen is not None else "")
        self.note.setVisible(bool(chosen is not None and chosen.note))

    def _ask(self, key: str) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.asked.emit(key, chosen)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
