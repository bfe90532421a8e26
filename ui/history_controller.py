"""The window's history of the map: saving snapshots and the Snapshots dock.

The window owns one ``HistoryController`` (``window.history``); the menus call it
("history.save_snapshot"), and it follows the open map's change notifications. Every change to
the snapshots is an operation pushed on the editor's undo stack, so Edit ▸ Undo takes it back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from app import files
from app.domain import MapData, Snapshot
from app.errors import EcomapError
from app.history import snapshots
from app.history.ops import AddSnapshot, RemoveSnapshot, RenameSnapshot
from app.quoting import shown
from app.storage.new_file import snapshot_data
from ui import background
from ui.compare_window import CompareWindow
from ui.following import follow_changes
from ui.panels.snapshots import SnapshotsPanel
from ui.snapshot_dialogs import SnapshotNameDialog, SnapshotViewer
from ui.timeline_window import TimelineWindow
from ui.wording import in_words

PANEL_WIDTH = 250  # beside the map on a 1024×768 projector


class HistoryController(QObject):
    """Keeps the Snapshots panel in step with the map and carries out what it asks."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = None
        self.dialog: SnapshotNameDialog | None = None
        self.viewer: SnapshotViewer | None = None
        self.comparing: CompareWindow | None = None
        self.timeline: TimelineWindow | None = None
        self.panel = SnapshotsPanel()
        self.panel.asked.connect(self._asked)
        self.dock = QDockWidget("Snapshots", window, objectName="snapshots")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()  # shown from View, or when the first snapshot is saved

    def add_to_menus(self, commands: dict) -> None:
        toggle = self.dock.toggleViewAction()
        toggle.setText("S&napshots panel")
        toggle.setShortcut("Ctrl+Shift+N")
        commands["docks"].menu().addAction(toggle)

    def show_panel(self) -> None:
        if not self.dock.isVisible():
            self.dock.show()
            self.window.resizeDocks([self.dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)

    def set_document(self, document) -> None:
        self.document = follow_changes(self.document, document, self._on_changed)
        self.panel.show_snapshots(document.snapshots() if document is not None else None)

    def _on_changed(self, changed) -> None:
        if changed.snapshots:
            self.panel.show_snapshots(self.document.snapshots())

    # --- saving, renaming, deleting --------------------------------------------------------

    def save_snapshot(self) -> None:
        """File ▸ Save snapshot…: ask for a name and note, then record the map."""
        if self.document is None:
            return
        today = date.today()
        self.dialog = SnapshotNameDialog(
            self.window, "Save snapshot", "Save snapshot",
            f"Snapshot {today.day} {today:%b %Y}", "", self.save_snapshot_named)
        self.dialog.open()

    def save_snapshot_named(self, name: str, note: str = "") -> str | None:
        """Record the map as it is as the snapshot ``name``; the problem in words, or None.
        The records are made in a worker, so a large map never freezes the window."""
        data = self.document.snapshot()

        def made():
            snapshot = snapshots.take(data, name, note)
            return snapshot, snapshot_data(snapshot)

        try:
            snapshot, encoded = background.wait_for(made)
        except EcomapError as error:
            return in_words(error)
        if not self.window.editor.run(AddSnapshot(snapshot, encoded),
                                      f"Save snapshot {shown(snapshot.name)}"):
            return self._refusal()
        self.show_panel()
        self.panel.choose(snapshot.name)
        self.window.editor.show_message(
            f"Snapshot {shown(snapshot.name)} saved: {len(snapshot.nodes):,} pieces and "
            f"{len(snapshot.edges):,} connections, as they are now.")
        return None

    def rename(self, snapshot: Snapshot) -> None:
        self.dialog = SnapshotNameDialog(
            self.window, "Rename snapshot", "Rename", snapshot.name, snapshot.note,
            lambda name, note: self.rename_to(snapshot, name, note))
        self.dialog.open()

    def rename_to(self, snapshot: Snapshot, name: str, note: str) -> str | None:
        if not self.window.editor.run(RenameSnapshot(snapshot, name, note),
                                      f"Rename snapshot {shown(snapshot.name)}"):
            return self._refusal()
        self.panel.choose(name.strip())
        return None

    def delete(self, snapshot: Snapshot) -> None:
        if self.window.editor.run(RemoveSnapshot(snapshot),
                                  f"Delete snapshot {shown(snapshot.name)}"):
            self.window.editor.show_message(
                f"Snapshot {shown(snapshot.name)} deleted (Ctrl+Z brings it back).")

    def _refusal(self) -> str:
        error = self.window.editor.refusal
        return in_words(error) if error is not None else "The snapshot was not changed."

    # --- looking back ----------------------------------------------------------------------

    def open_snapshot(self, snapshot: Snapshot) -> None:
        """Show the map as it was, read-only, beside the map as it is."""
        try:
            data = snapshots.map_at(self.document.snapshot(), snapshot)
        except EcomapError as error:
            self.window.show_problem("Could not show the snapshot", error)
            return
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = SnapshotViewer(self.window, data, snapshots.described(snapshot),
                                     self.window.scene.theme)
        self.viewer.destroyed.connect(lambda *_: setattr(self, "viewer", None))
        self.viewer.show()

    def restore(self, snapshot: Snapshot) -> None:
        """Make a new map from ``snapshot`` and open it; the map open now is left as it is."""
        current = self.document
        try:
            data = snapshots.as_new_map(current.snapshot(), snapshot)
            path = files.create_map(
                files.untitled_dir() / files.file_name_for(data.name), data, or_next_free=True)
        except EcomapError as error:
            self.window.show_problem("Could not restore the snapshot", error)
            return
        left = current.path.name
        if self.window.open_path(path):
            self.window.editor.show_message(
                f"Snapshot {shown(snapshot.name)} restored as the new map “{path.stem}” "
                f"(File ▸ Save As… gives it a place); “{left}” is as it was.")

    def compare(self) -> None:
        """Analyze ▸ Compare…: what changed since the latest snapshot (others can be chosen)."""
        data = self._history(
            "There is nothing to compare with yet: File ▸ Save snapshot… (Ctrl+Alt+S) records "
            "the map as it is, so you can see later what changed.")
        if data is None:
            return
        self._show("comparing", CompareWindow(self.window, data, self.window.scene.theme))
        kept = snapshots.in_order(data.snapshots)
        self.comparing.compare(kept[-1].name, "Now")
        diff = self.comparing.diff
        if diff is not None and diff.unchanged and len(kept) > 1:
            # Just after a review nothing has changed since it: what changed in the quarter
            # before is what the lead wants to see (the review before → now).
            self.comparing.compare(kept[-2].name, "Now")

    def show_timeline(self) -> None:
        """Analyze ▸ Timeline…: the map at each snapshot and now, to play in a workshop."""
        data = self._history(
            "The timeline needs snapshots: File ▸ Save snapshot… (Ctrl+Alt+S) at each review "
            "records the map as it is.")
        if data is None:
            return
        try:  # a snapshot whose pieces no longer read as a map is said, not shown
            window = TimelineWindow(self.window, data, self.window.scene.theme)
        except EcomapError as error:
            self.window.show_problem("Could not show the timeline", error)
            return
        self._show("timeline", window)

    def _history(self, without: str) -> MapData | None:
        """The open map, if it keeps snapshots; else ``without`` is said and None."""
        if self.document is None:
            return None
        data = self.document.snapshot()
        if not data.snapshots:
            self.window.editor.show_message(without)
            return None
        return data

    def _show(self, attribute: str, window) -> None:
        """Show ``window`` as ``self.<attribute>`` (closing the one shown before), forgotten
        when it closes."""
        if getattr(self, attribute) is not None:
            getattr(self, attribute).close()
        setattr(self, attribute, window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: setattr(self, attribute, None))
        window.show()
        window.activateWindow()

    def _asked(self, key: str, snapshot: Snapshot) -> None:
        {"open": self.open_snapshot, "restore": self.restore, "rename": self.rename,
         "delete": self.delete}[key](snapshot)
